// What was decided, as stored in `decision.action`: "accept",
// "set-polarity", "add-member". The stored words stay as they were (SQL
// views and triggers match on them); Swift sees a case.
import GRDB

/// The kind of a decision in the log.
public enum DecisionAction: Hashable, Sendable {
  case accept
  case reject
  case reopen
  case create
  case edit
  case rename
  case merge
  case unmerge
  case split
  case remove
  case add
  case memo
  case `import`
  case setPolarity
  case setStrength
  case setParent
  case setPublicAddress
  case turnPolarity
  case markOpposite
  case addEvidence
  case codeByHand
  case addMember
  case invite
  case revokeInvites
  case open
  case reword
  /// An action this version of Hark does not write (a file from an older or
  /// newer version), kept exactly as stored so the log still reads.
  case other(String)

  /// Every action Hark writes; reading looks the stored word up here.
  static let known: [DecisionAction] = [
    .accept, .reject, .reopen, .create, .edit, .rename, .merge, .unmerge, .split, .remove, .add, .memo, .import,
    .setPolarity, .setStrength, .setParent, .setPublicAddress, .turnPolarity, .markOpposite, .addEvidence,
    .codeByHand, .addMember, .invite, .revokeInvites, .open, .reword,
  ]

  private static let byWord = Dictionary(uniqueKeysWithValues: known.map { ($0.rawValue, $0) })
}

extension DecisionAction: RawRepresentable, CustomStringConvertible {
  /// Reads the stored word; a word Hark does not write becomes `.other`.
  public init(rawValue word: String) {
    self = Self.byWord[word] ?? .other(word)
  }

  /// The stored word.
  public var rawValue: String {
    switch self {
    case .accept: "accept"
    case .reject: "reject"
    case .reopen: "reopen"
    case .create: "create"
    case .edit: "edit"
    case .rename: "rename"
    case .merge: "merge"
    case .unmerge: "unmerge"
    case .split: "split"
    case .remove: "remove"
    case .add: "add"
    case .memo: "memo"
    case .import: "import"
    case .setPolarity: "set-polarity"
    case .setStrength: "set-strength"
    case .setParent: "set-parent"
    case .setPublicAddress: "set-public-address"
    case .turnPolarity: "turn-polarity"
    case .markOpposite: "mark-opposite"
    case .addEvidence: "add-evidence"
    case .codeByHand: "code-by-hand"
    case .addMember: "add-member"
    case .invite: "invite"
    case .revokeInvites: "revoke-invites"
    case .open: "open"
    case .reword: "reword"
    case .other(let word): word
    }
  }

  /// Prints as stored, so command output reads as it always did.
  public var description: String { rawValue }
}

// Encoded, decoded and stored as its text: the standard library's `Codable`
// and GRDB's `DatabaseValueConvertible` defaults for a `RawRepresentable` of
// `String` do the work.
extension DecisionAction: Codable, DatabaseValueConvertible {}
