// Another process writing must never make a vote or a command fail: writers
// hold the lock briefly, waiters wait (and say so), and a wait that outlasts
// its patience fails whole, with nothing stored and a sentence that says why.
import Foundation
import GRDB
import HarkTestSupport
import Synchronization
import Testing

@testable import HarkStore

@Suite("Write lock")
struct WriteLockTests {
  func votes(_ store: ProjectStore) throws -> Int {
    try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_vote") ?? 0 }
  }

  @Test(
    "a vote waits for another writer's short transaction and is stored; the wait is announced once")
  func voteWaitsForShortTransaction() throws {
    let base = try PanelFixture.project()
    let notices = Mutex(0)
    let store = try ProjectStore(
      path: base.path, lockWait: LockWait(patience: 20, noticeAfter: 0.1) { notices.withLock { $0 += 1 } })
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let holder = try LockHolder(store.path)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { holder.released.signal() }
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, comment: "it helped me"))
    holder.finished.wait()
    #expect(try votes(store) == 1)
    #expect(try store.currentVotes(item: item.id).map(\.ballot.comment) == ["it helped me"])
    #expect(notices.withLock { $0 } == 1)
  }

  @Test("a writer that outlasts the patience makes the vote fail whole: nothing stored, a readable busy error")
  func voteGivesUpWithNothingStored() throws {
    let base = try PanelFixture.project()
    let store = try ProjectStore(path: base.path, lockWait: LockWait(patience: 0.2))
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let holder = try LockHolder(store.path)
    var caught: (any Error)?
    do {
      try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    } catch {
      caught = error
    }
    holder.release()
    let error = try #require(caught)
    #expect(ProjectBusy.matches(error))
    #expect(try votes(store) == 0)
    #expect(
      ProjectBusy(path: "study.sqlite", seconds: 300).description
        == "study.sqlite: the project is busy: another Hark process kept it locked for more than 300 s, "
        + "so nothing was changed. Try again when the other process (a coding run or an import, see `hark runs`) "
        + "has finished")
    // Once the other writer is done, the same vote goes through.
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    #expect(try votes(store) == 1)
  }

  @Test("the busy handler backs off quickly at first, then every 50 ms")
  func backOff() {
    #expect((0..<8).map { LockWait.pause(beforeTry: $0) } == [1, 2, 5, 10, 20, 30, 50, 50])
    #expect(LockWait.waited(beforeTry: 0) == 0)
    #expect(LockWait.waited(beforeTry: 7) == 118)
  }

  /// Counts committed transactions on a pool.
  final class CommitCounter: TransactionObserver, Sendable {
    let commits = Mutex(0)
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { commits.withLock { $0 += 1 } }
    func databaseDidRollback(_ db: Database) {}
  }

  @Test("a corpus plugin's results are stored a few documents per transaction, not all in one")
  func corpusResultsInShortTransactions() throws {
    let store = try PanelFixture.project()
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    let items = [DocumentID(1), 2].map { document -> (AnalysisRecord, Findings) in
      var findings = Findings()
      findings.scores = [ScoreFinding(name: "valence", span: 26..<40, value: 0.5, explanation: "")]
      return (
        AnalysisRecord(
          documentID: document, pluginID: "org.test.corpus", pluginVersion: "1", optionsHash: "h", runID: run,
          seconds: 0), findings
      )
    }
    let counter = CommitCounter()
    store.pool.add(transactionObserver: counter)
    // A budget of nothing: one document per transaction.
    let counts = try store.writeCorpusAnalysis(items, budget: 0)
    #expect(counts.scores == 2)
    #expect(counter.commits.withLock { $0 } == 2)
    // A generous budget: both in one.
    try store.writeCorpusAnalysis(items, budget: 60)
    #expect(counter.commits.withLock { $0 } == 3)
  }

  @Test("replacing a plugin's results finds its codings and scores by index, not by reading whole tables")
  func replacementUsesIndexes() throws {
    let store = try PanelFixture.project()
    let plans = try store.pool.read { db in
      try ["coding", "score"].map { table in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM \(table) WHERE analysis_id = 1")
          .map { $0["detail"] as String }.joined(separator: "; ")
      }
    }
    #expect(
      plans == [
        "SEARCH coding USING COVERING INDEX coding_by_analysis (analysis_id=?)",
        "SEARCH score USING COVERING INDEX score_by_analysis (analysis_id=?)",
      ])
  }
}
