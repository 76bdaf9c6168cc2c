// Sign-in rate limiting, kept in the project so a restart forgets nothing.
// Failures are counted per account and per address separately: an account
// takes few guesses, an address many, because a whole team may sign in from
// behind one proxy and one researcher's typos must not lock out the rest.
import Foundation

public enum SignInVerdict: Sendable, Equatable {
  case allowed
  case refused(until: Date)
}

/// How many failures within the window refuse an account or an address.
public struct SignInThrottle: Sendable, Equatable {
  public var accountLimit: Int
  public var addressLimit: Int
  public var window: TimeInterval

  /// Five failures for one account in fifteen minutes: enough for a
  /// researcher's typos, far too few for guessing a 10-character password.
  /// A hundred from one address: a team behind one proxy mistyping for a
  /// morning stays under it, while one machine guessing across many accounts
  /// is still stopped.
  public init(accountLimit: Int = 5, addressLimit: Int = 100, window: TimeInterval = 15 * 60) {
    self.accountLimit = accountLimit
    self.addressLimit = addressLimit
    self.window = window
  }

  /// The stored key of an account or address: a digest, so the table keeps
  /// neither the addresses people came from nor a password typed by mistake
  /// into the name field.
  public static func accountKey(_ name: String) -> String { Secrets.digest("account:" + name.lowercased()) }
  public static func addressKey(_ address: String) -> String { Secrets.digest("address:" + address) }

  /// Refused while `limit` or more failures lie within the window; free again
  /// when the oldest of the last `limit` ages out. `failures` sorted, oldest first.
  public func verdict(_ failures: [Date], limit: Int, now: Date) -> SignInVerdict {
    let recent = failures.filter { now.timeIntervalSince($0) < window }
    guard recent.count >= limit, limit > 0 else { return .allowed }
    return .refused(until: recent[recent.count - limit].addingTimeInterval(window))
  }
}
