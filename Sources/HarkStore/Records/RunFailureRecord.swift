// A row of `run_failure`: something that failed in a coding run, on one
// document or (no document) for the plugin as a whole.
import GRDB

struct RunFailureRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "run_failure"

  var id: Int64?
  var runID: RunID
  var documentID: DocumentID?
  var pluginID: String
  var reason: String

  enum CodingKeys: String, CodingKey {
    case id, reason
    case runID = "run_id"
    case documentID = "document_id"
    case pluginID = "plugin_id"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// A run's failures, in the order they were recorded.
  static func of(run: RunID) -> QueryInterfaceRequest<RunFailureRecord> {
    all().filter(Column(CodingKeys.runID) == run).order(Column(CodingKeys.id))
  }
}
