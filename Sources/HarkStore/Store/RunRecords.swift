// Coding runs as recorded in the project: which plugins ran, with what
// options, what they produced, how long it took and what failed.
import Foundation
import GRDB
import HarkTranscripts

public struct RunPluginRecord: Sendable, Equatable {
  public var pluginID: String
  public var pluginVersion: String
  public var pluginPath: String
  public var options: String
  public var documentsDone = 0
  public var documentsFailed = 0
  public var counts = FindingCounts()
  public var seconds = 0.0

  public init(pluginID: String, pluginVersion: String, pluginPath: String, options: String) {
    self.pluginID = pluginID
    self.pluginVersion = pluginVersion
    self.pluginPath = pluginPath
    self.options = options
  }
}

public struct PluginSetting: Sendable, Equatable {
  public var enabled: Bool
  public var options: String
}

/// A code with its parent's name ("" at the top), as `codebook()` reads it.
private struct CodebookRow: Decodable, FetchableRecord {
  var name: String
  var parent: String
  var description: String
}

extension ProjectStore {
  /// Starts a run by `actor`; runs left "running" by a killed process become "interrupted".
  public func startRun(isolation: String, workers: Int, actor: String) throws -> RunID {
    try timedWrite { db in
      try db.execute(sql: "UPDATE coding_run SET status = 'interrupted' WHERE status = 'running'")
      try db.execute(
        sql:
          "INSERT INTO coding_run(started_at, status, isolation, workers, started_by) VALUES (?, 'running', ?, ?, ?)",
        arguments: [Clock.now(), isolation, workers, actor])
      return RunID(db.lastInsertedRowID)
    }
  }

  public func recordRunPlugin(_ runID: RunID, _ r: RunPluginRecord) throws {
    try timedWrite { db in
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO run_plugin(run_id, plugin_id, plugin_version, plugin_path, options, documents_done,
            documents_failed, codes, concepts, links, scores, seconds)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          runID, r.pluginID, r.pluginVersion, r.pluginPath, r.options, r.documentsDone, r.documentsFailed,
          r.counts.codes,
          r.counts.concepts, r.counts.links, r.counts.scores, r.seconds,
        ])
    }
  }

  public func finishRun(_ runID: RunID) throws {
    try timedWrite { db in
      try db.execute(
        sql: "UPDATE coding_run SET status = 'finished', finished_at = ? WHERE id = ?", arguments: [Clock.now(), runID])
    }
  }

  /// Documents the plugin has not yet analysed with this version and options
  /// (nor failed on, unless `retryFailed`).
  public func pendingDocuments(pluginID: String, version: String, optionsHash: String, retryFailed: Bool) throws
    -> [DocumentID]
  {
    try pool.read { db in
      try DocumentID.fetchAll(
        db,
        sql: """
          SELECT d.id FROM document d
          WHERE NOT EXISTS (
            SELECT 1 FROM analysis a WHERE a.document_id = d.id AND a.plugin_id = ?
              AND a.plugin_version = ? AND a.options_hash = ?)
          AND (? OR NOT EXISTS (
            SELECT 1 FROM analysis_failure f WHERE f.document_id = d.id AND f.plugin_id = ?
              AND f.plugin_version = ? AND f.options_hash = ?))
          ORDER BY d.id
          """,
        arguments: [pluginID, version, optionsHash, retryFailed, pluginID, version, optionsHash])
    }
  }

  public func allDocumentIDs() throws -> [DocumentID] {
    try pool.read { db in try DocumentID.fetchAll(db, sql: "SELECT id FROM document ORDER BY id") }
  }

  public func pluginSetting(_ pluginID: String) throws -> PluginSetting {
    try pool.read { db in try PluginSettingRecord.find(db, plugin: pluginID).setting }
  }

  public func setPlugin(_ pluginID: String, enabled: Bool? = nil, options: String? = nil) throws {
    try pool.write { db in
      var setting = try PluginSettingRecord.find(db, plugin: pluginID)
      if let enabled { setting.enabled = enabled }
      if let options { setting.options = options }
      try setting.save(db)
    }
  }

  /// Failures recorded in a run: (document id, plugin id, reason).
  public func runFailures(_ runID: RunID) throws -> [(document: DocumentID?, plugin: String, reason: String)] {
    try pool.read { db in
      try RunFailureRecord.of(run: runID).fetchAll(db).map { ($0.documentID, $0.pluginID, $0.reason) }
    }
  }

  /// A document's text, turns and speakers, as a plugin needs them.
  public func documentForAnalysis(_ id: DocumentID) throws -> StoredDocument {
    try pool.read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT id, title, text, word_count FROM document WHERE id = ?", arguments: [id])
      else {
        throw HarkError("no document D\(id)", hint: "Run `hark documents` to list them")
      }
      // A cursor reads each row in place (no copied rows); columns by
      // position: a lookup by name lowercases it on every row.
      var turns: [StoredTurn] = []
      let rows = try Row.fetchCursor(
        db.cachedStatement(
          sql: """
            SELECT t.speaker, t.role, t.start, t."end", COALESCE(p.group_name, '') AS group_name
            FROM turn t LEFT JOIN participant p ON p.id = t.participant_id
            WHERE t.document_id = ? ORDER BY t.start
            """), arguments: [id])
      while let row = try rows.next() {
        turns.append(StoredTurn(speaker: row[0], role: row[1], group: row[4], start: row[2], end: row[3]))
      }
      return StoredDocument(id: row[0], title: row[1], text: row[2], words: row[3], turns: turns)
    }
  }

  /// Labels of the concepts the project knows (not merged away), most mentioned first.
  public func knownConceptLabels(limit: Int = 500) throws -> [String] {
    try pool.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT c.label FROM concept c
          WHERE c.merged_into IS NULL AND c.opposite_of IS NULL
          ORDER BY (SELECT count(*) FROM concept_mention m WHERE m.concept_id = c.id) DESC, c.label
          LIMIT ?
          """, arguments: [limit])
    }
  }

  /// The codebook: (name, parent name, description).
  public func codebook() throws -> [(name: String, parent: String, description: String)] {
    try pool.read { db in
      try CodebookRow.fetchAll(
        db,
        sql:
          "SELECT c.name, COALESCE(p.name, '') AS parent, c.description FROM code c LEFT JOIN code p ON p.id = c.parent_id ORDER BY c.id"
      ).map { ($0.name, $0.parent, $0.description) }
    }
  }
}

public struct StoredTurn: Sendable, Equatable {
  public var speaker: String
  public var role: String
  public var group: String
  public var start: Int
  public var end: Int
}

public struct StoredDocument: Sendable, Equatable {
  public var id: DocumentID
  public var title: String
  public var text: String
  /// Counted once, at import.
  public var words: Int
  public var turns: [StoredTurn]
}

extension ProjectStore {
  /// A failure of the plugin as a whole in a run (it could not be opened, say).
  public func writeRunFailure(_ runID: RunID, pluginID: String, reason: String) throws {
    try timedWrite { db in
      var failure = RunFailureRecord(runID: runID, documentID: nil, pluginID: pluginID, reason: reason)
      try failure.insert(db)
    }
  }
}
