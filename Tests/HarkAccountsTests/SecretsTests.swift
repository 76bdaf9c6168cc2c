// Password hashes, tokens and their digests, and CSRF tokens: the account
// secrets that need no project.
import Foundation
import HarkAccounts
import Testing

/// A cheap scrypt cost so tests run fast; one test checks the standard cost.
let testCost = PasswordHashCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

@Suite("Account secrets")
struct SecretsTests {
  @Test("a password hash names scrypt and its cost, verifies the password and nothing else")
  func hashRoundTrip() throws {
    let hash = try PasswordHash.make("correct horse battery", cost: testCost)
    let parts = hash.split(separator: "$")
    #expect(parts.count == 6)
    #expect(parts[0...3] == ["scrypt", "1024", "8", "1"])
    #expect(parts[4].count == 22 && parts[5].count == 43)
    #expect(PasswordHash.verify("correct horse battery", against: hash))
    #expect(!PasswordHash.verify("correct horse batterz", against: hash))
    #expect(!PasswordHash.verify("", against: hash))
    // The same password hashes differently each time (a fresh salt).
    #expect(try PasswordHash.make("correct horse battery", cost: testCost) != hash)
  }

  @Test("the standard cost is scrypt N=2^17, r=8, p=1, and such a hash verifies")
  func standardCost() throws {
    #expect(PasswordHashCost.standard == PasswordHashCost(rounds: 131_072, blockSize: 8, parallelism: 1))
    let hash = try PasswordHash.make("a long enough password")
    #expect(hash.hasPrefix("scrypt$131072$8$1$"))
    #expect(PasswordHash.verify("a long enough password", against: hash))
  }

  @Test("a malformed stored hash never matches")
  func malformedHash() {
    for stored in [
      "", "scrypt", "bcrypt$1024$8$1$AAAA$BBBB", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
      "scrypt$1024$8$1$!!!$AAAA", "scrypt$1024$0$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
      #expect(!PasswordHash.verify("anything at all", against: stored), "\(stored)")
    }
  }

  @Test("constant-time comparison tells equal from unequal, including different lengths")
  func constantTime() {
    #expect(Secrets.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
    #expect(!Secrets.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
    #expect(!Secrets.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
    #expect(Secrets.constantTimeEqual([UInt8](), [UInt8]()))
  }

  @Test("tokens are 256 random bits in base64url; their digest is SHA-256 hex")
  func tokens() {
    let a = Secrets.token()
    let b = Secrets.token()
    #expect(a.count == 43 && b.count == 43 && a != b)
    #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    #expect(Secrets.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("a CSRF token is fixed for a session, differs between sessions and checks only against its own")
  func csrf() {
    let a = Secrets.token()
    let b = Secrets.token()
    #expect(CSRF.token(forSession: a) == CSRF.token(forSession: a))
    #expect(CSRF.token(forSession: a) != CSRF.token(forSession: b))
    #expect(CSRF.token(forSession: a).count == 43)
    #expect(CSRF.token(forSession: a) != a)
    #expect(CSRF.isValid(CSRF.token(forSession: a), forSession: a))
    #expect(!CSRF.isValid(CSRF.token(forSession: b), forSession: a))
    #expect(!CSRF.isValid("", forSession: a))
    #expect(!CSRF.isValid(a, forSession: a))
  }
}
