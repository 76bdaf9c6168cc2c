// Reviewing in the terminal: concepts and links listed, shown, merged,
// renamed, accepted, rejected and edited, with every decision recorded.
import Foundation
import HarkCore
import Testing

/// A project with two documents and three links whose numbers are known.
enum KnownProject {
  static func make() throws -> (URL, String) {
    let folder = try Hark.temporaryFolder()
    let path = folder.appendingPathComponent("p.sqlite").path
    let store = try ProjectStore.create(at: path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Amina", role: .participant, group: "people using services"),
      ParticipantRecord(pseudonym: "Grace", role: .participant, group: "carers"),
    ])
    let texts = [
      ("Amina", "The peer group helped me feel less alone. The waiting list made my anxiety worse."),
      ("Grace", "Peer groups gave me hope, and being listened to helped me trust them."),
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
    first.concepts = [ConceptFinding(label: "peer group", start: 30, end: 40, confidence: 0.8, explanation: "cause")]
    first.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, start: 26, end: 67,
        explanation: "pattern \"X helped me Y\""),
      LinkFinding(
        cause: "waiting list", effect: "anxiety", polarity: 1, strength: 0.8, confidence: 0.8, start: 68, end: 107,
        explanation: "pattern \"X made Y worse\""),
    ]
    var second = Findings()
    second.concepts = [ConceptFinding(label: "Peer groups", start: 26, end: 37, confidence: 0.8, explanation: "cause")]
    second.links = [
      LinkFinding(
        cause: "peer groups", effect: "hope", polarity: 1, strength: 0.6, confidence: 0.8, start: 26, end: 50,
        explanation: "pattern \"X gave me Y\"")
    ]
    try store.writeAnalysis(record(1), findings: first)
    try store.writeAnalysis(record(2), findings: second)
    return (folder, path)
  }
}

@Suite("Curation commands")
struct CurationCommandTests {
  func project() throws -> (URL, String) { try KnownProject.make() }

  @Test("links lists bundles with sources, quotes, weight and status")
  func listLinks() throws {
    let (folder, path) = try project()
    let result = try Hark.run(["links", "--project", path], in: folder)
    #expect(
      result.stdout == """
        id     sources quotes weight  status     link
        L2     1       1      +0.80   candidate  waiting list → (+) anxiety
        L1     1       1      +0.60   candidate  peer group → (+) less alone
        L3     1       1      +0.60   candidate  peer group → (+) hope

        """)
  }

  @Test("links show prints every quote with who said it and why it was proposed")
  func showLink() throws {
    let (folder, path) = try project()
    let result = try Hark.run(["links", "show", "--project", path, "L1"], in: folder)
    #expect(
      result.stdout == """
        L1  peer group → (+) less alone
        status candidate; weight +0.60 (strength 0.60); 1 quote from 1 source

          [1] Amina, people using services — Interview 1 [26..<67]
              “The peer group helped me feel less alone.”
              why: pattern "X helped me Y"

        """)
  }

  @Test("accept, reject and edit change the link and are recorded with who did it")
  func decide() throws {
    let (folder, path) = try project()
    #expect(
      try Hark.run(["links", "accept", "--project", path, "L1", "--note", "clear"], in: folder).stdout
        == "L1 accepted\n")
    #expect(try Hark.run(["links", "reject", "--project", path, "l2"], in: folder).stdout == "L2 rejected\n")
    let edit = try Hark.run(
      ["links", "edit", "--project", path, "3", "--polarity", "-", "--strength", "0.3"], in: folder)
    #expect(edit.stdout == "L3 now peer group → (−) hope, strength 0.30\n")
    let decisions = try ProjectStore(path: path).decisions()
    #expect(
      decisions.map { "\($0.actor) \($0.subject) \($0.action)" } == [
        "tester link:1 accept", "tester link:2 reject", "tester link:3 set-polarity", "tester link:3 set-strength",
      ])
    #expect(decisions[0].detail == #"{"from":"candidate","note":"clear","to":"accepted"}"#)
    let accepted = try Hark.run(["links", "--project", path, "--status", "accepted"], in: folder)
    #expect(
      accepted.stdout.components(separatedBy: "\n").dropFirst().first
        == "L1     1       1      +0.60   accepted   peer group → (+) less alone")
  }

  @Test("bad ids and values get errors that say what to write")
  func badInput() throws {
    let (folder, path) = try project()
    let notAnID = try Hark.run(["links", "accept", "--project", path, "X9"], in: folder)
    #expect(notAnID.status == 1)
    #expect(
      notAnID.stderr == "Error: \"X9\" is not a link id. Write it as L12 (see the first column of `hark links`)\n")
    let missing = try Hark.run(["links", "show", "--project", path, "L99"], in: folder)
    #expect(missing.stderr == "Error: no link L99. Run `hark links` to list them\n")
    let strength = try Hark.run(["links", "edit", "--project", path, "L1", "--strength", "2"], in: folder)
    #expect(strength.stderr == "Error: link L1: strength must be a number from 0 to 1, got 2.0\n")
    let polarity = try Hark.run(["links", "edit", "--project", path, "L1", "--polarity", "up"], in: folder)
    #expect(polarity.stderr.hasPrefix("Error: --polarity must be + or -"))
    #expect(try ProjectStore(path: path).decisions().isEmpty)
  }

  @Test("concepts merge joins the bundles; rename keeps the old label as an alias")
  func mergeAndRename() throws {
    let (folder, path) = try project()
    let list = try Hark.run(["concepts", "--project", path], in: folder)
    #expect(list.stdout.contains("C1     2          2        2         peer group\n"))
    let rename = try Hark.run(["concepts", "rename", "--project", path, "C1", "Support; peer support"], in: folder)
    #expect(rename.stdout == "C1 \"peer group\" is now \"Support; peer support\"\n")
    let store = try ProjectStore(path: path)
    #expect(try store.concepts().map(\.label).contains("Support; peer support"))
    let clash = try Hark.run(["concepts", "rename", "--project", path, "C3", "support; peer support"], in: folder)
    #expect(
      clash.stderr
        == "Error: concept C3: \"support; peer support\" is already concept C1. Merge them instead: `hark concepts merge C3 C1`\n"
    )
    let merge = try Hark.run(["concepts", "merge", "--project", path, "C5", "C2"], in: folder)
    #expect(merge.stdout == "Merged C5 \"hope\" into C2 \"less alone\"\n")
    let links = try store.links()
    #expect(
      links.map { "\($0.cause) → \($0.effect): \($0.citations)" } == [
        "Support; peer support → less alone: 2", "waiting list → anxiety: 1",
      ])
    #expect(try store.decisions().map(\.action) == ["rename", "merge", "merge"])
  }

  @Test("review walks the candidates and records each answer")
  func review() throws {
    let (folder, path) = try project()
    let result = try Hark.run(["review", "--project", path], in: folder, input: "a\nr\nq\n")
    #expect(result.status == 0)
    #expect(
      result.stdout.hasPrefix(
        "3 candidate links. For each: a accept, r reject, + or - set polarity, s 0.7 set strength, n next, q quit.\n"))
    #expect(result.stdout.contains("L2 accepted\n"))
    #expect(result.stdout.contains("L1 rejected\n"))
    #expect(result.stdout.hasSuffix("1 candidate link left to review.\n"))
  }
}
