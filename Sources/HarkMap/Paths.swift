// Chains of links from one concept to another, and the ones a single source
// told in full: A → B said by one person and B → C by another do not mean
// anyone said A leads to C (the transitivity trap: a map must not imply a chain nobody told).

import HarkStore
import HarkTranscripts

/// One chain of links, cause to effect.
public struct MapPath: Sendable, Equatable {
  /// Concept indices, from the start to the end.
  public var concepts: [Int]
  /// Link indices, one fewer than `concepts`.
  public var links: [Int]
  /// The product of the links' weights: the chain's net push, sign included.
  public var weight: Double
  /// Sources whose evidence covers every link of the chain, sorted.
  public var sharedSources: [EvidenceSource]
}

public enum MapPaths {
  /// Every simple chain (no concept twice) from `start` to `end` with at most
  /// `maxSteps` links, shortest first, then by the concepts' names.
  /// With `sameSource`, only chains some one source supports in every link.
  public static func find(
    in map: CognitiveMap, from start: Int, to end: Int, maxSteps: Int, sources: LinkSources,
    sameSource: Bool = false
  ) -> [MapPath] {
    guard maxSteps >= 1, start != end else { return [] }
    var outgoing = [[Int]](repeating: [], count: map.concepts.count)
    var incoming = [[Int]](repeating: [], count: map.concepts.count)
    for (index, link) in map.links.enumerated() {
      outgoing[link.cause].append(index)
      incoming[link.effect].append(link.cause)
    }
    // Fewest links from each concept to the end: a chain that cannot reach it
    // within the steps left is not followed, which keeps large maps quick.
    var toEnd = [Int](repeating: Int.max, count: map.concepts.count)
    toEnd[end] = 0
    var frontier = [end]
    while !frontier.isEmpty {
      var next: [Int] = []
      for concept in frontier {
        for cause in incoming[concept] where toEnd[cause] == Int.max {
          toEnd[cause] = toEnd[concept] + 1
          next.append(cause)
        }
      }
      frontier = next
    }
    var found: [MapPath] = []
    var concepts = [start]
    var links: [Int] = []
    var onChain: Set<Int> = [start]

    func shared() -> Set<EvidenceSource> {
      var common = sources.byLink[links[0]]
      for link in links.dropFirst() { common.formIntersection(sources.byLink[link]) }
      return common
    }

    func extend() {
      for link in outgoing[concepts.last!] {
        let next = map.links[link].effect
        if onChain.contains(next) || toEnd[next] == Int.max || links.count + 1 + toEnd[next] > maxSteps { continue }
        links.append(link)
        concepts.append(next)
        // Shared sources only shrink as a chain grows, so an empty set ends the search here.
        let common = shared()
        if !(sameSource && common.isEmpty) {
          if next == end {
            let weight = links.reduce(1.0) { $0 * map.links[$1].weight }
            found.append(MapPath(concepts: concepts, links: links, weight: weight, sharedSources: common.sorted()))
          } else if links.count < maxSteps {
            onChain.insert(next)
            extend()
            onChain.remove(next)
          }
        }
        links.removeLast()
        concepts.removeLast()
      }
    }
    extend()
    return found.sorted { a, b in
      if a.links.count != b.links.count { return a.links.count < b.links.count }
      return a.concepts.map { map.concepts[$0].name }.lexicographicallyPrecedes(
        b.concepts.map { map.concepts[$0].name })
    }
  }

  /// The index of the concept named `name` (case and spacing as ConceptKey sees them).
  public static func concept(named name: String, in map: CognitiveMap) throws -> Int {
    let key = ConceptKey.make(name)
    if let index = map.concepts.firstIndex(where: { ConceptKey.make($0.name) == key }) { return index }
    throw HarkError(
      "no concept \"\(name)\" in the approved map", subject: name,
      hint:
        "Run `hark map stats` or `hark concepts` to see the concepts; only concepts joined by accepted links are in the map"
    )
  }
}
