// Sign-in rate limiting: too many failures for one name or from one address
// within a window, and sign-in is refused until the oldest of them ages out.
import Foundation

public enum SignInVerdict: Sendable, Equatable {
  case allowed
  case refused(until: Date)
}

/// In memory, per server process: a restart forgets failures, which costs an
/// attacker a restart they cannot cause. The web layer keeps one behind a lock.
public struct SignInThrottle: Sendable {
  public var maxFailures: Int
  public var window: TimeInterval
  private let now: @Sendable () -> Date
  private var failures: [String: [Date]] = [:]

  /// Five failures in fifteen minutes: enough for a researcher's typos, far too
  /// few for guessing a 10-character password.
  public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60, now: @escaping @Sendable () -> Date = { Date() }) {
    self.maxFailures = maxFailures
    self.window = window
    self.now = now
  }

  static func keys(name: String, address: String) -> [String] {
    ["name:" + name.lowercased(), "address:" + address]
  }

  /// Ask before checking a password; a refused attempt is not checked at all.
  public func verdict(name: String, address: String) -> SignInVerdict {
    let now = now()
    var until: Date?
    for key in Self.keys(name: name, address: address) {
      let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
      if recent.count >= maxFailures {
        let free = recent[recent.count - maxFailures].addingTimeInterval(window)
        until = max(until ?? free, free)
      }
    }
    return until.map { .refused(until: $0) } ?? .allowed
  }

  public mutating func recordFailure(name: String, address: String) {
    let now = now()
    for key in Self.keys(name: name, address: address) {
      var list = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
      list.append(now)
      failures[key] = list
    }
    // Forget keys whose failures have all aged out, so memory stays bounded.
    if failures.count > 10_000 {
      failures = failures.filter { _, dates in dates.contains { now.timeIntervalSince($0) < window } }
    }
  }

  /// A successful sign-in clears the name's failures, not the address's: one
  /// good account must not reset the count for guesses at others.
  public mutating func recordSuccess(name: String) {
    failures["name:" + name.lowercased()] = nil
  }
}
