// Panels and their members, and the one-time invite links members sign in by.
import Foundation
import GRDB
import HarkAccounts
import HarkPanels
import HarkTranscripts

public struct Panel: Sendable, Equatable {
  public var id: PanelID
  public var name: String
  public var rule: PanelRule
  public var quorum: Int
  public var createdAt: String
}

public struct PanelMember: Sendable, Equatable {
  public var id: PanelMemberID
  public var panelID: PanelID
  /// The real name: for researchers' eyes only.
  public var name: String
  /// What everyone else sees.
  public var pseudonym: String
  public var addedAt: String
}

/// A signed-in panel member: who votes. Only the store makes one (from a
/// session or an invite), so a page cannot claim to be another member.
public struct MemberIdentity: Sendable, Equatable, Hashable {
  public let memberID: PanelMemberID
  public let panelID: PanelID
  // The memberwise initialiser stays internal: outside HarkStore, identities come only from the store.
}

/// A new invite: the token appears here once and is stored only as a digest.
public struct PanelInvite: Sendable, Equatable {
  public var id: PanelInviteID
  public var memberID: PanelMemberID
  public var token: String
  public var expiresAt: Date

  /// The sign-in link to give the member.
  public func link(baseURL: String) -> String {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    return "\(base)/join/\(token)"
  }
}

/// What revoking a member's invites cancelled.
public struct RevokedAccess: Sendable, Equatable {
  public var invites: Int
  public var sessions: Int

  public init(invites: Int, sessions: Int) {
    self.invites = invites
    self.sessions = sessions
  }

  public var isEmpty: Bool { invites == 0 && sessions == 0 }
}

/// Why an invite link does not sign anyone in.
public enum InviteRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case unknown
  case used
  case revoked
  case expired

  public var description: String {
    switch self {
    case .unknown: "This sign-in link is not known. Ask the researcher for a new link."
    case .used: "This sign-in link has been used already. Ask the researcher for a new link."
    case .revoked: "This sign-in link was cancelled. Ask the researcher for a new link."
    case .expired: "This sign-in link has expired. Ask the researcher for a new link."
    }
  }
}

extension ProjectStore {
  public static let defaultInviteLifetime: TimeInterval = 14 * 24 * 3600

