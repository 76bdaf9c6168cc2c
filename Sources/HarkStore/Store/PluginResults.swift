// Plugin results read back in full, for exports and for the command line:
// every score, and where in a link's quote its cause and effect were found.
// (A concept's mentions: `conceptMentions`, beside concept splits.)
import Foundation
import GRDB

/// A number a plugin put on a span (a sentence's sentiment, say).
public struct ScoreRecord: Sendable, Equatable {
  public var id: ScoreID
  public var documentID: DocumentID
  public var name: String
  public var start: Int
  public var end: Int
  public var value: Double
  public var explanation: String
  public var proposedBy: String
}

/// A score as `scores()` reads it: its row and the plugin that wrote it.
private struct PluginScoreRow: Decodable, FetchableRecord {
  var id: ScoreID
  var documentID: DocumentID
  var name: String
  var start: Int
  var end: Int
  var value: Double
  var explanation: String
  var pluginID: String
  var pluginVersion: String

  enum CodingKeys: String, CodingKey {
    case id, name, start, end, value, explanation
    case documentID = "document_id"
    case pluginID = "plugin_id"
    case pluginVersion = "plugin_version"
  }

  var score: ScoreRecord {
    ScoreRecord(
      id: id, documentID: documentID, name: name, start: start, end: end, value: value, explanation: explanation,
      proposedBy: "plugin:\(pluginID)@\(pluginVersion)")
  }
}

extension ProjectStore {
  /// Every score, in document order.
  public func scores() throws -> [ScoreRecord] {
    try pool.read { db in
      try PluginScoreRow.fetchAll(
        db,
        sql: """
          SELECT s.id, s.document_id, s.name, s.start, s."end", s.value, s.explanation, a.plugin_id, a.plugin_version
          FROM score s JOIN analysis a ON a.id = s.analysis_id ORDER BY s.document_id, s.start, s.name, s.id
          """
      ).map(\.score)
    }
  }

  /// Where the plugin found the cause and the effect inside each quote, by evidence id, when it said.
  public func evidenceSpans() throws -> [EvidenceID: (cause: Range<Int>?, effect: Range<Int>?)] {
    try pool.read { db in
      var spans: [EvidenceID: (cause: Range<Int>?, effect: Range<Int>?)] = [:]
      for row in try EvidenceRecord.fetchAll(db) { spans[row.id] = (row.cause, row.effect) }
      return spans
    }
  }
}
