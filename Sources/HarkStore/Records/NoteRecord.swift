// A row of `note`: a memo on a document (or a span of it), a code, a
// concept or a link, or a note brought in from another tool.
import GRDB

struct NoteRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "note"

  var id: MemoID
  var title: String
  var text: String
  var documentID: DocumentID?
  var start: Int?
  var end: Int?
  var codeID: CodeID?
  var createdBy: String
  var createdAt: String
  /// Where it came from, e.g. "REFI-QDA import of study.qdpx"; empty when written in Hark.
  var origin: String
  var conceptID: ConceptID?
  var linkID: LinkID?

  enum CodingKeys: String, CodingKey {
    case id, title, text, start, end, origin
    case documentID = "document_id"
    case codeID = "code_id"
    case createdBy = "created_by"
    case createdAt = "created_at"
    case conceptID = "concept_id"
    case linkID = "link_id"
  }

  var memo: Memo { Memo(id: id, title: title, text: text, createdBy: createdBy, createdAt: createdAt) }
}
