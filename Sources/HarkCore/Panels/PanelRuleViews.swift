// Two panel rules every reader shares, written once as SQL views (v9):
//
// - A member's current vote on an item is their latest (`panel_vote` is
//   append-only; a changed mind is a new row): `panel_vote_current`.
// - The decision in force on an item is its latest decision, the panel's by
//   its rule or a researcher's override: `panel_decision_in_force`.
//
// Both views keep every column of their table, so a query reads them as it
// would the table.
import Foundation
import GRDB

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

/// A panel member's strength for a link, from their current vote.
public struct PanelStrengthVote: Sendable, Equatable {
  public var linkID: Int64
  /// The polarity the panel item asked about (+1 or -1).
  public var polarity: Int
  public var strength: VoteStrength
}

/// What a link's weight on the approved map can come from besides its evidence.
public struct MapWeightSources: Sendable, Equatable {
  /// Link id → the strength a researcher set on it.
  public var researcherStrengths: [Int64: Double]
  /// The strengths of the current votes that agree with a link, on panel
  /// items whose decision in force is "accepted" (an override included),
  /// oldest vote first.
  public var panelStrengths: [PanelStrengthVote]
}

extension ProjectStore {
  /// The researcher strengths and the panel strength votes behind the
  /// approved map's weights, read together.
  public func mapWeightSources() throws -> MapWeightSources {
    try pool.read { db in
      var researcher: [Int64: Double] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, strength FROM link WHERE strength IS NOT NULL") {
        researcher[row[0]] = row[1]
      }
      let votes = try Row.fetchAll(
        db,
        sql: """
          SELECT i.link_id, i.polarity, v.strength FROM panel_vote_current v
          JOIN panel_item i ON i.id = v.item_id
          JOIN panel_decision_in_force d ON d.item_id = i.id
          WHERE v.answer = 'agree' AND v.strength IS NOT NULL AND d.outcome = 'accepted'
          ORDER BY v.id
          """
      ).compactMap { row -> PanelStrengthVote? in
        guard let strength = VoteStrength(rawValue: row[2]) else { return nil }
        return PanelStrengthVote(linkID: row[0], polarity: row[1], strength: strength)
      }
      return MapWeightSources(researcherStrengths: researcher, panelStrengths: votes)
    }
  }
}
