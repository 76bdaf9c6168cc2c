// Plugin results read back for the benchmarks: where one plugin's scores
// fall in a document, and the concepts some plugins found.
import Foundation
import GRDB

extension ProjectStore {
  /// The spans the plugin scored in the document under the score name, in text order.
  public func scoreSpans(document: DocumentID, plugin: String, name: String) throws -> [Range<Int>] {
    try pool.read { db in
      try ScoringSnapshot.Span.fetchAll(
        db,
        sql: """
          SELECT s.start, s."end" FROM score s JOIN analysis a ON a.id = s.analysis_id
          WHERE s.document_id = ? AND a.plugin_id = ? AND s.name = ? ORDER BY s.start
          """, arguments: [document, plugin, name]
      ).map { $0.start..<$0.end }
    }
  }

  /// Live concepts the given plugins mentioned, most mentioned first (then by
  /// label), at most `limit`.
  public func conceptLabels(foundBy plugins: [String], limit: Int = 500) throws -> [String] {
    guard !plugins.isEmpty else { return [] }
    let among = Array(repeating: "?", count: plugins.count).joined(separator: ", ")
    return try pool.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT c.label FROM concept c
          JOIN concept_mention m ON m.concept_id = c.id JOIN analysis a ON a.id = m.analysis_id
          WHERE c.merged_into IS NULL AND a.plugin_id IN (\(among))
          GROUP BY c.id ORDER BY count(*) DESC, c.label LIMIT ?
          """, arguments: StatementArguments(plugins) + [limit])
    }
  }

  /// Moves everything in the write-ahead log into the database file and
  /// empties the log, so a copy of the file alone is the whole project.
  public func checkpoint() throws {
    _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
  }
}
