// Researcher accounts and sessions as the project keeps them, and the sign-in rate limit.
import Foundation
import GRDB
import HarkAccounts
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

/// A cheap scrypt cost so tests run fast (HarkAccountsTests checks the standard cost).
let testCost = PasswordHashCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

@Suite("Researcher accounts")
struct AccountTests {
  @Test("a researcher is added once, signs in with the right password only")
  func addAndCheck() throws {
    let store = try PanelFixture.project()
    let added = try store.addResearcher(name: "amina", password: "ten chars!", cost: testCost, actor: testActor)
    #expect(try store.researchers().map(\.name) == ["amina"])
    #expect(try store.checkPassword(name: "amina", password: "ten chars!") == added)
    #expect(try store.checkPassword(name: "AMINA", password: "ten chars!") == added)
    #expect(try store.checkPassword(name: "amina", password: "ten chars?") == nil)
    #expect(try store.checkPassword(name: "nobody", password: "ten chars!") == nil)
    let stored = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM researcher") }
    #expect(stored?.hasPrefix("scrypt$1024$8$1$") == true)
    #expect(try store.decisions(subject: .researcher(added.id)).map(\.action) == [.add])
  }

  @Test("a short password, a name with a space and a name already used are refused, nothing stored")
  func addRefusals() throws {
    let store = try PanelFixture.project()
    let short = #expect(throws: HarkError.self) {
      try store.addResearcher(name: "amina", password: "nine char", cost: testCost, actor: testActor)
    }
    #expect(
      short?.description
        == "researcher amina: the password is too short (9 characters). Use at least 10 characters; a few unrelated words are easy to remember"
    )
    let spaced = #expect(throws: HarkError.self) {
      try store.addResearcher(name: "amina k", password: "long enough", cost: testCost, actor: testActor)
    }
    #expect(spaced?.problem == "a researcher name must be one word, got \"amina k\"")
    #expect(try store.researchers().isEmpty)
    _ = try store.addResearcher(name: "amina", password: "long enough", cost: testCost, actor: testActor)
    let again = #expect(throws: HarkError.self) {
      try store.addResearcher(name: "Amina", password: "long enough", cost: testCost, actor: testActor)
    }
    #expect(again?.problem == "there is already a researcher called Amina")
    #expect(try store.researchers().count == 1)
  }

  @Test("a session token signs its researcher in until it expires or ends, and is stored only as a digest")
  func sessions() throws {
    let store = try PanelFixture.project()
    let researcher = try store.addResearcher(name: "amina", password: "long enough", cost: testCost, actor: testActor)
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
  static func store() throws -> ProjectStore {
    try ProjectStore.create(at: try makeTemporaryFolder("hark-panel").appendingPathComponent("p.sqlite").path)
  }

  /// One failed attempt, as the gate counts it before the password check.
  static func fail(_ store: ProjectStore, _ name: String, from address: String, at now: Date, limits: SignInThrottle)
    throws -> SignInAttempt
  {
    try store.beginSignIn(name: name, address: address, throttle: limits, now: now)
  }

  @Test("five failures for an account refuse it, from any address, until the first is fifteen minutes old")
  func perAccount() throws {
    let store = try Self.store()
    let limits = SignInThrottle()
    let clock = TestClock()
    let start = clock.now
    for i in 0..<5 {
      #expect(try Self.fail(store, "amina", from: "10.0.0.\(i)", at: clock.now, limits: limits).isCounted)
      clock.advance(60)
    }
    #expect(
      try Self.fail(store, "Amina", from: "10.0.0.9", at: clock.now, limits: limits) == .refused(until: start + 900))
    #expect(try Self.fail(store, "grace", from: "10.0.0.9", at: clock.now, limits: limits).isCounted)
    clock.advance(900 - 5 * 60 - 1)
    #expect(
      try Self.fail(store, "amina", from: "10.0.0.9", at: clock.now, limits: limits) == .refused(until: start + 900))
    clock.advance(1)
    #expect(try Self.fail(store, "amina", from: "10.0.0.9", at: clock.now, limits: limits).isCounted)
  }

  @Test("one researcher's five failures do not refuse another researcher at the same address")
  func sharedAddress() throws {
    let store = try Self.store()
    let clock = TestClock()
    for _ in 0..<5 { _ = try Self.fail(store, "amina", from: "192.0.2.1", at: clock.now, limits: SignInThrottle()) }
    #expect(try Self.fail(store, "grace", from: "192.0.2.1", at: clock.now, limits: SignInThrottle()).isCounted)
  }

  @Test("an address is refused for every account once it reaches its own, higher limit")
  func perAddress() throws {
    let store = try Self.store()
    let clock = TestClock()
    #expect(SignInThrottle() == SignInThrottle(accountLimit: 5, addressLimit: 100, window: 900))
    let limits = SignInThrottle(accountLimit: 5, addressLimit: 12, window: 900)
    for i in 0..<12 { _ = try Self.fail(store, "name\(i % 4)", from: "192.0.2.1", at: clock.now, limits: limits) }
    #expect(
      try Self.fail(store, "new", from: "192.0.2.1", at: clock.now, limits: limits) == .refused(until: clock.now + 900))
    #expect(try Self.fail(store, "new", from: "192.0.2.2", at: clock.now, limits: limits).isCounted)
  }

  @Test("failures are kept in the project: a store opened again still refuses, and keeps no name or address in clear")
  func survivesReopening() throws {
    let store = try Self.store()
    let clock = TestClock()
    for _ in 0..<5 { _ = try Self.fail(store, "amina", from: "192.0.2.1", at: clock.now, limits: SignInThrottle()) }
    let reopened = try ProjectStore(path: store.path)
    #expect(
      try Self.fail(reopened, "amina", from: "192.0.2.3", at: clock.now, limits: SignInThrottle())
        == .refused(until: clock.now + 900))
    let keys = try reopened.pool.read { db in try String.fetchAll(db, sql: "SELECT key FROM sign_in_failure") }
    #expect(keys.count == 10)
    #expect(keys.allSatisfy { $0.count == 64 && !$0.contains("amina") && !$0.contains("192.0.2") })
  }

  @Test("a success clears the account's failures and is not itself counted; the address's failures stay")
  func successClearsAccount() throws {
    let store = try Self.store()
    let researcher = try store.addResearcher(name: "amina", password: "long enough", cost: testCost, actor: testActor)
    let clock = TestClock()
    let gate = SignInGate(throttle: SignInThrottle(accountLimit: 3, addressLimit: 4, window: 60), now: { clock.now })
    for _ in 0..<3 {
      #expect(
        try gate.signIn(store: store, name: "amina", password: "wrong!", address: "192.0.2.1") == .wrongNameOrPassword)
    }
    #expect(
      try gate.signIn(store: store, name: "amina", password: "long enough", address: "192.0.2.7")
        == .refused(until: clock.now + 60))
    clock.advance(60)
    // One failure from 192.0.2.1 inside the window, then a success from there.
    #expect(
      try gate.signIn(store: store, name: "grace", password: "wrong!", address: "192.0.2.1") == .wrongNameOrPassword)
    guard
      case .signedIn(let who, _) = try gate.signIn(
        store: store, name: "amina", password: "long enough", address: "192.0.2.1")
    else {
      Issue.record("the right password was refused after the window")
      return
    }
    #expect(who == researcher)
    // The address now holds exactly one failure: the success neither cleared
    // it nor counted. Two more reach three; the fourth attempt is checked
    // (and fails), the fifth is refused.
    #expect(
      try gate.signIn(store: store, name: "amina", password: "wrong!", address: "192.0.2.1") == .wrongNameOrPassword)
    #expect(
      try gate.signIn(store: store, name: "grace", password: "wrong!", address: "192.0.2.1") == .wrongNameOrPassword)
    #expect(
      try gate.signIn(store: store, name: "bea", password: "wrong!", address: "192.0.2.1") == .wrongNameOrPassword)
    #expect(
      try gate.signIn(store: store, name: "bea", password: "wrong!", address: "192.0.2.1")
        == .refused(until: clock.now + 60))
  }
}

extension SignInAttempt {
  /// Allowed to go on to the password check.
  var isCounted: Bool {
    if case .counted = self { return true }
    return false
  }
}
