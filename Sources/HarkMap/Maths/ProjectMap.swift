// The approved map of a project: its accepted links and the concepts they join.
import HarkCore

extension CognitiveMap {
  /// The project's approved map.
  ///
  /// - Links: those with status `accepted`; weight = polarity × strength as
  ///   `ProjectStore.links` gives it (the researcher's settings, else the
  ///   evidence); citations and sources as the store counts them; confidence
  ///   the mean confidence of the link's evidence (1 when it has none).
  /// - Concepts: those the links join, in the order they were created. A
  ///   concept merged into another stands for the one it became; a link whose
  ///   ends become one concept that way is left out (a concept cannot cause itself).
  public static func approved(from store: ProjectStore) throws -> CognitiveMap {
    let accepted = try store.links(status: "accepted")
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
      links.append(
        Link(
          cause: index[cause]!, effect: index[effect]!, weight: link.weight,
          confidence: count > 0 ? confidenceSum[link.id]! / Double(count) : 1, citations: link.citations,
          sources: link.sources, projectID: link.id))
    }
    return CognitiveMap(concepts: concepts, links: links)
  }
}
