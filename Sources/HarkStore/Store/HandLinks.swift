// Links a researcher makes from a quote by hand: the quote found in a turn,
// the cause and effect concepts found by label (or made), the link bundle
// found by its ends (or made, as a candidate a panel can review), and the
// quote stored as evidence at exact code point offsets, all in one transaction.
import Foundation
import GRDB
import HarkTranscripts

/// What storing a link from a quote did.
public struct HandLink: Sendable, Equatable {
  public var linkID: LinkID
  public var evidenceID: EvidenceID
  public var causeID: ConceptID
  public var effectID: ConceptID
  /// Code point offsets of the quote in the document, half-open.
  public var start: Int
  public var end: Int
  /// Whether the link bundle was made now (else the quote joined one).
  public var isNewLink: Bool
}

/// How strong a researcher says a link is, in words or as a number.
public enum HandStrength {
  /// The words the form offers, with the number stored for each. "Some" is
  /// also what a quote gets when the researcher leaves strength out.
  public static let words: [(value: String, label: String, strength: Double)] = [
    ("a-little", "A little", 0.25), ("some", "Some", 0.5), ("a-lot", "A lot", 0.75),
  ]
  public static let unstated = 0.5

  /// A number from 0 to 1 ("0.7", "0,7") or one of `words`; nil for blank.
  public static func parse(_ text: String) throws -> Double? {
    let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty { return nil }
    if let word = words.first(where: { $0.value == text.lowercased() || $0.label.lowercased() == text.lowercased() }) {
      return word.strength
    }
    guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), (0...1).contains(number) else {
      throw HarkError(
        "the strength \"\(text)\" is not a number from 0 to 1",
        hint: "Write one such as 0.6, pick a word or leave it out")
    }
    return number
  }
}

extension ProjectStore {
  /// Stores `quote` (its first place in the turn) as evidence that `cause`
  /// leads to `effect` with `polarity` (+1 increases, -1 decreases). Fails,
  /// storing nothing, when the quote is not in the turn, the turn is the
  /// interviewer's, or cause and effect are the same concept.
  public func linkFromQuote(
    _ quote: String, inTurn turnID: TurnID, document documentID: DocumentID, cause: String, effect: String,
    polarity: Int, strength: Double?, actor: String
  ) throws -> HandLink {
    let quote = quote.trimmingCharacters(in: .whitespacesAndNewlines)
    let cause = cause.trimmingCharacters(in: .whitespacesAndNewlines)
    let effect = effect.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !quote.isEmpty else {
      throw HarkError("no words given for the link", hint: "Copy the words from the turn into the quote box")
    }
    guard !cause.isEmpty, !effect.isEmpty else {
      throw HarkError(
        "a link needs a cause and an effect",
        hint: "Pick or write a concept for both, such as \"peer group\" and \"less alone\"")
    }
    guard polarity == 1 || polarity == -1 else {
      throw HarkError("a link's polarity is increases or decreases", hint: "Pick one of them")
    }
    if let strength, !(0...1).contains(strength) {
      throw HarkError("the strength \(strength) is not from 0 to 1", hint: "Write a number from 0 to 1 or leave it out")
    }
    for label in [cause, effect] where !ConceptReference(label).names {
      throw HarkError(
        "\"\(label)\" names no concept", hint: "Write the concept's name; \"~trust\" means the opposite of trust")
    }
    guard ConceptKey.make(cause) != ConceptKey.make(effect) else {
      throw HarkError(
        "the cause and the effect are the same concept (\"\(cause)\")",
        hint: "A link goes from one concept to another: change one of them")
    }
    return try pool.write { db in
      let turn = try Self.turn(db, documentID: documentID, turnID: turnID)
      guard turn.role != .interviewer else {
        throw HarkError(
          "turn \(turn.number) is the interviewer's (\(turn.speaker))",
          hint: "Links come from what participants said: pick words from their turns")
      }
      let (start, end) = try Self.locate(quote, in: turn)
      let now = Clock.now()
      // A typed "~X" (or a concept that is the opposite of another) joins
      // the link at the concept itself, and the quote's polarity turns.
      func concept(_ label: String) throws -> (ConceptID, Bool) {
        let newest = try ConceptID.fetchOne(db, sql: "SELECT max(id) FROM concept") ?? 0
        let row = try Self.namedRow(db, label: label, now: now)
        if row > newest {
          try Self.log(db, actor: actor, subject: .concept(row), action: .create, detail: [.label: .string(label)])
        }
        return try Self.linkEnd(db, concept: row) ?? (row, false)
      }
      let (causeID, causeTurned) = try concept(cause)
      let (effectID, effectTurned) = try concept(effect)
      let signed = causeTurned != effectTurned ? -polarity : polarity
      // Two labels can lead, through merges, to one concept.
      guard causeID != effectID else {
        throw HarkError(
          "\"\(cause)\" and \"\(effect)\" are the same concept C\(causeID)",
          hint: "A link goes from one concept to another: change one of them")
      }
      let isNew =
        try Int64.fetchOne(
          db, sql: "SELECT id FROM link WHERE cause_id = ? AND effect_id = ?", arguments: [causeID, effectID]) == nil
      let linkID = try Self.linkID(db, cause: causeID, effect: effectID, now: now)
      let participant = try ParticipantID.fetchOne(
        db, sql: "SELECT participant_id FROM turn WHERE id = ?", arguments: [turnID])
      let stated = strength ?? HandStrength.unstated
      try db.execute(
        sql: """
          INSERT INTO evidence(link_id, document_id, analysis_id, participant_id, start, "end", polarity, strength,
            confidence, explanation, created_by, created_at)
          VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 1, '', ?, ?)
          """, arguments: [linkID, documentID, participant, start, end, signed, stated, actor, now])
      let evidenceID = EvidenceID(db.lastInsertedRowID)
      var detail: DecisionDetail = [
        .evidence: .id(evidenceID), .document: .id(documentID), .start: .integer(start), .end: .integer(end),
        .polarity: .integer(signed), .strength: .number(stated), .cause: .string(cause), .effect: .string(effect),
      ]
      if isNew { detail[.newLink] = .bool(true) }
      if strength == nil { detail[.strengthUnstated] = .bool(true) }
      try Self.log(db, actor: actor, subject: .link(linkID), action: .addEvidence, detail: detail)
      return HandLink(
        linkID: linkID, evidenceID: evidenceID, causeID: causeID, effectID: effectID, start: start, end: end,
        isNewLink: isNew)
    }
  }
}

