// A coding run's one writer of results: the analysis threads hand it each
// document's results and go on to their next document while it stores them,
// a few documents to a short transaction (`ProjectStore.writeDocuments`).
//
// Documents are stored in the order the run took them (by document id), not
// in the order the threads finish them, so that a run gives the same concept
// and link ids, and the same first label for each concept, however its
// threads are scheduled; a killed run keeps a prefix of the documents. The
// queue is bounded, so a slow store holds the analysis threads back instead
// of letting results pile up in memory; the document the writer waits for
// is always let in, so a slow document cannot be shut out by faster ones.
import Foundation
import HarkStore

final class ResultWriter: Sendable {
  /// One document's results, and what to do once they are stored (or not);
  /// `stored` is called on the writer's thread, in document order. A job
  /// without results only marks its place as done.
  struct Job: Sendable {
    let results: DocumentResults?
    let stored: @Sendable (Result<[FindingCounts], any Error>) -> Void

    init(results: DocumentResults?, stored: @escaping @Sendable (Result<[FindingCounts], any Error>) -> Void) {
      self.results = results
      self.stored = stored
    }

    /// A place in the order with nothing to store (no plugin wanted the document).
    static let nothing = Job(results: nil) { _ in }
  }

  /// The jobs waiting to be stored, keyed by their place in the order.
  private final class Queue: @unchecked Sendable {
    // Every field is read and written with `condition` locked.
    let condition = NSCondition()
    var waiting: [Int: Job] = [:]
    /// The place of the next job to store.
    var next = 0
    var closed = false

    /// How many jobs from `next` on are waiting with no gap, up to `limit`.
    func run(upTo limit: Int) -> Int {
      var count = 0
      while count < limit, waiting[next + count] != nil { count += 1 }
      return count
    }
  }

  private let store: ProjectStore
  private let queue = Queue()
  private let capacity: Int
  private let ended = DispatchSemaphore(value: 0)
  /// Documents a transaction waits for (at most `gather` seconds) before it
  /// starts: the pages every document touches (the ends of each index) are
  /// then written once for several documents instead of once for each.
  private let batch: Int
  private let gather: Double

  /// `capacity`: documents that may wait to be stored before `submit` waits.
  init(store: ProjectStore, capacity: Int = 16, batch: Int = 8, gather: Double = 0.02) {
    self.store = store
    self.capacity = max(1, capacity)
    self.batch = max(1, min(batch, capacity))
    self.gather = gather
    let thread = Thread { [self] in run() }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Queues the results of the document at `place` in the run's order (0, 1,
  /// 2…: every place must be submitted once); waits while the queue is full,
  /// unless this is the document the writer waits for.
  func submit(_ job: Job, at place: Int) {
    queue.condition.lock()
    while queue.waiting.count >= capacity && place != queue.next { queue.condition.wait() }
    queue.waiting[place] = job
    queue.condition.broadcast()
    queue.condition.unlock()
  }

  /// Stores everything queued, then ends the writer's thread; returns when it has.
  func close() {
    queue.condition.lock()
    queue.closed = true
    queue.condition.broadcast()
    queue.condition.unlock()
    ended.wait()
  }

  private func run() {
    while let jobs = take() {
      let results = jobs.compactMap(\.results)
      var stored = store.writeDocuments(results).makeIterator()
      for job in jobs {
        if job.results != nil, let result = stored.next() { job.stored(result) }
      }
    }
    ended.signal()
  }

  /// The next jobs in order, once the first is there (waiting up to `gather`
  /// seconds for a batch to fill); nil when the queue is closed and empty.
  private func take() -> [Job]? {
    queue.condition.lock()
    defer { queue.condition.unlock() }
    while queue.waiting[queue.next] == nil {
      if queue.closed {
        // Every place is submitted before the close, so nothing is left; should a place
        // be missing, what waits after it is still stored rather than dropped.
        guard let first = queue.waiting.keys.min() else { return nil }
        queue.next = first
        break
      }
      queue.condition.wait()
    }
    let deadline = Date(timeIntervalSinceNow: gather)
    while queue.run(upTo: batch) < batch && !queue.closed, queue.condition.wait(until: deadline) {}
    let count = queue.run(upTo: batch)
    let jobs = (queue.next..<(queue.next + count)).map { queue.waiting.removeValue(forKey: $0)! }
    queue.next += count
    queue.condition.broadcast()
    return jobs
  }
}
