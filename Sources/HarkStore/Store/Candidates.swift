// Reading candidate concepts and links: bundles with citation and source
// counts, a combined weight, and every quote with who said it.
import Foundation
import GRDB
import HarkTranscripts

public struct ConceptSummary: Sendable, Equatable, Codable, FetchableRecord {
  public var id: ConceptID
  public var label: String
  public var key: String
  public var mentions: Int
  public var documents: Int
  public var sources: Int
  public var mergedInto: ConceptID?
  /// The concept this one is the opposite of ("not loneliness" of "loneliness").
  public var oppositeOf: ConceptID?
}

public struct LinkSummary: Sendable, Equatable, Codable {
  public var id: LinkID
  public var causeID: ConceptID
  public var cause: String
  public var effectID: ConceptID
  public var effect: String
  public var status: LinkStatus
  /// +1 or -1: the researcher's setting, else the sign of the evidence.
  public var polarity: Int
  /// 0...1: the researcher's setting, else the mean strength of the evidence.
  public var strength: Double
  /// polarity × strength, in -1...1.
  public var weight: Double
  /// Quotes behind the link.
  public var citations: Int
  /// Distinct participants behind the link (quotes with no known speaker count once each).
  public var sources: Int
  public var edited: Bool
}

public struct Evidence: Sendable, Equatable, Codable, FetchableRecord {
  public var id: EvidenceID
  public var linkID: LinkID
  public var documentID: DocumentID
  public var document: String
  public var participant: String?
  public var group: String?
  public var start: Int
  public var end: Int
  public var quote: String
  public var polarity: Int
  public var strength: Double
  public var confidence: Double
  public var explanation: String
  public var createdBy: String
}

extension ProjectStore {
  public func concepts(includeMerged: Bool = false) throws -> [ConceptSummary] {
    try pool.read { db in
      try ConceptSummary.fetchAll(
        db,
        sql: """
          SELECT c.id, c.label, c.key, c.merged_into AS mergedInto, c.opposite_of AS oppositeOf,
            count(m.id) AS mentions, count(DISTINCT m.document_id) AS documents,
            count(DISTINCT m.participant_id) AS sources
          FROM concept c LEFT JOIN concept_mention m ON m.concept_id = c.id
          WHERE c.merged_into IS NULL OR ?
          GROUP BY c.id
          ORDER BY documents DESC, mentions DESC, c.label
          """, arguments: [includeMerged])
    }
  }

  public func concept(_ id: ConceptID) throws -> ConceptSummary {
    guard let found = try concepts(includeMerged: true).first(where: { $0.id == id }) else {
      throw HarkError("no concept C\(id)", hint: "Run `hark concepts` to list them", kind: .notFound)
    }
    return found
  }

  /// Link bundles, strongest support first: sources, then quotes, then |weight|.
  public func links(status: LinkStatus? = nil) throws -> [LinkSummary] {
    try pool.read { db in
      try LinkBundle.fetchAll(
        db,
        sql: """
          SELECT l.*, c.label AS cause, e.label AS effect,
            count(v.id) AS citations,
            count(DISTINCT v.participant_id) + count(DISTINCT CASE WHEN v.participant_id IS NULL THEN v.id END) AS sources,
            COALESCE(avg(v.polarity * v.strength), 0) AS signed, COALESCE(avg(v.strength), 0) AS mean_strength
          FROM link l
          JOIN concept c ON c.id = l.cause_id
          JOIN concept e ON e.id = l.effect_id
          LEFT JOIN evidence v ON v.link_id = l.id
          WHERE (? IS NULL OR l.status = ?)
          GROUP BY l.id
          ORDER BY sources DESC, citations DESC, abs(signed) DESC, l.id
          """, arguments: [status, status]
      ).map(\.summary)
    }
  }

  public func link(_ id: LinkID) throws -> LinkSummary {
    guard let found = try links().first(where: { $0.id == id }) else {
      throw HarkError("no link L\(id)", hint: "Run `hark links` to list them", kind: .notFound)
    }
    return found
  }

  /// The quotes behind a link (or every link when nil), in document order.
  public func evidence(link: LinkID? = nil) throws -> [Evidence] {
    try pool.read { db in
      try Evidence.fetchAll(
        db,
        sql: """
          SELECT v.id, v.link_id AS linkID, v.document_id AS documentID, d.title AS document,
            p.pseudonym AS participant, p.group_name AS "group", v.start, v."end", v.polarity, v.strength,
            v.confidence, v.explanation, v.created_by AS createdBy, \(Self.quoteSQL("v"))
          FROM evidence v JOIN document d ON d.id = v.document_id LEFT JOIN participant p ON p.id = v.participant_id
          WHERE (? IS NULL OR v.link_id = ?)
          ORDER BY v.link_id, v.document_id, v.start
          """, arguments: [link, link])
    }
  }
}

/// A link with its concepts' labels and what its evidence adds up to, as
/// `links(status:)` selects it: the researcher's settings win over the evidence.
private struct LinkBundle: Decodable, FetchableRecord {
  var link: LinkRecord
  var cause: String
  var effect: String
  var citations: Int
  var sources: Int
  /// The mean signed strength of the evidence (0 with none).
  var signed: Double
  var meanStrength: Double

  enum CodingKeys: String, CodingKey {
    case link, cause, effect, citations, sources, signed
    case meanStrength = "mean_strength"
  }

  var summary: LinkSummary {
    let polarity = link.polarity ?? (signed < 0 ? -1 : 1)
    let strength = link.strength ?? meanStrength
    return LinkSummary(
      id: link.id, causeID: link.causeID, cause: cause, effectID: link.effectID, effect: effect, status: link.status,
      polarity: polarity, strength: strength, weight: Double(polarity) * strength, citations: citations,
      sources: sources, edited: link.polarity != nil || link.strength != nil)
  }
}
