// The domain rules the store defines once: a merged concept stands for the
// live one it became, a member's current vote is their latest, the decision
// in force is an item's latest, and one writer keeps the decision log.
import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Store rules")
struct StoreRulesTests {
  static func conceptID(_ store: ProjectStore, _ label: String) throws -> ConceptID {
    try #require(try store.concepts(includeMerged: true).first { $0.label == label }).id
  }

  @Test("a concept merged twice stands for the concept it finally became, in every reader")
  func liveConcept() throws {
    let store = try PanelFixture.project()
    let lessAlone = try Self.conceptID(store, "less alone")
    let anxiety = try Self.conceptID(store, "anxiety")
    let trust = try Self.conceptID(store, "trust in services")
    let peer = try Self.conceptID(store, "peer group")
    try store.setConceptParent(peer, to: lessAlone, actor: "tester")
    try store.mergeConcept(lessAlone, into: anxiety, actor: "tester")
    try store.mergeConcept(anxiety, into: trust, actor: "tester")

    let merges = try store.conceptMerges()
    #expect([lessAlone, anxiety, trust, peer].map(merges.live) == [trust, trust, trust, peer])
    #expect(ConceptMerges(try store.concepts(includeMerged: true)) == merges)
    // The tree places a concept under the live concept its parent became.
    let node = try #require(try store.conceptTree().first { $0.concept.id == peer })
    #expect(node.parentID == trust)
    #expect(node.path == ["trust in services", "peer group"])
  }

