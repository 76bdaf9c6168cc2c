// A row of `coding`: a code on a passage, suggested by a plugin analysis or
// made by hand (no analysis). (`CodingRecord` is a coding as a document page
// shows it, with its code's name and its quote.)
import GRDB

struct CodingTableRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "coding"

  var id: CodingID
  var documentID: DocumentID
  var codeID: CodeID
  var start: Int
  var end: Int
  var analysisID: AnalysisID?
  var confidence: Double?
  var explanation: String
  var status: CodingStatus
  var createdBy: String
  var createdAt: String

  enum CodingKeys: String, CodingKey {
    case id, start, end, confidence, explanation, status
    case documentID = "document_id"
    case codeID = "code_id"
    case analysisID = "analysis_id"
    case createdBy = "created_by"
    case createdAt = "created_at"
  }
}
