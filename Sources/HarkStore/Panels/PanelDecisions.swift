// Panel decisions: made by the panel's rule when voting closes, or by a
// researcher's override with a reason; both append-only. A decision carries
// through to the link's status with a row in the curation decision log.
import Foundation
import GRDB
import HarkTranscripts

public enum PanelDecisionKind: String, Sendable, Codable {
  case rule
  case override
}

public struct PanelDecision: Sendable, Equatable {
  public var id: Int64
  public var itemID: Int64
  public var kind: PanelDecisionKind
  public var outcome: PanelOutcome
  public var tally: VoteTally
  public var reason: String
  public var at: String
  public var actor: String
}

extension ProjectStore {
  static func decision(from row: Row) -> PanelDecision {
    PanelDecision(
      id: row["id"], itemID: row["item_id"], kind: PanelDecisionKind(rawValue: row["kind"]) ?? .rule,
      outcome: PanelOutcome(rawValue: row["outcome"]) ?? .none,
      tally: VoteTally(agree: row["agree"], disagree: row["disagree"], notSure: row["not_sure"]), reason: row["reason"],
      at: row["at"], actor: row["actor"])
  }

  /// Every decision on the panel's items, oldest first; an item's latest is in force.
  public func panelDecisions(panel: Panel) throws -> [PanelDecision] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT d.* FROM panel_decision d JOIN panel_item i ON i.id = d.item_id WHERE i.panel_id = ? ORDER BY d.id
          """, arguments: [panel.id]
      ).map(Self.decision(from:))
    }
  }

  /// Closes voting on the given open items (every open item when empty) and
  /// decides each by the panel's rule and quorum, all in one transaction.
  public func closeItems(panel: Panel, items ids: [Int64] = [], actor: String = ActorName.fromEnvironment().name) throws
    -> [PanelDecision]
  {
    try pool.write { db in
      let ids =
        ids.isEmpty
        ? try Int64.fetchAll(
          db, sql: "SELECT id FROM panel_item WHERE panel_id = ? AND closed_at IS NULL ORDER BY id",
          arguments: [panel.id])
        : ids
      guard !ids.isEmpty else {
        throw HarkError(
          "no items are open", subject: "panel \(panel.name)", hint: "Open links with `hark panel open \(panel.name)`")
      }
      var made: [PanelDecision] = []
      for id in ids {
        guard let item = try Self.item(db, id: id), item.panelID == panel.id else {
          throw HarkError(
            "no item I\(id) in this panel", subject: "panel \(panel.name)",
            hint: "Run `hark panel show \(panel.name)` to see its items")
        }
        guard item.isOpen else {
          throw HarkError("item I\(id) is already closed", subject: "panel \(panel.name)")
        }
        let at = Clock.now()
        try db.execute(
          sql: "UPDATE panel_item SET closed_at = ?, closed_by = ? WHERE id = ?", arguments: [at, actor, id])
        let tally = Self.tally(try Self.currentVotes(db, item: id))
        let (outcome, reason) = panel.rule.decide(tally, quorum: panel.quorum)
        made.append(
          try Self.recordDecision(
            db, item: item, kind: .rule, outcome: outcome, tally: tally, reason: reason, actor: actor))
      }
      return made
    }
  }

  /// A researcher's decision in place of the panel's: its own recorded act,
  /// with the reason, beside (never instead of) the decision it overrides.
  public func overrideDecision(
    item id: Int64, outcome: PanelOutcome, reason: String, actor: String = ActorName.fromEnvironment().name
  ) throws -> PanelDecision {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard outcome != .none else {
      throw HarkError("an override decides: accepted or rejected", subject: "item I\(id)")
    }
    guard !reason.isEmpty else {
      throw HarkError(
        "an override needs a reason", subject: "item I\(id)",
        hint: "Say why with --reason \"…\"; it is kept with the decision")
    }
    return try pool.write { db in
      guard let item = try Self.item(db, id: id) else {
        throw HarkError("no review item I\(id)", hint: "Run `hark panel show PANEL` to see a panel's items")
      }
      guard !item.isOpen else {
        throw HarkError(
          "voting on I\(id) is still open", subject: "item I\(id)",
          hint: "Close it first (`hark panel close PANEL I\(id)`), then override the panel's decision if you must")
      }
      let tally = Self.tally(try Self.currentVotes(db, item: id))
      return try Self.recordDecision(
        db, item: item, kind: .override, outcome: outcome, tally: tally, reason: "override: \(reason)", actor: actor)
    }
  }

  static func recordDecision(
    _ db: Database, item: PanelItem, kind: PanelDecisionKind, outcome: PanelOutcome, tally: VoteTally, reason: String,
    actor: String
  ) throws -> PanelDecision {
    try db.execute(
      sql: """
        INSERT INTO panel_decision(item_id, kind, outcome, agree, disagree, not_sure, reason, at, actor)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        item.id, kind.rawValue, outcome.rawValue, tally.agree, tally.disagree, tally.notSure, reason, Clock.now(),
        actor,
      ])
    let id = db.lastInsertedRowID
    // The decision log says who decided: the panel, by its rule (with who
    // closed voting), or the researcher who overrode it.
    let decider: String
    if kind == .rule {
      let panel = try String.fetchOne(db, sql: "SELECT name FROM panel WHERE id = ?", arguments: [item.panelID]) ?? ""
      decider = "panel:\(panel)"
    } else {
      decider = actor
    }
    try applyToLink(db, item: item, outcome: outcome, decision: id, actor: decider, closedBy: actor)
    return decision(from: try Row.fetchOne(db, sql: "SELECT * FROM panel_decision WHERE id = ?", arguments: [id])!)
  }

  /// Accepted puts the claimed link in the map, rejected takes it out; no
  /// decision leaves it alone. The claim may differ from the reviewed link
  /// (an adopted "other way round" or "opposite"): then the link with the
  /// claimed ends is found, or made when accepted, and its polarity set.
  static func applyToLink(
    _ db: Database, item: PanelItem, outcome: PanelOutcome, decision: Int64, actor: String, closedBy: String
  ) throws {
    guard outcome != .none else { return }
    let status = outcome == .accepted ? "accepted" : "rejected"
    var linkID = try Int64.fetchOne(
      db, sql: "SELECT id FROM link WHERE cause_id = ? AND effect_id = ?", arguments: [item.causeID, item.effectID])
    if linkID == nil {
      guard outcome == .accepted else { return }
      try db.execute(
        sql: "INSERT INTO link(cause_id, effect_id, status, polarity, created_at) VALUES (?, ?, 'candidate', ?, ?)",
        arguments: [item.causeID, item.effectID, item.polarity, Clock.now()])
      linkID = db.lastInsertedRowID
      try log(
        db, actor: actor, subject: "link:\(linkID!)", action: "create",
        detail: ["panel_item": item.id, "from_link": item.linkID])
    }
    guard let linkID, let row = try Row.fetchOne(db, sql: "SELECT * FROM link WHERE id = ?", arguments: [linkID])
    else { return }
    let evidenceSign = try Double.fetchOne(
      db, sql: "SELECT avg(polarity * strength) FROM evidence WHERE link_id = ?", arguments: [linkID])
    let effective = (row["polarity"] as Int?) ?? ((evidenceSign ?? 0) < 0 ? -1 : 1)
    if effective != item.polarity {
      // Rejecting the opposite of a link says nothing about the link itself.
      guard outcome == .accepted else { return }
      try db.execute(sql: "UPDATE link SET polarity = ? WHERE id = ?", arguments: [item.polarity, linkID])
      try log(
        db, actor: actor, subject: "link:\(linkID)", action: "set-polarity",
        detail: ["polarity": item.polarity, "panel_item": item.id])
    }
    let current: String = row["status"]
    guard current != status else { return }
    try db.execute(sql: "UPDATE link SET status = ? WHERE id = ?", arguments: [status, linkID])
    var detail: [String: Any] = ["from": current, "to": status, "panel_item": item.id, "panel_decision": decision]
    if actor != closedBy { detail["closed_by"] = closedBy }
    // A researcher's earlier accept or reject is replaced, never silently:
    // the log names whose decision this one replaces.
    if current != "candidate",
      let earlier = try Row.fetchOne(
        db,
        sql: """
          SELECT actor, at, action FROM decision WHERE subject = ? AND action IN ('accept', 'reject')
          ORDER BY id DESC LIMIT 1
          """, arguments: ["link:\(linkID)"])
    {
      detail["replaces"] =
        "\(earlier["action"] as String) by \(earlier["actor"] as String) at \(earlier["at"] as String)"
    }
    try log(
      db, actor: actor, subject: "link:\(linkID)", action: status == "accepted" ? "accept" : "reject",
      detail: detail)
  }

  /// What a panel decision did to the map, in a sentence: whether its link
  /// went on or off, and whose earlier decision that replaced. Nil when the
  /// link's place on the map did not change.
  public func mapEffect(of decision: PanelDecision) throws -> String? {
    try pool.read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT subject, action, detail FROM decision
            WHERE action IN ('accept', 'reject') AND json_extract(detail, '$.panel_decision') = ?
            """, arguments: [decision.id])
      else { return nil }
      let link = "L" + (row["subject"] as String).dropFirst("link:".count)
      let detail = Self.jsonObject(row["detail"])
      let onto = (row["action"] as String) == "accept"
      let wasOn = detail["from"] as? String == "accepted"
      var text = onto ? "\(link) goes on the map" : wasOn ? "\(link) leaves the map" : "\(link) stays off the map"
      if let replaces = detail["replaces"] as? String {
        text += "; this replaces the earlier \(replaces)"
        if decision.kind == .rule {
          text +=
            " (to keep that, override: `hark panel override I\(decision.itemID) --decision "
            + "\(onto ? "rejected" : "accepted") --reason \"…\"`)"
        }
      }
      return text
    }
  }

  /// Takes up a member's suggestion: a new open item in the same panel asking
  /// the suggested claim, about the same quotes.
  public func adoptSuggestion(vote voteID: Int64, actor: String = ActorName.fromEnvironment().name) throws -> PanelItem
  {
    try pool.write { db in
      guard let row = try Row.fetchOne(db, sql: Self.voteColumns + " WHERE v.id = ?", arguments: [voteID]) else {
        throw HarkError("no vote V\(voteID)", hint: "Run `hark panel show PANEL` to see the suggestions")
      }
      let vote = Self.vote(from: row)
      guard let kind = vote.ballot.suggestion else {
        throw HarkError("vote V\(voteID) makes no suggestion", hint: "Only votes with a suggestion can be taken up")
      }
      if let made = try Int64.fetchOne(
        db, sql: "SELECT id FROM panel_item WHERE from_vote_id = ?", arguments: [voteID])
      {
        throw HarkError("the suggestion of vote V\(voteID) was already taken up as I\(made)")
      }
      guard let item = try Self.item(db, id: vote.itemID),
        let panel = try Self.panel(db: db, id: item.panelID)
      else { throw HarkError("vote V\(voteID) names a missing item") }
      var (cause, effect, polarity, wording) = (item.causeID, item.effectID, item.polarity, item.wording)
      switch kind {
      case .otherWayRound: (cause, effect, wording) = (item.effectID, item.causeID, nil)
      case .opposite: (polarity, wording) = (-item.polarity, nil)
      case .sayItDifferently: wording = vote.ballot.suggestionText
      }
      return try Self.insertItem(
        db, panel: panel, linkID: item.linkID, cause: cause, effect: effect, polarity: polarity, wording: wording,
        fromVote: voteID, actor: actor)
    }
  }

  /// Percentage agreement and Krippendorff's alpha over the panel's items ×
  /// members, each member's current answer on each item.
  public func agreement(panel: Panel) throws -> PanelAgreement {
    try pool.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT v.item_id, v.answer FROM panel_vote_current v JOIN panel_item i ON i.id = v.item_id
          WHERE i.panel_id = ? ORDER BY v.item_id
          """, arguments: [panel.id])
      var units: [Int64: [String]] = [:]
      for row in rows { units[row["item_id"], default: []].append(row["answer"]) }
      let values = Array(units.values)
      return PanelAgreement(
        items: values.count, votes: rows.count, percent: Agreement.percentAgreement(values),
        alpha: Agreement.krippendorffAlphaNominal(values))
    }
  }
}
