// The project store: migrations, atomic imports, offsets in code points,
// curation with an append-only decision log.
import Foundation
import GRDB
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Project store")
struct StoreTests {
  @Test("an empty file is migrated to the current schema, with WAL and foreign keys on")
  func migrationsFromEmptyFile() throws {
    let path = try makeTemporaryFolder("hark-store").appendingPathComponent("empty.sqlite").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    let store = try ProjectStore(path: path)
    #expect(
      try store.appliedMigrations() == [
        "v1: documents, coding runs, candidates, decisions", "v2: researcher accounts, panels, votes, panel decisions",
        "v3: notes", "v4: memos on concepts and links", "v5: concept hierarchy",
        "v6: opposites as a relation between concepts", "v7: indexes for replacing a plugin's results",
        "v8: sign-in throttle", "v9: views for the current vote and the decision in force",
      ])
    let tables = try store.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
    }
    #expect(
      tables == [
        "analysis", "analysis_failure", "code", "coding", "coding_run", "concept", "concept_mention", "decision",
        "document", "evidence",
        "link", "note", "panel", "panel_decision", "panel_invite", "panel_item", "panel_member", "panel_vote",
        "participant", "plugin_setting", "project_info", "researcher", "run_failure", "run_plugin", "score", "session",
        "sign_in_failure", "sqlite_sequence", "turn",
      ])
    #expect(try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
    // Opening again applies nothing new.
    #expect(try ProjectStore(path: path).appliedMigrations().count == 9)
  }

  @Test("a file that is not SQLite is refused with its path")
  func notSQLite() throws {
    let path = try makeTemporaryFolder("hark-store").appendingPathComponent("notes.sqlite").path
    try Data("just some notes, not a database, long enough to have a header".utf8).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: HarkError.self) { try ProjectStore(path: path) }
    #expect(error?.subject == path)
    #expect(error?.problem == "cannot open as a Hark project (file is not a database)")
  }

  func sampleTranscript() -> ImportedTranscript {
    // Accents, an emoji and a flag: code points differ from UTF-16 units and graphemes.
    let text = "Ruth: Café?\nZoë: The peer group 💛 helped me 🇬🇧 feel heard.\n"
    let scalars = Array(text.unicodeScalars)
    let answerStart = scalars.firstIndex(of: "T")!
    return ImportedTranscript(
      title: "Zoë", format: .text, text: text,
      turns: [
        ImportedTurn(speaker: "Ruth", start: 6, end: 11),
        ImportedTurn(speaker: "Zoë", start: answerStart, end: scalars.count - 1),
      ])
  }

  @Test("imported turns keep code point offsets and are matched to participants")
  func importTurns() throws {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-store").appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(
        pseudonym: "Zoë", role: .participant, group: "young adults", attributes: [("area", "Riverside")]),
    ])
    let transcript = sampleTranscript()
    let document = try store.importTranscript(
      transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8), actor: testActor)
    #expect(document == ImportedDocument(id: 1, title: "Zoë", turns: 2, words: 10, unknownSpeakers: []))
    let stored = try store.documentForAnalysis(1)
    let scalars = Array(stored.text.unicodeScalars)
    let said = stored.turns.map { turn -> String in
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[turn.start..<turn.end])
      return String(view)
    }
    #expect(said == ["Café?", "The peer group 💛 helped me 🇬🇧 feel heard."])
    #expect(stored.turns.map(\.role) == ["interviewer", "participant"])
    #expect(stored.turns.map(\.group) == ["research team", "young adults"])
  }

  @Test("with no participants list, the speaker who asks is stored as the interviewer until a list says otherwise")
  func interviewerGuessed() throws {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-store").appendingPathComponent("p.sqlite").path)
    let lines = [
      ("Ruth", "What helped?"), ("Amina", "Jo did, because she kept turning up every week without fail, always."),
      ("Ruth", "How?"), ("Amina", "She rang when I missed a session, and nobody had ever done that before."),
      ("Ruth", "And now?"), ("Amina", "I go to the peer group on Thursdays and I help with the tea and biscuits."),
    ]
    var text = ""
    var turns: [ImportedTurn] = []
    for (speaker, said) in lines {
      text += speaker + ": "
      turns.append(ImportedTurn(speaker: speaker, start: text.count, end: text.count + said.count))
      text += said + "\n"
    }
    let transcript = ImportedTranscript(title: "Amina", format: .text, text: text, turns: turns)
    let document = try store.importTranscript(
      transcript, sourceName: "amina.txt", sourceBytes: Data(text.utf8), actor: testActor)
    #expect(document.unknownSpeakers == ["Ruth", "Amina"])
    #expect(document.interviewerGuess == InterviewerGuess(speaker: "Ruth", questionTurns: 3, turns: 3))
    #expect(
      try store.documentForAnalysis(1).turns.map { $0.role }
        == ["interviewer", "unknown", "interviewer", "unknown", "interviewer", "unknown"])
    try store.importParticipants([ParticipantRecord(pseudonym: "Ruth", role: .participant, group: "carers")])
    #expect(
      try store.documentForAnalysis(1).turns.map { $0.role }
        == ["participant", "unknown", "participant", "unknown", "participant", "unknown"])
  }

  @Test("findings are stored with their participant; interviewer-turn findings are dropped")
  func writeFindings() throws {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-store").appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Zoë", role: .participant, group: "young adults"),
    ])
    let transcript = sampleTranscript()
    _ = try store.importTranscript(
      transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8), actor: testActor)
    let runID = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "The peer groups", effect: "feeling heard", polarity: 1, strength: 0.8, confidence: 0.9, span: 17..<58,
        explanation: "pattern \"X helped me Y\""),
      LinkFinding(
        cause: "café", effect: "questions", polarity: 1, strength: 0.5, confidence: 0.5, span: 6..<11,
        explanation: "in a question"),
    ]
    let counts = try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test", pluginVersion: "1", optionsHash: "x", runID: runID, seconds: 0),
      findings: findings)
    #expect(counts.links == 1)
    let links = try store.links()
    #expect(links.count == 1)
    #expect(links[0].cause == "The peer groups")
    #expect(links[0].citations == 1)
    #expect(links[0].sources == 1)
    let evidence = try store.evidence(link: links[0].id)
    #expect(evidence.map(\.quote) == ["The peer group 💛 helped me 🇬🇧 feel heard."])
    #expect(evidence.map(\.participant) == ["Zoë"])
    // "peer group" from another plugin lands on the same concept.
    #expect(ConceptKey.make("the peer groups") == ConceptKey.make("Peer group"))
  }

  @Test("decisions are recorded with who and when, and cannot be changed or deleted")
  func decisions() throws {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-store").appendingPathComponent("p.sqlite").path)
    let transcript = sampleTranscript()
    _ = try store.importTranscript(
      transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8), actor: testActor)
    let runID = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "peer group", effect: "feeling heard", polarity: 1, strength: 0.8, confidence: 0.9, span: 17..<58,
        explanation: "")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test", pluginVersion: "1", optionsHash: "x", runID: runID, seconds: 0),
      findings: findings)
    try store.setLinkStatus(1, to: .accepted, note: "clear in the quote", actor: testActor)
    try store.editLink(1, polarity: -1, strength: 0.3, actor: testActor)
    #expect(try store.link(1).weight == -0.3)
    #expect(try store.decisions(subject: .link(1)).map(\.action) == [.accept, .setPolarity, .setStrength])
    #expect(try store.decisions().allSatisfy { $0.actor == testActor })
    #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "DELETE FROM decision") } }
    #expect(throws: DatabaseError.self) {
      try store.pool.write { db in try db.execute(sql: "UPDATE decision SET actor = 'someone else'") }
    }
    #expect(throws: HarkError.self) { try store.editLink(1, strength: 1.5, actor: testActor) }
  }

  @Test("merging concepts moves mentions and joins links with the same ends into one bundle")
  func merge() throws {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-store").appendingPathComponent("p.sqlite").path)
    let transcript = sampleTranscript()
    _ = try store.importTranscript(
      transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8), actor: testActor)
    let runID = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "peer group", effect: "feeling heard", polarity: 1, strength: 0.8, confidence: 0.9, span: 17..<58,
        explanation: ""),
      LinkFinding(
        cause: "peer support", effect: "feeling heard", polarity: 1, strength: 0.4, confidence: 0.9, span: 17..<58,
        explanation: ""),
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test", pluginVersion: "1", optionsHash: "x", runID: runID, seconds: 0),
      findings: findings)
    #expect(try store.links().count == 2)
    let group = try store.concepts().first { $0.label == "peer group" }!.id
    let support = try store.concepts().first { $0.label == "peer support" }!.id
    try store.mergeConcept(group, into: support, actor: testActor)
    let links = try store.links()
    #expect(links.count == 1)
    #expect(links[0].cause == "peer support")
    #expect(links[0].citations == 2)
    #expect(abs(links[0].strength - 0.6) < 1e-9)
    // A later finding labelled "peer group" lands on the merged concept.
    let found = try store.pool.write { db in try ProjectStore.conceptID(db, label: "peer groups", now: "t") }
    #expect(found == support)
    #expect(throws: HarkError.self) { try store.mergeConcept(group, into: support, actor: testActor) }
  }
}

