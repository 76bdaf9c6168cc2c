// The project as `hark-dev eval` scores it against human labels: the documents
// and their turns, and the plugins' output with the spans an export leaves
// out (where in a quote the cause and the effect were found).
import Foundation
import GRDB

/// Plugin output read in one transaction, for scoring.
public struct ScoringSnapshot: Sendable {
  public struct Document: Decodable, FetchableRecord, Sendable, Equatable {
    public var id: DocumentID
    public var sourceName: String
    public var text: String
  }

  public struct Turn: Decodable, FetchableRecord, Sendable, Equatable {
    public var documentID: DocumentID
    public var start: Int
    public var end: Int
    public var role: String
  }

  /// A code a plugin suggested on a span.
  public struct Coding: Decodable, FetchableRecord, Sendable, Equatable {
    public var documentID: DocumentID
    public var code: String
    public var start: Int
    public var end: Int
  }

  public struct Score: Decodable, FetchableRecord, Sendable, Equatable {
    public var documentID: DocumentID
    public var start: Int
    public var end: Int
    public var value: Double
  }

  /// A plugin's mention of a concept, counted for the live concept it became.
  public struct Mention: Sendable, Equatable {
    public var documentID: DocumentID
    public var conceptID: ConceptID
    public var label: String
  }

  /// Code point offsets as stored, `start` to `end` (not checked for order).
  public struct Span: Sendable, Equatable, Decodable, FetchableRecord {
    public var start: Int
    public var end: Int
  }

  /// A link quote a plugin proposed.
  public struct LinkQuote: Sendable, Equatable {
    public var documentID: DocumentID
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
      var labels: [ConceptID: String] = [:]
      for concept in try ConceptRecord.fetchAll(db) { labels[concept.id] = concept.label }
      /// Where a plugin found a concept.
      struct Found: Decodable, FetchableRecord {
        var documentID: DocumentID
        var conceptID: ConceptID
      }
      let mentions = try Found.fetchAll(
        db,
        sql: """
          SELECT document_id AS documentID, concept_id AS conceptID FROM concept_mention WHERE analysis_id IS NOT NULL
          """
      ).map { found -> ScoringSnapshot.Mention in
        let concept = merges.live(found.conceptID)
        return ScoringSnapshot.Mention(documentID: found.documentID, conceptID: concept, label: labels[concept] ?? "")
      }
      /// A plugin's link quote with the labels of its link's two concepts.
      struct Quoted: Decodable, FetchableRecord {
        var evidence: EvidenceRecord
        var causeLabel: String
        var effectLabel: String
      }
      let linkQuotes = try Quoted.fetchAll(
        db,
        sql: #"""
          SELECT e.*, cc.label AS causeLabel, ec.label AS effectLabel
          FROM evidence e JOIN link l ON l.id = e.link_id
          JOIN concept cc ON cc.id = l.cause_id JOIN concept ec ON ec.id = l.effect_id
          WHERE e.analysis_id IS NOT NULL
          """#
      ).map { quoted -> ScoringSnapshot.LinkQuote in
        let e = quoted.evidence
        func span(_ start: Int?, _ end: Int?) -> ScoringSnapshot.Span? {
          guard let start, let end else { return nil }
          return ScoringSnapshot.Span(start: start, end: end)
        }
        return ScoringSnapshot.LinkQuote(
          documentID: e.documentID, quote: ScoringSnapshot.Span(start: e.start, end: e.end),
          cause: span(e.causeStart, e.causeEnd), effect: span(e.effectStart, e.effectEnd), polarity: e.polarity,
          causeLabel: quoted.causeLabel, effectLabel: quoted.effectLabel)
      }
      return ScoringSnapshot(
        documents: documents, turns: turns, codings: codings, sentiment: sentiment, mentions: mentions,
        linkQuotes: linkQuotes)
    }
  }
}
