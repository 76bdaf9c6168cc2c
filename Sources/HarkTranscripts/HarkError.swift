// The error a user sees: what happened, to which file or item, what to do.

public struct HarkError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What sort of refusal this is, so a front end can answer it without
  /// knowing which call threw it (the web server maps it to an HTTP status).
  /// A busy project (`ProjectBusy`) and a refused sign-in or vote have
  /// error types of their own.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// What was given cannot be used as it is; the hint says what to change.
    case invalidInput
    /// The item named (a link, a panel, a document) does not exist.
    case notFound
    /// Sound on its own, but the project has moved on: a name taken, an item
    /// closed or taken up already.
    case conflict
  }

  /// The file or item concerned ("interview.vtt", "link L12").
  public var subject: String?
  /// 1-based line number in the file, when there is one.
  public var line: Int?
  public var problem: String
  public var hint: String?
  public var kind: Kind

  public init(
    _ problem: String, subject: String? = nil, line: Int? = nil, hint: String? = nil, kind: Kind = .invalidInput
  ) {
    self.subject = subject
    self.line = line
    self.problem = problem
    self.hint = hint
    self.kind = kind
  }

  public var description: String {
    var text = ""
    if let subject {
      text += subject
      if let line { text += ":\(line)" }
      text += ": "
    }
    text += problem
    if let hint { text += ". " + hint }
    return text
  }
}
