// Putting transcripts and participants into the project: each file whole, in
// one transaction, or not at all.
import Crypto
import Foundation
import GRDB
import HarkTranscripts

public struct ImportedDocument: Sendable, Equatable {
  public var id: DocumentID
  public var title: String
  public var turns: Int
  public var words: Int
  /// Speakers found in no participant row (their turns keep role "unknown",
  /// but for a speaker taken as the interviewer).
  public var unknownSpeakers: [String]
  /// The unknown speaker taken as the interviewer, when one clearly was.
  public var interviewerGuess: InterviewerGuess?
}

public struct ParticipantImportSummary: Sendable, Equatable {
  public var added: Int
  public var updated: Int
}

extension ProjectStore {
  /// Adds or updates participants by pseudonym, all in one transaction.
  @discardableResult
  public func importParticipants(_ records: [ParticipantRecord]) throws -> ParticipantImportSummary {
    try pool.write { db in
      var summary = ParticipantImportSummary(added: 0, updated: 0)
      for record in records {
        let attributes = try jsonString(record.attributes.map { [$0.name, $0.value] })
        if let id = try Int64.fetchOne(
          db, sql: "SELECT id FROM participant WHERE pseudonym = ?", arguments: [record.pseudonym])
        {
          try db.execute(
            sql: "UPDATE participant SET role = ?, group_name = ?, attributes = ? WHERE id = ?",
            arguments: [record.role.rawValue, record.group, attributes, id])
          // A corrected role applies to the turns already imported too.
          try db.execute(
            sql: "UPDATE turn SET role = ? WHERE participant_id = ?", arguments: [record.role.rawValue, id])
          summary.updated += 1
        } else {
          try db.execute(
            sql: "INSERT INTO participant(pseudonym, role, group_name, attributes) VALUES (?, ?, ?, ?)",
            arguments: [record.pseudonym, record.role.rawValue, record.group, attributes])
          summary.added += 1
        }
      }
      // Turns imported before their speaker was listed now find them.
      try db.execute(
        sql: """
          UPDATE turn SET
            participant_id = (SELECT p.id FROM participant p WHERE p.pseudonym = turn.speaker),
            role = (SELECT p.role FROM participant p WHERE p.pseudonym = turn.speaker)
          WHERE participant_id IS NULL
            AND EXISTS (SELECT 1 FROM participant p WHERE p.pseudonym = turn.speaker)
          """)
      return summary
    }
  }

  /// Stores one transcript, imported by `actor`. `sourceBytes` are the
  /// file's bytes as read, used to refuse a file that was already imported.
  public func importTranscript(
    _ transcript: ImportedTranscript, sourceName: String, sourceBytes: Data, actor: String
  ) throws -> ImportedDocument {
    let digest = SHA256.hex(sourceBytes)
    return try pool.write { db in
      if let existing = try DocumentRecord.imported(from: digest).fetchOne(db) {
        let (id, title) = (existing.id, existing.title)
        throw HarkError(
          "already imported as document D\(id) (\"\(title)\")", subject: sourceName,
          hint: "Nothing was changed; to import it again, first run `hark documents remove D\(id)`", kind: .conflict)
      }
      let participants = try ParticipantTableRecord.fetchAll(db)
      let pseudonyms = participants.map(\.pseudonym)
      var byPseudonym: [String: (ParticipantID, SpeakerRole)] = [:]
      for participant in participants {
        byPseudonym[participant.pseudonym] = (participant.id, SpeakerRole(participant.role))
      }

      let scalarCount = transcript.text.unicodeScalars.count
      let words = WordCount.count(transcript.text)
      try db.execute(
        sql: """
          INSERT INTO document(title, source_name, source_sha256, format, text, scalar_count, word_count, imported_at, imported_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          transcript.title, sourceName, digest, transcript.format.rawValue, transcript.text, scalarCount,
          words, Clock.now(), actor,
        ])
      let documentID = DocumentID(db.lastInsertedRowID)
      var unknown: [String] = []
      var placed: [(participantID: ParticipantID?, role: SpeakerRole)] = []
      for (ordinal, turn) in transcript.turns.enumerated() {
        guard 0 <= turn.start, turn.start <= turn.end, turn.end <= scalarCount else {
          throw HarkError(
            "turn \(ordinal + 1) has offsets \(turn.start)..<\(turn.end) outside the text (\(scalarCount) code points)",
            subject: sourceName,
            hint: "This is a bug in the reader for .\(transcript.format.rawValue) files; please report it")
        }
        if let match = SpeakerMatcher.match(turn.speaker, among: pseudonyms), let found = byPseudonym[match] {
          placed.append((found.0, found.1))
        } else if SpeakerMatcher.looksLikeInterviewer(turn.speaker) {
          placed.append((nil, .interviewer))
        } else {
          placed.append((nil, .unknown))
          if !unknown.contains(turn.speaker) { unknown.append(turn.speaker) }
        }
      }
      // Nobody named as the interviewer: the speaker who asks, when the
      // interview's shape makes that clear (said on import; a participants
      // list overrides it).
      let guess = InterviewerGuess.guess(
        in: transcript, candidates: Set(unknown), hasInterviewer: placed.contains { $0.role == .interviewer })
      for (ordinal, turn) in transcript.turns.enumerated() {
        var role = placed[ordinal].role
        if role == .unknown, turn.speaker == guess?.speaker { role = .interviewer }
        try db.execute(
          sql: """
            INSERT INTO turn(document_id, ordinal, speaker, participant_id, role, start, "end", start_time, end_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            documentID, ordinal, turn.speaker, placed[ordinal].participantID, role, turn.start, turn.end,
            turn.startTime, turn.endTime,
          ])
      }
      return ImportedDocument(
        id: documentID, title: transcript.title, turns: transcript.turns.count,
        words: words, unknownSpeakers: unknown, interviewerGuess: guess)
    }
  }
}

/// JSON text with sorted keys: how participants' attributes and decisions' details are stored.
func jsonString(_ value: Any) throws -> String {
  String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

public enum WordCount {
  /// Words as runs of letters or digits (with inner apostrophes); emoji and punctuation are not words.
  public static func count(_ text: String) -> Int { count(bytes: text.utf8) }

  public static func count<C: Sequence>(bytes: C) -> Int where C.Element == UInt8 {
    var count = 0
    var inWord = false
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
      let isWordScalar: Bool
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if scalar.isASCII {
          let byte = UInt8(scalar.value)
          let lower = byte | 0x20
          isWordScalar = (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || (inWord && byte == 0x27)
        } else {
          let properties = scalar.properties
          // Letters, digits and combining marks; a curly apostrophe inside a word.
          isWordScalar =
            properties.isAlphabetic || properties.numericType != nil || (inWord && scalar == "\u{2019}")
        }
      case .emptyInput: return count
      case .error: isWordScalar = false
      }
      if isWordScalar && !inWord { count += 1 }
      inWord = isWordScalar
    }
  }
}
