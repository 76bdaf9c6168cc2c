// Another process holding a project's write lock, as the tests that check
// waiting and "busy" answers need it.
import Foundation
import GRDB

/// A second connection to the same file, in its own write transaction until
/// `release()` is called (or `released` is signalled): what another `hark`
/// process holding the lock looks like.
public final class LockHolder: Sendable {
  public let released = DispatchSemaphore(value: 0)
  public let finished = DispatchSemaphore(value: 0)

  /// Returns once the transaction holds the lock.
  public init(_ path: String) throws {
    let pool = try DatabasePool(path: path)
    let holding = DispatchSemaphore(value: 0)
    let (released, finished) = (self.released, self.finished)
    Thread.detachNewThread {
      try? pool.write { db in
        try db.execute(sql: "INSERT INTO project_info(key, value) VALUES ('lock-holder', 'x')")
        holding.signal()
        released.wait()
      }
      finished.signal()
    }
    holding.wait()
  }

  /// Ends the transaction and waits until it has.
  public func release() {
    released.signal()
    finished.wait()
  }
}
