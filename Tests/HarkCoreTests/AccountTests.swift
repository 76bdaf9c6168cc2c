// Researcher accounts, sessions, CSRF tokens and the sign-in rate limit.
import Foundation
import GRDB
import Testing

@testable import HarkCore

/// A cheap scrypt cost so tests run fast; one test checks the standard cost.
let testCost = PasswordHashCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

@Suite("Researcher accounts")
struct AccountTests {
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

  @Test("a researcher is added once, signs in with the right password only")
  func addAndCheck() throws {
    let store = try PanelFixture.project()
    let added = try store.addResearcher(name: "amina", password: "ten chars!", cost: testCost)
    #expect(try store.researchers().map(\.name) == ["amina"])
    #expect(try store.checkPassword(name: "amina", password: "ten chars!") == added)
    #expect(try store.checkPassword(name: "AMINA", password: "ten chars!") == added)
    #expect(try store.checkPassword(name: "amina", password: "ten chars?") == nil)
    #expect(try store.checkPassword(name: "nobody", password: "ten chars!") == nil)
    let stored = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM researcher") }
    #expect(stored?.hasPrefix("scrypt$1024$8$1$") == true)
    #expect(try store.decisions(subject: "researcher:\(added.id)").map(\.action) == ["add"])
  }

  @Test("a short password, a name with a space and a name already used are refused, nothing stored")
  func addRefusals() throws {
    let store = try PanelFixture.project()
    let short = #expect(throws: HarkError.self) {
      try store.addResearcher(name: "amina", password: "nine char", cost: testCost)
    }
    #expect(
      short?.description
        == "researcher amina: the password is too short (9 characters). Use at least 10 characters; a few unrelated words are easy to remember"
    )
    let spaced = #expect(throws: HarkError.self) {
      try store.addResearcher(name: "amina k", password: "long enough", cost: testCost)
    }
    #expect(spaced?.problem == "a researcher name must be one word, got \"amina k\"")
    #expect(try store.researchers().isEmpty)
    _ = try store.addResearcher(name: "amina", password: "long enough", cost: testCost)
    let again = #expect(throws: HarkError.self) {
      try store.addResearcher(name: "Amina", password: "long enough", cost: testCost)
    }
    #expect(again?.problem == "there is already a researcher called Amina")
    #expect(try store.researchers().count == 1)
  }

  @Test("a session token signs its researcher in until it expires or ends, and is stored only as a digest")
  func sessions() throws {
    let store = try PanelFixture.project()
    let researcher = try store.addResearcher(name: "amina", password: "long enough", cost: testCost)
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let session = try store.startSession(researcher: researcher, now: start)
    #expect(session.expiresAt == start.addingTimeInterval(12 * 3600))
    #expect(try store.sessionHolder(token: session.token, now: start) == .researcher(researcher))
    #expect(try store.sessionHolder(token: session.token, now: start.addingTimeInterval(12 * 3600 - 1)) != nil)
    #expect(try store.sessionHolder(token: session.token, now: start.addingTimeInterval(12 * 3600)) == nil)
    #expect(try store.sessionHolder(token: "not-a-token", now: start) == nil)
    let stored = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT token_sha256 FROM session") }
    #expect(stored == [Secrets.digest(session.token)])
    try store.endSession(token: session.token, now: start.addingTimeInterval(60))
    #expect(try store.sessionHolder(token: session.token, now: start.addingTimeInterval(61)) == nil)
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

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current = Date(timeIntervalSince1970: 1_800_000_000)
  var now: Date { lock.withLock { current } }
  func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

@Suite("Sign-in rate limit")
struct SignInThrottleTests {
  @Test("five failures for a name refuse it until the first failure is fifteen minutes old")
  func perName() {
    let clock = TestClock()
    var throttle = SignInThrottle(now: { clock.now })
    let start = clock.now
    for i in 0..<5 {
      #expect(throttle.verdict(name: "amina", address: "10.0.0.\(i)") == .allowed)
      throttle.recordFailure(name: "amina", address: "10.0.0.\(i)")
      clock.advance(60)
    }
    #expect(throttle.verdict(name: "Amina", address: "10.0.0.9") == .refused(until: start.addingTimeInterval(900)))
    #expect(throttle.verdict(name: "grace", address: "10.0.0.9") == .allowed)
    clock.advance(900 - 5 * 60 - 1)
    #expect(throttle.verdict(name: "amina", address: "10.0.0.9") != .allowed)
    clock.advance(1)
    #expect(throttle.verdict(name: "amina", address: "10.0.0.9") == .allowed)
  }

  @Test("five failures from one address refuse it for every name")
  func perAddress() {
    let clock = TestClock()
    var throttle = SignInThrottle(now: { clock.now })
    for name in ["a", "b", "c", "d", "e"] { throttle.recordFailure(name: name, address: "192.0.2.1") }
    #expect(throttle.verdict(name: "f", address: "192.0.2.1") == .refused(until: clock.now.addingTimeInterval(900)))
    #expect(throttle.verdict(name: "f", address: "192.0.2.2") == .allowed)
  }

  @Test("a success clears the name's failures but not the address's")
  func successClearsName() {
    let clock = TestClock()
    var throttle = SignInThrottle(maxFailures: 3, window: 60, now: { clock.now })
    for _ in 0..<3 { throttle.recordFailure(name: "amina", address: "192.0.2.1") }
    throttle.recordSuccess(name: "amina")
    #expect(throttle.verdict(name: "amina", address: "192.0.2.7") == .allowed)
    #expect(throttle.verdict(name: "amina", address: "192.0.2.1") == .refused(until: clock.now.addingTimeInterval(60)))
  }
}
