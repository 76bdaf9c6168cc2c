// Researcher sign-in as the web layer calls it: the rate limit asked first,
// the password checked, the limit told the result, a session started.
import Foundation
import Synchronization

public enum SignInResult: Sendable, Equatable {
  case signedIn(Researcher, NewSession)
  /// Wrong name or password: the page says so without saying which.
  case wrongNameOrPassword
  /// Too many failures lately; the page says when to try again.
  case refused(until: Date)
}

/// One per server process, shared by every request.
public final class SignInGate: Sendable {
  private let throttle: Mutex<SignInThrottle>
  private let now: @Sendable () -> Date

  public init(throttle: SignInThrottle = SignInThrottle(), now: @escaping @Sendable () -> Date = { Date() }) {
    self.throttle = Mutex(throttle)
    self.now = now
  }

  /// `address` is the client's IP address as the server sees it.
  public func signIn(store: ProjectStore, name: String, password: String, address: String) throws -> SignInResult {
    if case .refused(let until) = throttle.withLock({ $0.verdict(name: name, address: address) }) {
      return .refused(until: until)
    }
    guard let researcher = try store.checkPassword(name: name, password: password) else {
      throttle.withLock { $0.recordFailure(name: name, address: address) }
      return .wrongNameOrPassword
    }
    throttle.withLock { $0.recordSuccess(name: name) }
    return .signedIn(researcher, try store.startSession(researcher: researcher, now: now()))
  }
}
