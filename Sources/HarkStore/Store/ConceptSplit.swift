// Splitting a concept in two: the researcher gives two labels and assigns
// each of the concept's links and mentions to one of them. The concept keeps
// its id under the first label (panel items asked about it still name it);
// the second label becomes a new concept, or brings back one merged into it.
// All in one transaction.
import Foundation
import GRDB
import HarkTranscripts

/// Where a concept was found in a transcript: the words, who said them, where.
public struct ConceptMention: Sendable, Equatable, Decodable, FetchableRecord {
  public var id: MentionID
  public var conceptID: ConceptID
  public var documentID: DocumentID
  public var document: String
  public var participant: String?
  public var group: String?
  public var start: Int
  public var end: Int
  public var quote: String
  public var confidence: Double
  /// Why the plugin saw the concept here.
  public var explanation: String
  /// `plugin:ID@VERSION` when a plugin found it, nil when it came another way.
  public var proposedBy: String?

  enum CodingKeys: String, CodingKey {
    case id, start, end, quote, confidence, explanation
    case conceptID = "concept_id"
    case documentID = "document_id"
    case document = "title"
    case participant = "pseudonym"
    case group = "group_name"
    case proposedBy = "proposed_by"
  }
}

public enum SplitSide: String, Sendable, Equatable, CaseIterable {
  case first
  case second
}

/// What a split asks for: the two labels, and for every link and mention of
/// the concept, the side it goes to.
public struct ConceptSplitPlan: Sendable, Equatable {
  public var first: String
  public var second: String
  public var links: [LinkID: SplitSide]
  public var mentions: [MentionID: SplitSide]

  public init(first: String, second: String, links: [LinkID: SplitSide], mentions: [MentionID: SplitSide]) {
    self.first = first
    self.second = second
    self.links = links
    self.mentions = mentions
  }
}

extension ProjectStore {
  /// A concept's mentions (every concept's when nil) in document order;
  /// mentions of concepts merged into it were moved to it by the merge.
  public func conceptMentions(_ id: ConceptID? = nil) throws -> [ConceptMention] {
    try pool.read { db in
      try ConceptMention.fetchAll(
        db,
        sql: """
          SELECT m.id, m.concept_id, m.document_id, d.title, p.pseudonym, p.group_name, m.start, m."end",
            m.confidence, m.explanation, 'plugin:' || a.plugin_id || '@' || a.plugin_version AS proposed_by,
            \(Self.quoteSQL("m"))
          FROM concept_mention m JOIN document d ON d.id = m.document_id
          LEFT JOIN participant p ON p.id = m.participant_id LEFT JOIN analysis a ON a.id = m.analysis_id
          WHERE (? IS NULL OR m.concept_id = ?) ORDER BY m.concept_id, m.document_id, m.start, m.id
          """, arguments: [id, id])
    }
  }

