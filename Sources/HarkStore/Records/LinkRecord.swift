// A row of `link`: a cause → effect bundle with its review status and the
// researcher's settings (nil polarity or strength: "from the evidence").
import GRDB

struct LinkRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "link"

  var id: LinkID
  var causeID: ConceptID
  var effectID: ConceptID
  var status: LinkStatus
  var polarity: Int?
  var strength: Double?
  var createdAt: String

  enum CodingKeys: String, CodingKey {
    case id, status, polarity, strength
    case causeID = "cause_id"
    case effectID = "effect_id"
    case createdAt = "created_at"
  }

  enum Columns {
    static let causeID = Column(CodingKeys.causeID)
    static let effectID = Column(CodingKeys.effectID)
  }

  /// The link from `cause` to `effect`, if there is one (the pair is unique).
  static func between(_ cause: ConceptID, _ effect: ConceptID) -> QueryInterfaceRequest<LinkRecord> {
    all().filter(Columns.causeID == cause && Columns.effectID == effect)
  }

  /// Links with `concept` at either end, oldest first.
  static func touching(_ concept: ConceptID) -> QueryInterfaceRequest<LinkRecord> {
    all().filter(Columns.causeID == concept || Columns.effectID == concept).order(Column(CodingKeys.id))
  }
}
