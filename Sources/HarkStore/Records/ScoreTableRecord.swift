// A row of `score`: a number a plugin analysis put on a span. (`ScoreRecord`
// is a score as exports read it, with the plugin that wrote it.)
import GRDB

struct ScoreTableRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "score"

  var id: ScoreID?
  var documentID: DocumentID
  var analysisID: AnalysisID
  var name: String
  var start: Int
  var end: Int
  var value: Double
  var explanation: String

  enum CodingKeys: String, CodingKey {
    case id, name, start, end, value, explanation
    case documentID = "document_id"
    case analysisID = "analysis_id"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = ScoreID(inserted.rowID) }
}