  @Test("a member's current vote is their latest; the decision in force is the item's latest, an override included")
  func currentVoteAndDecisionInForce() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, rule: .unanimous, quorum: 2, members: 2)
    let item = try #require(try store.openItems(panel: panel, links: [1], actor: "tester").first)
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, strength: .aLittle))
    try store.castVote(as: members[1], item: item.id, ballot: Ballot(.disagree))
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, strength: .aLot))
    try store.castVote(as: members[1], item: item.id, ballot: Ballot(.agree, strength: .some))
    try store.editLink(2, strength: 0.3, actor: testActor)

    #expect(try store.currentVotes(item: item.id).map(\.ballot.strength) == [.aLot, .some])
    #expect(try store.myVote(members[0], item: item.id)?.ballot.strength == .aLot)
    // No decision yet: no panel strength counts.
    #expect(try store.mapWeightSources() == MapWeightSources(researcherStrengths: [2: 0.3], panelStrengths: []))

    let closed = try store.closeItems(panel: panel, actor: "tester")
    #expect(closed.map(\.outcome) == [.accepted])
    #expect(
      try store.mapWeightSources().panelStrengths == [
        PanelStrengthVote(linkID: 1, polarity: 1, strength: .aLot),
        PanelStrengthVote(linkID: 1, polarity: 1, strength: .some),
      ])
    #expect(try store.decisions(for: members[0]).map(\.decision.outcome) == [.accepted])

    // The researcher's override is now the decision in force: the votes no longer weigh the link.
    _ = try store.overrideDecision(
      item: item.id, outcome: .rejected, reason: "a duplicate of another item", actor: "tester")
    #expect(try store.mapWeightSources().panelStrengths == [])
    #expect(try store.decisions(for: members[0]).map(\.decision.kind) == [.override])
  }

  @Test("a map import writes its decisions through the one decision-log writer, at one time, as the actor given")
  func mapImportDecisions() throws {
    let store = try PanelFixture.project()
    let lessAlone = try Self.conceptID(store, "less alone")
    let anxiety = try Self.conceptID(store, "anxiety")
    try store.mergeConcept(lessAlone, into: anxiety, actor: "tester")
    let before = try store.decisions().count

    // "less alone" was merged into "anxiety": the file's link lands on the
    // existing link waiting list → anxiety (L2), which it accepts.
    let summary = try store.importMap(
      concepts: ["waiting list", " less alone ", "calm"],
      links: [
        ImportedMapLink(cause: 0, effect: 1, weight: 0.5), ImportedMapLink(cause: 2, effect: 1, weight: -0.25),
      ], file: "m.csv", format: "mental-modeler-csv", actor: "mapper")
    var expected = MapImportSummary()
    expected.conceptsFound = 2
    expected.conceptsAdded = 1
    expected.linksUpdated = 1
    expected.linksAdded = 1
    #expect(summary == expected)

    let written = Array(try store.decisions().dropFirst(before))
    let calm = try Self.conceptID(store, "calm")
    // L1 to L3 came from the fixture; the new link is L4.
    #expect(written.map(\.subject) == [.concept(calm), .link(2), .link(4)])
    #expect(written.map(\.action) == [.import, .import, .import])
    #expect(Set(written.map(\.actor)) == ["mapper"])
    #expect(Set(written.map(\.at)).count == 1)
    #expect(written[0].detail == #"{"file":"m.csv","format":"mental-modeler-csv","label":"calm"}"#)
    #expect(
      written[1].detail
        == #"{"file":"m.csv","format":"mental-modeler-csv","from":"candidate","polarity":1,"strength":0.5}"#)
    #expect(
      written[2].detail == #"{"file":"m.csv","format":"mental-modeler-csv","from":"new","polarity":-1,"strength":0.25}"#
    )
    let link = try #require(try store.links().first { $0.id == 2 })
    #expect(
      (link.cause, link.effect, link.status, link.weight) == ("waiting list", "anxiety", LinkStatus.accepted, 0.5))
  }

  @Test("the listings the command line prints: documents, participants, corpus summary, code frequencies, runs")
  func listings() throws {
    let store = try PanelFixture.project()
    let documents = try store.documentListing()
    #expect(
      documents == [
        DocumentListing(id: 1, title: "Interview 1", format: "txt", words: 19, turns: 2, speakers: "Amina"),
        DocumentListing(id: 2, title: "Interview 2", format: "txt", words: 12, turns: 2, speakers: "Grace"),
      ])
    let participants = try store.participantListing()
    #expect(
      participants == [
        ParticipantListing(pseudonym: "Amina", role: .participant, group: "people using services", documents: 1),
        ParticipantListing(pseudonym: "Grace", role: .participant, group: "carers", documents: 1),
        ParticipantListing(pseudonym: "Ruth", role: .interviewer, group: "research team", documents: 2),
      ])
    let summary = try store.corpusSummary()
    #expect(
      summary
        == CorpusSummary(
          documents: 2, words: 31,
          peopleByGroup: [GroupSize(group: "carers", people: 1), GroupSize(group: "people using services", people: 1)]))
    #expect(try store.codeFrequencies(limit: 10) == [])
    let runs = try store.runs()
    #expect(runs.map(\.id) == [1])
    #expect(runs.map(\.status) == [.running])
    #expect(runs.map(\.isolation) == [.inProcess])
    var record = RunPluginRecord(pluginID: "org.test.links", pluginVersion: "1", pluginPath: "/p.so", options: "{}")
    record.documentsDone = 2
    record.counts.links = 3
    record.seconds = 0.5
    try store.recordRunPlugin(1, record)
    #expect(try store.runPlugins(1) == [record])
    #expect(try store.runPlugins(2) == [])
  }

  @Test("a link's status is one of three, and setting it records the matching action")
  func linkStatus() throws {
    let store = try PanelFixture.project()
    #expect(LinkStatus.allCases.map(\.rawValue) == ["candidate", "accepted", "rejected"])
    try store.setLinkStatus(1, to: .accepted, actor: "tester")
    try store.setLinkStatus(1, to: .candidate, actor: "tester")
    try store.setLinkStatus(2, to: .rejected, actor: "tester")
    #expect(
      try store.decisions().map { "\($0.subject) \($0.action)" } == ["link:1 accept", "link:1 reopen", "link:2 reject"])
    #expect(try store.links(status: .rejected).map(\.id) == [2])
    #expect(try store.links(status: .candidate).map(\.id).sorted() == [1, 3])
    #expect(throws: HarkError.self) { try store.setLinkStatus(99, to: .accepted, actor: "tester") }
  }
}
