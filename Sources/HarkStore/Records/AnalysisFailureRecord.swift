// A row of `analysis_failure`: the last failure of a plugin version and
// options on a document, which a coding run does not try again unless asked.
import GRDB

struct AnalysisFailureRecord: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "analysis_failure"

  var documentID: DocumentID
  var pluginID: String
  var pluginVersion: String
  var optionsHash: String
  var runID: RunID
  var reason: String

  enum CodingKeys: String, CodingKey {
    case reason
    case documentID = "document_id"
    case pluginID = "plugin_id"
    case pluginVersion = "plugin_version"
    case optionsHash = "options_hash"
    case runID = "run_id"
  }

  /// The failure of the run's plugin, version and options on the document.
  init(_ record: AnalysisRecord, reason: String) {
    documentID = record.documentID
    pluginID = record.pluginID
    pluginVersion = record.pluginVersion
    optionsHash = record.optionsHash
    runID = record.runID
    self.reason = reason
  }

  /// The primary key of the row for this document and plugin (any version).
  static func key(_ record: AnalysisRecord) -> [String: (any DatabaseValueConvertible)?] {
    [CodingKeys.documentID.rawValue: record.documentID, CodingKeys.pluginID.rawValue: record.pluginID]
  }
}
