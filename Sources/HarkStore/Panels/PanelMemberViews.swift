// What a signed-in member may see: an item of their own panel with its
// quotes and their own vote, and the decisions their panel has made.
import Foundation
import GRDB

/// Everything an item's page shows a member.
public struct MemberItemView: Sendable, Equatable {
  public var item: PanelItem
  public var quotes: [ItemQuote]
  public var myVote: PanelVote?
  public var progress: VoteProgress
}

/// A closed item with the decision in force, as a member sees it; when a
/// researcher overrode the panel, also the panel's own decision, so members
/// are never told the panel agreed when it did not.
public struct MemberDecisionView: Sendable, Equatable {
  public var item: PanelItem
  public var decision: PanelDecision
  public var panelsOwn: PanelDecision?
}

/// Who is signed in, as a member's page header shows it: never the real name.
public struct MemberHeader: Sendable, Equatable {
  public var panel: Panel
  public var pseudonym: String
}

extension ProjectStore {
  public func header(for voter: MemberIdentity) throws -> MemberHeader {
    let found = try pool.read { db -> MemberHeader? in
      guard
        let pseudonym = try String.fetchOne(
          db, sql: "SELECT pseudonym FROM panel_member WHERE id = ? AND panel_id = ?",
          arguments: [voter.memberID, voter.panelID]),
        let panel = try Self.panel(db: db, id: voter.panelID)
      else { return nil }
      return MemberHeader(panel: panel, pseudonym: pseudonym)
    }
    guard let found else { throw VoteRefusal.notAMember }
    return found
  }

  /// An item of the member's own panel, open or closed; any other is refused.
  /// One read transaction: the page is the busiest in Hark (a whole panel
  /// answering at once), and its parts then agree with each other.
  public func itemView(for voter: MemberIdentity, item id: PanelItemID) throws -> MemberItemView {
    try pool.read { db in
      guard let item = try Self.item(db, id: id) else { throw VoteRefusal.noSuchItem(id) }
      let panel = try PanelID.fetchOne(
        db.cachedStatement(sql: "SELECT panel_id FROM panel_member WHERE id = ?"), arguments: [voter.memberID])
      guard panel == voter.panelID else { throw VoteRefusal.notAMember }
      guard item.panelID == voter.panelID else { throw VoteRefusal.notYourPanel(item: id) }
      return MemberItemView(
        item: item, quotes: try Self.quotes(db, link: item.linkID), myVote: try Self.myVote(db, voter, item: id),
        progress: try Self.progress(db, voter))
    }
  }

  /// The decisions in force on the member's panel, latest item first.
  public func decisions(for voter: MemberIdentity) throws -> [MemberDecisionView] {
    try pool.read { db in
      try PanelDecisionRecord.fetchAll(
        db,
        sql: """
          SELECT d.* FROM panel_decision_in_force d JOIN panel_item i ON i.id = d.item_id
          WHERE i.panel_id = ?
          ORDER BY d.item_id DESC
          """, arguments: [voter.panelID]
      ).map { record in
        let decision = record.decision
        let own =
          decision.kind == .override
          ? try PanelDecisionRecord.latest(item: decision.itemID, kind: .rule).fetchOne(db)?.decision : nil
        return MemberDecisionView(item: try Self.item(db, id: decision.itemID)!, decision: decision, panelsOwn: own)
      }
    }
  }
}
