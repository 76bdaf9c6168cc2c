// Writing what a plugin found: each document's findings and its analysis rows
// together (a savepoint), a few documents to a short transaction, so a killed
// run leaves whole documents or nothing and nobody waits long for the lock.
import Foundation
import GRDB

public struct AnalysisRecord: Sendable, Equatable {
  public var documentID: DocumentID
  public var pluginID: String
  public var pluginVersion: String
  public var optionsHash: String
  public var runID: RunID
  public var seconds: Double

  public init(
    documentID: DocumentID, pluginID: String, pluginVersion: String, optionsHash: String, runID: RunID, seconds: Double
  ) {
    self.documentID = documentID
    self.pluginID = pluginID
    self.pluginVersion = pluginVersion
    self.optionsHash = optionsHash
    self.runID = runID
    self.seconds = seconds
  }
}

public struct FindingCounts: Sendable, Equatable {
  public var codes = 0
  public var concepts = 0
  public var links = 0
  public var scores = 0
  public init() {}
  public static func + (a: FindingCounts, b: FindingCounts) -> FindingCounts {
    var c = a
    c.codes += b.codes
    c.concepts += b.concepts
    c.links += b.links
    c.scores += b.scores
    return c
  }
}

/// Everything a coding run stores about one document: each plugin's
/// findings on it and each plugin's failure. Stored whole or not at all.
public struct DocumentResults: Sendable {
  public var items: [(AnalysisRecord, Findings)]
  public var failures: [(AnalysisRecord, String)]

  public init(items: [(AnalysisRecord, Findings)], failures: [(AnalysisRecord, String)] = []) {
    self.items = items
    self.failures = failures
  }
}

extension ProjectStore {
  /// Replaces this plugin's earlier results on the document with `findings`.
  @discardableResult
  func writeAnalysis(_ record: AnalysisRecord, findings: Findings) throws -> FindingCounts {
    try pool.write { db in try Self.write(db, record, findings) }
  }

  /// A corpus-level plugin's results for every document, each document whole
  /// but in short transactions, so that nobody else (a panel member voting,
  /// an import) waits for the whole corpus to be written. A run killed half
  /// way leaves some documents with older results; the next run sees them
  /// pending and redoes the corpus plugin over every document. The first
  /// document that could not be stored is thrown, after the others.
  @discardableResult
  public func writeCorpusAnalysis(_ items: [(AnalysisRecord, Findings)], budget: Double = 0.05) throws
    -> FindingCounts
  {
    var total = FindingCounts()
    for result in writeDocuments(items.map { DocumentResults(items: [$0]) }, budget: budget) {
      total = total + (try result.get().reduce(FindingCounts(), +))
    }
    return total
  }

  /// Records that the plugin failed on the document; its earlier results stay.
  public func writeFailure(_ record: AnalysisRecord, reason: String) throws {
    try timedWrite { db in try Self.writeFailure(db, record, reason: reason) }
  }

  /// Several plugins' results and failures on one document, in one
  /// transaction: a coding run that runs every plugin over a document at once
  /// stores it whole or not at all. Counts come back in the order of `items`.
  func writeDocumentResults(_ items: [(AnalysisRecord, Findings)], failures: [(AnalysisRecord, String)])
    throws -> [FindingCounts]
  {
    try writeDocuments([DocumentResults(items: items, failures: failures)])[0].get()
  }

