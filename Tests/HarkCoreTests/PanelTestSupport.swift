// A project with known links and quotes, for the panel and account tests.
import Foundation
import GRDB

@testable import HarkCore

enum PanelFixture {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-panel-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Three links with quotes from two participants:
  /// L1 peer group → (+) less alone, L2 waiting list → (+) anxiety, L3 being listened to → (+) trust in services.
  static func project() throws -> ProjectStore {
    let store = try ProjectStore.create(at: try folder().appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Amina", role: .participant, group: "people using services"),
      ParticipantRecord(pseudonym: "Grace", role: .participant, group: "carers"),
    ])
    let texts = [
      ("Amina", "The peer group helped me feel less alone. The waiting list made my anxiety worse."),
      ("Grace", "Being listened to helped me trust services again."),
    ]
    for (i, (speaker, said)) in texts.enumerated() {
      let text = "Ruth: What helped?\n\(speaker): \(said)\n"
      let start = 19 + speaker.count + 2
      _ = try store.importTranscript(
        ImportedTranscript(
          title: "Interview \(i + 1)", format: .text, text: text,
          turns: [
            ImportedTurn(speaker: "Ruth", start: 6, end: 18),
            ImportedTurn(speaker: speaker, start: start, end: start + said.count),
          ]), sourceName: "i\(i + 1).txt", sourceBytes: Data(text.utf8))
    }
    let run = try store.startRun(isolation: "in-process", workers: 1)
    func record(_ document: Int64) -> AnalysisRecord {
      AnalysisRecord(
        documentID: document, pluginID: "org.test.links", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0)
    }
    var first = Findings()
    first.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, start: 26, end: 67,
        explanation: "x"),
      LinkFinding(
        cause: "waiting list", effect: "anxiety", polarity: 1, strength: 0.8, confidence: 0.8, start: 68, end: 107,
        explanation: "y"),
    ]
    var second = Findings()
    second.links = [
      LinkFinding(
        cause: "being listened to", effect: "trust in services", polarity: 1, strength: 0.6, confidence: 0.8,
        start: 26, end: 75, explanation: "z")
    ]
    _ = try store.writeAnalysis(record(1), findings: first)
    _ = try store.writeAnalysis(record(2), findings: second)
    return store
  }

  /// A panel with members named A, B, C… (pseudonyms Member 1, 2, 3…).
  static func panel(
    _ store: ProjectStore, name: String = "carers", rule: PanelRule = .unanimous, quorum: Int = 1, members: Int = 3
  ) throws -> (Panel, [MemberIdentity]) {
    let panel = try store.createPanel(name: name, rule: rule, quorum: quorum)
    var identities: [MemberIdentity] = []
    for i in 0..<members {
      let member = try store.addMember(panel: panel, name: "\(name)-\(i + 1)")
      identities.append(store.identity(of: member))
    }
    return (panel, identities)
  }

  static func count(_ store: ProjectStore, _ sql: String) throws -> Int {
    try store.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }
}
