// A row of `analysis`: the current results of one plugin (a version with a
// set of options) on one document, the unit a coding run resumes by.
// (`AnalysisRecord` is what a coding run hands the store to write one.)
import GRDB

struct AnalysisTableRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "analysis"

  var id: AnalysisID?
  var documentID: DocumentID
  var pluginID: String
  var pluginVersion: String
  var optionsHash: String
  var runID: RunID
  var seconds: Double

  enum CodingKeys: String, CodingKey {
    case id, seconds
    case documentID = "document_id"
    case pluginID = "plugin_id"
    case pluginVersion = "plugin_version"
    case optionsHash = "options_hash"
    case runID = "run_id"
  }

  /// The row a coding run's record becomes, before it is inserted.
  init(_ record: AnalysisRecord) {
    documentID = record.documentID
    pluginID = record.pluginID
    pluginVersion = record.pluginVersion
    optionsHash = record.optionsHash
    runID = record.runID
    seconds = record.seconds
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = AnalysisID(inserted.rowID) }

  /// The plugin's current results on the document (one row at most, whatever its version).
  static func of(document: DocumentID, plugin: String) -> QueryInterfaceRequest<AnalysisTableRecord> {
    all().filter(Column(CodingKeys.documentID) == document && Column(CodingKeys.pluginID) == plugin)
  }
}
