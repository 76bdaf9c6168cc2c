// Typed row ids: a concept id, a link id and a document id are all SQLite
// integers, but passing one where another is wanted is a bug, so each kind
// of row has its own id type and the compiler refuses the mix-up.
import GRDB

/// The id of one row of one kind of entity, for example ``ConceptID``.
///
/// One generic struct with a phantom `Kind` rather than one struct per
/// entity: the conformances (hashing, ordering, Codable as a bare number,
/// reading and binding in SQL) are written once, and each kind is a one-line
/// tag plus a type alias. `Kind` is never stored, so the id is `Sendable`
/// whatever the tag, and two instantiations (`EntityID<IDKinds.Concept>` and
/// `EntityID<IDKinds.Link>`) are different types to Swift 6.
///
/// The id prints as its bare number (`"C\(id)"` reads "C12"), encodes as a
/// bare JSON number, and is stored as the INTEGER it always was, so nothing
/// outside Swift sees a difference. An integer literal can stand for any
/// kind of id (a literal has no kind to get wrong), which keeps fixed ids in
/// tests readable; an `Int64` variable must be wrapped on purpose.
public struct EntityID<Kind: IDKind>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
  DatabaseValueConvertible, StatementColumnConvertible, CustomStringConvertible, ExpressibleByIntegerLiteral
{
  public let rawValue: Int64

  public init(rawValue: Int64) { self.rawValue = rawValue }

  public init(_ rawValue: Int64) { self.rawValue = rawValue }

  public init(integerLiteral value: Int64) { rawValue = value }

  public init(sqliteStatement: SQLiteStatement, index: CInt) {
    rawValue = Int64(sqliteStatement: sqliteStatement, index: index)
  }

  public var description: String { String(rawValue) }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Reads an id as people type it: `"C12"`, `"c12"` or `"12"` for a kind
  /// whose prefix is "C"; nil unless the rest is a positive number. The one
  /// place a command argument becomes an id.
  public init?(parsing text: some StringProtocol) {
    var body = Substring(text)
    if let prefix = Kind.prefix, let first = body.first, first.uppercased() == String(prefix) {
      body = body.dropFirst()
    }
    guard let value = Int64(body), value > 0 else { return nil }
    rawValue = value
  }

  /// Reads the bare number a form field or a page address carries ("12"),
  /// as Hark wrote it there; nil when it is not a number. The one place a
  /// web request's text becomes an id (a missing row is the store's to say).
  public init?(number text: some StringProtocol) {
    guard let value = Int64(text) else { return nil }
    rawValue = value
  }
}

/// A kind of entity with its own id type; `prefix` is the letter people see
/// before its ids ("C12" for a concept), if it has one.
public protocol IDKind {
  static var prefix: Character? { get }
}

/// The tags that tell id types apart. They have no cases: they only name a kind.
public enum IDKinds {
  public enum Concept: IDKind { public static var prefix: Character? { "C" } }
  public enum Mention: IDKind { public static var prefix: Character? { "M" } }
  public enum Link: IDKind { public static var prefix: Character? { "L" } }
  public enum Evidence: IDKind { public static var prefix: Character? { nil } }
  public enum Document: IDKind { public static var prefix: Character? { "D" } }
  public enum Turn: IDKind { public static var prefix: Character? { nil } }
  public enum Analysis: IDKind { public static var prefix: Character? { nil } }
  public enum Score: IDKind { public static var prefix: Character? { nil } }
  public enum Decision: IDKind { public static var prefix: Character? { nil } }
  public enum Memo: IDKind { public static var prefix: Character? { nil } }
  public enum Code: IDKind { public static var prefix: Character? { nil } }
  public enum Coding: IDKind { public static var prefix: Character? { "G" } }
  public enum Run: IDKind { public static var prefix: Character? { "R" } }
  public enum Panel: IDKind { public static var prefix: Character? { nil } }
  public enum PanelMember: IDKind { public static var prefix: Character? { nil } }
  public enum PanelItem: IDKind { public static var prefix: Character? { "I" } }
  public enum PanelVote: IDKind { public static var prefix: Character? { "V" } }
  public enum PanelDecision: IDKind { public static var prefix: Character? { nil } }
  public enum PanelInvite: IDKind { public static var prefix: Character? { nil } }
  public enum SignInFailure: IDKind { public static var prefix: Character? { nil } }
  public enum Researcher: IDKind { public static var prefix: Character? { nil } }
  public enum Participant: IDKind { public static var prefix: Character? { nil } }
}

public typealias ConceptID = EntityID<IDKinds.Concept>
public typealias MentionID = EntityID<IDKinds.Mention>
public typealias LinkID = EntityID<IDKinds.Link>
public typealias EvidenceID = EntityID<IDKinds.Evidence>
public typealias DocumentID = EntityID<IDKinds.Document>
public typealias TurnID = EntityID<IDKinds.Turn>
public typealias AnalysisID = EntityID<IDKinds.Analysis>
public typealias ScoreID = EntityID<IDKinds.Score>
public typealias DecisionID = EntityID<IDKinds.Decision>
public typealias MemoID = EntityID<IDKinds.Memo>
public typealias CodeID = EntityID<IDKinds.Code>
public typealias CodingID = EntityID<IDKinds.Coding>
public typealias RunID = EntityID<IDKinds.Run>
public typealias PanelID = EntityID<IDKinds.Panel>
public typealias PanelMemberID = EntityID<IDKinds.PanelMember>
public typealias PanelItemID = EntityID<IDKinds.PanelItem>
public typealias PanelVoteID = EntityID<IDKinds.PanelVote>
public typealias PanelDecisionID = EntityID<IDKinds.PanelDecision>
public typealias PanelInviteID = EntityID<IDKinds.PanelInvite>
public typealias SignInFailureID = EntityID<IDKinds.SignInFailure>
public typealias ResearcherID = EntityID<IDKinds.Researcher>
public typealias ParticipantID = EntityID<IDKinds.Participant>

/// Any typed id, seen without its kind: lets JSON written for the decision
/// log, and the pages' templates, hold ids as the bare numbers they always held.
public protocol RowID: Sendable {
  var rawValue: Int64 { get }
}

extension EntityID: RowID {}
