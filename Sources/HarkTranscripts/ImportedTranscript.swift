// What a transcript reader produces: normalised text and speaker turns.
// Offsets are Unicode scalar (code point) offsets, half-open.

/// The file formats Hark reads transcripts from.
public enum TranscriptFormat: String, Sendable, Codable, CaseIterable {
  case text = "txt"
  case markdown = "md"
  case webVTT = "vtt"
  case srt = "srt"
  case docx = "docx"
}

/// One speaker turn as read from a file.
public struct ImportedTurn: Sendable, Equatable {
  /// The speaker's name as written ("Ruth", "Sam Okafor", "PRIYA").
  public var speaker: String
  /// Code point range of what was said, without the "Name:" prefix.
  public var start: Int
  public var end: Int
  /// Media or clock time the turn starts at, as written ("00:01:23", "00:00:02.150").
  public var startTime: String?
  public var endTime: String?

  public init(speaker: String, start: Int, end: Int, startTime: String? = nil, endTime: String? = nil) {
    self.speaker = speaker
    self.start = start
    self.end = end
    self.startTime = startTime
    self.endTime = endTime
  }
}

/// A transcript ready to store: NFC text with LF line ends, and its turns.
public struct ImportedTranscript: Sendable, Equatable {
  public var title: String
  public var format: TranscriptFormat
  public var text: String
  public var turns: [ImportedTurn]
  /// What the reader assumed or changed, one line each, for the import to print: the
  /// encoding, line ends, a narrator named for an unlabelled transcript, interviewer turns
  /// found. Not stored.
  public var notes: [String]

  public init(
    title: String, format: TranscriptFormat, text: String, turns: [ImportedTurn], notes: [String] = []
  ) {
    self.title = title
    self.format = format
    self.text = text
    self.turns = turns
    self.notes = notes
  }
}

/// A participant as listed in a participants CSV.
public struct ParticipantRecord: Sendable, Equatable {
  public enum Role: String, Sendable, Codable { case participant, interviewer }
  public var pseudonym: String
  public var role: Role
  public var group: String
  /// Further columns, in file order (age band, area, ...); empty cells omitted.
  public var attributes: [(name: String, value: String)]

  public init(pseudonym: String, role: Role, group: String, attributes: [(name: String, value: String)] = []) {
    self.pseudonym = pseudonym
    self.role = role
    self.group = group
    self.attributes = attributes
  }

  public static func == (a: ParticipantRecord, b: ParticipantRecord) -> Bool {
    a.pseudonym == b.pseudonym && a.role == b.role && a.group == b.group
      && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
  }
}
