// Sign-in rate limiting, kept in the project so a restart forgets nothing.
// Failures are counted per account and per address separately: an account
// takes few guesses, an address many, because a whole team may sign in from
// behind one proxy and one researcher's typos must not lock out the rest.
import Foundation
import GRDB

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
  static func accountKey(_ name: String) -> String { Secrets.digest("account:" + name.lowercased()) }
  static func addressKey(_ address: String) -> String { Secrets.digest("address:" + address) }

  /// Refused while `limit` or more failures lie within the window; free again
  /// when the oldest of the last `limit` ages out. `failures` sorted, oldest first.
  func verdict(_ failures: [Date], limit: Int, now: Date) -> SignInVerdict {
    let recent = failures.filter { now.timeIntervalSince($0) < window }
    guard recent.count >= limit, limit > 0 else { return .allowed }
    return .refused(until: recent[recent.count - limit].addingTimeInterval(window))
  }
}

/// A sign-in attempt counted before its password is checked.
public enum SignInAttempt: Sendable, Equatable {
  /// Go on and check the password; `rows` hold this attempt's provisional
  /// failure (one for the account, one for the address).
  case counted(rows: [SignInFailureID])
  case refused(until: Date)
}

extension ProjectStore {
  /// Asks the throttle and, when allowed, records this attempt as a failure
  /// in the same transaction. Counting before the slow password check means
  /// attempts sent all at once cannot slip past the limit together.
  public func beginSignIn(name: String, address: String, throttle: SignInThrottle, now: Date) throws -> SignInAttempt {
    try pool.write { db in
      let since = now.timeIntervalSince1970 - throttle.window
      try db.execute(sql: "DELETE FROM sign_in_failure WHERE at <= ?", arguments: [since])
      var until: Date?
      for (key, limit) in [
        (SignInThrottle.accountKey(name), throttle.accountLimit),
        (SignInThrottle.addressKey(address), throttle.addressLimit),
      ] {
        let failures = try Double.fetchAll(
          db, sql: "SELECT at FROM sign_in_failure WHERE key = ? ORDER BY at", arguments: [key]
        ).map { Date(timeIntervalSince1970: $0) }
        if case .refused(let free) = throttle.verdict(failures, limit: limit, now: now) {
          until = max(until ?? free, free)
        }
      }
      if let until { return .refused(until: until) }
      var rows: [SignInFailureID] = []
      for key in [SignInThrottle.accountKey(name), SignInThrottle.addressKey(address)] {
        try db.execute(
          sql: "INSERT INTO sign_in_failure(key, at) VALUES (?, ?)", arguments: [key, now.timeIntervalSince1970])
        rows.append(SignInFailureID(db.lastInsertedRowID))
      }
      return .counted(rows: rows)
    }
  }

  /// The password was right: the attempt was no failure, and the account's
  /// earlier failures are forgotten. The address's stay: one good account
  /// must not reset the count for guesses at others.
  public func signInSucceeded(name: String, attempt rows: [SignInFailureID]) throws {
    try pool.write { db in
      try db.execute(
        sql: "DELETE FROM sign_in_failure WHERE key = ?", arguments: [SignInThrottle.accountKey(name)])
      for row in rows { try db.execute(sql: "DELETE FROM sign_in_failure WHERE id = ?", arguments: [row]) }
    }
  }
}
