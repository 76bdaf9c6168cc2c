// Map indices against values worked out by hand.
import Foundation
import HarkMap
import Testing

@Suite("Indices")
struct IndicesTests {
  @Test("Map A: degrees are sums of |weight|, C1 is the only transmitter, the rest ordinary")
  func mapAConcepts() {
    let indices = MapIndices(ReferenceMaps.mapA)
    let expected: [(String, Double, Double, ConceptType)] = [
      ("C1", 0, 1.2, .transmitter), ("C2", 1.0, 0.6, .ordinary), ("C3", 1.3, 0.7, .ordinary),
      ("C4", 1.0, 0.5, .ordinary), ("C5", 0.3, 0.6, .ordinary),
    ]
    #expect(indices.perConcept.count == 5)
    for (concept, (name, indegree, outdegree, type)) in zip(indices.perConcept, expected) {
      #expect(concept.name == name)
      #expect(abs(concept.indegree - indegree) <= 1e-12, "\(name)")
      #expect(abs(concept.outdegree - outdegree) <= 1e-12, "\(name)")
      #expect(abs(concept.centrality - (indegree + outdegree)) <= 1e-12, "\(name)")
      #expect(concept.type == type)
    }
  }

  @Test("Map A: 5 concepts, 8 links, 1 component, density 8/20, complexity 0/1, hierarchy 0.0308")
  func mapAWhole() {
    let indices = MapIndices(ReferenceMaps.mapA)
    #expect(indices.concepts == 5)
    #expect(indices.links == 8)
    #expect(indices.components == 1)
    #expect(abs(indices.density - 0.4) <= 1e-15)
    #expect(indices.transmitters == 1 && indices.receivers == 0 && indices.ordinary == 4)
    #expect(indices.complexity == 0)
    // Outdegrees 1.2 0.6 0.7 0.5 0.6, mean 0.72: Σ(od − mean)² = 0.308; 12 / (4·5·6) · 0.308.
    #expect(abs(indices.hierarchy - 0.0308) <= 1e-12)
  }

  @Test("two separate chains and a lone concept: 3 components, 3 receivers over 2 transmitters, h = 173/1680")
  func components() {
    let map = CognitiveMap(
      concepts: ["A", "B", "C", "D", "E", "F"].map { CognitiveMap.Concept(name: $0) },
      links: [
        .init(cause: 0, effect: 1, weight: 1), .init(cause: 0, effect: 2, weight: -0.5),
        .init(cause: 3, effect: 4, weight: 0.25),
      ])
    let indices = MapIndices(map)
    #expect(indices.components == 3)
    #expect(indices.links == 3)
    #expect(abs(indices.density - 0.1) <= 1e-15)
    #expect(indices.perConcept.map(\.type) == [.transmitter, .receiver, .receiver, .transmitter, .receiver, .isolated])
    #expect(indices.complexity == 1.5)
    // Outdegrees 1.5, 0, 0, 0.25, 0, 0: Σod² − (Σod)²/6 = 37/16 − 49/96 = 173/96; times 12 / (5·6·7).
    #expect(abs(indices.hierarchy - 173.0 / 1680.0) <= 1e-12)
  }

  @Test("links in any order, or one link split in two, give the same indices; opposite halves cancel")
  func linkOrder() {
    var shuffled = ReferenceMaps.mapA
    shuffled.links.reverse()
    // C1 → C2 −0.7 as −0.3 and −0.4; C5 → C1 +0.2 and −0.2 come to no link.
    shuffled.links.removeAll { $0.cause == 0 && $0.effect == 1 }
    shuffled.links += [
      .init(cause: 0, effect: 1, weight: -0.3), .init(cause: 4, effect: 0, weight: 0.2),
      .init(cause: 0, effect: 1, weight: -0.4), .init(cause: 4, effect: 0, weight: -0.2),
    ]
    let expected = MapIndices(ReferenceMaps.mapA)
    let actual = MapIndices(shuffled)
    #expect(actual.links == 8 && actual.components == 1 && actual.transmitters == 1)
    for (a, e) in zip(actual.perConcept, expected.perConcept) {
      #expect(a.type == e.type)
      #expect(abs(a.indegree - e.indegree) <= 1e-12 && abs(a.outdegree - e.outdegree) <= 1e-12, "\(a.name)")
    }
    #expect(abs(actual.hierarchy - expected.hierarchy) <= 1e-12)
  }

  @Test("a map with no transmitter has no complexity ratio")
  func noTransmitter() {
    let map = CognitiveMap(
      concepts: [.init(name: "A"), .init(name: "B")],
      links: [.init(cause: 0, effect: 1, weight: 0.5), .init(cause: 1, effect: 0, weight: 0.5)])
    #expect(MapIndices(map).complexity == nil)
    #expect(MapIndices(map).hierarchy == 0)
  }

  @Test("in JSON a missing complexity is written as null, so the key is always there")
  func complexityNull() throws {
    let map = CognitiveMap(
      concepts: [.init(name: "A"), .init(name: "B")],
      links: [.init(cause: 0, effect: 1, weight: 0.5), .init(cause: 1, effect: 0, weight: -0.5)])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(MapIndices(map)), as: UTF8.self)
    #expect(json.hasPrefix(#"{"complexity":null,"components":1,"concepts":2,"density":1,"hierarchy":0,"links":2,"#))
  }

  @Test("a fully ordered map (each concept drives every later one) has hierarchy index 1")
  func fullHierarchy() {
    let n = 4
    var links: [CognitiveMap.Link] = []
    for cause in 0..<n {
      for effect in (cause + 1)..<n { links.append(.init(cause: cause, effect: effect, weight: 1)) }
    }
    let map = CognitiveMap(concepts: (0..<n).map { .init(name: "C\($0)") }, links: links)
    #expect(abs(MapIndices(map).hierarchy - 1) <= 1e-12)
  }

  @Test("an empty map has no links, no components and zero density")
  func emptyMap() {
    let indices = MapIndices(CognitiveMap(concepts: [], links: []))
    #expect(indices.concepts == 0 && indices.links == 0 && indices.components == 0)
    #expect(indices.density == 0 && indices.hierarchy == 0)
  }
}
