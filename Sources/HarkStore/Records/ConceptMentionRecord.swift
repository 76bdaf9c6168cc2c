// A row of `concept_mention`: where a concept was mentioned, found by a
// plugin analysis (nil: placed by hand) and said by a participant, if known.
import GRDB

struct ConceptMentionRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "concept_mention"

  var id: MentionID?
  var conceptID: ConceptID
  var documentID: DocumentID
  var analysisID: AnalysisID?
  var participantID: ParticipantID?
  var start: Int
  var end: Int
  var confidence: Double
  var explanation: String

  enum CodingKeys: String, CodingKey {
    case id, start, end, confidence, explanation
    case conceptID = "concept_id"
    case documentID = "document_id"
    case analysisID = "analysis_id"
    case participantID = "participant_id"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = MentionID(inserted.rowID) }

  /// The mentions of a concept.
  static func of(concept: ConceptID) -> QueryInterfaceRequest<ConceptMentionRecord> {
    all().filter(Column(CodingKeys.conceptID) == concept)
  }

  /// The ids of a concept's mentions, oldest first.
  static func ids(of concept: ConceptID, _ db: Database) throws -> [MentionID] {
    try of(concept: concept).select(Column(CodingKeys.id)).order(Column(CodingKeys.id)).asRequest(of: MentionID.self)
      .fetchAll(db)
  }

  /// Moves every mention of `source` to `target`.
  static func move(_ db: Database, from source: ConceptID, to target: ConceptID) throws {
    try of(concept: source).updateAll(db, Column(CodingKeys.conceptID).set(to: target))
  }
}
