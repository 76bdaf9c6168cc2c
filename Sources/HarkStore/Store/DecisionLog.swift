// The decision log (`decision`): every researcher decision, who, when and
// what. Append-only (triggers in `Schema/Schema.swift`); this is its one writer.
import Foundation
import GRDB

extension ProjectStore {
  /// The one writer of the decision log: a row with the actor named (the web
  /// layer acts for a signed-in researcher, not for the login running the
  /// server) and the detail as JSON with sorted keys. `at` is now unless the
  /// decisions were taken together (a map import gives them one time).
  static func log(
    _ db: Database, at: String = Clock.now(), actor: String, subject: String, action: String, detail: [String: Any]
  ) throws {
    // Prepared once per connection: an import of 10,000 links writes 10,000 decisions.
    try db.cachedStatement(sql: "INSERT INTO decision(at, actor, subject, action, detail) VALUES (?, ?, ?, ?, ?)")
      .execute(arguments: [at, actor, subject, action, try jsonString(detail)])
  }
}
