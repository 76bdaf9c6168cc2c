// A row of `document` and of `turn`: an imported transcript and its turns.
// Offsets are Unicode scalar offsets into the text, half-open.
import GRDB

/// A row of `document`.
struct DocumentRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "document"

  var id: DocumentID
  var title: String
  var sourceName: String
  var sourceSHA256: String
  var format: String
  var text: String
  var scalarCount: Int
  var wordCount: Int
  var importedAt: String
  var importedBy: String

  enum CodingKeys: String, CodingKey {
    case id, title, format, text
    case sourceName = "source_name"
    case sourceSHA256 = "source_sha256"
    case scalarCount = "scalar_count"
    case wordCount = "word_count"
    case importedAt = "imported_at"
    case importedBy = "imported_by"
  }

  /// The document imported from a file with these bytes (SHA-256 hex), if any.
  static func imported(from digest: String) -> QueryInterfaceRequest<DocumentRecord> {
    all().filter(Column(CodingKeys.sourceSHA256) == digest)
  }

  /// Every document, in import order.
  static func inImportOrder() -> QueryInterfaceRequest<DocumentRecord> { all().order(Column(CodingKeys.id)) }
}

/// A row of `turn`: who speaks from `start` to `end`.
struct TurnRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "turn"

  var id: TurnID
  var documentID: DocumentID
  /// 0-based, in document order.
  var ordinal: Int
  var speaker: String
  var participantID: ParticipantID?
  var role: SpeakerRole
  var start: Int
  var end: Int
  var startTime: String?
  var endTime: String?

  enum CodingKeys: String, CodingKey {
    case id, ordinal, speaker, role, start, end
    case documentID = "document_id"
    case participantID = "participant_id"
    case startTime = "start_time"
    case endTime = "end_time"
  }

  /// A document's turns, in order.
  static func of(document id: DocumentID) -> QueryInterfaceRequest<TurnRecord> {
    all().filter(Column(CodingKeys.documentID) == id).order(Column(CodingKeys.ordinal))
  }
}
