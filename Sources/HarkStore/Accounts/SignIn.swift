// Researcher sign-in as the web layer calls it: the rate limit asked first,
// the password checked, the limit told the result, a session started.
import Foundation
import HarkAccounts

public enum SignInResult: Sendable, Equatable {
  case signedIn(Researcher, NewSession)
  /// Wrong name or password: the page says so without saying which.
  case wrongNameOrPassword
  /// Too many failures lately; the page says when to try again.
  case refused(until: Date)
}

/// The sign-in rules of one server. The failures themselves are kept in the
/// project, so every server process and every restart sees the same counts.
public struct SignInGate: Sendable {
  public let throttle: SignInThrottle
  private let clock: @Sendable () -> Date

  public init(throttle: SignInThrottle = SignInThrottle(), now: @escaping @Sendable () -> Date = { Date() }) {
    self.throttle = throttle
    self.clock = now
  }

  /// The time by the gate's clock, so a page says how long to wait by the
  /// same clock that refused.
  public func now() -> Date { clock() }

  /// `address` is the client's IP address as the server sees it.
  public func signIn(store: ProjectStore, name: String, password: String, address: String) throws -> SignInResult {
    let now = clock()
    let rows: [SignInFailureID]
    switch try store.beginSignIn(name: name, address: address, throttle: throttle, now: now) {
    case .refused(let until): return .refused(until: until)
    case .counted(let counted): rows = counted
    }
    guard let researcher = try store.checkPassword(name: name, password: password) else {
      return .wrongNameOrPassword
    }
    try store.signInSucceeded(name: name, attempt: rows)
    return .signedIn(researcher, try store.startSession(researcher: researcher, now: now))
  }
}
