// Documents as the researcher reads them (turns with the codings in them),
// accepting or rejecting a plugin's coding, and coding a quote by hand. Each
// change appends a decision row naming the researcher, in one transaction.
import Foundation
import GRDB
import HarkTranscripts

public struct DocumentSummary: Sendable, Equatable {
  public var id: DocumentID
  public var title: String
  /// Pseudonyms of the participants who speak in it, in order of first turn.
  public var participants: [String]
  public var words: Int
}

public struct DocumentTurn: Sendable, Equatable {
  public var id: TurnID
  /// 1-based, as a reader counts turns.
  public var number: Int
  public var speaker: String
  public var role: SpeakerRole
  public var start: Int
  public var end: Int
  public var text: String
}

public struct CodingRecord: Sendable, Equatable, Decodable, FetchableRecord {
  public var id: CodingID
  public var documentID: DocumentID
  public var codeID: CodeID
  public var code: String
  public var start: Int
  public var end: Int
  /// Nil for a coding made by hand; else the plugin analysis that suggested it.
  public var analysisID: AnalysisID?
  public var confidence: Double?
  public var explanation: String
  public var status: CodingStatus
  public var createdBy: String
  public var quote: String

  public var isSuggestion: Bool { analysisID != nil }

  enum CodingKeys: String, CodingKey {
    case id, start, end, confidence, explanation, status, quote
    case documentID = "document_id"
    case codeID = "code_id"
    case code = "name"
    case analysisID = "analysis_id"
    case createdBy = "created_by"
  }
}

extension ProjectStore {
  /// Every document, in import order, with who speaks in it.
  public func documentSummaries() throws -> [DocumentSummary] {
    /// A participant who speaks in a document.
    struct Speaker: Decodable, FetchableRecord {
      var documentID: DocumentID
      var pseudonym: String
    }
    return try pool.read { db in
      let speakers = try Speaker.fetchAll(
        db,
        sql: """
          SELECT t.document_id AS documentID, p.pseudonym FROM turn t JOIN participant p ON p.id = t.participant_id
          WHERE p.role = 'participant' ORDER BY t.document_id, t.ordinal
          """)
      var byDocument: [DocumentID: [String]] = [:]
      for speaker in speakers where !(byDocument[speaker.documentID] ?? []).contains(speaker.pseudonym) {
        byDocument[speaker.documentID, default: []].append(speaker.pseudonym)
      }
      return try DocumentRecord.inImportOrder().fetchAll(db).map { document in
        DocumentSummary(
          id: document.id, title: document.title, participants: byDocument[document.id] ?? [],
          words: document.wordCount)
      }
    }
  }

