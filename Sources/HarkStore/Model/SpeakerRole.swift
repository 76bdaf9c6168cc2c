// Who speaks in a turn, as stored in `turn.role`.
import GRDB
import HarkTranscripts

/// A turn's speaker is a participant, the interviewer, or someone the
/// participants list does not name.
public enum SpeakerRole: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
  case participant
  case interviewer
  case unknown

  /// A listed participant's turns have the participant's role.
  public init(_ role: ParticipantRecord.Role) {
    self =
      switch role {
      case .participant: .participant
      case .interviewer: .interviewer
      }
  }
}

/// A participant's role, as stored in `participant.role`.
extension ParticipantRecord.Role: DatabaseValueConvertible {}
