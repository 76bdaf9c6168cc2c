// Per-document plugins share one pass: each document is read once and every
// plugin's results on it are stored together. A plugin that fails must not
// cost the others anything.
import Foundation
import HarkHost
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Plugins sharing one pass over the documents")
struct SharedPassTests {
  let lines = ["The group helped me.", "BOOM the drop-in kept me going.", "My key worker listened."]

  func run(_ misbehavingOptions: String, inProcess: Bool = false) throws -> (RunSummary, ProjectStore) {
    let store = try InterviewProject.imported(in: try makeTemporaryFolder("hark-tests"), aminaSays: lines)
    var options = RunOptions(startedBy: testActor)
    options.workers = 2
    options.inProcess = inProcess
    let run = CodingRun(store: store, options: options)
    let summary = try run.run([
      PlannedPlugin(descriptor: try PluginLibrary.load(TestPaths.misbehaving).descriptor, options: misbehavingOptions),
      PlannedPlugin(
        descriptor: try PluginLibrary.load(TestPaths.builtIn("ExampleC")).descriptor, options: #"{"minWords": 1}"#),
    ])
    return (summary, store)
  }

  @Test("a plugin crashing on a document leaves the other plugins' results on it stored")
  func crashSparesOthers() throws {
    let (summary, store) = try run(#"{"mode": "segv", "on": "BOOM"}"#)
    #expect(summary.plugins.map(\.documentsDone) == [2, 3])
    #expect(summary.plugins[0].failures.map(\.documentID) == [2])
    #expect(summary.plugins[1].failures.isEmpty)
    #expect(
      try TestProject.count(
        store,
        "SELECT count(*) FROM coding c JOIN code k ON k.id = c.code_id WHERE c.document_id = 2 AND k.name = 'long turn'"
      )
        == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis WHERE document_id = 2") == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 5)
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis_failure") == 1)
  }

  @Test("a plugin that cannot open leaves its documents pending while the others finish")
  func unopenableSparesOthers() throws {
    let (summary, store) = try run(#"{"mode": "refuse-to-open"}"#)
    #expect(summary.plugins.map(\.documentsDone) == [0, 3])
    #expect(summary.plugins[0].failures.map(\.documentID) == [nil])
    #expect(try TestProject.count(store, "SELECT count(*) FROM run_failure WHERE document_id IS NULL") == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 3)
    #expect(
      try store.pendingDocuments(
        pluginID: "org.hark.test.misbehaving", version: summary.plugins[0].descriptor.version,
        optionsHash: CodingRun.optionsHash(#"{"mode": "refuse-to-open"}"#), retryFailed: false) == [1, 2, 3])
  }

  @Test("in-process, a plugin's error on a document does not stop the others on it")
  func errorInProcess() throws {
    let (summary, _) = try run(#"{"mode": "error", "on": "BOOM"}"#, inProcess: true)
    #expect(summary.plugins.map(\.documentsDone) == [2, 3])
    #expect(summary.plugins[0].failures.map(\.reason) == ["plugin error: cannot make sense of D2"])
  }

  @Test(
    "a document the store refuses is reported as not stored and stays pending; the documents stored beside it stay, and the next run stores it"
  )
  func refusedDocumentStaysPending() throws {
    let store = try InterviewProject.imported(in: try makeTemporaryFolder("hark-tests"), aminaSays: lines)
    // What a store that cannot take one document's rows looks like (a full
    // disk, a constraint): its analysis row is refused.
    try store.pool.write { db in
      try db.execute(
        sql: """
          CREATE TRIGGER refuse_second BEFORE INSERT ON analysis WHEN NEW.document_id = 2
          BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
          """)
    }
    let path = TestPaths.builtIn("ExampleC")
    let first = try CodingRun.runOne(store, path: path, options: #"{"minWords": 1}"#)
    #expect(first.documentsDone == 2)
    #expect(first.failures.map(\.documentID) == [2])
    #expect(first.failures.map(\.reason).allSatisfy { $0.hasPrefix("could not store the results: ") })
    #expect(first.failures.map(\.reason).allSatisfy { $0.contains("refused by the test") })
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 2)
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding WHERE document_id = 2") == 0)
    let hash = CodingRun.optionsHash(#"{"minWords": 1}"#)
    let version = try PluginLibrary.load(path).descriptor.version
    #expect(
      try store.pendingDocuments(
        pluginID: "org.hark.example.wordcount", version: version, optionsHash: hash, retryFailed: false) == [2])
    try store.pool.write { db in try db.execute(sql: "DROP TRIGGER refuse_second") }
    let second = try CodingRun.runOne(store, path: path, options: #"{"minWords": 1}"#)
    #expect(second.documentsDone == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 3)
  }
}
