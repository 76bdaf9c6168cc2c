// The project store: migrations, atomic imports, offsets in code points,
// curation with an append-only decision log.
import Foundation
import GRDB
import Testing

@testable import HarkCore

@Suite("Project store")
struct StoreTests {
  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("an empty file is migrated to the current schema, with WAL and foreign keys on")
  func migrationsFromEmptyFile() throws {
    let path = try folder().appendingPathComponent("empty.sqlite").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    let store = try ProjectStore(path: path)
    #expect(try store.appliedMigrations() == ["v1: documents, coding runs, candidates, decisions"])
    let tables = try store.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
    }
    #expect(
      tables == [
        "analysis", "code", "coding", "coding_run", "concept", "concept_mention", "decision", "document", "evidence",
        "link",
        "participant", "plugin_setting", "project_info", "run_failure", "run_plugin", "score", "turn",
      ])
    #expect(try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
    // Opening again applies nothing new.
    #expect(try ProjectStore(path: path).appliedMigrations().count == 1)
  }

  @Test("a file that is not SQLite is refused with its path")
  func notSQLite() throws {
    let path = try folder().appendingPathComponent("notes.sqlite").path
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
    let store = try ProjectStore.create(at: try folder().appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(
        pseudonym: "Zoë", role: .participant, group: "young adults", attributes: [("area", "Riverside")]),
    ])
    let transcript = sampleTranscript()
    let document = try store.importTranscript(
      transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8))
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

  @Test("findings are stored with their participant; interviewer-turn findings are dropped")
  func writeFindings() throws {
    let store = try ProjectStore.create(at: try folder().appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Zoë", role: .participant, group: "young adults"),
    ])
    let transcript = sampleTranscript()
    _ = try store.importTranscript(transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8))
    let runID = try store.startRun(isolation: "in-process", workers: 1)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "The peer groups", effect: "feeling heard", polarity: 1, strength: 0.8, confidence: 0.9, start: 17,
        end: 58,
        explanation: "pattern \"X helped me Y\""),
      LinkFinding(
        cause: "café", effect: "questions", polarity: 1, strength: 0.5, confidence: 0.5, start: 6, end: 11,
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
    let store = try ProjectStore.create(at: try folder().appendingPathComponent("p.sqlite").path)
    let transcript = sampleTranscript()
    _ = try store.importTranscript(transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8))
    let runID = try store.startRun(isolation: "in-process", workers: 1)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "peer group", effect: "feeling heard", polarity: 1, strength: 0.8, confidence: 0.9, start: 17, end: 58,
        explanation: "")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test", pluginVersion: "1", optionsHash: "x", runID: runID, seconds: 0),
      findings: findings)
    try store.setLinkStatus(1, to: "accepted", note: "clear in the quote")
    try store.editLink(1, polarity: -1, strength: 0.3)
    #expect(try store.link(1).weight == -0.3)
    #expect(try store.decisions(subject: "link:1").map(\.action) == ["accept", "set-polarity", "set-strength"])
    #expect(try store.decisions().allSatisfy { $0.actor == Actor.current })
    #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: "DELETE FROM decision") } }
    #expect(throws: DatabaseError.self) {
      try store.pool.write { db in try db.execute(sql: "UPDATE decision SET actor = 'someone else'") }
    }
    #expect(throws: HarkError.self) { try store.editLink(1, strength: 1.5) }
  }

  @Test("merging concepts moves mentions and joins links with the same ends into one bundle")
  func merge() throws {
    let store = try ProjectStore.create(at: try folder().appendingPathComponent("p.sqlite").path)
    let transcript = sampleTranscript()
    _ = try store.importTranscript(transcript, sourceName: "zoe.txt", sourceBytes: Data(transcript.text.utf8))
    let runID = try store.startRun(isolation: "in-process", workers: 1)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "peer group", effect: "feeling heard", polarity: 1, strength: 0.8, confidence: 0.9, start: 17, end: 58,
        explanation: ""),
      LinkFinding(
        cause: "peer support", effect: "feeling heard", polarity: 1, strength: 0.4, confidence: 0.9, start: 17, end: 58,
        explanation: ""),
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test", pluginVersion: "1", optionsHash: "x", runID: runID, seconds: 0),
      findings: findings)
    #expect(try store.links().count == 2)
    let group = try store.concepts().first { $0.label == "peer group" }!.id
    let support = try store.concepts().first { $0.label == "peer support" }!.id
    try store.mergeConcept(group, into: support)
    let links = try store.links()
    #expect(links.count == 1)
    #expect(links[0].cause == "peer support")
    #expect(links[0].citations == 2)
    #expect(abs(links[0].strength - 0.6) < 1e-9)
    // A later finding labelled "peer group" lands on the merged concept.
    let found = try store.pool.write { db in try ProjectStore.conceptID(db, label: "peer groups", now: "t") }
    #expect(found == support)
    #expect(throws: HarkError.self) { try store.mergeConcept(group, into: support) }
  }
}
