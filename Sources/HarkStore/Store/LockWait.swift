// How a project waits when another process holds its write lock. Every write
// transaction is kept short (a document at a time), so a wait is normally a
// fraction of a second; a person is told when it is longer, and a wait that
// outlasts the patience ends in an error that says so instead of a bare
// "database is locked".
import Foundation
import GRDB
import HarkTranscripts

public struct LockWait: Sendable {
  /// Seconds to keep waiting for another writer before giving up.
  public var patience: Double
  /// Seconds of waiting after which `notice` is called, once per wait.
  public var noticeAfter: Double
  /// Tells the person waiting what is happening (a line on stderr, say).
  public var notice: @Sendable () -> Void

  public init(patience: Double, noticeAfter: Double = 1, notice: @escaping @Sendable () -> Void = {}) {
    self.patience = patience
    self.noticeAfter = noticeAfter
    self.notice = notice
  }

  /// A command in a terminal: waits up to five minutes and says so after a second.
  public static let commandLine = LockWait(patience: 300) {
    FileHandle.standardError.write(
      Data("Waiting: another Hark process is writing to this project (a coding run or an import)…\n".utf8))
  }

  /// A web request: a person is looking at the page, so give up sooner and let
  /// the page say "try again" with what they entered still on it.
  public static let webRequest = LockWait(patience: 10)

  /// Milliseconds to sleep before try `n` (0-based): quick at first, since
  /// most waits are for one short transaction, then every 50 ms.
  static func pause(beforeTry n: Int) -> Int {
    let steps = [1, 2, 5, 10, 20, 30]
    return n < steps.count ? steps[n] : 50
  }

  /// Milliseconds slept in all before try `n`.
  static func waited(beforeTry n: Int) -> Int {
    (0..<n).reduce(0) { $0 + pause(beforeTry: $1) }
  }

  /// SQLite's busy handler: sleep and retry until the patience runs out.
  var busyMode: Database.BusyMode {
    let patienceMS = Int(patience * 1000)
    let noticeMS = Int(noticeAfter * 1000)
    let notice = self.notice
    return .callback { tries in
      let before = LockWait.waited(beforeTry: tries)
      if before >= patienceMS { return false }
      let pause = LockWait.pause(beforeTry: tries)
      if before < noticeMS && before + pause >= noticeMS { notice() }
      usleep(useconds_t(pause * 1000))
      return true
    }
  }
}

/// The project stayed locked by another writer for longer than the patience.
public struct ProjectBusy: Error, CustomStringConvertible, Sendable {
  public var path: String?
  public var seconds: Double

  public init(path: String? = nil, seconds: Double = LockWait.commandLine.patience) {
    self.path = path
    self.seconds = seconds
  }

  public var description: String {
    HarkError(
      "the project is busy: another Hark process kept it locked for more than \(Int(seconds)) s, "
        + "so nothing was changed", subject: path,
      hint: "Try again when the other process (a coding run or an import, see `hark runs`) has finished"
    ).description
  }

  /// Whether an error is SQLite giving up on a lock (SQLITE_BUSY or SQLITE_LOCKED).
  public static func matches(_ error: any Error) -> Bool {
    guard let error = error as? DatabaseError else { return false }
    return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
  }
}
