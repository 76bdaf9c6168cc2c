// What the command line lists about a project: its coding runs, documents
// and participants, and the corpus summary `hark demo` prints. Each table
// read here has a record type with its columns named once.
import Foundation
import GRDB
import HarkTranscripts

/// One coding run as recorded (`coding_run`).
public struct RunRecord: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
  public static let databaseTableName = "coding_run"
  public var id: RunID
  public var startedAt: String
  public var finishedAt: String?
  public var status: RunStatus
  public var isolation: RunIsolation
  public var workers: Int
  public var startedBy: String

  enum CodingKeys: String, CodingKey {
    case id, status, isolation, workers
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case startedBy = "started_by"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
  }
}

/// The plugins of a run as read back: `RunPluginRecord` is also what a run writes.
extension RunPluginRecord: FetchableRecord, TableRecord {
  public static let databaseTableName = "run_plugin"

  public enum Columns {
    public static let runID = Column("run_id")
    public static let pluginID = Column("plugin_id")
    public static let pluginVersion = Column("plugin_version")
    public static let pluginPath = Column("plugin_path")
    public static let options = Column("options")
    public static let documentsDone = Column("documents_done")
    public static let documentsFailed = Column("documents_failed")
    public static let codes = Column("codes")
    public static let concepts = Column("concepts")
    public static let links = Column("links")
    public static let scores = Column("scores")
    public static let seconds = Column("seconds")
  }

  public init(row: Row) {
    self.init(
      pluginID: row[Columns.pluginID], pluginVersion: row[Columns.pluginVersion], pluginPath: row[Columns.pluginPath],
      options: row[Columns.options])
    documentsDone = row[Columns.documentsDone]
    documentsFailed = row[Columns.documentsFailed]
    counts.codes = row[Columns.codes]
    counts.concepts = row[Columns.concepts]
    counts.links = row[Columns.links]
    counts.scores = row[Columns.scores]
    seconds = row[Columns.seconds]
  }
}

/// A document as `hark documents` lists it.
public struct DocumentListing: Decodable, FetchableRecord, Sendable, Equatable {
  public var id: DocumentID
  public var title: String
  public var format: String
  public var words: Int
  public var turns: Int
  /// The participants who speak in it (interviewers left out), comma-separated; nil when none.
  public var speakers: String?

  static let request: SQLRequest<DocumentListing> = """
    SELECT d.id, d.title, d.format, d.word_count AS words,
      (SELECT count(*) FROM turn t WHERE t.document_id = d.id) AS turns,
      (SELECT group_concat(DISTINCT p.pseudonym) FROM turn t JOIN participant p ON p.id = t.participant_id
        WHERE t.document_id = d.id AND p.role = 'participant') AS speakers
    FROM document d ORDER BY d.id
    """
}

/// A participant as `hark participants` lists them.
public struct ParticipantListing: Decodable, FetchableRecord, Sendable, Equatable {
  public var pseudonym: String
  public var role: ParticipantRecord.Role
  public var group: String
  /// Documents in which they speak.
  public var documents: Int

  static let request: SQLRequest<ParticipantListing> = """
    SELECT p.pseudonym, p.role, p.group_name AS "group",
      (SELECT count(DISTINCT t.document_id) FROM turn t WHERE t.participant_id = p.id) AS documents
    FROM participant p ORDER BY p.role DESC, p.pseudonym
    """
}

/// The corpus in figures: documents, words, and the participants who speak
/// in it counted by group (largest group first).
public struct CorpusSummary: Sendable, Equatable {
  public var documents: Int
  public var words: Int
  public var peopleByGroup: [GroupSize]
}

/// How many people of one group.
public struct GroupSize: Decodable, FetchableRecord, Sendable, Equatable {
  public var group: String
  public var people: Int
}

/// A code with how often it was applied, and in how many documents.
public struct CodeFrequency: Decodable, FetchableRecord, Sendable, Equatable {
  public var name: String
  public var codings: Int
  public var documents: Int
}

extension ProjectStore {
  /// Every coding run, oldest first.
  public func runs() throws -> [RunRecord] {
    try pool.read { db in try RunRecord.order(RunRecord.Columns.id).fetchAll(db) }
  }

  /// The plugins of a run, in the order the run recorded them.
  public func runPlugins(_ runID: RunID) throws -> [RunPluginRecord] {
    try pool.read { db in
      try RunPluginRecord.filter(RunPluginRecord.Columns.runID == runID).order(Column.rowID).fetchAll(db)
    }
  }

  /// The documents, in import order, with their turn counts and speakers.
  public func documentListing() throws -> [DocumentListing] {
    try pool.read { db in try DocumentListing.request.fetchAll(db) }
  }

  /// Interviewees first, then interviewers, each by pseudonym.
  public func participantListing() throws -> [ParticipantListing] {
    try pool.read { db in try ParticipantListing.request.fetchAll(db) }
  }

  /// Documents, words, and the people with the role participant who speak in
  /// at least one document, by group.
  public func corpusSummary() throws -> CorpusSummary {
    try pool.read { db in
      /// How many documents, and their words.
      struct Totals: Decodable, FetchableRecord {
        var documents: Int
        var words: Int
      }
      let totals = try Totals.fetchOne(
        db, sql: "SELECT count(*) AS documents, COALESCE(sum(word_count), 0) AS words FROM document")!
      let groups = try GroupSize.fetchAll(
        db,
        sql: """
          SELECT p.group_name AS "group", count(DISTINCT p.id) AS people FROM participant p
          WHERE p.role = 'participant' AND EXISTS (SELECT 1 FROM turn t WHERE t.participant_id = p.id)
          GROUP BY p.group_name ORDER BY people DESC, p.group_name
          """)
      return CorpusSummary(documents: totals.documents, words: totals.words, peopleByGroup: groups)
    }
  }

  /// The most applied codes (suggested and by hand), most codings first.
  public func codeFrequencies(limit: Int) throws -> [CodeFrequency] {
    try pool.read { db in
      try CodeFrequency.fetchAll(
        db,
        sql: """
          SELECT c.name, count(*) AS codings, count(DISTINCT g.document_id) AS documents
          FROM coding g JOIN code c ON c.id = g.code_id
          GROUP BY c.id ORDER BY codings DESC LIMIT ?
          """, arguments: [limit])
    }
  }
}
