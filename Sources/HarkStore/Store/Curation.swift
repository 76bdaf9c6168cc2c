// Researcher decisions on concepts and links. Each one changes the item and
// appends a decision row (who, when, what) in the same transaction.
import Foundation
import GRDB
import HarkTranscripts

extension ProjectStore {
  public func setLinkStatus(
    _ id: LinkID, to status: LinkStatus, note: String? = nil, actor: String
  )
    throws
  {
    try pool.write { db in
      guard let current = try LinkRecord.fetchOne(db, key: id)?.status else {
        throw HarkError("no link L\(id)", hint: "Run `hark links` to list them", kind: .notFound)
      }
      try db.execute(sql: "UPDATE link SET status = ? WHERE id = ?", arguments: [status, id])
      var detail: DecisionDetail = [.from: .string(current.rawValue), .to: .string(status.rawValue)]
      if let note { detail[.note] = .string(note) }
      try Self.log(db, actor: actor, subject: .link(id), action: status.action, detail: detail)
    }
  }

  public func editLink(
    _ id: LinkID, polarity: Int? = nil, strength: Double? = nil, actor: String
  ) throws {
    if let polarity, polarity != 1 && polarity != -1 {
      throw HarkError("polarity must be + or -", subject: "link L\(id)")
    }
    if let strength, !(0...1).contains(strength) {
      throw HarkError("strength must be a number from 0 to 1, got \(strength)", subject: "link L\(id)")
    }
    try pool.write { db in
      guard try LinkRecord.exists(db, key: id) else {
        throw HarkError("no link L\(id)", hint: "Run `hark links` to list them", kind: .notFound)
      }
      if let polarity {
        try db.execute(sql: "UPDATE link SET polarity = ? WHERE id = ?", arguments: [polarity, id])
        try Self.log(
          db, actor: actor, subject: .link(id), action: .setPolarity, detail: [.polarity: .integer(polarity)])
      }
      if let strength {
        try db.execute(sql: "UPDATE link SET strength = ? WHERE id = ?", arguments: [strength, id])
        try Self.log(db, actor: actor, subject: .link(id), action: .setStrength, detail: [.strength: .number(strength)])
      }
    }
  }

  public func renameConcept(_ id: ConceptID, to label: String, actor: String) throws {
    let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !label.isEmpty else { throw HarkError("a concept label cannot be empty", subject: "concept C\(id)") }
    try Self.refuseMarker(label, concept: id)
    try pool.write { db in
      guard let old = try String.fetchOne(db, sql: "SELECT label FROM concept WHERE id = ?", arguments: [id]) else {
        throw HarkError("no concept C\(id)", hint: "Run `hark concepts` to list them", kind: .notFound)
      }
      let key = ConceptKey.make(label)
      // Renaming back to a label this concept had: its alias row (which holds
      // no mentions or links) gives the key back.
      try db.execute(
        sql: """
          UPDATE concept SET merged_into = ?
          WHERE merged_into IN (SELECT id FROM concept WHERE key = ? AND merged_into = ?)
          """, arguments: [id, key, id])
      try db.execute(sql: "DELETE FROM concept WHERE key = ? AND merged_into = ?", arguments: [key, id])
      if let other = try ConceptID.fetchOne(
        db, sql: "SELECT id FROM concept WHERE key = ? AND id != ?", arguments: [key, id])
      {
        throw HarkError(
          "\"\(label)\" is already concept C\(other)", subject: "concept C\(id)",
          hint: "Merge them instead: `hark concepts merge C\(id) C\(other)`", kind: .conflict)
      }
      // The old key stays reachable: later plugin output with the old label finds this concept.
      try db.execute(sql: "UPDATE concept SET label = ?, key = ? WHERE id = ?", arguments: [label, key, id])
      try db.execute(
        sql: "INSERT OR IGNORE INTO concept(label, key, merged_into, created_at) VALUES (?, ?, ?, ?)",
        arguments: [old, ConceptKey.make(old), id, Clock.now()])
      try Self.log(
        db, actor: actor, subject: .concept(id), action: .rename, detail: [.from: .string(old), .to: .string(label)])
    }
  }

