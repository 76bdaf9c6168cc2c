// Where a link stands in review, as stored in `link.status`.
import GRDB

/// A link is proposed (candidate), on the map (accepted) or set aside (rejected).
public enum LinkStatus: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
  case candidate
  case accepted
  case rejected

  /// The decision-log action that gives a link this status.
  var action: DecisionAction {
    switch self {
    case .accepted: .accept
    case .rejected: .reject
    case .candidate: .reopen
    }
  }

  /// "candidate, accepted or rejected": the choices, for messages.
  public static var choices: String { "candidate, accepted or rejected" }
}
