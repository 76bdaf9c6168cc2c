// Opposites through the command line: merges that keep what was said, and a
// map that does not depend on the order interviews arrived in.
import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

/// Jade said "The look she gave me made me not want to ask anyone for help.
/// Asking for help got me a worker."; a plugin proposed look → (+) ~asking
/// for help and asking for help → (+) worker, and named "~asking for help".
enum OppositeProject {
  static let said = "The look she gave me made me not want to ask anyone for help. Asking for help got me a worker."

  static func make() throws -> (URL, String) {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = folder.appendingPathComponent("p.sqlite").path
    let store = try ProjectStore.create(at: path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Jade", role: .participant, group: "young adults"),
    ])
    let text = "Ruth: What happened?\nJade: \(said)\n"
    _ = try store.importTranscript(
      ImportedTranscript(
        title: "Jade", format: .text, text: text,
        turns: [ImportedTurn(speaker: "Ruth", start: 6, end: 20), ImportedTurn(speaker: "Jade", start: 27, end: 118)]),
      sourceName: "jade.txt", sourceBytes: Data(text.utf8), actor: testActor)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "look", effect: "~asking for help", polarity: 1, strength: 0.6, confidence: 0.8, span: 27..<88,
        explanation: "pattern \"X made me Y\""),
      LinkFinding(
        cause: "asking for help", effect: "worker", polarity: 1, strength: 0.6, confidence: 0.8, span: 89..<118,
        explanation: "pattern \"X got me Y\""),
    ]
    findings.concepts = [
      ConceptFinding(label: "~asking for help", span: 56..<87, confidence: 0.8, explanation: "effect")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.links", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    return (folder, path)
  }

  static func concept(_ path: String, _ label: String) throws -> ConceptID {
    try #require(try ProjectStore(path: path).concepts().first { $0.label == label }).id
  }

  /// "L1  look → (−) asking for help", the first line of `hark links show`.
  static func heading(_ path: String, _ link: String, in folder: URL) throws -> String {
    let shown = try Hark.run(["links", "show", "--project", path, link], in: folder)
    return String(shown.stdout.split(separator: "\n").first ?? "")
  }
}

@Suite("Opposite concepts in the terminal")
struct OppositeCommandTests {
  @Test("concepts merge of \"not asking for help\" into \"asking for help\" keeps look → (−) asking for help")
  func mergeOppositeIntoConcept() throws {
    let (folder, path) = try OppositeProject.make()
    let opposite = try OppositeProject.concept(path, "not asking for help")
    let positive = try OppositeProject.concept(path, "asking for help")
    let result = try Hark.run(["concepts", "merge", "--project", path, "C\(opposite)", "C\(positive)"], in: folder)
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "Merged C\(opposite) \"not asking for help\" into C\(positive) \"asking for help\" as its opposite\n")
    #expect(try OppositeProject.heading(path, "L1", in: folder) == "L1  look → (−) asking for help")
    let shown = try Hark.run(["links", "show", "--project", path, "L1"], in: folder).stdout
    #expect(shown.contains("“The look she gave me made me not want to ask anyone for help.”"))
  }

  @Test("concepts merge of \"asking for help\" into its opposite turns its links round and lists them")
  func mergeConceptIntoOpposite() throws {
    let (folder, path) = try OppositeProject.make()
    let opposite = try OppositeProject.concept(path, "not asking for help")
    let positive = try OppositeProject.concept(path, "asking for help")
    let result = try Hark.run(["concepts", "merge", "--project", path, "C\(positive)", "C\(opposite)"], in: folder)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        Merged C\(positive) "asking for help" into C\(opposite) "not asking for help" as its opposite
        Turned round, so each keeps what its quotes say:
          L1  look → (+) not asking for help
          L2  not asking for help → (−) worker

        """)
    #expect(try OppositeProject.heading(path, "L2", in: folder) == "L2  not asking for help → (−) worker")
  }

  @Test("concepts merge --as-opposite turns the links of two ordinary concepts; concepts lists the opposite as such")
  func mergeAsOppositeFlag() throws {
    let (folder, path) = try OppositeProject.make()
    let worker = try OppositeProject.concept(path, "worker")
    let look = try OppositeProject.concept(path, "look")
    let result = try Hark.run(
      ["concepts", "merge", "--project", path, "--as-opposite", "C\(worker)", "C\(look)"], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.contains("L2  asking for help → (−) look"))
    let listed = try Hark.run(["concepts", "--project", path], in: folder).stdout
    let opposite = try OppositeProject.concept(path, "not asking for help")
    let positive = try OppositeProject.concept(path, "asking for help")
    #expect(listed.contains("not asking for help  (opposite of C\(positive))"))
    let shown = try Hark.run(["concepts", "show", "--project", path, "C\(opposite)"], in: folder).stdout
    #expect(shown.contains("the opposite of C\(positive) \"asking for help\": its links are on C\(positive)"))
  }

  @Test("concepts rename to a \"~\" label is refused and says how to mark an opposite")
  func renameRefusesMarker() throws {
    let (folder, path) = try OppositeProject.make()
    let worker = try OppositeProject.concept(path, "worker")
    let result = try Hark.run(["concepts", "rename", "--project", path, "C\(worker)", "~worker"], in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("a concept label cannot start with \"~\""))
    #expect(try ProjectStore(path: path).concept(worker).label == "worker")
  }
}
