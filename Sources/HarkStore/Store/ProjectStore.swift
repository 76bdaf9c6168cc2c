// A Hark project: one SQLite file (WAL, foreign keys on), opened through GRDB.
import Foundation
import GRDB
import HarkTranscripts

public final class ProjectStore: Sendable {
  public let path: String
  /// The database itself: only the store module reads and writes it, through
  /// the named methods on `ProjectStore` (tests reach it with `@testable import`).
  let pool: DatabasePool
  /// How this process waits when another one is writing.
  public let lockWait: LockWait
  /// How long this process's coding-run writes held the write lock.
  public let writeTimes = WriteTimes()

  /// Opens an existing project, bringing its schema up to date.
  public init(path: String, lockWait: LockWait = .commandLine) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw HarkError(
        "no project here", subject: path,
        hint: "Create one with `hark init \(path)`, or pass --project PATH (or set HARK_PROJECT)", kind: .notFound)
    }
    self.path = path
    self.lockWait = lockWait
    self.pool = try ProjectStore.openPool(path, lockWait: lockWait)
    try migrate()
  }

  private init(creating path: String, lockWait: LockWait) throws {
    self.path = path
    self.lockWait = lockWait
    self.pool = try ProjectStore.openPool(path, lockWait: lockWait)
    try migrate()
  }

  /// Creates a new, empty project file. Refuses to overwrite anything.
  public static func create(at path: String, lockWait: LockWait = .commandLine) throws -> ProjectStore {
    if FileManager.default.fileExists(atPath: path) {
      throw HarkError(
        "a file already exists there", subject: path,
        hint: "Choose another path, or use the existing project with --project \(path)", kind: .conflict)
    }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
      throw HarkError("the folder does not exist", subject: directory, hint: "Create it first")
    }
    try createOwnerOnly(path)
    let store = try ProjectStore(creating: path, lockWait: lockWait)
    try store.pool.write { db in
      try ProjectInfoRecord(key: "created_at", value: Clock.now()).insert(db)
      try ProjectInfoRecord(key: "hark_schema", value: Schema.migrator.migrations.last ?? "").insert(db)
    }
    return store
  }

  /// Creates the empty file readable and writable by its owner alone (0600): a project holds
  /// what participants said. SQLite gives the -wal and -shm files the database's permissions.
  private static func createOwnerOnly(_ path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw HarkError(
        "cannot create the project file (\(String(cString: strerror(errno))))", subject: path,
        hint: "Check that you may write to that folder")
    }
    close(descriptor)
  }

  private static func openPool(_ path: String, lockWait: LockWait) throws -> DatabasePool {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    // Another hark process (a review while a run writes) waits instead of failing.
    configuration.busyMode = lockWait.busyMode
    do {
      let pool = try DatabasePool(path: path, configuration: configuration)
      // Reading anything proves the file is SQLite and not some other file.
      _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
      return pool
    } catch let error as DatabaseError {
      throw HarkError(
        "cannot open as a Hark project (\(error.message ?? "SQLite error \(error.resultCode)"))", subject: path,
        hint: "Check that the path names a project made by `hark init`")
    }
  }

  private func migrate() throws {
    let migrator = Schema.migrator
    do {
      try migrator.migrate(pool)
    } catch let error as DatabaseError {
      throw HarkError(
        "cannot bring the project up to date (\(error.message ?? "SQLite error"))", subject: path,
        hint: "The file may come from a newer Hark or be damaged; keep a copy before trying again")
    }
  }

  /// Names of the migrations applied to this file, oldest first.
  public func appliedMigrations() throws -> [String] {
    try pool.read { db in try Schema.migrator.appliedMigrations(db) }
  }
}

/// Timestamps as stored: ISO 8601 in UTC with milliseconds.
public enum Clock {
  public static func now() -> String { Timestamp.string(Date()) }
}
