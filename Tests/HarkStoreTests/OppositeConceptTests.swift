import Foundation
import GRDB
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

/// One participant's words: "The look she gave me made me not want to ask
/// anyone for help. Asking for help got me a worker." A plugin reads the
/// first sentence as look → (+) ~asking for help, the second as asking for
/// help → (+) worker.
enum OppositeFixture {
  static let said = "The look she gave me made me not want to ask anyone for help. Asking for help got me a worker."
  static let firstSentence = "The look she gave me made me not want to ask anyone for help."

  static func project(effect: String = "~asking for help") throws -> ProjectStore {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-panel").appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Jade", role: .participant, group: "young adults"),
    ])
    let text = "Ruth: What happened?\nJade: \(said)\n"
    let start = 27
    _ = try store.importTranscript(
      ImportedTranscript(
        title: "Jade", format: .text, text: text,
        turns: [
          ImportedTurn(speaker: "Ruth", start: 6, end: 20),
          ImportedTurn(speaker: "Jade", start: start, end: start + said.count),
        ]), sourceName: "jade.txt", sourceBytes: Data(text.utf8), actor: testActor)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "look", effect: effect, polarity: 1, strength: 0.6, confidence: 0.8,
        span: start..<start + firstSentence.count, explanation: "made me not want"),
      LinkFinding(
        cause: "asking for help", effect: "worker", polarity: 1, strength: 0.6, confidence: 0.8,
        span: start + firstSentence.count + 1..<start + said.count, explanation: "got me"),
    ]
    findings.concepts = [
      ConceptFinding(
        label: effect, span: start + 29..<start + firstSentence.count - 1, confidence: 0.8, explanation: "effect")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.links", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    return store
  }

  static func concept(_ store: ProjectStore, _ label: String) throws -> ConceptSummary {
    try #require(try store.concepts().first { $0.label == label })
  }

  /// "cause → (±) effect: quote" for every quote, in link order.
  static func claims(_ store: ProjectStore) throws -> [String] {
    let links = Dictionary(uniqueKeysWithValues: try store.links().map { ($0.id, $0) })
    return try store.evidence().map { e in
      let link = links[e.linkID]!
      return "\(link.cause) → (\(e.polarity > 0 ? "+" : "−")) \(link.effect): \(e.quote)"
    }
  }
}

