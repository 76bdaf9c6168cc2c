// A row of `panel_item`, and an item read with its two concepts' labels.
import GRDB

/// A row of `panel_item`: the claim a panel is asked about.
struct PanelItemRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "panel_item"

  var id: PanelItemID?
  var panelID: PanelID
  var linkID: LinkID
  var causeID: ConceptID
  var effectID: ConceptID
  var polarity: Int
  var wording: String?
  var fromVoteID: PanelVoteID?
  var openedAt: String
  var openedBy: String
  var closedAt: String?
  var closedBy: String?

  enum CodingKeys: String, CodingKey {
    case id, polarity, wording
    case panelID = "panel_id"
    case linkID = "link_id"
    case causeID = "cause_id"
    case effectID = "effect_id"
    case fromVoteID = "from_vote_id"
    case openedAt = "opened_at"
    case openedBy = "opened_by"
    case closedAt = "closed_at"
    case closedBy = "closed_by"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = PanelItemID(inserted.rowID) }
}

/// An item with the labels of its cause and effect, as `ProjectStore.itemColumns` selects it.
struct LabelledItem: Decodable, FetchableRecord {
  var item: PanelItemRecord
  var cause: String
  var effect: String

  var panelItem: PanelItem {
    PanelItem(
      id: item.id ?? 0, panelID: item.panelID, linkID: item.linkID, causeID: item.causeID, cause: cause,
      effectID: item.effectID, effect: effect, polarity: item.polarity, wording: item.wording,
      fromVoteID: item.fromVoteID, openedAt: item.openedAt, closedAt: item.closedAt)
  }
}
