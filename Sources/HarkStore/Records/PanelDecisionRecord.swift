// A row of `panel_decision` (or of the `panel_decision_in_force` view).
import GRDB
import HarkPanels

/// A row of `panel_decision`: append-only; an item's latest is in force.
struct PanelDecisionRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "panel_decision"

  var id: PanelDecisionID?
  var itemID: PanelItemID
  var kind: PanelDecisionKind
  var outcome: PanelOutcome
  var agree: Int
  var disagree: Int
  var notSure: Int
  var reason: String
  var at: String
  var actor: String

  enum CodingKeys: String, CodingKey {
    case id, kind, outcome, agree, disagree, reason, at, actor
    case itemID = "item_id"
    case notSure = "not_sure"
  }

  init(
    itemID: PanelItemID, kind: PanelDecisionKind, outcome: PanelOutcome, tally: VoteTally, reason: String, at: String,
    actor: String
  ) {
    self.itemID = itemID
    self.kind = kind
    self.outcome = outcome
    (agree, disagree, notSure) = (tally.agree, tally.disagree, tally.notSure)
    self.reason = reason
    self.at = at
    self.actor = actor
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = PanelDecisionID(inserted.rowID) }

  /// An item's latest decision of this kind.
  static func latest(item: PanelItemID, kind: PanelDecisionKind) -> QueryInterfaceRequest<PanelDecisionRecord> {
    all().filter(Column(CodingKeys.itemID) == item && Column(CodingKeys.kind) == kind)
      .order(Column(CodingKeys.id).desc).limit(1)
  }

  var decision: PanelDecision {
    PanelDecision(
      id: id ?? 0, itemID: itemID, kind: kind, outcome: outcome,
      tally: VoteTally(agree: agree, disagree: disagree, notSure: notSure), reason: reason, at: at, actor: actor)
  }
}

extension PanelDecisionKind: DatabaseValueConvertible {}
extension PanelOutcome: DatabaseValueConvertible {}
