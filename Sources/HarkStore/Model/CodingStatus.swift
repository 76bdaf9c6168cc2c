// Where a coding stands, as stored in `coding.status`.
import GRDB

/// A plugin's coding is suggested until a researcher accepts or rejects it; a
/// coding made by hand is accepted from the start.
public enum CodingStatus: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
  case suggested
  case accepted
  case rejected

  /// The decision-log action that gives a coding this status.
  var action: DecisionAction {
    switch self {
    case .accepted: .accept
    case .rejected: .reject
    case .suggested: .reopen
    }
  }

  /// "suggested, accepted or rejected": the choices, for messages.
  public static var choices: String { "suggested, accepted or rejected" }
}
