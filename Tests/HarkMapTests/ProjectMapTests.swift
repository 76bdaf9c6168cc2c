// The approved map read from a real project store: accepted links only, the
// store's weights and counts, merged concepts followed.
import Foundation
import HarkMap
import HarkStore
import HarkTestSupport
import Testing

/// A project with two interviews and three candidate links: peer group → less
/// alone (0.6), waiting list → anxiety (0.8), peer group → hope (0.6).
enum MapProject {
  static func make() throws -> ProjectStore {
    var first = Findings()
    first.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, span: 26..<67,
        explanation: "pattern"),
      LinkFinding(
        cause: "waiting list", effect: "anxiety", polarity: 1, strength: 0.8, confidence: 0.6, span: 68..<107,
        explanation: "pattern"),
    ]
    var second = Findings()
    second.links = [
      LinkFinding(
        cause: "peer groups", effect: "hope", polarity: 1, strength: 0.6, confidence: 0.9, span: 26..<50,
        explanation: "pattern")
    ]
    return try InterviewProject.make(
      in: try makeTemporaryFolder("hark-map"),
      [
        .init(
          "Amina", "The peer group helped me feel less alone. The waiting list made my anxiety worse.", findings: first),
        .init("Grace", "Peer groups gave me hope, and being listened to helped me trust them.", findings: second),
      ])
  }

  static func link(_ store: ProjectStore, _ cause: String, _ effect: String) throws -> LinkSummary {
    try #require(try store.links().first { $0.cause == cause && $0.effect == effect })
  }

  static func describe(_ map: CognitiveMap) -> [String] {
    map.links.map {
      "\(map.concepts[$0.cause].name) → \(map.concepts[$0.effect].name) \($0.weight) c\($0.confidence) q\($0.citations) s\($0.sources)"
    }.sorted()
  }
}

