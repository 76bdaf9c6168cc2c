// What a REFI-QDA export reads from the project, in one read transaction, and
// the colours a code may have (HarkExchange writes the XML from these values).
import Foundation
import GRDB

/// Everything an export reads, in one read transaction. Each part is read as
/// a record of the columns it needs, named once in its coding keys.
public struct ProjectData {
  public struct Code: Decodable, FetchableRecord {
    public var id: CodeID
    public var name: String
    public var parent: CodeID?
    public var description: String
    public var colour: String?
    enum CodingKeys: String, CodingKey {
      case id, name, description, colour
      case parent = "parent_id"
    }
  }
  public struct Participant {
    public var id: ParticipantID
    public var pseudonym: String
    public var role: String
    public var group: String
    public var attributes: [(String, String)]
    public var documents: [DocumentID]
  }
  public struct Document: Decodable, FetchableRecord {
    public var id: DocumentID
    public var title: String
    public var text: String
    public var importedAt: String
    public var importedBy: String
    enum CodingKeys: String, CodingKey {
      case id, title, text
      case importedAt = "imported_at"
      case importedBy = "imported_by"
    }
  }
  public struct Coding: Decodable, FetchableRecord {
    public var id: CodingID
    public var documentID: DocumentID
    public var codeID: CodeID
    public var start: Int
    public var end: Int
    public var createdBy: String
    public var createdAt: String
    public var explanation: String
    enum CodingKeys: String, CodingKey {
      case id, start, end, explanation
      case documentID = "document_id"
      case codeID = "code_id"
      case createdBy = "created_by"
      case createdAt = "created_at"
    }
  }
  public struct Note: Decodable, FetchableRecord {
    public var id: MemoID
    public var title: String
    public var text: String
    public var documentID: DocumentID?
    public var start: Int?
    public var end: Int?
    public var codeID: CodeID?
    public var createdBy: String
    public var createdAt: String
    enum CodingKeys: String, CodingKey {
      case id, title, text, start, end
      case documentID = "document_id"
      case codeID = "code_id"
      case createdBy = "created_by"
      case createdAt = "created_at"
    }
  }
  /// How many members of a panel gave an answer, at a strength, on a link.
  public struct Vote: Decodable, FetchableRecord {
    public var linkID: LinkID
    public var panel: String
    public var answer: VoteAnswer
    public var strength: VoteStrength?
    public var count: Int
    enum CodingKeys: String, CodingKey {
      case panel, answer, strength
      case linkID = "link_id"
      case count = "n"
    }
  }
  /// The question a panel is asked about a link, and the words it was first
  /// asked in when a researcher reworded it.
  public struct Question {
    public var panel: String
    public var itemID: PanelItemID
    public var text: String
    public var firstAsked: String?
  }
  /// What a member wrote with a vote ("Anything else you want to say?").
  public struct Comment: Decodable, FetchableRecord {
    public var linkID: LinkID
    public var panel: String
    public var member: String
    public var text: String
    public var at: String
    enum CodingKeys: String, CodingKey {
      case panel, at
      case linkID = "link_id"
      case member = "pseudonym"
      case text = "comment"
    }
  }
  /// A document a participant speaks in.
  struct Source: Decodable, FetchableRecord {
    var participantID: ParticipantID
    var documentID: DocumentID
    enum CodingKeys: String, CodingKey {
      case participantID = "participant_id"
      case documentID = "document_id"
    }
  }
  /// An item with its panel's name and the words it was first asked in.
  struct AskedItem: Decodable, FetchableRecord {
    var item: LabelledItem
    var panel: String
    var firstAsked: String?
    enum CodingKeys: String, CodingKey {
      case item, panel
      case firstAsked = "first_asked"
    }
  }

  public var name: String
  public var createdAt: String?
  public var codes: [Code] = []
  public var codeName: [CodeID: String] = [:]
  public var participants: [Participant] = []
  public var documents: [Document] = []
  public var codings: [DocumentID: [Coding]] = [:]
  public var notes: [Note] = []
  public var votes: [LinkID: [Vote]] = [:]
  public var comments: [LinkID: [Comment]] = [:]
  public var questions: [LinkID: [Question]] = [:]
  /// Who proposed each piece of evidence, and when: its selection in a source is theirs.
  public var evidenceMade: [EvidenceID: (by: String, at: String)] = [:]
  public var linkCreatedAt: [LinkID: String] = [:]
  /// When the first concept was made: the date of the note that lists them.
  public var conceptsSince: String?
  /// The user Hark's own notes (concepts, links) are written by.
  public static let harkUser = "Hark"
  public var users: [String] = []
  public var leftOut = (suggested: 0, rejected: 0, scores: 0, turns: 0)