  /// Documents' results, each document whole or not at all (a savepoint of
  /// its own), several to a transaction while the transaction has held the
  /// write lock for less than `budget` seconds: fewer commits write fewer
  /// pages, and nobody else waits longer than about one budget. A killed
  /// process leaves whole documents. Per document, in order, its counts (in
  /// the order of its items) or why it could not be stored; a transaction
  /// that fails as a whole (the lock never came) fails every document in it
  /// and every one after it.
  public func writeDocuments(_ documents: [DocumentResults], budget: Double = 0.05)
    -> [Result<[FindingCounts], any Error>]
  {
    var results: [Result<[FindingCounts], any Error>] = []
    results.reserveCapacity(documents.count)
    var next = documents.startIndex
    while next < documents.endIndex {
      let first = results.count
      do {
        try timedWrite { db in
          let started = WriteTimes.monotonic()
          // The writer's page cache, bounded (16 MB): the default 2 MB made it
          // read the same index pages again for every document.
          try db.execute(sql: "PRAGMA cache_size = -16384")
          let inserts = ResultInserts(db)
          repeat {
            let document = documents[next]
            var counts: [FindingCounts] = []
            do {
              try db.inSavepoint {
                counts = try Self.write(db, document, inserts: inserts)
                return .commit
              }
              results.append(.success(counts))
            } catch {
              // SQLite may have ended the whole transaction (a full disk):
              // then nothing of it holds, and the catch below says so.
              guard db.isInsideTransaction else { throw error }
              results.append(.failure(error))
            }
            next += 1
          } while next < documents.endIndex && WriteTimes.monotonic() - started < budget
        }
      } catch {
        results.removeSubrange(first...)
        results += documents[first...].map { _ in .failure(error) }
        break
      }
    }
    return results
  }

  /// One document's results: its turns are read once for all its plugins.
  private static func write(_ db: Database, _ document: DocumentResults, inserts: ResultInserts) throws
    -> [FindingCounts]
  {
    var turns: TurnIndex?
    let counts = try document.items.map { item in
      if turns?.documentID != item.0.documentID { turns = try TurnIndex(db, documentID: item.0.documentID) }
      return try write(db, item.0, item.1, turns: turns, inserts: inserts)
    }
    for (record, reason) in document.failures { try writeFailure(db, record, reason: reason) }
    return counts
  }

  private static func writeFailure(_ db: Database, _ record: AnalysisRecord, reason: String) throws {
    // Cached statements, for the reason given in `write(_:_:_:turns:inserts:)` below.
    try db.cachedStatement(
      sql: """
        INSERT OR REPLACE INTO analysis_failure(document_id, plugin_id, plugin_version, options_hash, run_id, reason)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [record.documentID, record.pluginID, record.pluginVersion, record.optionsHash, record.runID, reason])
    try db.cachedStatement(sql: "INSERT INTO run_failure(run_id, document_id, plugin_id, reason) VALUES (?, ?, ?, ?)")
      .execute(arguments: [record.runID, record.documentID, record.pluginID, reason])
  }

  /// `turns`: the document's, when the caller read them already;
  /// `inserts`: the transaction's prepared inserts, when it has them.
  private static func write(
    _ db: Database, _ record: AnalysisRecord, _ findings: Findings, turns: TurnIndex? = nil,
    inserts: ResultInserts? = nil
  ) throws -> FindingCounts {
    // Cached statements, not record types: `analysis` and `analysis_failure` are
    // written only here, once per document and plugin of a coding run, where
    // building each request and encoding each record cost about 8% of a lexical
    // run's CPU (1.35-1.40M against 1.51-1.59M words/s, `hark-dev bench --stage
    // lexical_run`), and read only in joins.
    try db.cachedStatement(sql: "DELETE FROM analysis WHERE document_id = ? AND plugin_id = ?")
      .execute(arguments: [record.documentID, record.pluginID])
    // Earlier results go with their analysis row (ON DELETE CASCADE), which
    // may leave candidate links without evidence; only then is there anything to tidy.
    let replaced = db.changesCount > 0
    try db.cachedStatement(sql: "DELETE FROM analysis_failure WHERE document_id = ? AND plugin_id = ?")
      .execute(arguments: [record.documentID, record.pluginID])
    try db.cachedStatement(
      sql: """
        INSERT INTO analysis(document_id, plugin_id, plugin_version, options_hash, run_id, seconds)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        record.documentID, record.pluginID, record.pluginVersion, record.optionsHash, record.runID, record.seconds,
      ])
    let analysisID = AnalysisID(db.lastInsertedRowID)
    let turns = try turns ?? TurnIndex(db, documentID: record.documentID)
    let now = Clock.now()
    let actor = "plugin:\(record.pluginID)@\(record.pluginVersion)"
    var counts = FindingCounts()
    // A label names the same row all through one transaction (nobody else
    // writes meanwhile), and a document repeats its labels: each is looked
    // up once.
    var codeIDs: [String: CodeID] = [:]
    var conceptIDs: [String: ConceptID] = [:]
    var linkEnds: [String: (ConceptID, Bool)] = [:]

