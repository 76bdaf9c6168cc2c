// A row of `participant`. (`ParticipantRecord` is a participant as a
// participants CSV lists it, before it is stored.)
import GRDB
import HarkTranscripts

struct ParticipantTableRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "participant"

  var id: ParticipantID
  var pseudonym: String
  var role: ParticipantRecord.Role
  var groupName: String
  /// A JSON array of [name, value], in file order (`ParticipantAttribute.list(stored:)` reads it).
  var attributes: String

  enum CodingKeys: String, CodingKey {
    case id, pseudonym, role, attributes
    case groupName = "group_name"
  }
}
