// The project store as the web pages reach it. The store's methods are
// synchronous, and a write that meets another process's write lock sleeps in
// SQLite's busy handler for up to its patience (`LockWait.webRequest`);
// called from a route, that sleep, and every write queued behind it, held
// one of the server's few cooperative threads, and two such waits stopped
// every page. Writes therefore run on a dispatch thread of their own while
// the request's task is suspended. Reads never wait for a lock (the project
// is in WAL mode, so readers and the writer do not block each other), and
// are short work like rendering: they run in place, as sending each to
// another thread and back cost the member's question page 40% of its
// requests per second (scripts/bench-web.sh: 2,077 against 3,525).
import Dispatch
import HarkStore
import HarkTranscripts

struct WebStore: Sendable {
  /// The synchronous store. Only closures given to `read` and `write` use it.
  private let store: ProjectStore
  /// Writes run one at a time, as the store's one writer connection takes
  /// them anyway: a queue of waiting changes holds one thread, not one each.
  /// A serial queue also gets a thread of its own when every other is busy.
  private let writes = DispatchQueue(label: "hark.web.writes")

  init(_ store: ProjectStore) { self.store = store }

  /// Gathers what one page shows, in one call: a page makes one `read` and
  /// builds its context inside it. It answers while changes wait for the lock.
  /// Each store call inside is its own read transaction, so a page that makes
  /// several is not one snapshot: a change committed between two of them can
  /// show in the second only (the next load of the page shows both).
  func read<T: Sendable>(_ body: @Sendable (ProjectStore) throws -> T) async throws -> T {
    try body(store)
  }

  /// Makes one change (the store keeps each in one short transaction). It may
  /// wait for another writer, up to the store's patience, then throws an
  /// error `ProjectBusy.matches`, which the error page answers with 503.
  func write<T: Sendable>(_ body: @escaping @Sendable (ProjectStore) throws -> T) async throws -> T {
    let store = store
    return try await withCheckedThrowingContinuation { continuation in
      writes.async { continuation.resume(with: Result { try body(store) }) }
    }
  }
}
