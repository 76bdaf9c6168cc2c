// A researcher's own wording for an item's question, before or while the
// panel votes on it. The wording is stored with the item; each change is a
// row in the decision log (who, when, the wording before and after), so a
// vote is always read against the words its member saw: a vote cast before a
// rewording was cast on the wording that the first later rewording replaced.
// A closed item keeps the words it was decided on.
import Foundation
import GRDB
import HarkPanels
import HarkTranscripts

/// One change of an item's question, from the decision log.
public struct PanelRewording: Sendable, Equatable {
  public var itemID: PanelItemID
  public var from: String
  public var to: String
  public var at: String
  public var actor: String
  /// The id of the last vote cast on the item before this change (0 when none).
  public var lastVote: PanelVoteID
}

extension ProjectStore {
  /// Puts the item's question in the researcher's words.
  @discardableResult
  public func reword(item id: PanelItemID, to text: String, actor: String) throws
    -> PanelItem
  {
    let wording = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard !wording.isEmpty else {
      throw HarkError(
        "the new wording is empty", subject: "item I\(id)", hint: "Give the question as members should read it")
    }
    guard wording.count <= PanelWording.maximumLength else {
      throw HarkError(
        "the new wording is \(wording.count) characters long; at most \(PanelWording.maximumLength) fit",
        subject: "item I\(id)", hint: "Ask one short question a member can answer yes or no")
    }
    return try pool.write { db in
      guard let item = try Self.item(db, id: id) else {
        throw HarkError(
          "no review item I\(id)", hint: "Run `hark panels show PANEL` to see a panel's items", kind: .notFound)
      }
      guard item.isOpen else {
        throw HarkError(
          "voting on I\(id) has closed, so its question stays as it was decided", subject: "item I\(id)",
          hint: "Open the link again (`hark panels open PANEL L\(item.linkID)`) and reword the new item",
          kind: .conflict
        )
      }
      let before = item.question.text
      guard wording != before else {
        throw HarkError("I\(id) already asks “\(wording)”", subject: "item I\(id)")
      }
      let votes = PanelVoteRecord.on(item: id)
      let (count, last) = (try votes.fetchCount(db), try votes.lastID(db))
      try db.execute(sql: "UPDATE panel_item SET wording = ? WHERE id = ?", arguments: [wording, id])
      try Self.log(
        db, actor: actor, subject: .panelItem(id), action: .reword,
        detail: [
          .panel: .id(item.panelID), .from: .string(before), .to: .string(wording), .votesBefore: .integer(count),
          .lastVote: .id(last),
        ])
      return try Self.item(db, id: id)!
    }
  }

  /// Every rewording of the panel's items, oldest first.
  public func rewordings(panel: Panel) throws -> [PanelRewording] {
    try pool.read { db in try Self.rewordings(db, panel: panel.id) }
  }

  static func rewordings(_ db: Database, panel: PanelID) throws -> [PanelRewording] {
    try Decision.fetchAll(
      db,
      sql: """
        SELECT d.* FROM decision d JOIN panel_item i ON d.subject = 'panel-item:' || i.id
        WHERE i.panel_id = ? AND d.action = 'reword' ORDER BY d.id
        """, arguments: [panel]
    ).compactMap { logged in
      // The join matched the subject to an item, so it is always one.
      guard case .panelItem(let itemID) = logged.subject else { return nil }
      let detail = jsonObject(logged.detail)
      return PanelRewording(
        itemID: itemID,
        from: detail["from"] as? String ?? "",
        to: detail["to"] as? String ?? "", at: logged.at, actor: logged.actor,
        lastVote: PanelVoteID((detail["last_vote"] as? NSNumber)?.int64Value ?? 0))
    }
  }
}

extension PanelItem {
  /// The question a vote was cast on: the wording the first rewording after
  /// it replaced, or today's question when none came after.
  public func question(forVote vote: PanelVoteID, rewordings: [PanelRewording]) -> String {
    rewordings.first { $0.itemID == id && $0.lastVote >= vote }?.from ?? question.text
  }
}
