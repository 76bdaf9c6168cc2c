// The project store as the web pages reach it: asynchronously, off Swift's
// cooperative thread pool. The store's methods are synchronous, and a write
// that meets another process's write lock sleeps in SQLite's busy handler
// for up to its patience (`LockWait.webRequest`); called from a route, that
// sleep, and every write queued behind it, held one of the server's few
// cooperative threads, and two such waits stopped every page, reads
// included. Here the request's task is suspended instead, and the store is
// called on dispatch threads that nothing else needs.
import Dispatch
import HarkStore
import HarkTranscripts

struct WebStore: Sendable {
  /// The synchronous store. Only closures given to `read` and `write` use it.
  private let store: ProjectStore
  /// Reads run side by side (the store has several reader connections).
  private let reads = DispatchQueue(label: "hark.web.reads", attributes: .concurrent)
  /// Writes run one at a time, as the store's one writer connection takes
  /// them anyway: a queue of waiting changes holds one thread, not one each.
  /// A serial queue also gets a thread of its own when every other is busy.
  private let writes = DispatchQueue(label: "hark.web.writes")

  init(_ store: ProjectStore) { self.store = store }

  /// Gathers what one page shows, in one call: a page makes one `read` and
  /// builds its context inside it. Readers never wait for the write lock
  /// (the project is in WAL mode), so a page answers while changes wait.
  func read<T: Sendable>(_ body: @escaping @Sendable (ProjectStore) throws -> T) async throws -> T {
    try await run(on: reads, body)
  }

  /// Makes one change (the store keeps each in one short transaction). It may
  /// wait for another writer, up to the store's patience, then throws an
  /// error `ProjectBusy.matches`, which the error page answers with 503.
  func write<T: Sendable>(_ body: @escaping @Sendable (ProjectStore) throws -> T) async throws -> T {
    try await run(on: writes, body)
  }

  private func run<T: Sendable>(on queue: DispatchQueue, _ body: @escaping @Sendable (ProjectStore) throws -> T)
    async throws -> T
  {
    let store = store
    return try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Result { try body(store) }) }
    }
  }
}
