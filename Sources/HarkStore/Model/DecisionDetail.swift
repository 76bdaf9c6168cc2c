// What a decision's detail says: named values, stored in `decision.detail`
// as one JSON object with sorted keys. The names are a closed set, so a
// misspelt key is a compile error rather than a new field in the log.
import Foundation

/// A name in a decision's detail, as it is spelled in the stored JSON.
enum DecisionDetailKey: String, Sendable, CaseIterable {
  case address, cause, code, colour, concept, description, document, effect, end, evidence, file, first, format
  case from, into, invite, invites, label, link, links, member, mentions, name, note, of, panel, parent, polarity
  case pseudonym, quorum, replaces, rule, second, sessions, source, start, status, strength, title, to
  case asOpposite = "as_opposite"
  case closedBy = "closed_by"
  case expiresAt = "expires_at"
  case fromLink = "from_link"
  case fromVote = "from_vote"
  case lastVote = "last_vote"
  case newLink = "new_link"
  case panelDecision = "panel_decision"
  case panelItem = "panel_item"
  case resultingStatus = "resulting_status"
  case splitFrom = "split_from"
  case strengthUnstated = "strength_unstated"
  case turnedLinks = "turned_links"
  case votesBefore = "votes_before"
}

/// One value in a decision's detail: what JSON can hold.
indirect enum DecisionValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)
  case null
  case list([DecisionValue])
  case object(DecisionDetail)

  /// A row id, stored as the bare number it always was.
  static func id(_ id: some RowID) -> DecisionValue { .integer(Int(id.rawValue)) }

  static func ids(_ ids: [some RowID]) -> DecisionValue { .list(ids.map(id)) }

  /// A row id or JSON null.
  static func id(_ id: (some RowID)?) -> DecisionValue { id.map(DecisionValue.id) ?? .null }

  /// A text or JSON null.
  static func string(_ text: String?) -> DecisionValue { text.map(DecisionValue.string) ?? .null }

  /// The value as JSONSerialization takes it: the one serialiser decisions
  /// have always been written with, so stored text stays byte for byte.
  var plain: Any {
    switch self {
    case .string(let text): text
    case .integer(let value): NSNumber(value: value)
    case .number(let value): value
    case .bool(let value): value
    case .null: NSNull()
    case .list(let values): values.map(\.plain)
    case .object(let detail): detail.plain
    }
  }
}

/// A decision's detail: values by name, written as JSON with sorted keys.
struct DecisionDetail: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  private var values: [DecisionDetailKey: DecisionValue]

  init(dictionaryLiteral elements: (DecisionDetailKey, DecisionValue)...) {
    values = Dictionary(uniqueKeysWithValues: elements)
  }

  subscript(key: DecisionDetailKey) -> DecisionValue? {
    get { values[key] }
    set { values[key] = newValue }
  }

  var isEmpty: Bool { values.isEmpty }

  var plain: [String: Any] {
    Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value.plain) })
  }

  /// The stored text: `{"from":"candidate","to":"accepted"}`.
  func json() throws -> String { try jsonString(plain) }
}
