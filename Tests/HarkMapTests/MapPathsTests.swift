import HarkMap
// Chains from one concept to another, and those one source told in full.
import HarkStore
import HarkTranscripts
import Testing

@Suite("Paths through the map")
struct MapPathsTests {
  // a → b → d, a → c → d, a → d, b → c, d → a (a cycle back)
  static let map = CognitiveMap(
    concepts: [.init(name: "a"), .init(name: "b"), .init(name: "c"), .init(name: "d")],
    links: [
      .init(cause: 0, effect: 1, weight: 0.5), .init(cause: 1, effect: 3, weight: -0.5),
      .init(cause: 0, effect: 2, weight: 1), .init(cause: 2, effect: 3, weight: 0.25),
      .init(cause: 0, effect: 3, weight: 0.75), .init(cause: 1, effect: 2, weight: 1),
      .init(cause: 3, effect: 0, weight: 1),
    ])
  static let amina = EvidenceSource(name: "Amina", group: "people using services")
  static let grace = EvidenceSource(name: "Grace", group: "carers")
  static let sources = LinkSources(byLink: [
    [amina], [amina, grace], [grace], [amina], [grace], [amina], [],
  ])

  func describe(_ paths: [MapPath]) -> [String] {
    paths.map { path in
      path.concepts.map { Self.map.concepts[$0].name }.joined(separator: ">") + " \(path.weight) "
        + path.sharedSources.map(\.name).joined(separator: ",")
    }
  }

  @Test("every simple chain within k steps, shortest first, with its net weight and the sources sharing it")
  func findsChains() {
    let paths = MapPaths.find(in: Self.map, from: 0, to: 3, maxSteps: 3, sources: Self.sources)
    #expect(describe(paths) == ["a>d 0.75 Grace", "a>b>d -0.25 Amina", "a>c>d 0.25 ", "a>b>c>d 0.125 Amina"])
    #expect(paths[1].links == [0, 1])
  }

  @Test("chains longer than the step limit are left out")
  func limitsSteps() {
    let paths = MapPaths.find(in: Self.map, from: 0, to: 3, maxSteps: 1, sources: Self.sources)
    #expect(describe(paths) == ["a>d 0.75 Grace"])
  }

  @Test("with same-source, a chain whose links different people told is left out")
  func keepsChainsOneSourceTold() {
    let paths = MapPaths.find(in: Self.map, from: 0, to: 3, maxSteps: 3, sources: Self.sources, sameSource: true)
    #expect(describe(paths) == ["a>d 0.75 Grace", "a>b>d -0.25 Amina", "a>b>c>d 0.125 Amina"])
  }

  @Test("no chain from a concept to itself, none with k below 1, none where no link leads")
  func findsNothing() {
    #expect(MapPaths.find(in: Self.map, from: 0, to: 0, maxSteps: 3, sources: Self.sources).isEmpty)
    #expect(MapPaths.find(in: Self.map, from: 0, to: 3, maxSteps: 0, sources: Self.sources).isEmpty)
    let lonely = CognitiveMap(concepts: [.init(name: "x"), .init(name: "y")], links: [])
    #expect(MapPaths.find(in: lonely, from: 0, to: 1, maxSteps: 5, sources: LinkSources(byLink: [])).isEmpty)
  }

  @Test("a long chain through a large, dense map is found without walking every dead end")
  func searchesLargeMapsQuickly() {
    // 40 concepts, every one linked to every other except into the end, which only the last reaches.
    let count = 40
    var links: [CognitiveMap.Link] = []
    for cause in 0..<count - 1 {
      for effect in 0..<count - 1 where effect != cause {
        links.append(.init(cause: cause, effect: effect, weight: 0.5))
      }
    }
    links.append(.init(cause: count - 2, effect: count - 1, weight: 1))
    let map = CognitiveMap(concepts: (0..<count).map { .init(name: "c\($0)") }, links: links)
    let sources = LinkSources(byLink: Array(repeating: [], count: links.count))
    let paths = MapPaths.find(in: map, from: 0, to: count - 1, maxSteps: 2, sources: sources)
    #expect(paths.map(\.concepts) == [[0, 38, 39]])
  }

  @Test("concepts are found by name as concept keys compare them, and an unknown name is refused")
  func findsConceptByName() throws {
    let map = CognitiveMap(concepts: [.init(name: "Peer group")], links: [])
    #expect(try MapPaths.concept(named: "  peer GROUP ", in: map) == 0)
    #expect(throws: HarkError.self) { try MapPaths.concept(named: "hope", in: map) }
    do {
      _ = try MapPaths.concept(named: "hope", in: map)
    } catch {
      #expect(
        "\(error)"
          == "hope: no concept \"hope\" in the approved map. Run `hark map stats` or `hark concepts` to see the concepts; "
          + "only concepts joined by accepted links are in the map")
    }
  }
}

@Suite("Voice balance")
struct MapVoicesTests {
  @Test("counts sources per group for each link and concept, and flags links resting on one group")
  func countsGroups() {
    let balance = VoiceBalance(map: MapPathsTests.map, sources: MapPathsTests.sources)
    #expect(balance.groups == ["carers", "people using services"])
    #expect(
      balance.links.map(\.sourcesByGroup) == [
        ["people using services": 1], ["people using services": 1, "carers": 1], ["carers": 1],
        ["people using services": 1], ["carers": 1], ["people using services": 1], [:],
      ])
    #expect(balance.links.map(\.restsOnOneGroup) == [true, false, true, true, true, true, false])
    #expect(
      balance.concepts.map(\.sourcesByGroup) == [
        ["people using services": 1, "carers": 1], ["people using services": 1, "carers": 1],
        ["people using services": 1, "carers": 1], ["people using services": 1, "carers": 1],
      ])
  }

  @Test("two sources from one group count twice for that group; a document with no participant is its own source")
  func countsDistinctSources() {
    let map = CognitiveMap(
      concepts: [.init(name: "a"), .init(name: "b")], links: [.init(cause: 0, effect: 1, weight: 1)])
    let sources = LinkSources(byLink: [
      [
        EvidenceSource(name: "Amina", group: "g"), EvidenceSource(name: "Bo", group: "g"),
        EvidenceSource(name: "document: Notes", group: ""),
      ]
    ])
    let balance = VoiceBalance(map: map, sources: sources)
    #expect(balance.links[0].sourcesByGroup == ["g": 2, "(no group)": 1])
    #expect(balance.links[0].total == 3)
    #expect(balance.groups == ["(no group)", "g"])
  }

  @Test("the map filtered to one group keeps its links, its concepts and counts its sources only")
  func filtersToGroup() {
    let (map, sources) = VoiceBalance.filter(MapPathsTests.map, sources: MapPathsTests.sources, group: "carers")
    #expect(map.concepts.map(\.name) == ["a", "b", "c", "d"])
    #expect(
      map.links == [
        .init(cause: 1, effect: 3, weight: -0.5, sources: 1), .init(cause: 0, effect: 2, weight: 1, sources: 1),
        .init(cause: 0, effect: 3, weight: 0.75, sources: 1),
      ])
    #expect(sources.byLink == [[MapPathsTests.grace], [MapPathsTests.grace], [MapPathsTests.grace]])
    let (none, _) = VoiceBalance.filter(MapPathsTests.map, sources: MapPathsTests.sources, group: "nobody")
    #expect(none == CognitiveMap(concepts: [], links: []))
  }
}
