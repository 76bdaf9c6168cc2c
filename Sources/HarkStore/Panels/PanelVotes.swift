// Panel members' votes: cast and changed until an item closes, every row
// kept; the current vote of a member on an item is their latest.
import Foundation
import GRDB
import HarkPanels
import HarkTranscripts

public enum VoteAnswer: String, Sendable, Codable, CaseIterable {
  case agree
  case disagree
  case notSure = "not-sure"
}

public enum VoteStrength: String, Sendable, Codable, CaseIterable {
  case aLittle = "a-little"
  case some
  case aLot = "a-lot"
}

public enum SuggestionKind: String, Sendable, Codable, CaseIterable {
  case otherWayRound = "other-way-round"
  case opposite
  case sayItDifferently = "say-it-differently"
}

/// What a member fills in on an item's page.
public struct Ballot: Sendable, Equatable {
  public var answer: VoteAnswer
  public var strength: VoteStrength?
  public var suggestion: SuggestionKind?
  public var suggestionText: String
  public var comment: String

  public init(
    _ answer: VoteAnswer, strength: VoteStrength? = nil, suggestion: SuggestionKind? = nil,
    suggestionText: String = "", comment: String = ""
  ) {
    self.answer = answer
    self.strength = strength
    self.suggestion = suggestion
    self.suggestionText = suggestionText
    self.comment = comment
  }
}

public struct PanelVote: Sendable, Equatable {
  public var id: PanelVoteID
  public var itemID: PanelItemID
  public var memberID: PanelMemberID
  public var pseudonym: String
  public var ballot: Ballot
  public var at: String
}

/// Why a vote was refused. Each case is something the web layer turns into a
/// page (403 for another panel's item, 409 for a closed one, 400 for a form).
public enum VoteRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case noSuchItem(PanelItemID)
  /// The item belongs to a panel the member is not in.
  case notYourPanel(item: PanelItemID)
  case closed(item: PanelItemID)
  /// The identity does not name a member of its panel.
  case notAMember
  case suggestionNeedsWords
  case tooLong(field: String, limit: Int)

  public var description: String {
    switch self {
    case .noSuchItem(let id): "There is no item I\(id)."
    case .notYourPanel(let id): "Item I\(id) belongs to another panel: you can vote only in your own panel."
    case .closed(let id): "Voting on item I\(id) has closed: the votes have been counted."
    case .notAMember: "You are not a member of this panel. Sign in again with your own link."
    case .suggestionNeedsWords: "To suggest saying it differently, write how you would say it."
    case .tooLong(let field, let limit): "The \(field) is too long: keep it under \(limit) characters."
    }
  }
}

/// "7 of 20 done": the items open now that the member has voted on.
public struct VoteProgress: Sendable, Equatable, Decodable, FetchableRecord {
  public var done: Int
  public var total: Int
  public var text: String { "\(done) of \(total) done" }
}

extension ProjectStore {
  static let textLimit = 2000

  /// Casts (or changes) a member's vote on an open item of their own panel, in
  /// one write transaction: the checks and the insert see the same state, so
  /// an item closing meanwhile cannot take a late vote.
  @discardableResult
  public func castVote(as voter: MemberIdentity, item itemID: PanelItemID, ballot: Ballot) throws -> PanelVote {
    var ballot = ballot
    ballot.comment = ballot.comment.trimmingCharacters(in: .whitespacesAndNewlines)
    ballot.suggestionText = ballot.suggestionText.trimmingCharacters(in: .whitespacesAndNewlines)
    if ballot.suggestion == nil { ballot.suggestionText = "" }
    if ballot.suggestion == .sayItDifferently && ballot.suggestionText.isEmpty {
      throw VoteRefusal.suggestionNeedsWords
    }
    if ballot.comment.count > Self.textLimit { throw VoteRefusal.tooLong(field: "comment", limit: Self.textLimit) }
    if ballot.suggestionText.count > Self.textLimit {
      throw VoteRefusal.tooLong(field: "suggestion", limit: Self.textLimit)
    }
    return try pool.write { db in
      guard let member = try PanelMemberRecord.fetchOne(db, key: voter.memberID), member.panelID == voter.panelID
      else { throw VoteRefusal.notAMember }
      guard let item = try PanelItemRecord.fetchOne(db, key: itemID) else { throw VoteRefusal.noSuchItem(itemID) }
      guard item.panelID == voter.panelID else { throw VoteRefusal.notYourPanel(item: itemID) }
      guard item.closedAt == nil else { throw VoteRefusal.closed(item: itemID) }
      var vote = PanelVoteRecord(
        itemID: itemID, memberID: voter.memberID, answer: ballot.answer, strength: ballot.strength,
        suggestion: ballot.suggestion, suggestionText: ballot.suggestionText, comment: ballot.comment,
        at: Clock.now())
      try vote.insert(db)
      return MemberVote(vote: vote, pseudonym: member.pseudonym).panelVote
    }
  }

  static let voteColumns = """
    SELECT v.*, m.pseudonym FROM panel_vote v JOIN panel_member m ON m.id = v.member_id
    """

  /// As `voteColumns`, over each member's current vote on each item only.
  static let currentVoteColumns = """
    SELECT v.*, m.pseudonym FROM panel_vote_current v JOIN panel_member m ON m.id = v.member_id
    """

  /// Each member's latest vote on the item, in member order.
  static func currentVotes(_ db: Database, item: PanelItemID) throws -> [PanelVote] {
    try MemberVote.fetchAll(
      db, sql: currentVoteColumns + " WHERE v.item_id = ? ORDER BY v.member_id", arguments: [item]
    ).map(\.panelVote)
  }

