// "The opposite of X" as a relation between concepts: `concept.opposite_of`
// (v6). Links only ever join concepts that are not opposites, and the sign of
// an influence lives in the evidence: "it made me not want to ask anyone for
// help" is look → (−) asking for help. An opposite concept (the synonym
// file's `~loneliness`) keeps its own mentions, and any link that names it
// lands on the concept it is the opposite of, with the polarity turned.
import Foundation
import GRDB
import HarkTranscripts

extension ProjectStore {
  /// Where a link naming this concept row lands: merges followed, and each
  /// step through an opposite turning the sign. Nil when the row is missing.
  static func linkEnd(_ db: Database, concept id: ConceptID) throws -> (id: ConceptID, turned: Bool)? {
    /// The two columns a step reads (also during migration v6, so not the whole `ConceptRecord`).
    struct Step: Decodable, FetchableRecord {
      var oppositeOf: ConceptID?
      var mergedInto: ConceptID?
      enum CodingKeys: String, CodingKey {
        case oppositeOf = "opposite_of"
        case mergedInto = "merged_into"
      }
    }
    var id = id
    var turned = false
    var seen: Set<ConceptID> = []
    while seen.insert(id).inserted {
      guard
        let step = try Step.fetchOne(
          db.cachedStatement(sql: "SELECT opposite_of, merged_into FROM concept WHERE id = ?"), arguments: [id])
      else { return nil }
      if let positive = step.oppositeOf {
        turned.toggle()
        id = positive
      } else if let target = step.mergedInto {
        id = target
      } else {
        return (id, turned)
      }
    }
    return (id, turned)
  }

  /// The concept row a written label names before merges are followed,
  /// created when new. "~X" names the opposite of X: the row a researcher
  /// or an earlier Hark keyed "~x", else X's live opposite, else a new one
  /// labelled "not X".
  /// `byPlugin`: a plugin's spelling may give a concept its capitals (see
  /// `preferCapitals`); a researcher's typing never relabels one.
  static func namedRow(_ db: Database, label written: String, now: String, byPlugin: Bool = false) throws -> ConceptID {
    let reference = ConceptReference(written)
    let key = ConceptKey.make(reference.label)
    func row(key: String) throws -> ConceptID? {
      try ConceptID.fetchOne(db.cachedStatement(sql: "SELECT id FROM concept WHERE key = ?"), arguments: [key])
    }
    if !reference.isOpposite {
      if let id = try row(key: key) {
        if byPlugin { try preferCapitals(db, concept: id, label: reference.label) }
        return id
      }
      try db.execute(
        sql: "INSERT INTO concept(label, key, created_at) VALUES (?, ?, ?)", arguments: [reference.label, key, now])
      return ConceptID(db.lastInsertedRowID)
    }
    let oppositeKey = "~" + key
    if let id = try row(key: oppositeKey) { return id }
    let positive = try namedRow(db, label: reference.label, now: now, byPlugin: byPlugin)
    guard let found = try linkEnd(db, concept: positive) else { return positive }
    let (end, turned) = found
    // X itself names the opposite of some concept P: the opposite of X is P.
    if turned { return end }
    if let live = try ConceptID.fetchOne(
      db, sql: "SELECT id FROM concept WHERE opposite_of = ? AND merged_into IS NULL ORDER BY id LIMIT 1",
      arguments: [end])
    {
      return live
    }
    let positiveLabel = try String.fetchOne(db, sql: "SELECT label FROM concept WHERE id = ?", arguments: [end]) ?? ""
    try db.execute(
      sql: "INSERT INTO concept(label, key, opposite_of, created_at) VALUES (?, ?, ?, ?)",
      arguments: ["not " + positiveLabel, oppositeKey, end, now])
    return ConceptID(db.lastInsertedRowID)
  }

  /// Turns a link round in place: every quote's polarity and the
  /// researcher's polarity setting; the quotes themselves stay as they are.
  static func turnPolarity(_ db: Database, link id: LinkID) throws {
    try db.execute(sql: "UPDATE evidence SET polarity = -polarity WHERE link_id = ?", arguments: [id])
    try db.execute(
      sql: "UPDATE link SET polarity = -polarity WHERE id = ? AND polarity IS NOT NULL", arguments: [id])
  }

