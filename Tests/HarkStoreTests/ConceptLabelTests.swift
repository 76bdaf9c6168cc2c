import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Concept labels do not depend on which plugin stored them first")
struct ConceptLabelTests {
  func write(_ store: ProjectStore, _ label: String, plugin: String) throws {
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.concepts = [ConceptFinding(label: label, span: 27..<30, confidence: 0.8, explanation: "")]
    try store.writeAnalysis(
      AnalysisRecord(documentID: 1, pluginID: plugin, pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
  }

  @Test("\"dee\" then \"Dee\", or \"Dee\" then \"dee\": the concept is \"Dee\" either way")
  func capitalsWinEitherOrder() throws {
    for order in [["dee", "Dee"], ["Dee", "dee"]] {
      let store = try OppositeFixture.project()
      try write(store, order[0], plugin: "org.test.first")
      try write(store, order[1], plugin: "org.test.second")
      let dee = try #require(try store.concepts().first { $0.key == "dee" })
      #expect(dee.label == "Dee")
      #expect(dee.mentions == 2)
    }
  }

  @Test("\"tablets\" then \"tablet\", or the other way round (one key): the concept is \"tablet\" either way")
  func shorterSpellingWinsEitherOrder() throws {
    for order in [["tablets", "tablet"], ["tablet", "tablets"]] {
      let store = try OppositeFixture.project()
      try write(store, order[0], plugin: "org.test.first")
      try write(store, order[1], plugin: "org.test.second")
      let tablets = try store.concepts().filter { $0.label.hasPrefix("tablet") }
      #expect(tablets.map(\.label) == ["tablet"], "order \(order)")
      #expect(tablets.first?.mentions == 2)
    }
  }

  @Test("a label a researcher gave is kept whatever capitals a plugin writes later")
  func researcherLabelKept() throws {
    let store = try OppositeFixture.project()
    try write(store, "dee", plugin: "org.test.first")
    let dee = try #require(try store.concepts().first { $0.key == "dee" })
    try store.renameConcept(dee.id, to: "dee", actor: "ruth")
    try write(store, "DEE", plugin: "org.test.second")
    #expect(try store.concept(dee.id).label == "dee")
  }
}