  public func currentVotes(item: PanelItemID) throws -> [PanelVote] {
    try pool.read { db in try Self.currentVotes(db, item: item) }
  }

  /// Every vote ever cast on the item, changes included, oldest first.
  public func voteHistory(item: PanelItemID) throws -> [PanelVote] {
    try pool.read { db in
      try MemberVote.fetchAll(db, sql: Self.voteColumns + " WHERE v.item_id = ? ORDER BY v.id", arguments: [item]).map(
        \.panelVote)
    }
  }

  public func vote(_ id: PanelVoteID) throws -> PanelVote {
    guard
      let found = try pool.read({ db in
        try MemberVote.fetchOne(db, sql: Self.voteColumns + " WHERE v.id = ?", arguments: [id])?.panelVote
      })
    else {
      throw HarkError("no vote V\(id)", hint: "Run `hark panels show PANEL` to see the suggestions", kind: .notFound)
    }
    return found
  }

  public static func tally(_ votes: [PanelVote]) -> VoteTally {
    var tally = VoteTally()
    for vote in votes {
      switch vote.ballot.answer {
      case .agree: tally.agree += 1
      case .disagree: tally.disagree += 1
      case .notSure: tally.notSure += 1
      }
    }
    return tally
  }

  public func tally(item: PanelItemID) throws -> VoteTally { Self.tally(try currentVotes(item: item)) }

  /// Every comment members wrote on items about the link, in any panel, with
  /// the panel's name, oldest first.
  public func comments(link: LinkID) throws -> [(panel: String, vote: PanelVote)] {
    /// A vote with the name of its item's panel.
    struct PanelComment: Decodable, FetchableRecord {
      var vote: MemberVote
      var panelName: String
      enum CodingKeys: String, CodingKey {
        case vote
        case panelName = "panel_name"
      }
    }
    return try pool.read { db in
      try PanelComment.fetchAll(
        db,
        sql: """
          SELECT v.*, m.pseudonym, p.name AS panel_name FROM panel_vote v
          JOIN panel_member m ON m.id = v.member_id JOIN panel_item i ON i.id = v.item_id
          JOIN panel p ON p.id = i.panel_id
          WHERE i.link_id = ? AND v.comment <> '' ORDER BY v.id
          """, arguments: [link]
      ).map { (panel: $0.panelName, vote: $0.vote.panelVote) }
    }
  }

  /// What members wrote in "Anything else you want to say?" on the panel's
  /// items: every vote that carries a comment, earlier ones a member changed
  /// since included (what was said is never dropped), by item then time.
  public func comments(panel: Panel) throws -> [PanelVote] {
    try pool.read { db in
      try MemberVote.fetchAll(
        db,
        sql: Self.voteColumns + """
           JOIN panel_item i ON i.id = v.item_id WHERE i.panel_id = ? AND v.comment <> '' ORDER BY v.item_id, v.id
          """, arguments: [panel.id]
      ).map(\.panelVote)
    }
  }

  /// The member's own current vote on an item, if any.
  public func myVote(_ voter: MemberIdentity, item: PanelItemID) throws -> PanelVote? {
    try pool.read { db in try Self.myVote(db, voter, item: item) }
  }

  static func myVote(_ db: Database, _ voter: MemberIdentity, item: PanelItemID) throws -> PanelVote? {
    try MemberVote.fetchOne(
      db.cachedStatement(sql: currentVoteColumns + " WHERE v.item_id = ? AND v.member_id = ?"),
      arguments: [item, voter.memberID]
    )?.panelVote
  }

  public func progress(_ voter: MemberIdentity) throws -> VoteProgress {
    try pool.read { db in try Self.progress(db, voter) }
  }

  static func progress(_ db: Database, _ voter: MemberIdentity) throws -> VoteProgress {
    try VoteProgress.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT count(*) AS total,
            count(CASE WHEN EXISTS (SELECT 1 FROM panel_vote v WHERE v.item_id = i.id AND v.member_id = ?) THEN 1 END) AS done
          FROM panel_item i WHERE i.panel_id = ? AND i.closed_at IS NULL
          """), arguments: [voter.memberID, voter.panelID])!
  }

  /// The open items of the member's panel, oldest first, with their own current vote.
  public func openItems(for voter: MemberIdentity) throws -> [(item: PanelItem, vote: PanelVote?)] {
    try pool.read { db in
      let items = try LabelledItem.fetchAll(
        db.cachedStatement(sql: Self.itemColumns + " WHERE i.panel_id = ? AND i.closed_at IS NULL ORDER BY i.id"),
        arguments: [voter.panelID]
      ).map(\.panelItem)
      let votes = try MemberVote.fetchAll(
        db.cachedStatement(sql: Self.currentVoteColumns + " WHERE v.member_id = ?"), arguments: [voter.memberID]
      ).map(\.panelVote)
      let byItem = Dictionary(votes.map { ($0.itemID, $0) }, uniquingKeysWith: { $1 })
      return items.map { ($0, byItem[$0.id]) }
    }
  }

  /// The first open item the member has not voted on: the next page to show.
  public func nextItem(for voter: MemberIdentity) throws -> PanelItem? {
    try pool.read { db in
      try LabelledItem.fetchOne(
        db.cachedStatement(
          sql: Self.itemColumns + """
             WHERE i.panel_id = ? AND i.closed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM panel_vote v WHERE v.item_id = i.id AND v.member_id = ?)
            ORDER BY i.id LIMIT 1
            """), arguments: [voter.panelID, voter.memberID]
      )?.panelItem
    }
  }
}