  /// Splits concept `id` by `plan`; returns the id of the new (second)
  /// concept. Refused, storing nothing, when a label is empty or taken, the
  /// two labels are the same concept, something of the concept is not
  /// assigned (or something assigned is not the concept's), or one side would
  /// get nothing.
  @discardableResult
  public func splitConcept(_ id: ConceptID, _ plan: ConceptSplitPlan, actor: String)
    throws -> ConceptID
  {
    let first = plan.first.trimmingCharacters(in: .whitespacesAndNewlines)
    let second = plan.second.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !first.isEmpty, !second.isEmpty else {
      throw HarkError(
        "a split needs two labels", subject: "concept C\(id)", hint: "Write a label for each of the two new concepts")
    }
    try Self.refuseMarker(first, concept: id)
    try Self.refuseMarker(second, concept: id)
    let firstKey = ConceptKey.make(first)
    let secondKey = ConceptKey.make(second)
    guard firstKey != secondKey else {
      throw HarkError(
        "\"\(first)\" and \"\(second)\" would be the same concept", subject: "concept C\(id)",
        hint: "Give the two new concepts different labels")
    }
    return try pool.write { db in
      let current = try Self.liveConcept(db, id)
      let links = try LinkID.fetchAll(
        db, sql: "SELECT id FROM link WHERE cause_id = ? OR effect_id = ? ORDER BY id", arguments: [id, id])
      let mentions = try ConceptMentionRecord.ids(of: id, db)
      if let stray = plan.links.keys.sorted().first(where: { !links.contains($0) }) {
        throw HarkError("link L\(stray) is not a link of C\(id)", subject: "concept C\(id)", hint: "Reload the page")
      }
      if let stray = plan.mentions.keys.sorted().first(where: { !mentions.contains($0) }) {
        throw HarkError(
          "mention M\(stray) is not a mention of C\(id)", subject: "concept C\(id)", hint: "Reload the page")
      }
      let missing =
        links.filter { plan.links[$0] == nil }.map { "link L\($0)" }
        + mentions.filter { plan.mentions[$0] == nil }.map { "mention M\($0)" }
      guard missing.isEmpty else {
        throw HarkError(
          "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not assigned",
          subject: "concept C\(id)", hint: "Choose one of the two labels for every link and mention")
      }
      let moving = (
        links: links.filter { plan.links[$0] == .second }, mentions: mentions.filter { plan.mentions[$0] == .second }
      )
      let staying = links.count + mentions.count - moving.links.count - moving.mentions.count
      guard staying > 0, !moving.links.isEmpty || !moving.mentions.isEmpty else {
        throw HarkError(
          "one of the two new concepts would have no links or mentions", subject: "concept C\(id)",
          hint: "Assign at least one to each label, or rename the concept instead")
      }
      // The first label may be one this concept had before (its alias row holds nothing); any other owner refuses.
      if let owner = try ConceptRecord.withKey(firstKey).filter(Column(ConceptRecord.CodingKeys.id) != id).fetchOne(db),
        owner.mergedInto != id
      {
        throw HarkError(
          "\"\(first)\" is already concept C\(owner.liveID)",
          subject: "concept C\(id)",
          hint: "Choose another label, or merge into that concept instead", kind: .conflict)
      }
      // The second label may be a concept merged into this one: the split
      // brings it back, under its old id, instead of making a new one.
      let revived = try ConceptRecord.withKey(secondKey).fetchOne(db)
      if let owner = revived, owner.mergedInto != id {
        throw HarkError(
          "\"\(second)\" is already concept C\(owner.liveID)",
          subject: "concept C\(id)",
          hint: "Choose another label, or move these links with a merge instead", kind: .conflict)
      }
      if firstKey != current.key {
        try db.execute(
          sql: """
            UPDATE concept SET merged_into = ?
            WHERE merged_into IN (SELECT id FROM concept WHERE key = ? AND merged_into = ?)
            """, arguments: [id, firstKey, id])
        try db.execute(sql: "DELETE FROM concept WHERE key = ? AND merged_into = ?", arguments: [firstKey, id])
        try db.execute(sql: "UPDATE concept SET label = ?, key = ? WHERE id = ?", arguments: [first, firstKey, id])
        // As with a rename, plugin output with the old label still finds this concept.
        try db.execute(
          sql: "INSERT INTO concept(label, key, merged_into, created_at) VALUES (?, ?, ?, ?)",
          arguments: [current.label, current.key, id, Clock.now()])
      } else if first != current.label {
        try db.execute(sql: "UPDATE concept SET label = ? WHERE id = ?", arguments: [first, id])
      }
      let parent = try ConceptRecord.fetchOne(db, key: id)?.parentID
      let newID: ConceptID
      if let owner = revived {
        newID = owner.id
        try db.execute(
          sql: "UPDATE concept SET label = ?, merged_into = NULL, parent_id = ? WHERE id = ?",
          arguments: [second, parent, newID])
      } else {
        try db.execute(
          sql: "INSERT INTO concept(label, key, parent_id, created_at) VALUES (?, ?, ?, ?)",
          arguments: [second, secondKey, parent, Clock.now()])
        newID = ConceptID(db.lastInsertedRowID)
      }
      for link in moving.links {
        try db.execute(
          sql: """
            UPDATE link SET cause_id = CASE WHEN cause_id = ? THEN ? ELSE cause_id END,
              effect_id = CASE WHEN effect_id = ? THEN ? ELSE effect_id END
            WHERE id = ?
            """, arguments: [id, newID, id, newID, link])
      }
      try ConceptMentionRecord.filter(keys: moving.mentions).updateAll(
        db, Column(ConceptMentionRecord.CodingKeys.conceptID).set(to: newID))
      try Self.log(
        db, actor: actor, subject: .concept(id), action: .split,
        detail: [
          .from: .string(current.label), .first: .string(first), .second: .string(second), .into: .id(newID),
          .links: .ids(moving.links), .mentions: .ids(moving.mentions),
        ])
      try Self.log(
        db, actor: actor, subject: .concept(newID), action: revived == nil ? .create : .unmerge,
        detail: [.label: .string(second), .splitFrom: .id(id)])
      return newID
    }
  }
}
