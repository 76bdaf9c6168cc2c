// The project as `hark-dev eval` scores it against human labels: the documents
// and their turns, and the plugins' output with the spans an export leaves
// out (where in a quote the cause and the effect were found).
import Foundation
import GRDB

/// Plugin output read in one transaction, for scoring.
public struct ScoringSnapshot: Sendable {
  public struct Document: Decodable, FetchableRecord, Sendable, Equatable {
    public var id: Int64
    public var sourceName: String
    public var text: String
  }

  public struct Turn: Decodable, FetchableRecord, Sendable, Equatable {
    public var documentID: Int64
    public var start: Int
    public var end: Int
    public var role: String
  }

  /// A code a plugin suggested on a span.
  public struct Coding: Decodable, FetchableRecord, Sendable, Equatable {
    public var documentID: Int64
    public var code: String
    public var start: Int
    public var end: Int
  }

  public struct Score: Decodable, FetchableRecord, Sendable, Equatable {
    public var documentID: Int64
    public var start: Int
    public var end: Int
    public var value: Double
  }

  /// A plugin's mention of a concept, counted for the live concept it became.
  public struct Mention: Sendable, Equatable {
    public var documentID: Int64
    public var conceptID: Int64
    public var label: String
  }

  /// Code point offsets as stored, `start` to `end` (not checked for order).
  public struct Span: Sendable, Equatable {
    public var start: Int
    public var end: Int
  }

  /// A link quote a plugin proposed.
  public struct LinkQuote: Sendable, Equatable {
    public var documentID: Int64
    public var quote: Span
    public var cause: Span?
    public var effect: Span?
    public var polarity: Int
    public var causeLabel: String
    public var effectLabel: String
  }

  public var documents: [Document]
  /// In document and turn order.
  public var turns: [Turn]
  public var codings: [Coding]
  /// The sentiment plugin's scores: its whole-turn scores ("turn valence")
  /// when it gave any, else all of its scores.
  public var sentiment: [Score]
  public var mentions: [Mention]
  public var linkQuotes: [LinkQuote]
}

extension ProjectStore {
  /// Documents, turns and what the plugins found (hand coding left out);
  /// sentiment scores only when a sentiment plugin is named.
  public func scoringSnapshot(sentimentPlugin: String?) throws -> ScoringSnapshot {
    try pool.read { db in
      let documents = try ScoringSnapshot.Document.fetchAll(
        db, sql: "SELECT id, source_name AS sourceName, text FROM document")
      let turns = try ScoringSnapshot.Turn.fetchAll(
        db, sql: #"SELECT document_id AS documentID, start, "end", role FROM turn ORDER BY document_id, ordinal"#)
      let codings = try ScoringSnapshot.Coding.fetchAll(
        db,
        sql: #"""
          SELECT g.document_id AS documentID, c.name AS code, g.start, g."end" FROM coding g
          JOIN code c ON c.id = g.code_id WHERE g.analysis_id IS NOT NULL
          """#)
      var sentiment: [ScoringSnapshot.Score] = []
      if let sentimentPlugin {
        let hasTurnScores =
          try Bool.fetchOne(
            db,
            sql: """
              SELECT EXISTS (SELECT 1 FROM score s JOIN analysis a ON a.id = s.analysis_id
                WHERE a.plugin_id = ? AND s.name = 'turn valence')
              """, arguments: [sentimentPlugin]) ?? false
        sentiment = try ScoringSnapshot.Score.fetchAll(
          db,
          sql: #"""
            SELECT s.document_id AS documentID, s.start, s."end", s.value FROM score s
            JOIN analysis a ON a.id = s.analysis_id
            WHERE a.plugin_id = ? AND (? = 0 OR s.name = 'turn valence')
            """#, arguments: [sentimentPlugin, hasTurnScores ? 1 : 0])
      }
      let merges = try ConceptMerges.fetch(db)
      var labels: [Int64: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, label FROM concept") { labels[row[0]] = row[1] }
      let mentions = try Row.fetchAll(
        db, sql: "SELECT document_id, concept_id FROM concept_mention WHERE analysis_id IS NOT NULL"
      ).map { row -> ScoringSnapshot.Mention in
        let concept = merges.live(row[1])
        return ScoringSnapshot.Mention(documentID: row[0], conceptID: concept, label: labels[concept] ?? "")
      }
      let linkQuotes = try Row.fetchAll(
        db,
        sql: #"""
          SELECT e.document_id, e.start, e."end", e.cause_start, e.cause_end, e.effect_start, e.effect_end,
                 e.polarity, cc.label, ec.label
          FROM evidence e JOIN link l ON l.id = e.link_id
          JOIN concept cc ON cc.id = l.cause_id JOIN concept ec ON ec.id = l.effect_id
          WHERE e.analysis_id IS NOT NULL
          """#
      ).map { row -> ScoringSnapshot.LinkQuote in
        func span(_ start: Int, _ end: Int) -> ScoringSnapshot.Span? {
          guard let s: Int = row[start], let e: Int = row[end] else { return nil }
          return ScoringSnapshot.Span(start: s, end: e)
        }
        return ScoringSnapshot.LinkQuote(
          documentID: row[0], quote: ScoringSnapshot.Span(start: row[1], end: row[2]), cause: span(3, 4),
          effect: span(5, 6),
          polarity: row[7], causeLabel: row[8], effectLabel: row[9])
      }
      return ScoringSnapshot(
        documents: documents, turns: turns, codings: codings, sentiment: sentiment, mentions: mentions,
        linkQuotes: linkQuotes)
    }
  }
}