  /// Moves a link's evidence into the link with the same ends. Decisions carry
  /// over: a decided link passes its status and settings to an undecided one;
  /// two different decisions send the bundle back to candidate for review.
  static func fold(_ db: Database, link moving: LinkRecord, into existing: LinkRecord, actor: String) throws {
    let (linkID, keepID) = (moving.id, existing.id)
    var status = existing.status
    if existing.status == .candidate {
      status = moving.status
    } else if moving.status != .candidate && moving.status != existing.status {
      status = .candidate
    }
    let polarity = existing.polarity ?? moving.polarity
    let strength = existing.strength ?? moving.strength
    try db.execute(sql: "UPDATE evidence SET link_id = ? WHERE link_id = ?", arguments: [keepID, linkID])
    try db.execute(
      sql: "UPDATE link SET status = ?, polarity = ?, strength = ? WHERE id = ?",
      arguments: [status, polarity, strength, keepID])
    try log(
      db, actor: actor, subject: .link(linkID), action: .merge,
      detail: [
        .into: .id(keepID), .status: .string(moving.status.rawValue), .resultingStatus: .string(status.rawValue),
      ])
    try db.execute(sql: "DELETE FROM link WHERE id = ?", arguments: [linkID])
  }

  /// Merges `source` into `target`: mentions and links move; links that now
  /// share ends join one bundle. `source` remains as an alias of `target`.
  ///
  /// Merging a concept into its opposite (`asOpposite`, or when one is
  /// recorded as the opposite of the other) keeps what was said: every link
  /// that moves is turned round (its quotes' polarity and any polarity a
  /// researcher set), and so are the panel questions about it; the outcome
  /// lists those links. `source`'s label then names the opposite of `target`.
  @discardableResult
  public func mergeConcept(
    _ source: ConceptID, into target: ConceptID, asOpposite: Bool = false, actor: String
  ) throws -> ConceptMerge {
    guard source != target else { throw HarkError("cannot merge a concept into itself", subject: "concept C\(source)") }
    return try pool.write { db in
      for id in [source, target] {
        guard let concept = try ConceptRecord.fetchOne(db, key: id) else {
          throw HarkError("no concept C\(id)", hint: "Run `hark concepts` to list them", kind: .notFound)
        }
        if let into = concept.mergedInto {
          throw HarkError(
            "C\(id) was already merged into C\(into)", subject: "concept C\(id)", hint: "Use C\(into) instead",
            kind: .conflict)
        }
      }
      let sourceOpposite = try ConceptRecord.fetchOne(db, key: source)?.oppositeOf
      let targetOpposite = try ConceptRecord.fetchOne(db, key: target)?.oppositeOf
      let opposites = asOpposite || sourceOpposite == target || targetOpposite == source
      // The positive merged into its own opposite: that opposite is now the concept itself.
      if opposites && targetOpposite == source {
        try db.execute(sql: "UPDATE concept SET opposite_of = NULL WHERE id = ?", arguments: [target])
      }
      try ConceptMentionRecord.move(db, from: source, to: target)
      // Links never join an opposite: they land where the target's links land.
      let (end, endTurned) = try Self.linkEnd(db, concept: target) ?? (target, false)
      let turned = opposites != endTurned
      let why =
        opposites
        ? "C\(source) was merged into its opposite C\(target): what was said keeps its meaning"
        : "C\(source) was merged into C\(target), the opposite of C\(end)"
      let links = try Self.moveLinks(db, from: source, to: end, turned: turned, why: why, actor: actor)
      try Self.moveItems(db, from: source, to: end, turned: turned)
      try db.execute(
        sql: "UPDATE concept SET merged_into = ?, opposite_of = ? WHERE id = ?",
        arguments: [target, opposites ? target : nil, source])
      var detail: DecisionDetail = [.into: .id(target)]
      if opposites { detail[.asOpposite] = .bool(true) }
      if turned { detail[.turnedLinks] = .ids(links) }
      try Self.log(db, actor: actor, subject: .concept(source), action: .merge, detail: detail)
      return ConceptMerge(asOpposite: opposites, turnedLinks: turned ? links : [], movedLinks: links)
    }
  }
}

/// What a merge did to the links it moved.
public struct ConceptMerge: Sendable, Equatable {
  /// The two concepts were opposites.
  public var asOpposite: Bool
  /// Links turned round to keep what their quotes say.
  public var turnedLinks: [LinkID]
  /// Every link that moved, as it is now.
  public var movedLinks: [LinkID]
}

extension ProjectStore {
  /// Removes a document with everything found in it; the decision is recorded.
  /// Links left without evidence go unless someone decided on them.
  public func removeDocument(_ id: DocumentID, actor: String) throws -> String {
    try pool.write { db in
      guard let document = try DocumentRecord.fetchOne(db, key: id) else {
        throw HarkError("no document D\(id)", hint: "Run `hark documents` to list them", kind: .notFound)
      }
      let title = document.title
      try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
      try Self.removeEmptyCandidates(db)
      try Self.log(
        db, actor: actor, subject: .document(id), action: .remove,
        detail: [.title: .string(title), .source: .string(document.sourceName)])
      return title
    }
  }
}
