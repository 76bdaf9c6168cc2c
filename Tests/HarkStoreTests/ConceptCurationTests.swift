import Foundation
import GRDB
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Concept hierarchy, splits and filtered bundles")
struct ConceptCurationTests {
  func concept(_ store: ProjectStore, _ label: String) throws -> ConceptSummary {
    try #require(try store.concepts().first { $0.label == label })
  }

  @Test("a split can undo a merge: the second label, merged in before, comes back under its old id")
  func splitUndoesMerge() throws {
    let store = try PanelFixture.project()
    let lessAlone = try concept(store, "less alone")
    let anxiety = try concept(store, "anxiety")
    try store.mergeConcept(anxiety.id, into: lessAlone.id, actor: "ruth")
    let links = try store.links().filter { $0.effectID == lessAlone.id }.map(\.id).sorted()
    #expect(links.count == 2)
    let back = try store.splitConcept(
      lessAlone.id,
      ConceptSplitPlan(
        first: "less alone", second: "anxiety", links: [links[0]: .first, links[1]: .second], mentions: [:]),
      actor: "ruth")
    #expect(back == anxiety.id)
    #expect(try store.concept(anxiety.id).mergedInto == nil)
    #expect(try store.link(links[0]).effect == "less alone")
    #expect(try store.link(links[1]).effect == "anxiety")
    #expect(
      try store.decisions(subject: .concept(anxiety.id)).map { "\($0.actor) \($0.action)" } == [
        "ruth merge", "ruth unmerge",
      ])
  }

  @Test("a concept placed under one that is later merged sits under the concept it became; a cycle is refused")
  func hierarchyFollowsMerges() throws {
    let store = try PanelFixture.project()
    let peer = try concept(store, "peer group")
    let lessAlone = try concept(store, "less alone")
    let anxiety = try concept(store, "anxiety")
    try store.setConceptParent(peer.id, to: lessAlone.id, actor: "ruth")
    try store.mergeConcept(lessAlone.id, into: anxiety.id, actor: "ruth")
    let tree = try store.conceptTree()
    let node = try #require(tree.first { $0.concept.id == peer.id })
    #expect(node.parentID == anxiety.id)
    #expect(node.path == ["anxiety", "peer group"])
    #expect(node.depth == 1)
    #expect(throws: HarkError.self) { try store.setConceptParent(anxiety.id, to: peer.id, actor: "ruth") }
    #expect(throws: HarkError.self) { try store.setConceptParent(anxiety.id, to: anxiety.id, actor: "ruth") }
    #expect(throws: HarkError.self) { try store.setConceptParent(anxiety.id, to: lessAlone.id, actor: "ruth") }
    #expect(try store.conceptTree().first { $0.concept.id == anxiety.id }?.parentID == nil)
    try store.setConceptParent(peer.id, to: nil, actor: "ruth")
    #expect(try store.conceptTree().first { $0.concept.id == peer.id }?.depth == 0)
  }

  @Test("a filter counts only the evidence of matching participants; a group nobody is in leaves no bundles")
  func filteredBundles() throws {
    let store = try PanelFixture.project()
    let carers = try store.links(filter: EvidenceFilter(group: "carers"))
    #expect(
      carers.map { "\($0.cause) → \($0.effect) \($0.citations)/\($0.sources)" } == [
        "being listened to → trust in services 1/1"
      ])
    #expect(try store.links(filter: EvidenceFilter(group: "nobody")).isEmpty)
    #expect(try store.links(filter: EvidenceFilter()).count == 3)
    #expect(try store.participantFacets().groups == ["carers", "people using services"])
    #expect(
      ParticipantAttribute(parsing: " age band = 18-24 ") == ParticipantAttribute(name: "age band", value: "18-24"))
    #expect(ParticipantAttribute(parsing: "age band=") == nil)
    #expect(ParticipantAttribute(parsing: "no equals") == nil)
  }
}
