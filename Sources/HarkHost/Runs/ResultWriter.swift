// A coding run's one writer of results: the analysis threads hand it each
// document's results and go on to their next document while it stores them,
// a few documents to a short transaction (`ProjectStore.writeDocuments`).
// The queue is bounded, so a slow store holds the analysis threads back
// instead of letting results pile up in memory.
import Foundation
import HarkStore
import Synchronization

final class ResultWriter: Sendable {
  /// One document's results, and what to do once they are stored (or not);
  /// `stored` is called on the writer's thread, in the order of submission.
  struct Job: Sendable {
    let results: DocumentResults
    let stored: @Sendable (Result<[FindingCounts], any Error>) -> Void
  }

  private let store: ProjectStore
  private let queue = Mutex((jobs: [Job](), closed: false))
  /// Signalled when a job is queued or the queue closes; the writer checks
  /// the queue itself, so a signal left over only costs a look.
  private let changed = DispatchSemaphore(value: 0)
  /// Free places in the queue.
  private let space: DispatchSemaphore
  private let ended = DispatchSemaphore(value: 0)
  /// Documents a transaction waits for (at most `gather` seconds) before it
  /// starts: the pages every document touches (the ends of each index) are
  /// then written once for several documents instead of once for each.
  private let batch: Int
  private let gather: Double

  /// `capacity`: documents that may wait to be stored before `submit` waits.
  init(store: ProjectStore, capacity: Int = 16, batch: Int = 8, gather: Double = 0.02) {
    self.store = store
    space = DispatchSemaphore(value: max(1, capacity))
    self.batch = max(1, min(batch, capacity))
    self.gather = gather
    let thread = Thread { [self] in run() }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Queues a document's results; waits while the queue is full.
  func submit(_ job: Job) {
    space.wait()
    queue.withLock { $0.jobs.append(job) }
    changed.signal()
  }

  /// Stores everything queued, then ends the writer's thread; returns when it has.
  func close() {
    queue.withLock { $0.closed = true }
    changed.signal()
    ended.wait()
  }

  private func run() {
    func state() -> (count: Int, closed: Bool) { queue.withLock { ($0.jobs.count, $0.closed) } }
    while true {
      var now = state()
      while now.count == 0 && !now.closed {
        changed.wait()
        now = state()
      }
      let deadline = DispatchTime.now() + gather
      while now.count < batch && !now.closed, changed.wait(timeout: deadline) == .success {
        now = state()
      }
      let (jobs, closed) = queue.withLock { queue in
        defer { queue.jobs.removeAll(keepingCapacity: true) }
        return (queue.jobs, queue.closed)
      }
      if jobs.isEmpty && closed { break }
      for _ in jobs { space.signal() }
      for (job, result) in zip(jobs, store.writeDocuments(jobs.map(\.results))) { job.stored(result) }
    }
    ended.signal()
  }
}
