// Reviewing in the terminal: concepts and links listed, shown, merged,
// renamed, accepted, rejected and edited, with every decision recorded.
import Foundation
import HarkStore
import HarkTestSupport
import Testing

/// A project with two documents and three links whose numbers are known.
enum KnownProject {
  static func make() throws -> (URL, String) {
    let folder = try makeTemporaryFolder("hark-cli")
    var first = Findings()
    first.concepts = [ConceptFinding(label: "peer group", span: 30..<40, confidence: 0.8, explanation: "cause")]
    first.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, span: 26..<67,
        explanation: "pattern \"X helped me Y\""),
      LinkFinding(
        cause: "waiting list", effect: "anxiety", polarity: 1, strength: 0.8, confidence: 0.8, span: 68..<107,
        explanation: "pattern \"X made Y worse\""),
    ]
    var second = Findings()
    second.concepts = [ConceptFinding(label: "Peer groups", span: 26..<37, confidence: 0.8, explanation: "cause")]
    second.links = [
      LinkFinding(
        cause: "peer groups", effect: "hope", polarity: 1, strength: 0.6, confidence: 0.8, span: 26..<50,
        explanation: "pattern \"X gave me Y\"")
    ]
    let store = try InterviewProject.make(
      in: folder,
      [
        .init(
          "Amina", "The peer group helped me feel less alone. The waiting list made my anxiety worse.", findings: first),
        .init("Grace", "Peer groups gave me hope, and being listened to helped me trust them.", findings: second),
      ])
    return (folder, store.path)
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

  @Test("a bad --status names the three statuses; nothing is listed")
  func badStatus() throws {
    let (folder, path) = try project()
    let result = try Hark.run(["links", "--project", path, "--status", "approved"], in: folder)
    #expect(result.status != 0)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix("Error: --status must be candidate, accepted or rejected\n"))
  }

  @Test("without HARK_USER a decision is recorded under the login name, and the command says so once")
  func actorFromLoginName() throws {
    let (folder, path) = try project()
    let result = try Hark.run(
      ["links", "accept", "--project", path, "L1", "L2"], in: folder, environment: ["HARK_USER": "", "USER": "ann"])
    #expect(result.status == 0)
    #expect(result.stdout == "L1 accepted\nL2 accepted\n")
    #expect(
      result.stderr
        == "note: recording decisions as ann, your login name ($USER); set HARK_USER to record another name\n")
    #expect(
      try ProjectStore(path: path).decisions().map { "\($0.actor) \($0.subject)" } == ["ann link:1", "ann link:2"])
    // With HARK_USER set (as every other test here runs) nothing is said.
    let named = try Hark.run(["links", "reject", "--project", path, "L3"], in: folder)
    #expect(named.stderr == "")
    #expect(try ProjectStore(path: path).decisions().last?.actor == "tester")
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
    #expect(try store.decisions().map(\.action) == [.rename, .merge, .merge])
  }

  @Test("review walks the candidates and records each answer")
  func review() throws {
    let (folder, path) = try project()
    let result = try Hark.run(["links", "review", "--project", path], in: folder, input: "a\nr\nq\n")
    #expect(result.status == 0)
    #expect(
      result.stdout.hasPrefix(
        "3 candidate links. For each: a accept, r reject, + or - set polarity, s 0.7 set strength, n next, q quit.\n"))
    #expect(result.stdout.contains("L2 accepted\n"))
    #expect(result.stdout.contains("L1 rejected\n"))
    #expect(result.stdout.hasSuffix("1 candidate link left to review.\n"))
  }
}

@Suite("hark concepts suggest and parent")
struct ConceptGroupingCommandTests {
  @Test("suggest lists merges and parents with their reasons and commands; parent applies one and it is gone")
  func suggestAndParent() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    var findings = Findings()
    findings.concepts = [
      ConceptFinding(label: "waiting list", span: 30..<42, confidence: 0.8, explanation: "noun phrase"),
      ConceptFinding(label: "detox waiting list", span: 52..<70, confidence: 0.8, explanation: "noun phrase"),
      ConceptFinding(label: "feeling low", span: 84..<95, confidence: 0.8, explanation: "noun phrase"),
      ConceptFinding(label: "feel low", span: 104..<112, confidence: 0.8, explanation: "noun phrase"),
    ]
    let store = try InterviewProject.make(
      in: folder,
      [
        .init(
          "Amina", "The waiting list, and the detox waiting list too, made me feeling low. Always feel low.",
          findings: findings)
      ])
    let result = try Hark.run(["concepts", "suggest", "--project", store.path], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        parent  C2 “detox waiting list” under C1 “waiting list”: “detox waiting list” names a kind of “waiting list”
                hark concepts parent C2 C1
        merge   C4 “feel low” into C3 “feeling low”: “feel low” and “feeling low” are the same words in another form
                hark concepts merge C4 C3

        """)
    let placed = try Hark.run(["concepts", "parent", "C2", "C1", "--project", store.path], in: folder)
    #expect(placed.stdout == "C2 \"detox waiting list\" is now under C1 \"waiting list\"\n")
    let after = try Hark.run(["concepts", "suggest", "--project", store.path], in: folder)
    #expect(
      after.stdout == """
        merge   C4 “feel low” into C3 “feeling low”: “feel low” and “feeling low” are the same words in another form
                hark concepts merge C4 C3

        """)
    let refused = try Hark.run(["concepts", "parent", "C1", "C2", "--project", store.path], in: folder)
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("a concept cannot go under its own child"))
    let neither = try Hark.run(["concepts", "parent", "C2", "--project", store.path], in: folder)
    #expect(neither.status != 0)
    #expect(neither.stderr.contains("Give the parent concept (e.g. C2), or --none to put C2 back at the top"))
    let both = try Hark.run(["concepts", "parent", "C2", "C1", "--none", "--project", store.path], in: folder)
    #expect(both.status != 0)
    #expect(both.stderr.contains("Give the parent concept or --none, not both"))
    let none = try Hark.run(["concepts", "parent", "C2", "--none", "--project", store.path], in: folder)
    #expect(none.stdout == "C2 \"detox waiting list\" is now at the top\n")
  }
}
