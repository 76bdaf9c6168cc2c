// Sign-in sessions. The browser holds the session token (a
// cookie); the store keeps only its digest, so a copied database signs no one in.
import Foundation
import GRDB
import HarkAccounts

/// Who a session belongs to.
public enum SessionHolder: Sendable, Equatable {
  case researcher(Researcher)
  case member(MemberIdentity)
}

/// A session just started: the token goes into the cookie, once.
public struct NewSession: Sendable, Equatable {
  public var token: String
  public var expiresAt: Date
}

extension ProjectStore {
  /// Researchers stay signed in for a working day; members for a week, as
  /// they come back to a panel between other things.
  public static let researcherSessionLifetime: TimeInterval = 12 * 3600
  public static let memberSessionLifetime: TimeInterval = 7 * 24 * 3600

  public func startSession(researcher: Researcher, now: Date = Date()) throws -> NewSession {
    try pool.write { db in
      try Self.insertSession(
        db, researcherID: researcher.id, memberID: nil, lifetime: Self.researcherSessionLifetime, now: now)
    }
  }

  static func insertSession(
    _ db: Database, researcherID: ResearcherID?, memberID: PanelMemberID?, lifetime: TimeInterval, now: Date
  )
    throws -> NewSession
  {
    let token = Secrets.token()
    let expires = now.addingTimeInterval(lifetime)
    var session = SessionRecord(
      tokenSHA256: Secrets.digest(token), researcherID: researcherID, memberID: memberID,
      createdAt: Timestamp.string(now), expiresAt: Timestamp.string(expires))
    try session.insert(db)
    return NewSession(token: token, expiresAt: expires)
  }

  /// Who holds this session token, or nil when it is unknown, ended or expired.
  func sessionHolder(token: String, now: Date = Date()) throws -> SessionHolder? {
    try session(token: token, now: now)?.holder
  }

  /// Who holds a live session and the name their pages show (a researcher's
  /// name, a member's pseudonym), in one read: every page asks it first.
  public func session(token: String, now: Date = Date()) throws -> (holder: SessionHolder, displayName: String)? {
    try pool.read { db in
      try HeldSession.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT s.expires_at, s.ended_at, r.id AS researcher_id, r.name, r.created_at,
              m.id AS member_id, m.panel_id, m.pseudonym
            FROM session s LEFT JOIN researcher r ON r.id = s.researcher_id
              LEFT JOIN panel_member m ON m.id = s.member_id
            WHERE s.token_sha256 = ?
            """), arguments: [Secrets.digest(token)]
      )?.holder(at: now)
    }
  }

  /// Signs out: the token stops working at once.
  public func endSession(token: String, now: Date = Date()) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE session SET ended_at = ? WHERE token_sha256 = ? AND ended_at IS NULL",
        arguments: [Timestamp.string(now), Secrets.digest(token)])
    }
  }
}