  public func hasDocument(_ id: DocumentID) throws -> Bool {
    try pool.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [id]) != nil }
  }

  /// One document's title and its turns with their text, in order.
  public func documentTurns(_ id: DocumentID) throws -> (title: String, turns: [DocumentTurn]) {
    try pool.read { db in try Self.documentTurns(db, id) }
  }

  static func documentTurns(_ db: Database, _ id: DocumentID) throws -> (title: String, turns: [DocumentTurn]) {
    guard let document = try DocumentRecord.fetchOne(db, key: id) else {
      throw HarkError("no document D\(id)", hint: "Run `hark documents` to list them", kind: .notFound)
    }
    let scalars = Array(document.text.unicodeScalars)
    let turns = try TurnRecord.of(document: id).fetchAll(db).map { turn in
      DocumentTurn(
        id: turn.id, number: turn.ordinal + 1, speaker: turn.speaker, role: turn.role, start: turn.start,
        end: turn.end, text: CodePoints.slice(scalars, turn.start, turn.end))
    }
    return (document.title, turns)
  }

  /// A document's codings, suggested and by hand, in text order.
  public func codings(document id: DocumentID) throws -> [CodingRecord] {
    try pool.read { db in
      try CodingRecord.fetchAll(
        db,
        sql: """
          SELECT g.id, g.document_id, g.code_id, c.name, g.start, g."end", g.analysis_id, g.confidence,
            g.explanation, g.status, g.created_by, \(Self.quoteSQL("g"))
          FROM coding g JOIN document d ON d.id = g.document_id JOIN code c ON c.id = g.code_id
          WHERE g.document_id = ? ORDER BY g.start, g."end" DESC, g.id
          """, arguments: [id])
    }
  }

  /// Accepts or rejects a plugin's suggested coding (or puts it back to
  /// suggested). Returns false, recording nothing, when it already has that status.
  @discardableResult
  public func setCodingStatus(
    _ id: CodingID, to status: CodingStatus, actor: String
  ) throws -> Bool {
    try pool.write { db in
      guard let current = try Self.codingStatus(db, id) else {
        throw HarkError("no coding G\(id)", hint: "Reload the document to see its codings", kind: .notFound)
      }
      if current == status { return false }
      try Self.recordCodingStatus(db, id, from: current, to: status, actor: actor)
      return true
    }
  }

  /// Sets several codings' status in one transaction: every id is checked
  /// first, and when one names no coding nothing changes. Returns the ids
  /// whose status changed (one decision each).
  @discardableResult
  public func setCodingStatus(
    _ ids: [CodingID], to status: CodingStatus, actor: String
  ) throws -> [CodingID] {
    try pool.write { db in
      var changed: [CodingID] = []
      var current: [CodingID: CodingStatus] = [:]
      for id in ids {
        guard let found = try Self.codingStatus(db, id) else {
          throw HarkError(
            "no coding G\(id); nothing was changed", hint: "Run `hark codings` to see the codings and their ids",
            kind: .notFound)
        }
        current[id] = found
      }
      for id in ids where current[id] != status {
        try Self.recordCodingStatus(db, id, from: current[id]!, to: status, actor: actor)
        current[id] = status
        changed.append(id)
      }
      return changed
    }
  }

  /// Codes the first occurrence of `quote` in a turn with `code` (made when
  /// new), as a coding by hand. Fails, storing nothing, when the turn does not
  /// contain the quote exactly.
  public func codeQuote(
    _ quote: String, inTurn turnID: TurnID, document documentID: DocumentID, code: String,
    actor: String
  ) throws -> CodingRecord {
    let quote = quote.trimmingCharacters(in: .whitespacesAndNewlines)
    let code = code.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !code.isEmpty else { throw HarkError("no code given", hint: "Pick a code or write the name of a new one") }
    guard !quote.isEmpty else {
      throw HarkError("no words given to code", hint: "Copy the words from the turn into the quote box")
    }
    let id: CodingID = try pool.write { db in
      let turn = try Self.turn(db, documentID: documentID, turnID: turnID)
      let (start, end) = try Self.locate(quote, in: turn)
      let isNew = try CodeID.fetchOne(db, sql: "SELECT id FROM code WHERE name = ?", arguments: [code]) == nil
      let codeID = try Self.codeID(db, named: code)
      if isNew {
        try Self.log(db, actor: actor, subject: .code(codeID), action: .create, detail: [.name: .string(code)])
      }
      try db.execute(
        sql: """
          INSERT INTO coding(document_id, code_id, start, "end", analysis_id, confidence, explanation, status,
            created_by, created_at)
          VALUES (?, ?, ?, ?, NULL, NULL, '', 'accepted', ?, ?)
          """, arguments: [documentID, codeID, start, end, actor, Clock.now()])
      let id = CodingID(db.lastInsertedRowID)
      try Self.log(
        db, actor: actor, subject: .coding(id), action: .codeByHand,
        detail: [.document: .id(documentID), .code: .string(code), .start: .integer(start), .end: .integer(end)])
      return id
    }
    guard let coding = try codings(document: documentID).first(where: { $0.id == id }) else {
      throw HarkError("coding G\(id) vanished after it was stored", hint: "Reload the document")
    }
    return coding
  }

  static func codingStatus(_ db: Database, _ id: CodingID) throws -> CodingStatus? {
    try CodingStatus.fetchOne(db, sql: "SELECT status FROM coding WHERE id = ?", arguments: [id])
  }

  /// Sets a coding's status, with the decision that says who changed it from what.
  static func recordCodingStatus(
    _ db: Database, _ id: CodingID, from current: CodingStatus, to status: CodingStatus, actor: String
  ) throws {
    try db.execute(sql: "UPDATE coding SET status = ? WHERE id = ?", arguments: [status, id])
    try log(
      db, actor: actor, subject: .coding(id), action: status.action,
      detail: [.from: .string(current.rawValue), .to: .string(status.rawValue)])
  }

  /// SQL for the words a row's `start`/`end` cover in its document `d`:
  /// SQLite's substr counts code points, as stored offsets do, so a query
  /// returns only the quote instead of the whole transcript.
  static func quoteSQL(_ row: String) -> String {
    "substr(d.text, \(row).start + 1, \(row).\"end\" - \(row).start) AS quote"
  }

  /// Where `needle` first occurs in `haystack`, compared code point by code
  /// point so the offset is the store's kind of offset.
  /// One turn of a document, or an error saying to reload the page.
  static func turn(_ db: Database, documentID: DocumentID, turnID: TurnID) throws -> DocumentTurn {
    guard let turn = try Self.documentTurns(db, documentID).turns.first(where: { $0.id == turnID }) else {
      throw HarkError("document D\(documentID) has no turn with id \(turnID)", hint: "Reload the document")
    }
    return turn
  }

  /// Where the words first occur in the turn, as document code-point offsets.
  static func locate(_ quote: String, in turn: DocumentTurn) throws -> (start: Int, end: Int) {
    guard let offset = Self.firstOffset(of: Array(quote.unicodeScalars), in: Array(turn.text.unicodeScalars)) else {
      throw HarkError(
        "the words \"\(quote)\" are not in turn \(turn.number) (\(turn.speaker))",
        hint: "Copy them exactly from that turn and try again")
    }
    let start = turn.start + offset
    return (start, start + quote.unicodeScalars.count)
  }

  static func firstOffset(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
    guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
      if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
    }
    return nil
  }
}