  /// Panel items asking about `concept` ask about `into` instead, turned
  /// round when `turned`: "Does look make not asking for help more likely?"
  /// becomes "Does look make asking for help less likely?", the same question.
  static func moveItems(_ db: Database, from concept: ConceptID, to into: ConceptID, turned: Bool) throws {
    let sign = turned ? -1 : 1
    try db.execute(
      sql: "UPDATE panel_item SET cause_id = ?, polarity = polarity * ? WHERE cause_id = ?",
      arguments: [into, sign, concept])
    try db.execute(
      sql: "UPDATE panel_item SET effect_id = ?, polarity = polarity * ? WHERE effect_id = ?",
      arguments: [into, sign, concept])
  }

  /// Moves every link at `source` to `target`, turning each round when
  /// `turned`; links that come to share ends fold into one bundle, and one
  /// whose ends become the same concept is set aside as rejected. Returns the
  /// links as they now are (the bundle a folded one joined).
  static func moveLinks(
    _ db: Database, from source: ConceptID, to target: ConceptID, turned: Bool, why: String, actor: String
  ) throws -> [LinkID] {
    var landed: [LinkID] = []
    for var link in try LinkRecord.touching(source).fetchAll(db) {
      let linkID = link.id
      let cause = link.causeID == source ? target : link.causeID
      let effect = link.effectID == source ? target : link.effectID
      if turned {
        try turnPolarity(db, link: linkID)
        link = try LinkRecord.fetchOne(db, key: linkID)!
        try log(
          db, actor: actor, subject: .link(linkID), action: .turnPolarity,
          detail: [.concept: .id(source), .into: .id(target), .note: .string(why)])
      }
      if let existing = try LinkRecord.between(cause, effect).filter(Column(LinkRecord.CodingKeys.id) != linkID)
        .fetchOne(db)
      {
        try fold(db, link: link, into: existing, actor: actor)
      } else {
        try db.execute(
          sql: "UPDATE link SET cause_id = ?, effect_id = ? WHERE id = ?", arguments: [cause, effect, linkID])
      }
      let id = try LinkRecord.between(cause, effect).fetchOne(db)!.id
      if cause == effect {
        // A concept cannot cause itself: the link is set aside, evidence kept.
        try db.execute(sql: "UPDATE link SET status = 'rejected' WHERE id = ?", arguments: [id])
        try log(
          db, actor: actor, subject: .link(id), action: .reject,
          detail: [
            .note: .string("cause and effect became the same concept when C\(source) was merged into C\(target)")
          ])
      }
      if !landed.contains(id) { landed.append(id) }
    }
    return landed
  }
}

extension ProjectStore {
  /// A concept's own label never carries "~": being an opposite is a
  /// relation, made by merging into the opposite, not a prefix on a name.
  static func refuseMarker(_ label: String, concept id: ConceptID) throws {
    guard !label.hasPrefix("~") else {
      throw HarkError(
        "a concept label cannot start with \"~\"", subject: "concept C\(id)",
        hint: "To say C\(id) is the opposite of another concept, merge it into that one with --as-opposite")
    }
  }

  /// "Dee" (the themes plugin keeps a name's capitals) and "dee" (causal
  /// links) are one concept, and so are "tablet" and "tablets" (one key);
  /// whichever spelling was stored first named it, so the label depended on
  /// the order documents were coded. Of two spellings that differ only in
  /// case the one with more capitals wins; of others the shorter, then the
  /// first in code point order; unless a researcher named the concept.
  static func preferCapitals(_ db: Database, concept id: ConceptID, label: String) throws {
    guard
      let stored = try String.fetchOne(
        db.cachedStatement(sql: "SELECT label FROM concept WHERE id = ? AND merged_into IS NULL"), arguments: [id]),
      stored != label, !label.hasPrefix("~"), !stored.hasPrefix("~"),
      stored.lowercased() == label.lowercased()
        ? capitals(label) > capitals(stored)
        : (label.unicodeScalars.count, label.lowercased()) < (stored.unicodeScalars.count, stored.lowercased())
    else { return }
    let named = try Bool.fetchOne(
      db,
      sql: """
        SELECT 1 FROM decision WHERE subject = ? AND action IN ('create', 'rename', 'split', 'unmerge') LIMIT 1
        """, arguments: ["concept:\(id)"])
    guard named == nil else { return }
    try db.execute(sql: "UPDATE concept SET label = ? WHERE id = ?", arguments: [label, id])
  }

  private static func capitals(_ text: String) -> Int { text.unicodeScalars.filter(\.properties.isUppercase).count }
}
