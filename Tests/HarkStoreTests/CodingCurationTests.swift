// Reading documents with their codings, accepting and rejecting a plugin's
// coding, and coding a quote by hand: offsets, decisions, refusals.
import Foundation
import GRDB
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Coding curation")
struct CodingCurationTests {
  /// A project with one interview (an "é" before the participant's turn, so
  /// code point and byte offsets differ) and two codings from a plugin.
  func project() throws -> ProjectStore {
    let folder = try makeTemporaryFolder("hark-coding")
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Renée", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Amina", role: .participant, group: "people using services"),
    ])
    let text = "Renée: What helped?\nAmina: The group helped. It helped a lot.\n"
    _ = try store.importTranscript(
      ImportedTranscript(
        title: "Interview 1", format: .text, text: text,
        turns: [ImportedTurn(speaker: "Renée", start: 7, end: 19), ImportedTurn(speaker: "Amina", start: 27, end: 61)]
      ),
      sourceName: "i1.txt", sourceBytes: Data(text.utf8), actor: testActor)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.codes = [
      CodeFinding(code: "peer support", span: 31..<36, confidence: 0.9, explanation: "a group of peers"),
      CodeFinding(code: "help", span: 37..<43, confidence: 0.5, explanation: "says it helped"),
    ]
    _ = try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.codes", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    return store
  }

  func counts(_ store: ProjectStore) throws -> [Int] {
    try store.pool.read { db in
      try ["coding", "code", "decision"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
    }
  }

  @Test("documents are listed with their title, the participants who speak (not interviewers) and word count")
  func documentSummaries() throws {
    let store = try project()
    #expect(
      try store.documentSummaries() == [
        DocumentSummary(id: 1, title: "Interview 1", participants: ["Amina"], words: 11)
      ]
    )
    #expect(try [store.hasDocument(1), store.hasDocument(2)] == [true, false])
  }

  @Test("a document's turns carry their number, speaker, role and text cut by code point offsets")
  func documentTurns() throws {
    let (title, turns) = try project().documentTurns(1)
    #expect(title == "Interview 1")
    #expect(
      turns == [
        DocumentTurn(id: 1, number: 1, speaker: "Renée", role: .interviewer, start: 7, end: 19, text: "What helped?"),
        DocumentTurn(
          id: 2, number: 2, speaker: "Amina", role: .participant, start: 27, end: 61,
          text: "The group helped. It helped a lot."),
      ])
  }

  @Test("asking for the turns of a missing document names it")
  func missingDocument() throws {
    #expect(throws: HarkError("no document D9", hint: "Run `hark documents` to list them", kind: .notFound)) {
      try project().documentTurns(9)
    }
  }

  @Test("a suggested coding is accepted, and the decision names the researcher who accepted it")
  func acceptCoding() throws {
    let store = try project()
    #expect(try store.setCodingStatus(1, to: .accepted, actor: "ruth"))
    #expect(try store.codings(document: 1).map(\.status) == [.accepted, .suggested])
    let decision = try #require(try store.decisions(subject: .coding(1)).last)
    #expect(
      [decision.actor, decision.action.rawValue, decision.detail] == [
        "ruth", "accept", #"{"from":"suggested","to":"accepted"}"#,
      ])
  }

  @Test("setting the status a coding already has changes nothing and records no decision")
  func sameStatusIsNoChange() throws {
    let store = try project()
    try store.setCodingStatus(2, to: .rejected, actor: "ruth")
    let before = try counts(store)
    #expect(try !store.setCodingStatus(2, to: .rejected, actor: "ruth"))
    #expect(try counts(store) == before)
    #expect(try store.decisions(subject: .coding(2)).map(\.action) == [.reject])
  }

  @Test("a missing coding is refused by name (not found), and nothing changes")
  func missingCodingRefused() throws {
    let store = try project()
    #expect(throws: HarkError("no coding G7", hint: "Reload the document to see its codings", kind: .notFound)) {
      try store.setCodingStatus(7, to: .accepted, actor: "ruth")
    }
    #expect(try store.codings(document: 1).map(\.status) == [.suggested, .suggested])
    #expect(try store.decisions().isEmpty)
  }

  @Test("a quote is coded by hand at its first occurrence in the turn, in code points, under a new code")
  func codeQuoteByHand() throws {
    let store = try project()
    // "helped" is in the interviewer's turn first; the participant's turn is the one asked for.
    let coding = try store.codeQuote("  helped ", inTurn: 2, document: 1, code: " feeling helped ", actor: "ruth")
    #expect(
      coding
        == CodingRecord(
          id: 3, documentID: 1, codeID: 3, code: "feeling helped", start: 37, end: 43, analysisID: nil,
          confidence: nil, explanation: "", status: .accepted, createdBy: "ruth", quote: "helped"))
    #expect(try store.codebook().map(\.name) == ["peer support", "help", "feeling helped"])
    #expect(
      try store.decisions().map { [$0.actor, $0.subject.rawValue, $0.action.rawValue, $0.detail] } == [
        ["ruth", "code:3", "create", #"{"name":"feeling helped"}"#],
        ["ruth", "coding:3", "code-by-hand", #"{"code":"feeling helped","document":1,"end":43,"start":37}"#],
      ])
  }

  @Test("coding by hand with a code the codebook has reuses it and records no new code")
  func codeQuoteExistingCode() throws {
    let store = try project()
    let coding = try store.codeQuote("a lot", inTurn: 2, document: 1, code: "help", actor: "ruth")
    #expect([coding.codeID.rawValue, Int64(coding.start), Int64(coding.end)] == [2, 55, 60])
    #expect(try store.decisions().map(\.subject) == [.coding(3)])
  }

  @Test("a quote the turn does not contain is refused naming the turn, and nothing is stored")
  func quoteNotFound() throws {
    let store = try project()
    let before = try counts(store)
    #expect(
      throws: HarkError(
        "the words \"What helped?\" are not in turn 2 (Amina)", hint: "Copy them exactly from that turn and try again")
    ) { try store.codeQuote("What helped?", inTurn: 2, document: 1, code: "new code", actor: "ruth") }
    #expect(try counts(store) == before)
  }

  @Test("coding by hand without a code, without words, or in a turn of another document is refused")
  func codeQuoteMissingParts() throws {
    let store = try project()
    let before = try counts(store)
    #expect(throws: HarkError("no code given", hint: "Pick a code or write the name of a new one")) {
      try store.codeQuote("group", inTurn: 2, document: 1, code: "  ", actor: "ruth")
    }
    #expect(throws: HarkError("no words given to code", hint: "Copy the words from the turn into the quote box")) {
      try store.codeQuote(" \n", inTurn: 2, document: 1, code: "help", actor: "ruth")
    }
    #expect(throws: HarkError("document D1 has no turn with id 5", hint: "Reload the document")) {
      try store.codeQuote("group", inTurn: 5, document: 1, code: "help", actor: "ruth")
    }
    #expect(throws: HarkError("no document D4", hint: "Run `hark documents` to list them", kind: .notFound)) {
      try store.codeQuote("group", inTurn: 2, document: 4, code: "help", actor: "ruth")
    }
    #expect(try counts(store) == before)
  }
}
