// Panel decisions: made by the panel's rule when voting closes, or by a
// researcher's override with a reason; both append-only. A decision carries
// through to the link's status with a row in the curation decision log.
import Foundation
import GRDB
import HarkPanels
import HarkTranscripts

public enum PanelDecisionKind: String, Sendable, Codable {
  case rule
  case override
}

public struct PanelDecision: Sendable, Equatable {
  public var id: PanelDecisionID
  public var itemID: PanelItemID
  public var kind: PanelDecisionKind
  public var outcome: PanelOutcome
  public var tally: VoteTally
  public var reason: String
  public var at: String
  public var actor: String
}

extension ProjectStore {
  /// Every decision on the panel's items, oldest first; an item's latest is in force.
  public func panelDecisions(panel: Panel) throws -> [PanelDecision] {
    try pool.read { db in
      try PanelDecisionRecord.fetchAll(
        db,
        sql: """
          SELECT d.* FROM panel_decision d JOIN panel_item i ON i.id = d.item_id WHERE i.panel_id = ? ORDER BY d.id
          """, arguments: [panel.id]
      ).map(\.decision)
    }
  }

  /// Closes voting on the given open items (every open item when empty) and
  /// decides each by the panel's rule and quorum, all in one transaction.
  public func closeItems(panel: Panel, items ids: [PanelItemID] = [], actor: String) throws
    -> [PanelDecision]
  {
    try pool.write { db in
      let ids =
        ids.isEmpty
        ? try PanelItemID.fetchAll(
          db, sql: "SELECT id FROM panel_item WHERE panel_id = ? AND closed_at IS NULL ORDER BY id",
          arguments: [panel.id])
        : ids
      guard !ids.isEmpty else {
        throw HarkError(
          "no items are open", subject: "panel \(panel.name)", hint: "Open links with `hark panels open \(panel.name)`",
          kind: .conflict)
      }
      var made: [PanelDecision] = []
      for id in ids {
        guard let item = try Self.item(db, id: id), item.panelID == panel.id else {
          throw HarkError(
            "no item I\(id) in this panel", subject: "panel \(panel.name)",
            hint: "Run `hark panels show \(panel.name)` to see its items", kind: .notFound)
        }
        guard item.isOpen else {
          throw HarkError("item I\(id) is already closed", subject: "panel \(panel.name)", kind: .conflict)
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
    item id: PanelItemID, outcome: PanelOutcome, reason: String, actor: String
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
        throw HarkError(
          "no review item I\(id)", hint: "Run `hark panels show PANEL` to see a panel's items", kind: .notFound)
      }
      guard !item.isOpen else {
        throw HarkError(
          "voting on I\(id) is still open", subject: "item I\(id)",
          hint: "Close it first (`hark panels close PANEL I\(id)`), then override the panel's decision if you must",
          kind: .conflict)
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
    var record = PanelDecisionRecord(
      itemID: item.id, kind: kind, outcome: outcome, tally: tally, reason: reason, at: Clock.now(), actor: actor)
    try record.insert(db)
    let id = PanelDecisionID(db.lastInsertedRowID)
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
    return record.decision
  }

  /// Accepted puts the claimed link in the map, rejected takes it out; no
  /// decision leaves it alone. The claim may differ from the reviewed link
  /// (an adopted "other way round" or "opposite"): then the link with the
  /// claimed ends is found, or made when accepted, and its polarity set.
  static func applyToLink(
    _ db: Database, item: PanelItem, outcome: PanelOutcome, decision: PanelDecisionID, actor: String, closedBy: String
  ) throws {
    guard outcome != .none else { return }
    let status: LinkStatus = outcome == .accepted ? .accepted : .rejected
    var linkID = try LinkRecord.between(item.causeID, item.effectID).fetchOne(db)?.id
    if linkID == nil {
      guard outcome == .accepted else { return }
      try db.execute(
        sql: "INSERT INTO link(cause_id, effect_id, status, polarity, created_at) VALUES (?, ?, 'candidate', ?, ?)",
        arguments: [item.causeID, item.effectID, item.polarity, Clock.now()])
      linkID = LinkID(db.lastInsertedRowID)
      try log(
        db, actor: actor, subject: .link(linkID!), action: .create,
        detail: [.panelItem: .id(item.id), .fromLink: .id(item.linkID)])
    }
    guard let linkID, let link = try LinkRecord.fetchOne(db, key: linkID) else { return }
    let evidenceSign = try Double.fetchOne(
      db, sql: "SELECT avg(polarity * strength) FROM evidence WHERE link_id = ?", arguments: [linkID])
    let effective = link.polarity ?? ((evidenceSign ?? 0) < 0 ? -1 : 1)
    if effective != item.polarity {
      // Rejecting the opposite of a link says nothing about the link itself.
      guard outcome == .accepted else { return }
      try db.execute(sql: "UPDATE link SET polarity = ? WHERE id = ?", arguments: [item.polarity, linkID])
      try log(
        db, actor: actor, subject: .link(linkID), action: .setPolarity,
        detail: [.polarity: .integer(item.polarity), .panelItem: .id(item.id)])
    }
    let current = link.status
    guard current != status else { return }
    try db.execute(sql: "UPDATE link SET status = ? WHERE id = ?", arguments: [status, linkID])
    var detail: DecisionDetail = [
      .from: .string(current.rawValue), .to: .string(status.rawValue), .panelItem: .id(item.id),
      .panelDecision: .id(decision),
    ]
    if actor != closedBy { detail[.closedBy] = .string(closedBy) }
    // A researcher's earlier accept or reject is replaced, never silently:
    // the log names whose decision this one replaces.
    if current != .candidate,
      let earlier = try Decision.fetchOne(
        db,
        sql: """
          SELECT * FROM decision WHERE subject = ? AND action IN ('accept', 'reject')
          ORDER BY id DESC LIMIT 1
          """, arguments: [DecisionSubject.link(linkID)])
    {
      detail[.replaces] = .string("\(earlier.action) by \(earlier.actor) at \(earlier.at)")
    }
    try log(db, actor: actor, subject: .link(linkID), action: status.action, detail: detail)
  }

  /// What a panel decision did to the map, in a sentence: whether its link
  /// went on or off, and whose earlier decision that replaced. Nil when the
  /// link's place on the map did not change.
  public func mapEffect(of decision: PanelDecision) throws -> String? {
    try pool.read { db in
      guard
        let logged = try Decision.fetchOne(
          db,
          sql: """
            SELECT * FROM decision
            WHERE action IN ('accept', 'reject') AND json_extract(detail, '$.panel_decision') = ?
            """, arguments: [decision.id])
      else { return nil }
      guard case .link(let linkID) = logged.subject else { return nil }
      let link = "L\(linkID)"
      let detail = Self.jsonObject(logged.detail)
      let onto = logged.action == .accept
      let wasOn = detail["from"] as? String == "accepted"
      var text = onto ? "\(link) goes on the map" : wasOn ? "\(link) leaves the map" : "\(link) stays off the map"
      if let replaces = detail["replaces"] as? String {
        text += "; this replaces the earlier \(replaces)"
        if decision.kind == .rule {
          text +=
            " (to keep that, override: `hark panels override I\(decision.itemID) --decision "
            + "\(onto ? "rejected" : "accepted") --reason \"…\"`)"
        }
      }
      return text
    }
  }

  /// Takes up a member's suggestion: a new open item in the same panel asking
  /// the suggested claim, about the same quotes.
  public func adoptSuggestion(vote voteID: PanelVoteID, actor: String) throws -> PanelItem {
    try pool.write { db in
      guard let vote = try PanelVoteRecord.fetchOne(db, key: voteID) else {
        throw HarkError(
          "no vote V\(voteID)", hint: "Run `hark panels show PANEL` to see the suggestions", kind: .notFound)
      }
      guard let kind = vote.ballot.suggestion else {
        throw HarkError(
          "vote V\(voteID) makes no suggestion", hint: "Only votes with a suggestion can be taken up", kind: .conflict)
      }
      if let made = try PanelItemID.fetchOne(
        db, sql: "SELECT id FROM panel_item WHERE from_vote_id = ?", arguments: [voteID])
      {
        throw HarkError("the suggestion of vote V\(voteID) was already taken up as I\(made)", kind: .conflict)
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
      let rows = try PanelVoteRecord.fetchAll(
        db,
        sql: """
          SELECT v.* FROM panel_vote_current v JOIN panel_item i ON i.id = v.item_id
          WHERE i.panel_id = ? ORDER BY v.item_id
          """, arguments: [panel.id])
      var units: [PanelItemID: [String]] = [:]
      for row in rows { units[row.itemID, default: []].append(row.answer.rawValue) }
      let values = Array(units.values)
      return PanelAgreement(
        items: values.count, votes: rows.count, percent: Agreement.percentAgreement(values),
        alpha: Agreement.krippendorffAlphaNominal(values))
    }
  }
}
