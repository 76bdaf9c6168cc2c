// A row of `sign_in_failure`: one failed (or not yet checked) sign-in
// attempt, under an account's or an address's throttle key.
import GRDB

struct SignInFailureRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "sign_in_failure"

  var id: SignInFailureID?
  var key: String
  /// Seconds since 1970, as stored (REAL).
  var at: Double

  enum CodingKeys: String, CodingKey {
    case id, key, at
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = SignInFailureID(inserted.rowID) }

  /// The failures counted under a throttle key.
  static func under(key: String) -> QueryInterfaceRequest<SignInFailureRecord> {
    all().filter(Column(CodingKeys.key) == key)
  }

  /// Failures at or before `seconds` (since 1970), which no longer count.
  static func outdated(atOrBefore seconds: Double) -> QueryInterfaceRequest<SignInFailureRecord> {
    all().filter(Column(CodingKeys.at) <= seconds)
  }
}
