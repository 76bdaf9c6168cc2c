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

extension ProjectStore {
  /// Every score, in document order.
  public func scores() throws -> [ScoreRecord] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.id, s.document_id, s.name, s.start, s."end", s.value, s.explanation, a.plugin_id, a.plugin_version
          FROM score s JOIN analysis a ON a.id = s.analysis_id ORDER BY s.document_id, s.start, s.name, s.id
          """
      ).map { row in
        ScoreRecord(
          id: row["id"], documentID: row["document_id"], name: row["name"], start: row["start"], end: row["end"],
          value: row["value"], explanation: row["explanation"],
          proposedBy: "plugin:\(row["plugin_id"] as String)@\(row["plugin_version"] as String)")
      }
    }
  }

  /// Where the plugin found the cause and the effect inside each quote, by evidence id, when it said.
  public func evidenceSpans() throws -> [EvidenceID: (cause: Range<Int>?, effect: Range<Int>?)] {
    try pool.read { db in
      var spans: [EvidenceID: (cause: Range<Int>?, effect: Range<Int>?)] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT id, cause_start, cause_end, effect_start, effect_end FROM evidence")
      {
        func range(_ start: String, _ end: String) -> Range<Int>? {
          guard let s = row[start] as Int?, let e = row[end] as Int?, s <= e else { return nil }
          return s..<e
        }
        spans[row["id"]] = (range("cause_start", "cause_end"), range("effect_start", "effect_end"))
      }
      return spans
    }
  }
}
