// A row of `code`: a codebook entry, which may sit under a parent code.
import GRDB

struct CodeRecord: Codable, FetchableRecord, TableRecord {
  static let databaseTableName = "code"

  var id: CodeID
  var name: String
  var parentID: CodeID?
  var description: String
  var colour: String?

  enum CodingKeys: String, CodingKey {
    case id, name, description, colour
    case parentID = "parent_id"
  }
}

/// A code with how many codings use it (rejected ones not counted), as
/// `ProjectStore.codeTree()` reads it.
struct CountedCode: Decodable, FetchableRecord {
  var code: CodeRecord
  var codings: Int
}
