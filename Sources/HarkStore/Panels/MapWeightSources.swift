// What a link's weight on the approved map can come from besides its
// evidence: researchers' strengths and panel members' current votes on
// accepted items, read through the panel rule views (`Schema/PanelRuleViews.swift`).
import Foundation
import GRDB

/// A panel member's strength for a link, from their current vote.
public struct PanelStrengthVote: Sendable, Equatable, Decodable, FetchableRecord {
  public var linkID: LinkID
  /// The polarity the panel item asked about (+1 or -1).
  public var polarity: Int
  public var strength: VoteStrength
}

/// What a link's weight on the approved map can come from besides its evidence.
public struct MapWeightSources: Sendable, Equatable {
  /// Link id → the strength a researcher set on it.
  public var researcherStrengths: [LinkID: Double]
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
      var researcher: [LinkID: Double] = [:]
      for link in try LinkRecord.fetchAll(db) { researcher[link.id] = link.strength }
      let votes = try PanelStrengthVote.fetchAll(
        db,
        sql: """
          SELECT i.link_id AS linkID, i.polarity, v.strength FROM panel_vote_current v
          JOIN panel_item i ON i.id = v.item_id
          JOIN panel_decision_in_force d ON d.item_id = i.id
          WHERE v.answer = 'agree' AND v.strength IS NOT NULL AND d.outcome = 'accepted'
          ORDER BY v.id
          """)
      return MapWeightSources(researcherStrengths: researcher, panelStrengths: votes)
    }
  }
}