    let insert = inserts ?? ResultInserts(db)

    for code in findings.codes where turns.owner(code.span) != nil {
      let codeID = try codeIDs[code.code] ?? codeID(db, named: code.code)
      codeIDs[code.code] = codeID
      let row = try insert(.coding)
      row.bind(record.documentID)
      row.bind(codeID)
      row.bind(code.span.lowerBound)
      row.bind(code.span.upperBound)
      row.bind(analysisID)
      row.bind(code.confidence)
      row.bind(code.explanation)
      row.bind(actor)
      row.bind(now)
      try row.run()
      counts.codes += 1
    }
    for score in findings.scores where turns.owner(score.span) != nil {
      let row = try insert(.score)
      row.bind(record.documentID)
      row.bind(analysisID)
      row.bind(score.name)
      row.bind(score.span.lowerBound)
      row.bind(score.span.upperBound)
      row.bind(score.value)
      row.bind(score.explanation)
      try row.run()
      counts.scores += 1
    }
    // A label that is only "~" names nothing: such a finding is left out.
    for concept in findings.concepts where ConceptReference(concept.label).names {
      guard let owner = turns.owner(concept.span) else { continue }
      let conceptID = try conceptIDs[concept.label] ?? conceptID(db, label: concept.label, now: now)
      conceptIDs[concept.label] = conceptID
      let row = try insert(.mention)
      row.bind(conceptID)
      row.bind(record.documentID)
      row.bind(analysisID)
      row.bind(owner.participant)
      row.bind(concept.span.lowerBound)
      row.bind(concept.span.upperBound)
      row.bind(concept.confidence)
      row.bind(concept.explanation)
      try row.run()
      counts.concepts += 1
    }
    for link in findings.links where ConceptReference(link.cause).names && ConceptReference(link.effect).names {
      guard let owner = turns.owner(link.span) else { continue }
      // "~X" or a concept that is the opposite of another: the link joins
      // the concepts themselves and the quote's polarity carries the turn.
      let (cause, causeTurned) = try linkEnds[link.cause] ?? linkEnd(db, label: link.cause, now: now)
      linkEnds[link.cause] = (cause, causeTurned)
      let (effect, effectTurned) = try linkEnds[link.effect] ?? linkEnd(db, label: link.effect, now: now)
      linkEnds[link.effect] = (effect, effectTurned)
      guard cause != effect else { continue }
      let polarity = causeTurned != effectTurned ? -link.polarity : link.polarity
      let linkID = try linkID(db, cause: cause, effect: effect, now: now)
      let row = try insert(.evidence)
      row.bind(linkID)
      row.bind(record.documentID)
      row.bind(analysisID)
      row.bind(owner.participant)
      row.bind(link.span.lowerBound)
      row.bind(link.span.upperBound)
      row.bind(link.causeSpan?.lowerBound)
      row.bind(link.causeSpan?.upperBound)
      row.bind(link.effectSpan?.lowerBound)
      row.bind(link.effectSpan?.upperBound)
      row.bind(polarity)
      row.bind(link.strength)
      row.bind(link.confidence)
      row.bind(link.explanation)
      row.bind(actor)
      row.bind(now)
      try row.run()
      counts.links += 1
    }
    if replaced { try removeEmptyCandidates(db) }
    return counts
  }

  /// Candidate links left without evidence (after a re-run) and never decided on go.
  static func removeEmptyCandidates(_ db: Database) throws {
    try db.execute(
      sql: """
        DELETE FROM link WHERE status = 'candidate'
          AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.link_id = link.id)
          AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.subject = 'link:' || link.id)
        """)
  }

  static func codeID(_ db: Database, named name: String) throws -> CodeID {
    if let id = try CodeID.fetchOne(db.cachedStatement(sql: "SELECT id FROM code WHERE name = ?"), arguments: [name]) {
      return id
    }
    try db.cachedStatement(sql: "INSERT INTO code(name) VALUES (?)").execute(arguments: [name])
    return CodeID(db.lastInsertedRowID)
  }

  /// The concept a label belongs to, following merges; created when new.
  /// "~X" is the opposite of X (see `namedRow`).
  static func conceptID(_ db: Database, label: String, now: String) throws -> ConceptID {
    try mergedTarget(db, namedRow(db, label: label, now: now, byPlugin: true))
  }

  /// The concept a link naming `label` joins, and whether the link turns
  /// round on the way (the label named an opposite).
  static func linkEnd(_ db: Database, label: String, now: String) throws -> (ConceptID, Bool) {
    let row = try namedRow(db, label: label, now: now, byPlugin: true)
    return try linkEnd(db, concept: row) ?? (row, false)
  }

  static func linkID(_ db: Database, cause: ConceptID, effect: ConceptID, now: String) throws -> LinkID {
    if let id = try LinkID.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM link WHERE cause_id = ? AND effect_id = ?"), arguments: [cause, effect])
    {
      return id
    }
    try db.execute(
      sql: "INSERT INTO link(cause_id, effect_id, created_at) VALUES (?, ?, ?)", arguments: [cause, effect, now])
    return LinkID(db.lastInsertedRowID)
  }
}

