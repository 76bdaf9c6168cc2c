// A row of `concept`. Concepts merge across documents by `key`, the
// normalised label; a merged concept keeps its row (and key) and points at
// the concept it became.
import GRDB

struct ConceptRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "concept"

  var id: ConceptID
  var label: String
  var key: String
  var mergedInto: ConceptID?
  var createdAt: String
  /// The concept this one sits under (v5), which may itself have been merged away.
  var parentID: ConceptID?
  /// The concept this one is the opposite of (v6).
  var oppositeOf: ConceptID?

  enum CodingKeys: String, CodingKey {
    case id, label, key
    case mergedInto = "merged_into"
    case createdAt = "created_at"
    case parentID = "parent_id"
    case oppositeOf = "opposite_of"
  }

  enum Columns {
    static let key = Column(CodingKeys.key)
    static let parentID = Column(CodingKeys.parentID)
  }

  /// The concept, live or merged, that holds this key.
  static func withKey(_ key: String) -> QueryInterfaceRequest<ConceptRecord> { all().filter(Columns.key == key) }

  /// Concepts merged into another, which keep their row as an alias.
  static func merged() -> QueryInterfaceRequest<ConceptRecord> {
    all().filter(Column(CodingKeys.mergedInto) != nil)
  }

  /// Concepts placed under a parent.
  static func placed() -> QueryInterfaceRequest<ConceptRecord> { all().filter(Columns.parentID != nil) }

  /// The concept a label names for someone choosing it: the live concept
  /// this one was merged into, or itself.
  var liveID: ConceptID { mergedInto ?? id }
}
