// The rows of plugin results, hundreds per document, bound straight through
// SQLite's C API: GRDB's arguments box every value and look the statement
// up by its SQL text, which cost more than SQLite's own work on a row. Used
// only inside a GRDB write transaction, on its connection; everything else
// in the store goes through GRDB.
import GRDB
import GRDBSQLite

/// One INSERT, prepared once for a write transaction; values are bound in
/// column order and `run` inserts the row.
final class RowInsert {
  private let db: Database
  private let sql: String
  private var statement: OpaquePointer?
  private var next: Int32 = 1

  init(_ db: Database, sql: String) throws {
    self.db = db
    self.sql = sql
    let code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &statement, nil)
    guard code == SQLITE_OK else {
      sqlite3_finalize(statement)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
    }
  }

  deinit { sqlite3_finalize(statement) }

  func bind(_ value: Int64) {
    sqlite3_bind_int64(statement, next, value)
    next += 1
  }

  func bind(_ value: Int) { bind(Int64(value)) }

  func bind<Kind>(_ id: EntityID<Kind>) { bind(id.rawValue) }

  func bind(_ value: Double) {
    sqlite3_bind_double(statement, next, value)
    next += 1
  }

  func bind(_ value: Int64?) {
    if let value { bind(value) } else { bindNull() }
  }

  func bind(_ value: Int?) {
    if let value { bind(Int64(value)) } else { bindNull() }
  }

  func bind(_ value: String) {
    var value = value
    value.withUTF8 { bytes in
      // SQLite copies the bytes (transient): the String may move after this.
      // An empty string still needs a pointer: NULL would bind NULL, not "".
      _ = bytes.withMemoryRebound(to: CChar.self) {
        if let base = $0.baseAddress {
          sqlite3_bind_text(statement, next, base, Int32($0.count), transient)
        } else {
          sqlite3_bind_text(statement, next, "", 0, transient)
        }
      }
    }
    next += 1
  }

  func bindNull() {
    sqlite3_bind_null(statement, next)
    next += 1
  }

  /// Inserts a row with the values bound; the statement is ready for the next.
  func run() throws {
    let code = sqlite3_step(statement)
    next = 1
    guard code == SQLITE_DONE else {
      let message = db.lastErrorMessage
      sqlite3_reset(statement)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
    sqlite3_reset(statement)
  }
}

/// SQLite's SQLITE_TRANSIENT, a macro Swift cannot import: copy the bytes.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// The result inserts of one write transaction, each prepared when first needed.
final class ResultInserts {
  private let db: Database
  private var prepared: [Kind: RowInsert] = [:]

  enum Kind { case coding, score, mention, evidence }

  init(_ db: Database) { self.db = db }

  func callAsFunction(_ kind: Kind) throws -> RowInsert {
    if let insert = prepared[kind] { return insert }
    let insert = try RowInsert(db, sql: Self.sql(kind))
    prepared[kind] = insert
    return insert
  }

  private static func sql(_ kind: Kind) -> String {
    switch kind {
    case .coding:
      """
      INSERT INTO coding(document_id, code_id, start, "end", analysis_id, confidence, explanation, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    case .score:
      "INSERT INTO score(document_id, analysis_id, name, start, \"end\", value, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)"
    case .mention:
      """
      INSERT INTO concept_mention(concept_id, document_id, analysis_id, participant_id, start, "end", confidence, explanation)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """
    case .evidence:
      """
      INSERT INTO evidence(link_id, document_id, analysis_id, participant_id, start, "end", cause_start, cause_end,
        effect_start, effect_end, polarity, strength, confidence, explanation, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    }
  }
}
