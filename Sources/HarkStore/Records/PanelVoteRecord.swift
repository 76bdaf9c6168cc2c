// A row of `panel_vote` (or of the `panel_vote_current` view, which has the
// same columns), and a vote read with its member's pseudonym.
import GRDB

/// A row of `panel_vote`: append-only, a changed mind is a new row.
struct PanelVoteRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "panel_vote"

  var id: PanelVoteID?
  var itemID: PanelItemID
  var memberID: PanelMemberID
  var answer: VoteAnswer
  var strength: VoteStrength?
  var suggestion: SuggestionKind?
  var suggestionText: String
  var comment: String
  var at: String

  enum CodingKeys: String, CodingKey {
    case id, answer, strength, suggestion, comment, at
    case itemID = "item_id"
    case memberID = "member_id"
    case suggestionText = "suggestion_text"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = PanelVoteID(inserted.rowID) }

  /// Every vote cast on an item, changed ones included.
  static func on(item: PanelItemID) -> QueryInterfaceRequest<PanelVoteRecord> {
    all().filter(Column(CodingKeys.itemID) == item)
  }

  var ballot: Ballot {
    Ballot(answer, strength: strength, suggestion: suggestion, suggestionText: suggestionText, comment: comment)
  }
}

/// A vote with who cast it, as `ProjectStore.voteColumns` selects it.
struct MemberVote: Decodable, FetchableRecord {
  var vote: PanelVoteRecord
  var pseudonym: String

  var panelVote: PanelVote {
    PanelVote(
      id: vote.id ?? 0, itemID: vote.itemID, memberID: vote.memberID, pseudonym: pseudonym, ballot: vote.ballot,
      at: vote.at)
  }
}

extension QueryInterfaceRequest<PanelVoteRecord> {
  /// The id of the latest vote asked for, or 0 when there is none.
  func lastID(_ db: Database) throws -> PanelVoteID {
    try select(max(Column(PanelVoteRecord.CodingKeys.id))).asRequest(of: PanelVoteID.self).fetchOne(db) ?? 0
  }
}

extension VoteAnswer: DatabaseValueConvertible {}
extension VoteStrength: DatabaseValueConvertible {}
extension SuggestionKind: DatabaseValueConvertible {}
