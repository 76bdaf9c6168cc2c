// A row of `researcher`: a name and a scrypt password hash.
import GRDB

struct ResearcherRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "researcher"

  var id: ResearcherID?
  var name: String
  var passwordHash: String
  var createdAt: String
  var createdBy: String

  enum CodingKeys: String, CodingKey {
    case id, name
    case passwordHash = "password_hash"
    case createdAt = "created_at"
    case createdBy = "created_by"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = ResearcherID(inserted.rowID) }

  /// The researcher so named (names ignore case, as the column does).
  static func named(_ name: String) -> QueryInterfaceRequest<ResearcherRecord> {
    all().filter(Column(CodingKeys.name) == name)
  }

  var researcher: Researcher { Researcher(id: id ?? 0, name: name, createdAt: createdAt) }
}
