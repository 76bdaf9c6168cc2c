// Whose voices stand behind the map: per link and per concept, how many
// sources from each participant group support it, and which links rest on
// one group only.

public struct VoiceBalance: Sendable, Equatable {
  /// Sources per group for one link or concept.
  public struct Row: Sendable, Equatable {
    /// The link or concept index in the map.
    public var index: Int
    /// Group → number of distinct sources from it (groups with none are absent).
    public var sourcesByGroup: [String: Int]

    public var total: Int { sourcesByGroup.values.reduce(0, +) }
    /// True when every source comes from the same single group.
    public var restsOnOneGroup: Bool { sourcesByGroup.count == 1 }
  }

  /// Every group that supports some link, sorted.
  public var groups: [String]
  /// Parallel to `map.links`.
  public var links: [Row]
  /// Parallel to `map.concepts`: a concept's sources are those of the links it
  /// takes part in, as cause or effect, each source counted once.
  public var concepts: [Row]

  public init(map: CognitiveMap, sources: LinkSources) {
    func row(_ index: Int, _ set: Set<EvidenceSource>) -> Row {
      var counts: [String: Int] = [:]
      for source in set { counts[source.group, default: 0] += 1 }
      return Row(index: index, sourcesByGroup: counts)
    }
    var conceptSources = [Set<EvidenceSource>](repeating: [], count: map.concepts.count)
    for (index, link) in map.links.enumerated() {
      conceptSources[link.cause].formUnion(sources.byLink[index])
      conceptSources[link.effect].formUnion(sources.byLink[index])
    }
    links = sources.byLink.enumerated().map { row($0.offset, $0.element) }
    concepts = conceptSources.enumerated().map { row($0.offset, $0.element) }
    groups = Set(sources.byLink.flatMap { $0.map(\.group) }).sorted()
  }

  /// The map as one group tells it: the links with at least one source from
  /// `group`, their citations left as they are and `sources` counting that
  /// group's sources only; concepts those links join, in map order.
  public static func filter(_ map: CognitiveMap, sources: LinkSources, group: String) -> (CognitiveMap, LinkSources) {
    let kept = map.links.indices.filter { index in sources.byLink[index].contains { $0.group == group } }
    let conceptIndices = Set(kept.flatMap { [map.links[$0].cause, map.links[$0].effect] }).sorted()
    var newIndex: [Int: Int] = [:]
    for (new, old) in conceptIndices.enumerated() { newIndex[old] = new }
    var links: [CognitiveMap.Link] = []
    var keptSources: [Set<EvidenceSource>] = []
    for index in kept {
      var link = map.links[index]
      let own = sources.byLink[index].filter { $0.group == group }
      link.cause = newIndex[link.cause]!
      link.effect = newIndex[link.effect]!
      link.sources = own.count
      links.append(link)
      keptSources.append(own)
    }
    return (
      CognitiveMap(concepts: conceptIndices.map { map.concepts[$0] }, links: links), LinkSources(byLink: keptSources)
    )
  }
}
