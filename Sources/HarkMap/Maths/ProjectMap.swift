// The approved map of a project: its accepted links and the concepts they join.
import HarkStore

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
    let everyConcept = try store.concepts(includeMerged: true)
    let merges = ConceptMerges(everyConcept)
    var labels: [ConceptID: String] = [:]
    for concept in everyConcept { labels[concept.id] = concept.label }
    var confidenceSum: [LinkID: Double] = [:]
    var confidenceCount: [LinkID: Int] = [:]
    if !accepted.isEmpty {
      for evidence in try store.evidence() {
        confidenceSum[evidence.linkID, default: 0] += evidence.confidence
        confidenceCount[evidence.linkID, default: 0] += 1
      }
    }
    let kept = accepted.map { (link: $0, cause: merges.live($0.causeID), effect: merges.live($0.effectID)) }
      .filter { $0.cause != $0.effect }
    let conceptIDs = Set(kept.flatMap { [$0.cause, $0.effect] }).sorted()
    var index: [ConceptID: Int] = [:]
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
    researcher: [LinkID: Double], panel: [LinkID: [Int: [PanelStrength]]]
  ) {
    let sources = try store.mapWeightSources()
    var panel: [LinkID: [Int: [PanelStrength]]] = [:]
    for vote in sources.panelStrengths {
      guard let strength = PanelStrength(rawValue: vote.strength.rawValue) else { continue }
      panel[vote.linkID, default: [:]][vote.polarity, default: []].append(strength)
    }
    return (sources.researcherStrengths, panel)
  }
}
