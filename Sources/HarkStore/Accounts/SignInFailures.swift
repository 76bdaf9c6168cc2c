// Sign-in failures as the project keeps them: an attempt counted before its
// password is checked, under the throttle's policy (HarkAccounts' SignInThrottle).
import Foundation
import GRDB
import HarkAccounts

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
      try SignInFailureRecord.outdated(atOrBefore: now.timeIntervalSince1970 - throttle.window).deleteAll(db)
      var until: Date?
      for (key, limit) in [
        (SignInThrottle.accountKey(name), throttle.accountLimit),
        (SignInThrottle.addressKey(address), throttle.addressLimit),
      ] {
        let failures = try SignInFailureRecord.under(key: key).order(Column(SignInFailureRecord.CodingKeys.at))
          .fetchAll(db).map { Date(timeIntervalSince1970: $0.at) }
        if case .refused(let free) = throttle.verdict(failures, limit: limit, now: now) {
          until = max(until ?? free, free)
        }
      }
      if let until { return .refused(until: until) }
      var rows: [SignInFailureID] = []
      for key in [SignInThrottle.accountKey(name), SignInThrottle.addressKey(address)] {
        let failure = try SignInFailureRecord(key: key, at: now.timeIntervalSince1970).inserted(db)
        rows.append(failure.id!)
      }
      return .counted(rows: rows)
    }
  }

  /// The password was right: the attempt was no failure, and the account's
  /// earlier failures are forgotten. The address's stay: one good account
  /// must not reset the count for guesses at others.
  public func signInSucceeded(name: String, attempt rows: [SignInFailureID]) throws {
    try pool.write { db in
      try SignInFailureRecord.under(key: SignInThrottle.accountKey(name)).deleteAll(db)
      try SignInFailureRecord.deleteAll(db, keys: rows)
    }
  }
}
