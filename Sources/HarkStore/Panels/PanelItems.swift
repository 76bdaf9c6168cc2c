// Review items: links opened for a panel's review, the plain-language
// question each one asks, and the quotes behind it shown by pseudonym only.
import Foundation
import GRDB
import HarkPanels
import HarkTranscripts

public struct PanelItem: Sendable, Equatable {
  public var id: PanelItemID
  public var panelID: PanelID
  public var linkID: LinkID
  public var causeID: ConceptID
  public var cause: String
  public var effectID: ConceptID
  public var effect: String
  public var polarity: Int
  /// A researcher's rewording, taken up from a "say it differently" suggestion.
  public var wording: String?
  /// The vote whose suggestion this item was made from.
  public var fromVoteID: PanelVoteID?
  public var openedAt: String
  public var closedAt: String?

  public var isOpen: Bool { closedAt == nil }
  public var question: PlainQuestion {
    PlainQuestion(cause: cause, effect: effect, polarity: polarity, wording: wording)
  }
}

/// A quote behind an item, as a panel member sees it: no real names, no file names.
public struct ItemQuote: Sendable, Equatable, Decodable, FetchableRecord {
  public var quote: String
  /// The participant's pseudonym, or nil when the speaker is not known.
  public var pseudonym: String?
  public var group: String?

  enum CodingKeys: String, CodingKey {
    case quote, pseudonym
    case group = "group_name"
  }

  /// "Amina (people using services)", or "someone" when the speaker is unknown.
  public var speaker: String {
    guard let pseudonym else { return "someone" }
    guard let group, !group.isEmpty else { return pseudonym }
    return "\(pseudonym) (\(group))"
  }
}

extension ProjectStore {
  static let itemColumns = """
    SELECT i.*, c.label AS cause, e.label AS effect
    FROM panel_item i JOIN concept c ON c.id = i.cause_id JOIN concept e ON e.id = i.effect_id
    """

  static func item(_ db: Database, id: PanelItemID) throws -> PanelItem? {
    try LabelledItem.fetchOne(db.cachedStatement(sql: itemColumns + " WHERE i.id = ?"), arguments: [id])?.panelItem
  }

  public func item(_ id: PanelItemID) throws -> PanelItem {
    guard let found = try pool.read({ db in try Self.item(db, id: id) }) else {
      throw HarkError(
        "no review item I\(id)", hint: "Run `hark panels show PANEL` to see a panel's items", kind: .notFound)
    }
    return found
  }

  /// Every item of a panel, oldest first.
  public func items(panel: Panel) throws -> [PanelItem] {
    try pool.read { db in
      try LabelledItem.fetchAll(
        db, sql: Self.itemColumns + " WHERE i.panel_id = ? ORDER BY i.id", arguments: [panel.id]
      ).map(\.panelItem)
    }
  }

  /// Opens links for the panel's review, one item each, all or none. A link
  /// already open in this panel is refused, so nobody is asked twice at once.
  public func openItems(panel: Panel, links: [LinkID], actor: String) throws
    -> [PanelItem]
  {
    guard !links.isEmpty else {
      throw HarkError(
        "no links to open", subject: "panel \(panel.name)",
        hint: "Name links (L4 L7), or use --all-accepted or --all-candidates")
    }
    let summaries = Dictionary(try self.links().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return try pool.write { db in
      var opened: [PanelItem] = []
      for id in links {
        guard let link = summaries[id] else {
          throw HarkError(
            "no link L\(id)", subject: "panel \(panel.name)", hint: "Run `hark links` to list them", kind: .notFound)
        }
        if let open = try PanelItemID.fetchOne(
          db, sql: "SELECT id FROM panel_item WHERE panel_id = ? AND link_id = ? AND closed_at IS NULL",
          arguments: [panel.id, id])
        {
          throw HarkError(
            "link L\(id) is already open for review as I\(open)", subject: "panel \(panel.name)",
            hint: "Close it first with `hark panels close \(panel.name) I\(open)`", kind: .conflict)
        }
        opened.append(
          try Self.insertItem(
            db, panel: panel, linkID: id, cause: link.causeID, effect: link.effectID, polarity: link.polarity,
            wording: nil, fromVote: nil, actor: actor))
      }
      return opened
    }
  }

  /// Opens every link with this status ("accepted" or "candidate") not already open in the panel.
  public func openItems(panel: Panel, status: LinkStatus, actor: String) throws
    -> [PanelItem]
  {
    let open = Set(try items(panel: panel).filter(\.isOpen).map(\.linkID))
    let ids = try links(status: status).map(\.id).filter { !open.contains($0) }.sorted()
    guard !ids.isEmpty else {
      throw HarkError(
        "no \(status) links left to open", subject: "panel \(panel.name)",
        hint: "Every \(status) link is already open for review, or there are none (`hark links --status \(status)`)",
        kind: .conflict)
    }
    return try openItems(panel: panel, links: ids, actor: actor)
  }

  static func insertItem(
    _ db: Database, panel: Panel, linkID: LinkID, cause: ConceptID, effect: ConceptID, polarity: Int, wording: String?,
    fromVote: PanelVoteID?, actor: String
  ) throws -> PanelItem {
    var record = PanelItemRecord(
      panelID: panel.id, linkID: linkID, causeID: cause, effectID: effect, polarity: polarity, wording: wording,
      fromVoteID: fromVote, openedAt: Clock.now(), openedBy: actor)
    try record.insert(db)
    let id = PanelItemID(db.lastInsertedRowID)
    var detail: DecisionDetail = [.panel: .id(panel.id), .link: .id(linkID)]
    if let fromVote { detail[.fromVote] = .id(fromVote) }
    try log(db, actor: actor, subject: .panelItem(id), action: .open, detail: detail)
    return try item(db, id: id)!
  }

  /// The quotes behind an item's link, each speaker by pseudonym and group only.
  public func quotes(item: PanelItem) throws -> [ItemQuote] {
    try pool.read { db in try Self.quotes(db, link: item.linkID) }
  }

  /// The quotes behind a link in document order, by pseudonym and group only.
  static func quotes(_ db: Database, link: LinkID) throws -> [ItemQuote] {
    try ItemQuote.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT \(quoteSQL("v")), p.pseudonym, p.group_name
          FROM evidence v JOIN document d ON d.id = v.document_id LEFT JOIN participant p ON p.id = v.participant_id
          WHERE v.link_id = ? ORDER BY v.document_id, v.start
          """), arguments: [link])
  }
}