@Suite("Store invariants")
struct StoreInvariantTests {
  func store() throws -> ProjectStore {
    let url = try makeTemporaryFolder("hark-inv")
    let store = try ProjectStore.create(at: url.appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Amina", role: .participant, group: "people using services"),
    ])
    // "Ruth: What helped?\n" is 0..<19; Amina's words start at 26.
    let text = "Ruth: What helped?\nAmina: Worry made sleep worse. Stress made sleep worse.\n"
    _ = try store.importTranscript(
      ImportedTranscript(
        title: "One", format: .text, text: text,
        turns: [ImportedTurn(speaker: "Ruth", start: 6, end: 18), ImportedTurn(speaker: "Amina", start: 26, end: 74)]),
      sourceName: "one.txt", sourceBytes: Data(text.utf8), actor: testActor)
    return store
  }

  func write(_ store: ProjectStore, _ findings: Findings, plugin: String = "org.test") throws {
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    try store.writeAnalysis(
      AnalysisRecord(documentID: 1, pluginID: plugin, pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
  }

  func link(_ cause: String, _ effect: String, _ start: Int = 26, _ end: Int = 50) -> LinkFinding {
    LinkFinding(
      cause: cause, effect: effect, polarity: 1, strength: 0.6, confidence: 0.8, span: start..<end, explanation: ""
    )
  }

  @Test("findings on the speaker label or in interviewer turns are dropped; those overlapping a participant are kept")
  func interviewerAndLabels() throws {
    let store = try store()
    var findings = Findings()
    findings.codes = [
      CodeFinding(code: "label", span: 0..<4, confidence: 1, explanation: ""),
      CodeFinding(code: "question", span: 6..<18, confidence: 1, explanation: ""),
      CodeFinding(code: "between", span: 19..<25, confidence: 1, explanation: ""),
      CodeFinding(code: "answer", span: 20..<50, confidence: 1, explanation: ""),
    ]
    try write(store, findings)
    let codes = try store.pool.read { db in
      try String.fetchAll(db, sql: "SELECT c.name FROM coding g JOIN code c ON c.id = g.code_id ORDER BY g.id")
    }
    #expect(codes == ["answer"])
  }

  @Test("link ids are never reused, so a decision always names the link it was made on")
  func idsNotReused() throws {
    let store = try store()
    var findings = Findings()
    findings.links = [link("stress", "sleep"), link("worry", "sleep")]
    try write(store, findings)
    try store.setLinkStatus(2, to: .accepted, actor: testActor)
    let worry = try store.concepts().first { $0.label == "worry" }!.id
    let stress = try store.concepts().first { $0.label == "stress" }!.id
    try store.mergeConcept(worry, into: stress, actor: testActor)
    var later = Findings()
    later.links = [link("money", "sleep")]
    try write(store, later, plugin: "org.test.other")
    #expect(try store.links().map(\.id).sorted() == [1, 3])
    #expect(try store.decisions(subject: .link(3)).isEmpty)
  }

  @Test("merging carries an accepted link's decision to the bundle it joins")
  func mergeCarriesStatus() throws {
    let store = try store()
    var findings = Findings()
    findings.links = [link("stress", "sleep"), link("worry", "sleep")]
    try write(store, findings)
    try store.setLinkStatus(2, to: .accepted, actor: testActor)
    try store.editLink(2, strength: 0.9, actor: testActor)
    let worry = try store.concepts().first { $0.label == "worry" }!.id
    let stress = try store.concepts().first { $0.label == "stress" }!.id
    try store.mergeConcept(worry, into: stress, actor: testActor)
    let merged = try store.link(1)
    #expect(merged.status == .accepted)
    #expect(merged.strength == 0.9)
    #expect(merged.citations == 2)
  }

  @Test("merging two linked concepts sets the self-loop aside as rejected, with its evidence kept")
  func mergeSelfLoop() throws {
    let store = try store()
    var findings = Findings()
    findings.links = [link("worry", "stress")]
    try write(store, findings)
    let worry = try store.concepts().first { $0.label == "worry" }!.id
    let stress = try store.concepts().first { $0.label == "stress" }!.id
    try store.mergeConcept(worry, into: stress, actor: testActor)
    let loop = try store.link(1)
    #expect(loop.status == .rejected)
    #expect(loop.cause == "stress" && loop.effect == "stress")
    #expect(loop.citations == 1)
    #expect(
      try store.decisions(subject: .link(1)).map(\.detail) == [
        #"{"note":"cause and effect became the same concept when C1 was merged into C2"}"#
      ])
  }

  @Test("correcting a participant's role in the CSV corrects the turns already imported")
  func roleCorrection() throws {
    let store = try store()
    try store.importParticipants([ParticipantRecord(pseudonym: "Amina", role: .interviewer, group: "research team")])
    #expect(try store.documentForAnalysis(1).turns.map(\.role) == ["interviewer", "interviewer"])
  }

  @Test("CSV export quotes fields with CRLF line ends")
  func csvCRLF() throws {
    #expect(CSVExport.field("one\r\ntwo") == "\"one\r\ntwo\"")
    #expect(CSVExport.field("plain") == "plain")
  }

  @Test("a concept can be renamed back to its earlier label")
  func renameBack() throws {
    let store = try store()
    var findings = Findings()
    findings.links = [link("stress", "sleep")]
    try write(store, findings)
    try store.renameConcept(2, to: "insomnia", actor: testActor)
    try store.renameConcept(2, to: "sleep", actor: testActor)
    #expect(try store.concept(2).label == "sleep")
    #expect(
      try store.decisions(subject: .concept(2)).map(\.detail) == [
        #"{"from":"sleep","to":"insomnia"}"#, #"{"from":"insomnia","to":"sleep"}"#,
      ])
  }
}
