// A row of `panel` and of `panel_member`, as GRDB records: the columns once,
// by name, so reads decode and writes encode them without spelling them out.
import GRDB
import HarkPanels

/// A row of `panel`.
struct PanelRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "panel"

  var id: PanelID?
  var name: String
  var rule: PanelRule
  var quorum: Int
  var createdAt: String
  var createdBy: String

  enum CodingKeys: String, CodingKey {
    case id, name, rule, quorum
    case createdAt = "created_at"
    case createdBy = "created_by"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = PanelID(inserted.rowID) }

  /// Panels by name, or the one so named (names ignore case, as the column does).
  static func named(_ name: String) -> QueryInterfaceRequest<PanelRecord> {
    all().filter(Column(CodingKeys.name) == name)
  }

  var panel: Panel { Panel(id: id ?? 0, name: name, rule: rule, quorum: quorum, createdAt: createdAt) }
}

/// A row of `panel_member`: `name` is the real name, for researchers only.
struct PanelMemberRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "panel_member"

  var id: PanelMemberID?
  var panelID: PanelID
  var name: String
  var pseudonym: String
  var addedAt: String
  var addedBy: String

  enum CodingKeys: String, CodingKey {
    case id, name, pseudonym
    case panelID = "panel_id"
    case addedAt = "added_at"
    case addedBy = "added_by"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = PanelMemberID(inserted.rowID) }

  /// A panel's members, in the order they were added.
  static func of(panel id: PanelID) -> QueryInterfaceRequest<PanelMemberRecord> {
    all().filter(Column(CodingKeys.panelID) == id).order(Column(CodingKeys.id))
  }

  var member: PanelMember {
    PanelMember(id: id ?? 0, panelID: panelID, name: name, pseudonym: pseudonym, addedAt: addedAt)
  }
}

/// A rule is stored as its text ("unanimous", "majority", "threshold:0.75");
/// a text no Hark wrote reads as unanimous, the strictest rule.
extension PanelRule: Codable, DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { description.databaseValue }

  public static func fromDatabaseValue(_ value: DatabaseValue) -> PanelRule? {
    String.fromDatabaseValue(value).map { (try? PanelRule(parsing: $0)) ?? .unanimous }
  }

  public init(from decoder: any Decoder) throws {
    self = (try? PanelRule(parsing: decoder.singleValueContainer().decode(String.self))) ?? .unanimous
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
