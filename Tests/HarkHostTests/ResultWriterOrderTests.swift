// A coding run's writer stores documents in the run's order, whatever order
// its threads finish them in, so that concept and link ids (and the first
// label a concept is stored under) do not depend on thread scheduling.
import Foundation
import HarkTestSupport
import Synchronization
import Testing

@testable import HarkHost
@testable import HarkStore

@Suite("The coding run's result writer")
struct ResultWriterOrderTests {
  /// Three interviews (documents 1, 2, 3), and for document k a concept finding
  /// labelled `labels[k - 1]` on the first word Amina says.
  static func project() throws -> (ProjectStore, [DocumentResults]) {
    let store = try InterviewProject.imported(
      in: try makeTemporaryFolder("hark-tests"), aminaSays: ["Tea helped.", "Talk helped.", "Time helped."])
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    let labels = ["tea", "talk", "time"]
    let results = (1...3).map { document in
      var findings = Findings()
      // "Ruth: What helped?\nAmina: " is 26 scalars; the first word follows.
      findings.concepts = [
        ConceptFinding(label: labels[document - 1], span: 26..<30, confidence: 0.5, explanation: "")
      ]
      return DocumentResults(items: [
        (
          AnalysisRecord(
            documentID: DocumentID(Int64(document)), pluginID: "org.test.order", pluginVersion: "1",
            optionsHash: "h", runID: run, seconds: 0), findings
        )
      ])
    }
    return (store, results)
  }

  static func conceptLabels(_ store: ProjectStore) throws -> [String] {
    try store.pool.read { try String.fetchAll($0, sql: "SELECT label FROM concept ORDER BY id") }
  }

  @Test("documents handed over last, first, middle are stored first, middle, last: ids follow the documents")
  func storedInDocumentOrder() throws {
    let (store, results) = try Self.project()
    let writer = ResultWriter(store: store)
    let stored = Mutex([Int]())
    for place in [2, 0, 1] {
      writer.submit(
        ResultWriter.Job(results: results[place]) { _ in stored.withLock { $0.append(place) } }, at: place)
    }
    writer.close()
    #expect(stored.withLock { $0 } == [0, 1, 2])
    #expect(try Self.conceptLabels(store) == ["tea", "talk", "time"])
  }

  @Test("a place with nothing to store is passed over, and what follows it is stored")
  func nothingToStore() throws {
    let (store, results) = try Self.project()
    let writer = ResultWriter(store: store)
    writer.submit(ResultWriter.Job(results: results[2]) { _ in }, at: 2)
    writer.submit(.nothing, at: 1)
    writer.submit(ResultWriter.Job(results: results[0]) { _ in }, at: 0)
    writer.close()
    #expect(try Self.conceptLabels(store) == ["tea", "time"])
  }

  @Test("with the queue full of later documents, the document the writer waits for is still let in")
  func awaitedDocumentEntersAFullQueue() throws {
    let (store, results) = try Self.project()
    let writer = ResultWriter(store: store, capacity: 2, batch: 1)
    writer.submit(ResultWriter.Job(results: results[1]) { _ in }, at: 1)
    writer.submit(ResultWriter.Job(results: results[2]) { _ in }, at: 2)
    // Two jobs wait and the capacity is two: a queue that let nobody in now would never
    // move again, since the writer waits for place 0. Handed over on another thread so
    // that such a hang fails this test instead of stopping the suite.
    let entered = DispatchSemaphore(value: 0)
    Thread {
      writer.submit(ResultWriter.Job(results: results[0]) { _ in }, at: 0)
      entered.signal()
    }.start()
    let outcome = entered.wait(timeout: .now() + 30)
    #expect(outcome == .success)
    guard outcome == .success else { return }
    writer.close()
    #expect(try Self.conceptLabels(store) == ["tea", "talk", "time"])
  }
}
