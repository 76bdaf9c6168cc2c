// The decision log (`decision`): every researcher decision, who, when and
// what. Append-only (triggers in `Schema/Schema.swift`); this is its one writer.
import Foundation
import GRDB

/// A row of the decision log (`decision`), decoded by column name. `detail`
/// is the JSON text as stored (written from a ``DecisionDetail``).
public struct Decision: Sendable, Equatable, Codable, FetchableRecord {
  public var id: DecisionID
  public var at: String
  public var actor: String
  public var subject: DecisionSubject
  public var action: DecisionAction
  public var detail: String
}

extension ProjectStore {
  /// The decisions taken, oldest first: on one subject, or all of them.
  public func decisions(subject: DecisionSubject? = nil) throws -> [Decision] {
    try pool.read { db in
      try Decision.fetchAll(
        db, sql: "SELECT * FROM decision WHERE (? IS NULL OR subject = ?) ORDER BY id", arguments: [subject, subject])
    }
  }

  /// The one writer of the decision log: a row with the actor named (the web
  /// layer acts for a signed-in researcher, not for the login running the
  /// server) and the detail as JSON with sorted keys. `at` is now unless the
  /// decisions were taken together (a map import gives them one time).
  static func log(
    _ db: Database, at: String = Clock.now(), actor: String, subject: DecisionSubject, action: DecisionAction,
    detail: DecisionDetail
  ) throws {
    // Prepared once per connection: an import of 10,000 links writes 10,000 decisions.
    try db.cachedStatement(sql: "INSERT INTO decision(at, actor, subject, action, detail) VALUES (?, ?, ?, ?, ?)")
      .execute(arguments: [at, actor, subject, action, try detail.json()])
  }
}
