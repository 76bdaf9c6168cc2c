// The approved map of a project: its accepted links and the concepts they join.
import GRDB
import HarkCore

extension CognitiveMap {
  /// The project's approved map.
  ///
  /// - Links: those with status `accepted`. The weight is, first that found:
  ///   the researcher's own strength for the link (× polarity); the strength
  ///   votes of the panel members who agreed with it on a panel item the
  ///   panel accepted, aggregated by `weights` (a little / some / a lot as
  ///   ±L / ±M / ±H, Mamdani, fMax, exact centroid by default); else
  ///   polarity × the evidence's mean strength. Citations and sources as the
  ///   store counts them; confidence the mean confidence of the link's
  ///   evidence (1 when it has none).
  /// - Concepts: those the links join, in the order they were created. A
  ///   concept merged into another stands for the one it became; a link whose
  ///   ends become one concept that way is left out (a concept cannot cause itself).
  public static func approved(from store: ProjectStore, weights: LinguisticWeights = LinguisticWeights()) throws
    -> CognitiveMap
  {
    try selected(from: store, links: .accepted, weights: weights)
  }

  /// The map of the links in `selection`, weighed and counted as for the
  /// approved map: `hark demo` draws its candidate map this way, as no link
  /// is accepted yet.
  public static func selected(
    from store: ProjectStore, links selection: LinkSelection, weights: LinguisticWeights = LinguisticWeights()
  ) throws -> CognitiveMap {
    let accepted = try store.links().filter { selection.includes($0.status) }
    let (researcherStrength, panelVotes) = try weightSources(store)
    var mergedInto: [Int64: Int64] = [:]
    var labels: [Int64: String] = [:]
    for concept in try store.concepts(includeMerged: true) {
      labels[concept.id] = concept.label
      if let into = concept.mergedInto { mergedInto[concept.id] = into }
    }
    func resolved(_ id: Int64) -> Int64 {
      var id = id
      var seen: Set<Int64> = [id]
      while let next = mergedInto[id], seen.insert(next).inserted { id = next }
      return id
    }
    var confidenceSum: [Int64: Double] = [:]
    var confidenceCount: [Int64: Int] = [:]
    if !accepted.isEmpty {
      for evidence in try store.evidence() {
        confidenceSum[evidence.linkID, default: 0] += evidence.confidence
        confidenceCount[evidence.linkID, default: 0] += 1
      }
    }
    let kept = accepted.map { (link: $0, cause: resolved($0.causeID), effect: resolved($0.effectID)) }
      .filter { $0.cause != $0.effect }
    let conceptIDs = Set(kept.flatMap { [$0.cause, $0.effect] }).sorted()
    var index: [Int64: Int] = [:]
    for (i, id) in conceptIDs.enumerated() { index[id] = i }
    let concepts = conceptIDs.map { Concept(name: labels[$0] ?? "C\($0)", projectID: $0) }
    var links: [Link] = []
    for (link, cause, effect) in kept {
      let count = confidenceCount[link.id] ?? 0
      let weight =
        weights.panelWeight(
          polarity: link.polarity, votes: panelVotes[link.id]?[link.polarity] ?? [],
          researcherWeight: researcherStrength[link.id].map { Double(link.polarity) * $0 }) ?? link.weight
      links.append(
        Link(
          cause: index[cause]!, effect: index[effect]!, weight: weight,
          confidence: count > 0 ? confidenceSum[link.id]! / Double(count) : 1, citations: link.citations,
          sources: link.sources, projectID: link.id))
    }
    return CognitiveMap(concepts: concepts, links: links)
  }

  /// The strengths researchers set on links, and each link's panel strength
  /// votes by the polarity its item asked about: the current vote of each
  /// member who agreed and gave a strength, on items whose decision in force
  /// is "accepted" (an override included).
  static func weightSources(_ store: ProjectStore) throws -> (
    researcher: [Int64: Double], panel: [Int64: [Int: [PanelStrength]]]
  ) {
    try store.pool.read { db in
      var researcher: [Int64: Double] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, strength FROM link WHERE strength IS NOT NULL") {
        researcher[row["id"]] = row["strength"]
      }
      var panel: [Int64: [Int: [PanelStrength]]] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT i.link_id, i.polarity, v.strength FROM panel_vote v JOIN panel_item i ON i.id = v.item_id
          WHERE v.id IN (SELECT max(id) FROM panel_vote GROUP BY item_id, member_id)
            AND v.answer = 'agree' AND v.strength IS NOT NULL
            AND (SELECT outcome FROM panel_decision d WHERE d.item_id = i.id ORDER BY d.id DESC LIMIT 1) = 'accepted'
          ORDER BY v.id
          """)
      for row in rows {
        guard let strength = PanelStrength(rawValue: row["strength"]) else { continue }
        panel[row["link_id"], default: [:]][row["polarity"], default: []].append(strength)
      }
      return (researcher, panel)
    }
  }
}