@Suite("Project map")
struct ProjectMapTests {
  @Test("only accepted links are in the map, with the store's weight, quotes, sources and evidence confidence")
  func acceptedOnly() throws {
    let store = try MapProject.make()
    let peer = try MapProject.link(store, "peer group", "less alone")
    let waiting = try MapProject.link(store, "waiting list", "anxiety")
    try store.setLinkStatus(peer.id, to: .accepted, actor: testActor)
    try store.setLinkStatus(waiting.id, to: .accepted, actor: testActor)
    try store.editLink(waiting.id, polarity: -1, strength: 0.5, actor: testActor)
    let map = try CognitiveMap.approved(from: store)
    #expect(map.concepts.count == 4)
    #expect(Set(map.concepts.map(\.name)) == ["peer group", "less alone", "waiting list", "anxiety"])
    #expect(map.concepts.map { $0.projectID! } == map.concepts.map { $0.projectID! }.sorted())
    #expect(
      MapProject.describe(map) == [
        "peer group → less alone 0.6 c0.8 q1 s1",
        "waiting list → anxiety -0.5 c0.6 q1 s1",
      ])
    #expect(Set(map.links.map { $0.projectID! }) == [peer.id, waiting.id])
  }

  @Test("a concept merged into another stands for it: the two links from peer group become one bundle")
  func mergedConcepts() throws {
    let store = try MapProject.make()
    let alone = try MapProject.link(store, "peer group", "less alone")
    let hope = try MapProject.link(store, "peer group", "hope")
    try store.setLinkStatus(alone.id, to: .accepted, actor: testActor)
    try store.setLinkStatus(hope.id, to: .accepted, actor: testActor)
    try store.mergeConcept(hope.effectID, into: alone.effectID, actor: testActor)
    let map = try CognitiveMap.approved(from: store)
    #expect(map.concepts.map(\.name) == ["peer group", "less alone"])
    // Both quotes now stand behind one link; its strength is their mean.
    #expect(MapProject.describe(map).count == 1)
    #expect(map.links[0].citations == 2 && map.links[0].sources == 2)
    #expect(abs(map.links[0].weight - 0.6) <= 1e-12)
    #expect(abs(map.links[0].confidence - 0.85) <= 1e-12)
  }

  @Test("a link the panel accepted takes its weight from the members' strength votes: a lot, a lot, some → 60/91")
  func panelStrengthVotes() throws {
    let store = try MapProject.make()
    let peer = try MapProject.link(store, "peer group", "less alone")
    let panel = try store.createPanel(name: "carers", rule: .unanimous, quorum: 3, actor: testActor)
    let members = try (1...3).map {
      store.identity(of: try store.addMember(panel: panel, name: "member \($0)", actor: testActor))
    }
    let item = try #require(try store.openItems(panel: panel, links: [peer.id], actor: "ruth").first)
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, strength: .some))
    // A changed vote counts as its latest: "some" became "a lot".
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, strength: .aLot))
    try store.castVote(as: members[1], item: item.id, ballot: Ballot(.agree, strength: .aLot))
    try store.castVote(as: members[2], item: item.id, ballot: Ballot(.agree, strength: .some))
    _ = try store.closeItems(panel: panel, actor: "ruth")
    let map = try CognitiveMap.approved(from: store)
    #expect(map.links.count == 1)
    #expect(abs(map.links[0].weight - 60.0 / 91.0) <= 1e-9)
    // The researcher's own strength wins over the panel's.
    try store.editLink(peer.id, strength: 0.3, actor: testActor)
    #expect(try CognitiveMap.approved(from: store).links.map(\.weight) == [0.3])
  }

  @Test("agreeing votes without a strength leave the weight from the evidence")
  func votesWithoutStrength() throws {
    let store = try MapProject.make()
    let peer = try MapProject.link(store, "peer group", "less alone")
    let panel = try store.createPanel(name: "carers", rule: .unanimous, quorum: 1, actor: testActor)
    let member = store.identity(of: try store.addMember(panel: panel, name: "member 1", actor: testActor))
    let item = try #require(try store.openItems(panel: panel, links: [peer.id], actor: "ruth").first)
    try store.castVote(as: member, item: item.id, ballot: Ballot(.agree))
    _ = try store.closeItems(panel: panel, actor: "ruth")
    #expect(try CognitiveMap.approved(from: store).links.map(\.weight) == [0.6])
  }

  @Test("a project with no accepted links gives an empty map")
  func nothingAccepted() throws {
    let map = try CognitiveMap.approved(from: try MapProject.make())
    #expect(map.concepts.isEmpty && map.links.isEmpty)
  }
}

@Suite("Report: what panel members said")
struct ReportCommentsTests {
  @Test("the report lists panel members' comments under the link they were made on, escaped")
  func commentsUnderTheirLink() throws {
    let store = try MapProject.make()
    let peer = try MapProject.link(store, "peer group", "less alone")
    try store.setLinkStatus(peer.id, to: .accepted, actor: testActor)
    let panel = try store.createPanel(name: "carers", rule: .unanimous, quorum: 1, actor: testActor)
    let member = store.identity(
      of: try store.addMember(panel: panel, name: "Jo Bloggs", pseudonym: "Robin", actor: testActor))
    let item = try #require(try store.openItems(panel: panel, links: [peer.id], actor: "ruth").first)
    try store.castVote(as: member, item: item.id, ballot: Ballot(.agree, comment: "Biscuits & <company> help"))
    let report = try MapReport(map: try CognitiveMap.approved(from: store), store: store)
    let lines = report.html.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "<p class=\"note\">What panel members said about it:</p>"))
    #expect(
      Array(lines[start + 1...start + 3]) == [
        "<ul class=\"comments\">", "<li>“Biscuits &amp; &lt;company&gt; help” — Robin, carers panel</li>", "</ul>",
      ])
    #expect(!report.html.contains("Jo Bloggs"))
  }
}
