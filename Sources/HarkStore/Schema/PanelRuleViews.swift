// Two panel rules every reader shares, written once as SQL views (v9):
//
// - A member's current vote on an item is their latest (`panel_vote` is
//   append-only; a changed mind is a new row): `panel_vote_current`.
// - The decision in force on an item is its latest decision, the panel's by
//   its rule or a researcher's override: `panel_decision_in_force`.
//
// Both views keep every column of their table, so a query reads them as it
// would the table.
extension Schema {
  static let panelRuleViews = """
    CREATE VIEW panel_vote_current AS
      SELECT v.* FROM panel_vote v
      WHERE NOT EXISTS (
        SELECT 1 FROM panel_vote later
        WHERE later.item_id = v.item_id AND later.member_id = v.member_id AND later.id > v.id);
    CREATE VIEW panel_decision_in_force AS
      SELECT d.* FROM panel_decision d
      WHERE NOT EXISTS (SELECT 1 FROM panel_decision later WHERE later.item_id = d.item_id AND later.id > d.id);
    """
}