  init(_ db: Database, name: String, codebookOnly: Bool) throws {
    self.name = name.isEmpty ? "Hark project" : name
    createdAt = try ProjectInfoRecord.value(db, key: "created_at")
    codes = try Code.fetchAll(db, sql: "SELECT * FROM code ORDER BY name COLLATE NOCASE, id")
    for code in codes { codeName[code.id] = code.name }
    if codebookOnly { return }

    var userSet = Set<String>()
    func use(_ user: String) {
      if userSet.insert(user).inserted { users.append(user) }
    }
    // REFI-QDA readers expect every note and selection to say who made it and
    // when (QualCoder refuses notes without a date), so Hark's own notes are
    // the user "Hark"'s, and a link quote's selection is its proposer's.
    conceptsSince = try String.fetchOne(db, sql: "SELECT min(created_at) FROM concept")
    for link in try LinkRecord.fetchAll(db) { linkCreatedAt[link.id] = link.createdAt }
    for evidence in try EvidenceRecord.order(Column(EvidenceRecord.CodingKeys.id)).fetchAll(db) {
      evidenceMade[evidence.id] = (evidence.createdBy, evidence.createdAt)
    }
    defer {
      if conceptsSince != nil { use(Self.harkUser) }
      for made in evidenceMade.sorted(by: { $0.key < $1.key }) { use(made.value.by) }
    }
    let sourcesByParticipant = Dictionary(
      grouping: try Source.fetchAll(
        db, sql: "SELECT DISTINCT participant_id, document_id FROM turn WHERE participant_id IS NOT NULL ORDER BY 2"),
      by: \.participantID)
    participants = try ParticipantTableRecord.fetchAll(
      db, sql: "SELECT * FROM participant ORDER BY pseudonym COLLATE NOCASE"
    ).map {
      Participant(
        id: $0.id, pseudonym: $0.pseudonym, role: $0.role.rawValue, group: $0.groupName,
        attributes: ParticipantAttribute.list(stored: $0.attributes).map { ($0.name, $0.value) },
        documents: (sourcesByParticipant[$0.id] ?? []).map(\.documentID))
    }
    documents = try Document.fetchAll(
      db, sql: "SELECT id, title, text, imported_at, imported_by FROM document ORDER BY id")
    for d in documents { use(d.importedBy) }
    let codingRows = try Coding.fetchAll(
      db,
      sql: """
        SELECT id, document_id, code_id, start, "end", created_by, created_at, explanation FROM coding
        WHERE (analysis_id IS NULL AND status != 'rejected') OR status = 'accepted'
        ORDER BY document_id, start, "end", id
        """)
    for coding in codingRows {
      codings[coding.documentID, default: []].append(coding)
      use(coding.createdBy)
    }
    notes = try Note.fetchAll(db, sql: "SELECT * FROM note ORDER BY id")
    for note in notes { use(note.createdBy) }
    leftOut.suggested =
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM coding WHERE analysis_id IS NOT NULL AND status = 'suggested'") ?? 0
    leftOut.rejected = try Int.fetchOne(db, sql: "SELECT count(*) FROM coding WHERE status = 'rejected'") ?? 0
    leftOut.scores = try ScoreTableRecord.fetchCount(db)
    leftOut.turns = try Int.fetchOne(db, sql: "SELECT count(*) FROM turn") ?? 0
    // Panel votes exist from the panels migration on; each member's latest vote on an item counts.
    if try db.tableExists("panel_vote") {
      for vote in try Vote.fetchAll(
        db,
        sql: """
          SELECT i.link_id, p.name AS panel, v.answer, v.strength, count(*) AS n
          FROM panel_vote_current v JOIN panel_item i ON i.id = v.item_id JOIN panel p ON p.id = i.panel_id
          GROUP BY i.link_id, p.name, v.answer, v.strength
          ORDER BY i.link_id, p.name, v.answer, v.strength
          """)
      {
        votes[vote.linkID, default: []].append(vote)
      }
      // Each item's question, in the words members read now.
      for asked in try AskedItem.fetchAll(
        db,
        sql: """
          SELECT i.*, c.label AS cause, e.label AS effect, p.name AS panel,
            (SELECT json_extract(d.detail, '$.from') FROM decision d
             WHERE d.subject = 'panel-item:' || i.id AND d.action = 'reword' ORDER BY d.id LIMIT 1) AS first_asked
          FROM panel_item i JOIN concept c ON c.id = i.cause_id JOIN concept e ON e.id = i.effect_id
          JOIN panel p ON p.id = i.panel_id ORDER BY i.link_id, i.id
          """)
      {
        let item = asked.item.panelItem
        questions[item.linkID, default: []].append(
          Question(panel: asked.panel, itemID: item.id, text: item.question.text, firstAsked: asked.firstAsked))
      }
      // Every comment ever written, by pseudonym: nothing said is dropped.
      for comment in try Comment.fetchAll(
        db,
        sql: """
          SELECT i.link_id, p.name AS panel, m.pseudonym, v.comment, v.at
          FROM panel_vote v JOIN panel_item i ON i.id = v.item_id JOIN panel p ON p.id = i.panel_id
          JOIN panel_member m ON m.id = v.member_id
          WHERE v.comment <> '' ORDER BY i.link_id, v.id
          """)
      {
        comments[comment.linkID, default: []].append(comment)
      }
    }
  }
}

public enum RefiColour {
  /// "#RRGGBB" in upper case from "#RGB", "#RRGGBB" or "#RRGGBBAA" (a habit some tools have); nil otherwise.
  public static func normalised(_ value: String) -> String? {
    let hex = value.trimmingCharacters(in: .whitespaces)
    guard hex.hasPrefix("#"), hex.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
    let digits = hex.dropFirst().uppercased()
    switch digits.count {
    case 3: return "#" + digits.map { "\($0)\($0)" }.joined()
    case 6: return "#" + digits
    case 8: return "#" + digits.prefix(6)
    default: return nil
    }
  }
}
