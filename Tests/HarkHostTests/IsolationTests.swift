// The host survives plugins that crash, hang, fail or emit garbage: that
// document fails with a recorded reason, nothing of it is stored, and the
// other documents go on.
import Foundation
import HarkHost
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Plugin isolation in worker processes")
struct IsolationTests {
  let lines = ["The group helped me.", "BOOM the drop-in kept me going.", "My key worker listened."]

  func failingSecond(_ mode: String, timeout: Double = 30) throws -> (PluginRunSummary, ProjectStore) {
    let store = try InterviewProject.imported(in: try makeTemporaryFolder("hark-tests"), aminaSays: lines)
    let summary = try CodingRun.runOne(
      store, path: TestPaths.misbehaving, options: #"{"mode": "\#(mode)", "on": "BOOM"}"#, timeout: timeout)
    return (summary, store)
  }

  func expectOnlySecondFailed(_ summary: PluginRunSummary, _ store: ProjectStore) throws {
    #expect(summary.documentsDone == 2)
    #expect(summary.failures.map(\.documentID) == [2])
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding WHERE document_id = 2") == 0)
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding WHERE document_id IN (1, 3)") == 2)
    #expect(
      try TestProject.count(store, "SELECT count(*) FROM analysis_failure WHERE document_id = 2") == 1)
  }

  @Test("a Swift fatalError in a plugin fails that document with the signal and the message")
  func fatalError() throws {
    let (summary, store) = try failingSecond("fatal")
    try expectOnlySecondFailed(summary, store)
    let reason = summary.failures[0].reason
    #expect(reason.hasPrefix("crashed: killed by signal 4 (SIGILL, illegal instruction: a Swift fatalError or trap)"))
    #expect(reason.contains("the misbehaving plugin gave up on D2"))
  }

  @Test("a segmentation fault in a plugin fails only that document")
  func segmentationFault() throws {
    let (summary, store) = try failingSecond("segv")
    try expectOnlySecondFailed(summary, store)
    #expect(summary.failures[0].reason.hasPrefix("crashed: killed by signal 11 (SIGSEGV, segmentation fault)"))
  }

  @Test("abort() in a plugin fails only that document")
  func abortCall() throws {
    let (summary, store) = try failingSecond("abort")
    try expectOnlySecondFailed(summary, store)
    #expect(summary.failures[0].reason.hasPrefix("crashed: killed by signal 6 (SIGABRT, abort)"))
  }

  @Test("a plugin that hangs is stopped at the per-document timeout")
  func hang() throws {
    let (summary, store) = try failingSecond("hang", timeout: 1)
    try expectOnlySecondFailed(summary, store)
    #expect(summary.failures[0].reason == "timed out after 1 s; the worker was stopped")
  }

  @Test("a plugin that exits mid-call is reported with its exit status")
  func exitMidCall() throws {
    let (summary, store) = try failingSecond("exit")
    try expectOnlySecondFailed(summary, store)
    #expect(summary.failures[0].reason == "crashed: exited with status 7 in the middle of a call")
  }

  @Test("a plugin's own error message is recorded as the reason")
  func pluginError() throws {
    let (summary, store) = try failingSecond("error")
    try expectOnlySecondFailed(summary, store)
    #expect(summary.failures[0].reason == "plugin error: cannot make sense of D2")
  }

  @Test("a plugin printing to stdout does not corrupt the worker protocol")
  func stdoutNoise() throws {
    let (summary, store) = try failingSecond("stdout")
    #expect(summary.documentsDone == 3)
    #expect(summary.failures.isEmpty)
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding") == 3)
  }

  @Test("a plugin that cannot open fails the run once and leaves every document pending")
  func refuseToOpen() throws {
    let store = try InterviewProject.imported(in: try makeTemporaryFolder("hark-tests"), aminaSays: lines)
    let summary = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: #"{"mode": "refuse-to-open"}"#)
    #expect(summary.documentsDone == 0)
    #expect(summary.failures.map(\.documentID) == [nil])
    #expect(
      summary.failures.map(\.reason) == [
        #"could not open the plugin: plugin error: could not open with options {"mode": "refuse-to-open"}: this plugin refuses to open"#
      ])
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 0)
  }

  @Test("in-process runs give the same results as worker runs")
  func inProcess() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let store = try InterviewProject.imported(in: folder, aminaSays: lines)
    let summary = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: "{}", inProcess: true)
    #expect(summary.documentsDone == 3)
    let rows = try store.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT document_id || ':' || start || '-' || \"end\" FROM coding ORDER BY document_id")
    }
    #expect(rows == ["1:26-46", "2:26-57", "3:26-49"])
  }

  @Test(
    "a second run with nothing new does nothing but counts the failed documents it left out; they are retried only when asked"
  )
  func secondRun() throws {
    let (first, store) = try failingSecond("error")
    #expect(first.documentsDone == 2)
    #expect(first.failedEarlier == 0)
    let again = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: #"{"mode": "error", "on": "BOOM"}"#)
    #expect(again.documentsPending == 0)
    #expect(again.failedEarlier == 1)
    var options = RunOptions(startedBy: testActor)
    options.retryFailed = true
    let descriptor = try PluginLibrary.load(TestPaths.misbehaving).descriptor
    let retried = try CodingRun(store: store, options: options).run([
      PlannedPlugin(descriptor: descriptor, options: #"{"mode": "error", "on": "BOOM"}"#)
    ]).plugins[0]
    #expect(retried.documentsPending == 1)
    #expect(retried.failures.map(\.documentID) == [2])
  }

  @Test("a document that fails after an earlier success is not retried on every run, and keeps its earlier results")
  func failureAfterSuccess() throws {
    let store = try InterviewProject.imported(in: try makeTemporaryFolder("hark-tests"), aminaSays: lines)
    let first = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: "{}")
    #expect(first.documentsDone == 3)
    let failing = #"{"mode": "error", "on": "BOOM"}"#
    let second = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: failing)
    #expect(second.documentsDone == 2)
    #expect(second.failures.map(\.documentID) == [2])
    // The earlier results on D2 stay; the failure is remembered for this version and options.
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding WHERE document_id = 2") == 1)
    let third = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: failing)
    #expect(third.documentsPending == 0)
  }

  @Test("a second coding run on the same project at the same time is refused")
  func oneRunAtATime() throws {
    let store = try InterviewProject.imported(in: try makeTemporaryFolder("hark-tests"), aminaSays: lines)
    let holder = open(store.path, O_RDONLY)
    #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
    defer { close(holder) }
    let error = #expect(throws: HarkError.self) {
      _ = try CodingRun.runOne(store, path: TestPaths.misbehaving, options: "{}")
    }
    #expect(
      error?.description
        == "\(store.path): another coding run is working on this project. Wait for it to finish (`hark runs` shows it), then run `hark code` again"
    )
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding_run") == 0)
  }
}
