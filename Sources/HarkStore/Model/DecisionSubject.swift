// What a decision in the log is about, as stored in `decision.subject`:
// "link:4", "panel-item:2", "project". The text is what SQL views and older
// project files hold, so it stays exactly as it was; Swift sees a typed id.
import GRDB

/// The item a decision was taken on. Stored as its kind and id ("link:4"),
/// or "project" for the project itself.
public enum DecisionSubject: Hashable, Sendable {
  /// The project as a whole (its public address).
  case project
  case link(LinkID)
  case concept(ConceptID)
  case code(CodeID)
  case coding(CodingID)
  case document(DocumentID)
  case researcher(ResearcherID)
  case panel(PanelID)
  case panelItem(PanelItemID)
  /// A subject this version of Hark does not write (a file from an older or
  /// newer version), kept exactly as stored so the log still reads.
  case other(String)

  /// The item a memo is on: memos are logged on the item itself, so a link
  /// with a memo counts as decided on.
  init(memo subject: MemoSubject) {
    switch subject {
    case .document(let id): self = .document(id)
    case .code(let id): self = .code(id)
    case .concept(let id): self = .concept(id)
    case .link(let id): self = .link(id)
    }
  }
}

extension DecisionSubject: RawRepresentable, CustomStringConvertible {
  /// Reads the stored text. Text Hark would not have written itself (an
  /// unknown kind, "link:04") becomes `.other`, so writing the subject back
  /// gives the same text.
  public init(rawValue text: String) {
    self = Self.known(text) ?? .other(text)
  }

  /// The stored text: "link:4".
  public var rawValue: String {
    switch self {
    case .project: "project"
    case .link(let id): "link:\(id)"
    case .concept(let id): "concept:\(id)"
    case .code(let id): "code:\(id)"
    case .coding(let id): "coding:\(id)"
    case .document(let id): "document:\(id)"
    case .researcher(let id): "researcher:\(id)"
    case .panel(let id): "panel:\(id)"
    case .panelItem(let id): "panel-item:\(id)"
    case .other(let text): text
    }
  }

  /// Prints as stored, so command output and pages read as they always did.
  public var description: String { rawValue }

  private static func known(_ text: String) -> DecisionSubject? {
    if text == "project" { return .project }
    guard let colon = text.firstIndex(of: ":"), let id = Int64(text[text.index(after: colon)...]) else {
      return nil
    }
    let subject: DecisionSubject? =
      switch text[..<colon] {
      case "link": .link(LinkID(id))
      case "concept": .concept(ConceptID(id))
      case "code": .code(CodeID(id))
      case "coding": .coding(CodingID(id))
      case "document": .document(DocumentID(id))
      case "researcher": .researcher(ResearcherID(id))
      case "panel": .panel(PanelID(id))
      case "panel-item": .panelItem(PanelItemID(id))
      default: nil
      }
    return subject?.rawValue == text ? subject : nil
  }
}

// Encoded, decoded and stored as its text: the standard library's `Codable`
// and GRDB's `DatabaseValueConvertible` defaults for a `RawRepresentable` of
// `String` do the work.
extension DecisionSubject: Codable, DatabaseValueConvertible {}
