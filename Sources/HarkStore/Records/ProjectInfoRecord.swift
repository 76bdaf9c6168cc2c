// A row of `project_info`: one fact about the project file as a whole (when
// it was created, its schema, the public address panel links use).
import GRDB

struct ProjectInfoRecord: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "project_info"

  var key: String
  var value: String

  /// The value kept under `key`, if any.
  static func value(_ db: Database, key: String) throws -> String? {
    try fetchOne(db, key: key)?.value
  }
}
