// A row of `evidence`: one quote behind a link, with the plugin analysis that
// proposed it (nil: added by hand) and who did.
import GRDB

struct EvidenceRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "evidence"

  var id: EvidenceID
  var linkID: LinkID
  var documentID: DocumentID
  var analysisID: AnalysisID?
  var participantID: ParticipantID?
  var start: Int
  var end: Int
  var causeStart: Int?
  var causeEnd: Int?
  var effectStart: Int?
  var effectEnd: Int?
  var polarity: Int
  var strength: Double
  var confidence: Double
  var explanation: String
  var createdBy: String
  var createdAt: String

  enum CodingKeys: String, CodingKey {
    case id, start, end, polarity, strength, confidence, explanation
    case linkID = "link_id"
    case documentID = "document_id"
    case analysisID = "analysis_id"
    case participantID = "participant_id"
    case causeStart = "cause_start"
    case causeEnd = "cause_end"
    case effectStart = "effect_start"
    case effectEnd = "effect_end"
    case createdBy = "created_by"
    case createdAt = "created_at"
  }

  /// Where in the quote the plugin found the cause, when it said.
  var cause: Range<Int>? { Self.range(causeStart, causeEnd) }
  /// Where in the quote the plugin found the effect, when it said.
  var effect: Range<Int>? { Self.range(effectStart, effectEnd) }

  /// Nil unless both ends are there and in order.
  private static func range(_ start: Int?, _ end: Int?) -> Range<Int>? {
    guard let start, let end, start <= end else { return nil }
    return start..<end
  }
}
