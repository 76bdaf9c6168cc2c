// Memos: a researcher's notes (the `note` table) on a document, a code, a
// concept or a link, written and read in the workbench. Adding one appends a
// decision row naming the researcher, in the same transaction.
import Foundation
import GRDB
import HarkTranscripts

/// What a memo is about.
public enum MemoSubject: Sendable, Equatable {
  case document(DocumentID)
  case code(CodeID)
  case concept(ConceptID)
  case link(LinkID)

  var column: String {
    switch self {
    case .document: "document_id"
    case .code: "code_id"
    case .concept: "concept_id"
    case .link: "link_id"
    }
  }

  /// The item's row id in its own table (`kind`).
  public var id: Int64 {
    switch self {
    case .document(let id): id.rawValue
    case .code(let id): id.rawValue
    case .concept(let id): id.rawValue
    case .link(let id): id.rawValue
    }
  }

  /// The table the item lives in, which is also its word in decision
  /// subjects ("link:4") and addresses (/memos/link/4).
  public var kind: String {
    switch self {
    case .document: "document"
    case .code: "code"
    case .concept: "concept"
    case .link: "link"
    }
  }

  /// How a person names the item: "document D1", "code 3", "concept C2", "link L4".
  public var name: String {
    switch self {
    case .document(let id): "document D\(id)"
    case .code(let id): "code \(id)"
    case .concept(let id): "concept C\(id)"
    case .link(let id): "link L\(id)"
    }
  }
}

public struct Memo: Sendable, Equatable {
  public var id: MemoID
  public var title: String
  public var text: String
  public var createdBy: String
  public var createdAt: String
}

extension ProjectStore {
  /// The memos on an item, oldest first. A document's memos are those on the
  /// whole document, not on a span of it; a concept's include those written
  /// on concepts merged into it, which keep their row.
  public func memos(on subject: MemoSubject) throws -> [Memo] {
    try pool.read { db in
      let rows: [NoteRecord]
      switch subject {
      case .document(let id):
        rows = try NoteRecord.fetchAll(
          db, sql: "SELECT * FROM note WHERE document_id = ? AND start IS NULL ORDER BY id", arguments: [id])
      case .concept(let id):
        rows = try NoteRecord.fetchAll(
          db,
          sql: """
            WITH RECURSIVE merged(id) AS (
              SELECT ? UNION SELECT c.id FROM concept c JOIN merged m ON c.merged_into = m.id)
            SELECT * FROM note WHERE concept_id IN (SELECT id FROM merged) ORDER BY id
            """, arguments: [id])
      default:
        rows = try NoteRecord.fetchAll(
          db, sql: "SELECT * FROM note WHERE \(subject.column) = ? ORDER BY id", arguments: [subject.id])
      }
      return rows.map(\.memo)
    }
  }

  /// Every code's memos at once, for the codebook page.
  public func memosByCode() throws -> [CodeID: [Memo]] {
    try pool.read { db in
      Dictionary(
        grouping: try NoteRecord.fetchAll(db, sql: "SELECT * FROM note WHERE code_id IS NOT NULL ORDER BY id"),
        by: { $0.codeID ?? 0 }
      ).mapValues { $0.map(\.memo) }
    }
  }

  /// Writes a memo on an item. Fails, storing nothing, when the item does not
  /// exist or the memo has no text; a memo without a title is titled by its
  /// first words.
  @discardableResult
  public func addMemo(
    on subject: MemoSubject, title: String = "", text: String, actor: String
  ) throws
    -> MemoID
  {
    let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    var title = title.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else {
      throw HarkError("the memo has no text", subject: subject.name, hint: "Write the memo and send it again")
    }
    if title.isEmpty { title = Self.memoTitle(text) }
    return try pool.write { db in
      guard
        try Bool.fetchOne(db, sql: "SELECT 1 FROM \(subject.kind) WHERE id = ?", arguments: [subject.id]) != nil
      else {
        throw HarkError("there is no \(subject.name)", hint: "Reload the page and try again")
      }
      try db.execute(
        sql: "INSERT INTO note(title, text, \(subject.column), created_by, created_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [title, text, subject.id, actor, Clock.now()])
      let id = MemoID(db.lastInsertedRowID)
      // Logged on the item, so a link with a memo counts as decided on and is
      // not cleared away as an empty candidate.
      try Self.log(
        db, actor: actor, subject: DecisionSubject(memo: subject), action: .memo,
        detail: [.note: .id(id), .title: .string(title)])
      return id
    }
  }

  public func exists(_ subject: MemoSubject) throws -> Bool {
    try pool.read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM \(subject.kind) WHERE id = ?", arguments: [subject.id]) != nil
    }
  }

  /// The first few words of a memo, for its title.
  static func memoTitle(_ text: String) -> String {
    let words = text.split(whereSeparator: \.isWhitespace)
    let title = words.prefix(8).joined(separator: " ")
    return words.count > 8 ? title + "…" : title
  }
}