  public func createPanel(
    name: String, rule: PanelRule = .unanimous, quorum: Int = 1, actor: String
  ) throws -> Panel {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw HarkError("a panel needs a name", hint: "e.g. hark panels create carers") }
    guard quorum >= 1 else {
      throw HarkError(
        "the quorum must be at least 1, got \(quorum)", subject: "panel \(name)",
        hint: "Give the number of votes an item needs before it can be decided")
    }
    return try pool.write { db in
      if try PanelRecord.named(name).fetchCount(db) > 0 {
        throw HarkError("there is already a panel called \(name)", hint: "Choose another name", kind: .conflict)
      }
      var record = PanelRecord(name: name, rule: rule, quorum: quorum, createdAt: Clock.now(), createdBy: actor)
      try record.insert(db)
      let panel = record.panel
      try Self.log(
        db, actor: actor, subject: .panel(panel.id), action: .create,
        detail: [.name: .string(name), .rule: .string(rule.description), .quorum: .integer(quorum)])
      return panel
    }
  }

  public func panels() throws -> [Panel] {
    try pool.read { db in try PanelRecord.order(Column(PanelRecord.CodingKeys.name)).fetchAll(db).map(\.panel) }
  }

  /// A panel by name (any case) or id ("P2").
  public func panel(named text: String) throws -> Panel {
    try pool.read { db in try Self.panel(db, named: text) }
  }

  static func panel(db: Database, id: PanelID) throws -> Panel? {
    try PanelRecord.fetchOne(db, key: id)?.panel
  }

  static func panel(_ db: Database, named text: String) throws -> Panel {
    if let found = try PanelRecord.named(text).fetchOne(db) { return found.panel }
    if text.first == "P" || text.first == "p", let id = Int64(text.dropFirst()).map({ PanelID(rawValue: $0) }),
      let found = try panel(db: db, id: id)
    {
      return found
    }
    throw HarkError("no panel called \(text)", hint: "Run `hark panels list` to see the panels", kind: .notFound)
  }

  /// Adds a member; without a pseudonym they are shown as "Member N".
  public func addMember(
    panel: Panel, name: String, pseudonym: String? = nil, actor: String
  ) throws
    -> PanelMember
  {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw HarkError("a member needs a name", subject: "panel \(panel.name)") }
    return try pool.write { db in
      if try Bool.fetchOne(
        db, sql: "SELECT 1 FROM panel_member WHERE panel_id = ? AND name = ?", arguments: [panel.id, name]) != nil
      {
        throw HarkError(
          "\(name) is already a member", subject: "panel \(panel.name)",
          hint: "To send a new sign-in link use `hark panels invite \(panel.name) \"\(name)\"`", kind: .conflict)
      }
      let count =
        try Int.fetchOne(
          db, sql: "SELECT count(*) FROM panel_member WHERE panel_id = ?", arguments: [panel.id]) ?? 0
      let shown = pseudonym?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty ?? "Member \(count + 1)"
      if try Bool.fetchOne(
        db, sql: "SELECT 1 FROM panel_member WHERE panel_id = ? AND pseudonym = ?", arguments: [panel.id, shown])
        != nil
      {
        throw HarkError(
          "another member is already shown as \"\(shown)\"", subject: "panel \(panel.name)",
          hint: "Choose another --pseudonym", kind: .conflict)
      }
      var record = PanelMemberRecord(
        panelID: panel.id, name: name, pseudonym: shown, addedAt: Clock.now(), addedBy: actor)
      try record.insert(db)
      let member = record.member
      // The decision log names the pseudonym only: it is read more widely than the panel list.
      try Self.log(
        db, actor: actor, subject: .panel(panel.id), action: .addMember,
        detail: [.member: .id(member.id), .pseudonym: .string(shown)])
      return member
    }
  }

  public func members(panel: Panel) throws -> [PanelMember] {
    try pool.read { db in
      try PanelMemberRecord.of(panel: panel.id).fetchAll(db).map(\.member)
    }
  }

  /// A member by real name or pseudonym.
  public func member(panel: Panel, named text: String) throws -> PanelMember {
    guard let found = try members(panel: panel).first(where: { $0.name == text || $0.pseudonym == text }) else {
      throw HarkError(
        "no member called \(text)", subject: "panel \(panel.name)",
        hint: "Run `hark panels show \(panel.name)` to see its members", kind: .notFound)
    }
    return found
  }

  /// The member as a voter, for researchers' tools (the CLI) and tests; the
  /// web layer gets identities from sessions.
  public func identity(of member: PanelMember) -> MemberIdentity {
    MemberIdentity(memberID: member.id, panelID: member.panelID)
  }

  public func issueInvite(
    member: PanelMember, lifetime: TimeInterval = ProjectStore.defaultInviteLifetime, now: Date = Date(),
    actor: String
  ) throws -> PanelInvite {
    guard lifetime > 0 else {
      throw HarkError(
        "an invite must last some time", subject: "member \(member.pseudonym)", hint: "e.g. --expires-in 14d")
    }
    let token = Secrets.token()
    let expires = now.addingTimeInterval(lifetime)
    return try pool.write { db in
      var invite = PanelInviteRecord(
        memberID: member.id, tokenSHA256: Secrets.digest(token), createdAt: Timestamp.string(now), createdBy: actor,
        expiresAt: Timestamp.string(expires))
      try invite.insert(db)
      let id = PanelInviteID(db.lastInsertedRowID)
      try Self.log(
        db, actor: actor, subject: .panel(member.panelID), action: .invite,
        detail: [.member: .id(member.id), .invite: .id(id), .expiresAt: .string(Timestamp.string(expires))])
      return PanelInvite(id: id, memberID: member.id, token: token, expiresAt: expires)
    }
  }

  /// Cancels every unused invite of a member and ends their sessions, so a
  /// link that reached the wrong person stops working even if it was used.
  @discardableResult
  public func revokeInvites(member: PanelMember, now: Date = Date(), actor: String)
    throws
    -> RevokedAccess
  {
    try pool.write { db in
      let at = Timestamp.string(now)
      try db.execute(
        sql: """
          UPDATE panel_invite SET revoked_at = ?, revoked_by = ?
          WHERE member_id = ? AND used_at IS NULL AND revoked_at IS NULL
          """, arguments: [at, actor, member.id])
      let invites = db.changesCount
      try db.execute(
        sql: "UPDATE session SET ended_at = ? WHERE member_id = ? AND ended_at IS NULL AND expires_at > ?",
        arguments: [at, member.id, at])
      let revoked = RevokedAccess(invites: invites, sessions: db.changesCount)
      if !revoked.isEmpty {
        try Self.log(
          db, actor: actor, subject: .panel(member.panelID), action: .revokeInvites,
          detail: [.member: .id(member.id), .invites: .integer(revoked.invites), .sessions: .integer(revoked.sessions)])
      }
      return revoked
    }
  }

  /// Signs a member in by invite link: the invite is used up and a session
  /// starts, in one transaction, so a link cannot be used twice at once.
  public func redeemInvite(token: String, now: Date = Date()) throws -> (session: NewSession, member: MemberIdentity) {
    let outcome: Result<(NewSession, MemberIdentity), InviteRefusal> = try pool.write { db in
      guard let invite = try PanelInviteRecord.withToken(Secrets.digest(token)).fetchOne(db),
        let holder = try PanelMemberRecord.fetchOne(db, key: invite.memberID)
      else { return .failure(.unknown) }
      if invite.revokedAt != nil { return .failure(.revoked) }
      if invite.usedAt != nil { return .failure(.used) }
      guard let expires = Timestamp.date(invite.expiresAt), now < expires else { return .failure(.expired) }
      try db.execute(
        sql: "UPDATE panel_invite SET used_at = ? WHERE id = ?", arguments: [Timestamp.string(now), invite.id])
      let member = MemberIdentity(memberID: invite.memberID, panelID: holder.panelID)
      let session = try Self.insertSession(
        db, researcherID: nil, memberID: member.memberID, lifetime: Self.memberSessionLifetime, now: now)
      return .success((session, member))
    }
    return try outcome.get()
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }
}