/// The turns of one document, to say who said a passage and whether it is data.
struct TurnIndex {
  struct Entry {
    let start: Int
    let end: Int
    let participant: Int64?
    let role: String
  }
  let entries: [Entry]
  let documentID: DocumentID

  init(_ db: Database, documentID: DocumentID) throws {
    self.documentID = documentID
    // A cursor reads each row in place (no copied rows); columns by
    // position: a lookup by name lowercases the name on every row.
    var entries: [Entry] = []
    let rows = try Row.fetchCursor(
      db.cachedStatement(
        sql: "SELECT start, \"end\", participant_id, role FROM turn WHERE document_id = ? ORDER BY start"),
      arguments: [documentID])
    while let row = try rows.next() {
      entries.append(Entry(start: row[0], end: row[1], participant: row[2], role: row[3]))
    }
    self.entries = entries
  }

  /// The participant (or unknown-speaker) turn a passage belongs to: the one
  /// it overlaps most. Nil when it overlaps none — interviewer turns are
  /// context, not data, and neither are titles or speaker labels — so the
  /// host drops such findings even if a plugin emits them.
  func owner(_ span: Range<Int>) -> Entry? {
    let (start, end) = (span.lowerBound, span.upperBound)
    // First turn that ends after `start` (turns are in order, non-overlapping).
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if entries[mid].end <= start && !(entries[mid].start == start && entries[mid].end == start) {
        low = mid + 1
      } else {
        high = mid
      }
    }
    var best: Entry?
    var bestOverlap = -1
    var i = low
    while i < entries.count, entries[i].start <= end {
      let e = entries[i]
      if e.role != "interviewer" {
        let overlap = min(end, e.end) - max(start, e.start)
        let touches = start == end ? (e.start <= start && start <= e.end) : overlap > 0
        if touches && overlap > bestOverlap {
          best = e
          bestOverlap = overlap
        }
      }
      i += 1
    }
    return best
  }
}
