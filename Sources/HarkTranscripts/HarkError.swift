// The error a user sees: what happened, to which file or item, what to do.

public struct HarkError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file or item concerned ("interview.vtt", "link L12").
  public var subject: String?
  /// 1-based line number in the file, when there is one.
  public var line: Int?
  public var problem: String
  public var hint: String?

  public init(_ problem: String, subject: String? = nil, line: Int? = nil, hint: String? = nil) {
    self.subject = subject
    self.line = line
    self.problem = problem
    self.hint = hint
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
