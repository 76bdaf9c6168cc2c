// The rows a coding run stores for plugin results, written through SQLite's
// C API (`RowInsert`): every column as given, and a row SQLite refuses
// fails the whole document's write.
import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Result rows")
struct ResultRowsTests {
  /// Jade's turn starts at 27; the document is 1, Jade is participant 2.
  func record(_ store: ProjectStore, plugin: String) throws -> AnalysisRecord {
    AnalysisRecord(
      documentID: 1, pluginID: plugin, pluginVersion: "1.0", optionsHash: "h",
      runID: try store.startRun(isolation: "in-process", workers: 1, actor: testActor), seconds: 0.5)
  }

  @Test(
    "every column of a code, score, concept mention and link quote is stored as given, an empty explanation as \"\"")
  func columnsAsGiven() throws {
    let store = try OppositeFixture.project()
    var findings = Findings()
    findings.codes = [CodeFinding(code: "hope", span: 27..<40, confidence: 0.25, explanation: "")]
    findings.scores = [ScoreFinding(name: "valence", span: 28..<41, value: -0.125, explanation: "Zoë 💛 \"x\"")]
    findings.concepts = [ConceptFinding(label: "worker", span: 30..<36, confidence: 0.5, explanation: "c")]
    findings.links = [
      LinkFinding(
        cause: "kettle", effect: "tea", polarity: -1, strength: 0.75, confidence: 0.875, span: 27..<60,
        causeSpan: 28..<34, effectSpan: nil, explanation: "because")
    ]
    let counts = try store.writeDocumentResults([(try record(store, plugin: "org.test.rows"), findings)], failures: [])
    #expect(counts.map { [$0.codes, $0.scores, $0.concepts, $0.links] } == [[1, 1, 1, 1]])
    let rows = try store.pool.read { db in
      [
        try Row.fetchOne(
          db,
          sql: """
            SELECT c.document_id, k.name, c.start, c."end", c.confidence, c.explanation, c.created_by
            FROM coding c JOIN code k ON k.id = c.code_id
            """)!.description,
        try Row.fetchOne(db, sql: "SELECT document_id, name, start, \"end\", value, explanation FROM score")!
          .description,
        try Row.fetchOne(
          db,
          sql: """
            SELECT k.label, m.document_id, m.participant_id, m.start, m."end", m.confidence, m.explanation
            FROM concept_mention m JOIN concept k ON k.id = m.concept_id JOIN analysis a ON a.id = m.analysis_id
            WHERE a.plugin_id = 'org.test.rows'
            """)!.description,
        try Row.fetchOne(
          db,
          sql: """
            SELECT c.label AS cause, f.label AS effect, e.participant_id, e.start, e."end", e.cause_start,
              e.cause_end, e.effect_start, e.effect_end, e.polarity, e.strength, e.confidence, e.explanation,
              e.created_by
            FROM evidence e JOIN link l ON l.id = e.link_id JOIN concept c ON c.id = l.cause_id
              JOIN concept f ON f.id = l.effect_id JOIN analysis a ON a.id = e.analysis_id
            WHERE a.plugin_id = 'org.test.rows'
            """)!.description,
      ]
    }
    #expect(
      rows == [
        #"[document_id:1 name:"hope" start:27 end:40 confidence:0.25 explanation:"" created_by:"plugin:org.test.rows@1.0"]"#,
        #"[document_id:1 name:"valence" start:28 end:41 value:-0.125 explanation:"Zoë 💛 \"x\""]"#,
        #"[label:"worker" document_id:1 participant_id:2 start:30 end:36 confidence:0.5 explanation:"c"]"#,
        #"[cause:"kettle" effect:"tea" participant_id:2 start:27 end:60 cause_start:28 cause_end:34 effect_start:NULL effect_end:NULL polarity:-1 strength:0.75 confidence:0.875 explanation:"because" created_by:"plugin:org.test.rows@1.0"]"#,
      ])
  }

  @Test("a row SQLite refuses fails the document's whole write with SQLite's reason, and nothing of it is stored")
  func refusedRowRollsBack() throws {
    let store = try OppositeFixture.project()
    func scores() throws -> Int { try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM score")! } }
    let before = try scores()
    var findings = Findings()
    findings.scores = [
      ScoreFinding(name: "valence", span: 27..<40, value: 0.5, explanation: "fine"),
      // The host's checks refuse this before a coding run stores it; the table refuses it too.
      ScoreFinding(name: "valence", span: 41..<50, value: 2, explanation: "out of range"),
    ]
    var refused: DatabaseError?
    do {
      _ = try store.writeDocumentResults([(try record(store, plugin: "org.test.bad"), findings)], failures: [])
    } catch let error as DatabaseError {
      refused = error
    }
    #expect(refused?.resultCode == .SQLITE_CONSTRAINT)
    #expect(refused?.message == "CHECK constraint failed: value BETWEEN -1 AND 1")
    #expect(try scores() == before)
    let analyses = try store.pool.read {
      try Int.fetchOne($0, sql: "SELECT count(*) FROM analysis WHERE plugin_id = 'org.test.bad'")!
    }
    #expect(analyses == 0)
  }

  @Test(
    "documents stored in one transaction: one SQLite refuses is left out whole with SQLite's reason, the others are stored, and the lock is timed"
  )
  func refusedDocumentInABatch() throws {
    let store = try OppositeFixture.project()
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    func document(_ plugin: String, value: Double) -> DocumentResults {
      var findings = Findings()
      findings.scores = [ScoreFinding(name: "valence", span: 27..<40, value: value, explanation: plugin)]
      return DocumentResults(items: [
        (
          AnalysisRecord(
            documentID: 1, pluginID: plugin, pluginVersion: "1.0", optionsHash: "h", runID: run, seconds: 0),
          findings
        )
      ])
    }
    let counter = WriteLockTests.CommitCounter()
    store.pool.add(transactionObserver: counter)
    let timedBefore = store.writeTimes.count
    // The middle document's score is out of range: the table's CHECK refuses it.
    let results = store.writeDocuments(
      [
        document("org.test.first", value: 0.5), document("org.test.bad", value: 2),
        document("org.test.last", value: -1),
      ],
      budget: 60)
    #expect(results.map { (try? $0.get())?.map(\.scores) } == [[1], nil, [1]])
    if case .failure(let error as DatabaseError) = results[1] {
      #expect(error.message == "CHECK constraint failed: value BETWEEN -1 AND 1")
    } else {
      Issue.record("the refused document did not fail with SQLite's error: \(results[1])")
    }
    #expect(counter.commits.withLock { $0 } == 1)
    #expect(store.writeTimes.count == timedBefore + 1)
    #expect(store.writeTimes.longest > 0)
    let stored = try store.pool.read { db in
      try String.fetchAll(
        db,
        sql: "SELECT a.plugin_id || ':' || s.value FROM analysis a JOIN score s ON s.analysis_id = a.id ORDER BY a.id")
    }
    #expect(stored == ["org.test.first:0.5", "org.test.last:-1.0"])
    let bad = try store.pool.read {
      try Int.fetchOne($0, sql: "SELECT count(*) FROM analysis WHERE plugin_id = 'org.test.bad'")!
    }
    #expect(bad == 0)
  }

  @Test("with a budget of nothing each document is a transaction of its own")
  func budgetOfNothing() throws {
    let store = try OppositeFixture.project()
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    let documents = ["org.test.a", "org.test.b", "org.test.c"].map { plugin in
      DocumentResults(items: [
        (
          AnalysisRecord(
            documentID: 1, pluginID: plugin, pluginVersion: "1.0", optionsHash: "h", runID: run, seconds: 0),
          Findings()
        )
      ])
    }
    let counter = WriteLockTests.CommitCounter()
    store.pool.add(transactionObserver: counter)
    let results = store.writeDocuments(documents, budget: 0)
    #expect(results.map { (try? $0.get())?.count } == [1, 1, 1])
    #expect(counter.commits.withLock { $0 } == 3)
  }
}
