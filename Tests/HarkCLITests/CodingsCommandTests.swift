// `hark codings`: a project curated in the terminal, not only in the
// browser, accepts and rejects the plugins' suggested codings, and so
// exports them.
import Foundation
import HarkExchange
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Codings command")
struct CodingsCommandTests {
  /// KnownProject with three suggested codings from a values plugin.
  func project() throws -> (URL, String) {
    let (folder, path) = try KnownProject.make()
    let store = try ProjectStore(path: path)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.codes = [
      CodeFinding(code: "peer support", span: 26..<40, confidence: 0.8, explanation: "\"peer group\""),
      CodeFinding(code: "waiting", span: 68..<84, confidence: 0.7, explanation: "\"waiting list\""),
      CodeFinding(code: "peer support", span: 90..<107, confidence: 0.4, explanation: "weak"),
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.values", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    return (folder, path)
  }

  func hark(_ arguments: [String], _ folder: URL, _ path: String) throws -> Output {
    try Hark.run(["codings"] + arguments + ["--project", path], in: folder)
  }

  @Test("codings lists each coding with its id, document, status, code, quote and why")
  func list() throws {
    let (folder, path) = try project()
    let listed = try hark(["--code", "peer support"], folder, path)
    #expect(
      listed.stdout == """
        id      document status     code                   quote
        G1      D1       suggested  peer support           “The peer group”
                why: "peer group"
        G3      D1       suggested  peer support           “my anxiety worse.”
                why: weak

        """)
  }

  @Test("accept and reject change exactly the named codings, record a decision each, and the export carries them")
  func acceptAndReject() throws {
    let (folder, path) = try project()
    let accepted = try hark(["accept", "G1", "G2"], folder, path)
    #expect(accepted.stdout == "G1 accepted\nG2 accepted\n")
    let rejected = try hark(["reject", "G3"], folder, path)
    #expect(rejected.stdout == "G3 rejected\n")
    let again = try hark(["accept", "G1"], folder, path)
    #expect(again.stdout == "G1 was already accepted\n")
    let store = try ProjectStore(path: path)
    #expect(
      try store.codings(document: 1).map { "G\($0.id) \($0.status)" } == ["G1 accepted", "G2 accepted", "G3 rejected"])
    #expect(
      try store.decisions().filter { $0.subject.rawValue.hasPrefix("coding:") }.map { "\($0.subject) \($0.action)" }
        == [
          "coding:1 accept", "coding:2 accept", "coding:3 reject",
        ])
    let summary = try RefiQDAExport.project(store).summary
    #expect(summary.codings == 2)
  }

  @Test("an unknown id refuses the whole command and changes nothing")
  func unknownID() throws {
    let (folder, path) = try project()
    let refused = try hark(["accept", "G1", "G99"], folder, path)
    #expect(refused.status != 0)
    #expect(
      refused.stderr
        == "Error: no coding G99; nothing was changed. Run `hark codings` to see the codings and their ids\n")
    #expect(try ProjectStore(path: path).codings(document: 1).map(\.status) == [.suggested, .suggested, .suggested])
  }

  @Test("a bad --status names the three statuses; nothing is listed")
  func badStatus() throws {
    let (folder, path) = try project()
    let result = try hark(["list", "--status", "maybe"], folder, path)
    #expect(result.status != 0)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix("Error: --status must be suggested, accepted or rejected\n"))
  }

  @Test("--all-suggested accepts every suggestion the filter finds, and needs no ids")
  func allSuggested() throws {
    let (folder, path) = try project()
    let both = try hark(["accept", "G1", "--all-suggested"], folder, path)
    #expect(both.stderr.contains("Give coding ids or --all-suggested, not both"))
    let accepted = try hark(["accept", "--all-suggested", "--code", "peer support"], folder, path)
    #expect(accepted.stdout == "G1 accepted\nG3 accepted\n")
    let none = try hark(["accept"], folder, path)
    #expect(none.stderr.contains("Give coding ids (see `hark codings`), or --all-suggested with --document or --code"))
  }
}

@Suite("Every plugin result in the JSON export and on the command line")
struct PluginResultsExportTests {
  @Test("the JSON export carries scores, concept mentions and link cause/effect spans, each slicing to its words")
  func everyResultExported() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = try Hark.project(["amina-mental-health.txt", "dave-recovery.md"], in: folder)
    #expect(try Hark.run(["code", "--project", path], in: folder).status == 0)
    let file = folder.appendingPathComponent("e.json").path
    #expect(try Hark.run(["export", "--project", path, "--format", "json", "--output", file], in: folder).status == 0)
    let data = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
    let texts = Dictionary(
      uniqueKeysWithValues: (data["documents"] as! [[String: Any]]).map {
        ($0["id"] as! String, Array(($0["text"] as! String).unicodeScalars))
      })
    func slice(_ document: Any?, _ start: Any?, _ end: Any?) -> String {
      let scalars = texts[document as! String]!
      return String(String.UnicodeScalarView(scalars[(start as! Int)..<(end as! Int)]))
    }
    let scores = try #require(data["scores"] as? [[String: Any]])
    #expect(scores.count > 100)
    #expect(scores.allSatisfy { ($0["proposed_by"] as? String)?.hasPrefix("plugin:org.hark.sentiment@") == true })
    let mentions = (data["concepts"] as! [[String: Any]]).flatMap { $0["found"] as! [[String: Any]] }
    #expect(mentions.count > 20)
    for m in mentions { #expect(slice(m["document"], m["start"], m["end"]) == m["quote"] as? String) }
    let evidence = (data["links"] as! [[String: Any]]).flatMap { $0["evidence"] as! [[String: Any]] }
    let spanned = evidence.filter { !($0["cause_start"] is NSNull) && !($0["effect_start"] is NSNull) }
    #expect(!spanned.isEmpty)
    for e in spanned {
      let quote = e["quote"] as! String
      #expect(quote.contains(slice(e["document"], e["cause_start"], e["cause_end"])))
      #expect(quote.contains(slice(e["document"], e["effect_start"], e["effect_end"])))
    }
    let codings = try #require(data["codings"] as? [[String: Any]])
    #expect(codings.allSatisfy { ($0["id"] as? String)?.hasPrefix("G") == true })
  }

  @Test("concepts show lists the concept's mentions with who said them and why")
  func conceptMentions() throws {
    let (folder, path) = try KnownProject.make()
    let shown = try Hark.run(["concepts", "show", "C1", "--project", path], in: folder)
    #expect(shown.stdout.contains("\nMentions:\n  Interview 1 [30..<40] Amina: “peer group”\n      why: cause\n"))
  }
}