/// A quote in a document that is evidence for a link, with the link's ends.
public struct DocumentEvidence: Sendable, Equatable, Decodable, FetchableRecord {
  public var id: EvidenceID
  public var linkID: LinkID
  public var causeID: ConceptID
  public var cause: String
  public var effectID: ConceptID
  public var effect: String
  public var linkStatus: LinkStatus
  public var polarity: Int
  public var strength: Double
  public var start: Int
  public var end: Int
  public var quote: String
  public var createdBy: String
  /// Nil for a quote a researcher linked by hand.
  public var analysisID: AnalysisID?

  enum CodingKeys: String, CodingKey {
    case id, cause, effect, polarity, strength, start, end, quote
    case linkID = "link_id"
    case causeID = "cause_id"
    case effectID = "effect_id"
    case linkStatus = "status"
    case createdBy = "created_by"
    case analysisID = "analysis_id"
  }
}

extension ProjectStore {
  /// Every quote in a document that is evidence for a link, in text order.
  public func linkEvidence(document id: DocumentID) throws -> [DocumentEvidence] {
    try pool.read { db in
      try DocumentEvidence.fetchAll(
        db,
        sql: """
          SELECT v.id, v.link_id, l.cause_id, c.label AS cause, l.effect_id, e.label AS effect, l.status,
            v.polarity, v.strength, v.start, v."end", v.created_by, v.analysis_id, \(Self.quoteSQL("v"))
          FROM evidence v JOIN document d ON d.id = v.document_id JOIN link l ON l.id = v.link_id
          JOIN concept c ON c.id = l.cause_id JOIN concept e ON e.id = l.effect_id
          WHERE v.document_id = ? ORDER BY v.start, v."end" DESC, v.id
          """, arguments: [id])
    }
  }
}
