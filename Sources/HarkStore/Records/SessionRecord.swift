// A row of `session` and of `panel_invite`. Tokens are stored only as
// SHA-256 digests, so a copied database signs no one in.
import Foundation
import GRDB

/// A row of `session`: a signed-in researcher or panel member (exactly one of the two).
struct SessionRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "session"

  var id: PanelInviteID?
  var tokenSHA256: String
  var researcherID: ResearcherID?
  var memberID: PanelMemberID?
  var createdAt: String
  var expiresAt: String
  var endedAt: String?

  enum CodingKeys: String, CodingKey {
    case id
    case tokenSHA256 = "token_sha256"
    case researcherID = "researcher_id"
    case memberID = "member_id"
    case createdAt = "created_at"
    case expiresAt = "expires_at"
    case endedAt = "ended_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = PanelInviteID(inserted.rowID) }
}

/// A session with whoever holds it, as `ProjectStore.session(token:)` reads
/// it: the researcher's columns or the member's, the other nil.
struct HeldSession: Decodable, FetchableRecord {
  var expiresAt: String
  var endedAt: String?
  var researcherID: ResearcherID?
  var researcherName: String?
  var researcherSince: String?
  var memberID: PanelMemberID?
  var panelID: PanelID?
  var pseudonym: String?

  enum CodingKeys: String, CodingKey {
    case pseudonym
    case expiresAt = "expires_at"
    case endedAt = "ended_at"
    case researcherID = "researcher_id"
    case researcherName = "name"
    case researcherSince = "created_at"
    case memberID = "member_id"
    case panelID = "panel_id"
  }

  /// Who holds the session and the name their pages show, or nil when it
  /// has ended or expired by `now`.
  func holder(at now: Date) -> (holder: SessionHolder, displayName: String)? {
    guard endedAt == nil, let expires = Timestamp.date(expiresAt), now < expires else { return nil }
    if let researcherID, let researcherName, let researcherSince {
      let researcher = Researcher(id: researcherID, name: researcherName, createdAt: researcherSince)
      return (.researcher(researcher), researcherName)
    }
    guard let memberID, let panelID, let pseudonym else { return nil }
    return (.member(MemberIdentity(memberID: memberID, panelID: panelID)), pseudonym)
  }
}

/// A row of `panel_invite`: a one-time sign-in link for a member.
struct PanelInviteRecord: Codable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "panel_invite"

  var id: Int64?
  var memberID: PanelMemberID
  var tokenSHA256: String
  var createdAt: String
  var createdBy: String
  var expiresAt: String
  var usedAt: String?
  var revokedAt: String?
  var revokedBy: String?

  enum CodingKeys: String, CodingKey {
    case id
    case memberID = "member_id"
    case tokenSHA256 = "token_sha256"
    case createdAt = "created_at"
    case createdBy = "created_by"
    case expiresAt = "expires_at"
    case usedAt = "used_at"
    case revokedAt = "revoked_at"
    case revokedBy = "revoked_by"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// The invite whose token has this digest.
  static func withToken(_ digest: String) -> QueryInterfaceRequest<PanelInviteRecord> {
    all().filter(Column(CodingKeys.tokenSHA256) == digest)
  }
}
