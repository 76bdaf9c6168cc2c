// How long a coding run's write transactions hold the project's write lock:
// from the moment BEGIN IMMEDIATE has the lock to the end of COMMIT. Another
// process (a panel member voting, an import) waits at most this long, so
// `hark-dev bench` reports the longest.
import Foundation
import GRDB
import Synchronization

/// The write transactions of one store, as counted by `timedWrite`.
public final class WriteTimes: Sendable {
  private let figures = Mutex((count: 0, longest: 0.0, total: 0.0))

  init() {}

  /// Transactions timed so far.
  public var count: Int { figures.withLock { $0.count } }
  /// Seconds the longest of them held the lock.
  public var longest: Double { figures.withLock { $0.longest } }
  /// Seconds all of them held it.
  public var total: Double { figures.withLock { $0.total } }

  func record(_ seconds: Double) {
    figures.withLock {
      $0.count += 1
      $0.longest = max($0.longest, seconds)
      $0.total += seconds
    }
  }

  static func monotonic() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

extension ProjectStore {
  /// A write transaction (BEGIN IMMEDIATE … COMMIT) whose time holding the
  /// lock is recorded in `writeTimes`; waiting for the lock is not counted.
  func timedWrite<T>(_ body: (Database) throws -> T) throws -> T {
    try pool.writeWithoutTransaction { db in
      var value: T?
      var locked = 0.0
      try db.inTransaction(.immediate) {
        locked = WriteTimes.monotonic()
        value = try body(db)
        return .commit
      }
      writeTimes.record(WriteTimes.monotonic() - locked)
      return value!
    }
  }
}