@Suite("Opposites are a relation between concepts, and the sign belongs to the evidence")
struct OppositeConceptTests {
  @Test("a plugin's \"~asking for help\" is written as look → (−) asking for help, the quote as said")
  func markerBecomesPolarity() throws {
    let store = try OppositeFixture.project()
    #expect(
      try OppositeFixture.claims(store) == [
        "look → (−) asking for help: \(OppositeFixture.firstSentence)",
        "asking for help → (+) worker: Asking for help got me a worker.",
      ])
    let opposite = try OppositeFixture.concept(store, "not asking for help")
    #expect(opposite.oppositeOf == (try OppositeFixture.concept(store, "asking for help")).id)
    #expect(opposite.mentions == 1)
    #expect(try store.concepts(includeMerged: true).allSatisfy { !$0.label.contains("~") })
  }

  @Test("a second batch naming \"~asking for help\" again, or \"~~asking for help\", never makes a \"~~\" concept")
  func noStackedMarkers() throws {
    let store = try OppositeFixture.project()
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "look", effect: "~~asking for help", polarity: 1, strength: 0.6, confidence: 0.8, span: 27..<88,
        explanation: "twice turned")
    ]
    findings.concepts = [
      ConceptFinding(label: "~asking for help", span: 56..<87, confidence: 0.8, explanation: "again")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.second", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    #expect(
      try store.concepts(includeMerged: true).map(\.label).sorted() == [
        "asking for help", "look", "not asking for help", "worker",
      ])
    #expect(try OppositeFixture.concept(store, "not asking for help").mentions == 2)
    let look = try #require(try store.links().first { $0.cause == "look" })
    #expect(try store.evidence(link: look.id).map(\.polarity) == [-1, 1])
  }

  @Test(
    "merging \"not asking for help\" into \"asking for help\" (the browser's store call) keeps every claim and question"
  )
  func mergeOppositeIntoPositive() throws {
    let store = try OppositeFixture.project()
    let panel = try store.createPanel(name: "young adults", actor: testActor)
    let look = try #require(try store.links().first { $0.cause == "look" })
    _ = try store.openItems(panel: panel, links: [look.id], actor: "ruth")
    let opposite = try OppositeFixture.concept(store, "not asking for help")
    let positive = try OppositeFixture.concept(store, "asking for help")
    let merge = try store.mergeConcept(opposite.id, into: positive.id, actor: "ruth")
    #expect(merge.asOpposite)
    #expect(
      try OppositeFixture.claims(store) == [
        "look → (−) asking for help: \(OppositeFixture.firstSentence)",
        "asking for help → (+) worker: Asking for help got me a worker.",
      ])
    #expect(try store.items(panel: panel).map(\.question.text) == ["Does look make asking for help less likely?"])
    #expect(try store.concept(positive.id).mentions == 1)
    let decision = try #require(try store.decisions(subject: .concept(opposite.id)).last)
    #expect(decision.action == .merge)
    #expect(decision.detail.contains("\"as_opposite\":true"))
  }

  @Test("merging \"asking for help\" into its opposite turns each of its links round and says which")
  func mergePositiveIntoOpposite() throws {
    let store = try OppositeFixture.project()
    let panel = try store.createPanel(name: "young adults", actor: testActor)
    let look = try #require(try store.links().first { $0.cause == "look" })
    _ = try store.openItems(panel: panel, links: [look.id], actor: "ruth")
    let opposite = try OppositeFixture.concept(store, "not asking for help")
    let positive = try OppositeFixture.concept(store, "asking for help")
    let merge = try store.mergeConcept(positive.id, into: opposite.id, actor: "ruth")
    #expect(merge.asOpposite)
    #expect(merge.turnedLinks.count == 2)
    #expect(
      try OppositeFixture.claims(store) == [
        "look → (+) not asking for help: \(OppositeFixture.firstSentence)",
        "not asking for help → (−) worker: Asking for help got me a worker.",
      ])
    #expect(try store.items(panel: panel).map(\.question.text) == ["Does look make not asking for help more likely?"])
    #expect(try store.concept(opposite.id).oppositeOf == nil)
    #expect(try store.concept(positive.id).oppositeOf == opposite.id)
    #expect(
      try store.decisions().filter { $0.action == .turnPolarity }.map(\.subject) == [
        .link(merge.turnedLinks[0]), .link(merge.turnedLinks[1]),
      ])
    // Later plugin output keeps its meaning through the merged concepts.
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "look", effect: "asking for help", polarity: -1, strength: 0.6, confidence: 0.8, span: 27..<88,
        explanation: "later")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.later", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    #expect(try store.evidence(link: look.id).map(\.polarity) == [1, 1])
  }

  @Test("merging \"mistrust\" into \"trust\" as its opposite turns its links; an ordinary merge does not")
  func mergeAsOpposite() throws {
    let store = try OppositeFixture.project(effect: "mistrust")
    let mistrust = try OppositeFixture.concept(store, "mistrust")
    let trust = try OppositeFixture.concept(store, "asking for help")
    try store.mergeConcept(mistrust.id, into: trust.id, asOpposite: true, actor: "ruth")
    #expect(
      try OppositeFixture.claims(store) == [
        "look → (−) asking for help: \(OppositeFixture.firstSentence)",
        "asking for help → (+) worker: Asking for help got me a worker.",
      ])
    let plain = try OppositeFixture.project(effect: "mistrust")
    try plain.mergeConcept(
      try OppositeFixture.concept(plain, "mistrust").id, into: try OppositeFixture.concept(plain, "worker").id,
      actor: testActor)
    #expect(
      try OppositeFixture.claims(plain).first == "look → (+) worker: \(OppositeFixture.firstSentence)")
  }

  @Test("a concept cannot be renamed to, or split into, a label starting with \"~\"; nothing changes")
  func markerRefusedInLabels() throws {
    let store = try OppositeFixture.project()
    let positive = try OppositeFixture.concept(store, "asking for help")
    #expect(throws: HarkError.self) { try store.renameConcept(positive.id, to: "~trust", actor: "ruth") }
    #expect(throws: HarkError.self) {
      try store.splitConcept(
        positive.id, ConceptSplitPlan(first: "asking", second: "~help", links: [:], mentions: [:]), actor: "ruth")
    }
    #expect(try store.concept(positive.id).label == "asking for help")
    #expect(try store.decisions(subject: .concept(positive.id)).isEmpty)
  }

  @Test("a hand link typed with \"~eating properly\" is bus fares → (−) eating properly")
  func handLinkMarker() throws {
    let store = try OppositeFixture.project()
    let turn = try #require(
      try store.pool.read { try TurnID.fetchOne($0, sql: "SELECT id FROM turn WHERE role = 'participant'") })
    let made = try store.linkFromQuote(
      "Asking for help got me a worker.", inTurn: turn, document: 1, cause: "bus fares", effect: "~eating properly",
      polarity: 1, strength: nil, actor: "ruth")
    let link = try store.link(made.linkID)
    #expect("\(link.cause) \(link.polarity) \(link.effect)" == "bus fares -1 eating properly")
  }

  @Test("a label that is only \"~\" names nothing: a plugin's finding is left out, a typed one is refused")
  func bareMarker() throws {
    let store = try OppositeFixture.project()
    let before = try OppositeFixture.claims(store)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "look", effect: " ~ ", polarity: 1, strength: 0.6, confidence: 0.8, span: 27..<88,
        explanation: "nothing")
    ]
    findings.concepts = [ConceptFinding(label: "~", span: 56..<87, confidence: 0.8, explanation: "nothing")]
    let counts = try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.bare", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    #expect(counts == FindingCounts())
    #expect(try OppositeFixture.claims(store) == before)
    #expect(try store.concepts(includeMerged: true).allSatisfy { !$0.label.isEmpty })
    let turn = try #require(
      try store.pool.read { try TurnID.fetchOne($0, sql: "SELECT id FROM turn WHERE role = 'participant'") })
    #expect(throws: HarkError.self) {
      try store.linkFromQuote(
        "Asking for help got me a worker.", inTurn: turn, document: 1, cause: "bus fares", effect: "~",
        polarity: 1, strength: nil, actor: "ruth")
    }
    #expect(try OppositeFixture.claims(store) == before)
  }
}
