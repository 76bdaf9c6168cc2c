// Storing an imported REFI-QDA project: participants from cases, codes, documents
// with their turns, codings by hand and notes, all inside the caller's one transaction.
import Crypto
import Foundation
import GRDB
import HarkTranscripts

extension ExchangeProject {
  /// `actor` is who imports: the author of whatever the file names no user for.
  mutating func store(_ db: Database, from archiveName: String, actor: String) throws -> RefiQDAImportSummary {
    var summary = RefiQDAImportSummary()
    let now = Clock.now()
    func user(_ guid: String?) -> String {
      guard let guid else { return actor }
      return users[refiKey(guid)].flatMap { $0.isEmpty ? nil : $0 } ?? actor
    }

    // Cases become participants; one already in the project stays as it was.
    for c in cases {
      if try Int64.fetchOne(db, sql: "SELECT id FROM participant WHERE pseudonym = ?", arguments: [c.name]) != nil {
        summary.participantsKept += 1
        continue
      }
      var group = ""
      var role = "participant"
      var attributes: [[String]] = []
      for (name, value) in c.values {
        switch name.lowercased() {
        case "group": group = value
        case "role" where value.lowercased() == "interviewer" || value.lowercased() == "participant":
          role = value.lowercased()
        default: if !value.isEmpty { attributes.append([name, value]) }
        }
      }
      try db.execute(
        sql: "INSERT INTO participant(pseudonym, role, group_name, attributes) VALUES (?, ?, ?, ?)",
        arguments: [c.name, role, group, try jsonString(attributes)])
      summary.participantsAdded += 1
    }

    // Codes: by name when the project has it; two codes of one name under different parents get the parent's name.
    var codeIDs: [String: Int64] = [:]
    var usedNames = Set<String>()
    for code in codes {
      var name = code.name.isEmpty ? "Code \(codeIDs.count + 1)" : code.name
      if usedNames.contains(name.lowercased()) {
        let parentName = code.parent.flatMap { parent in codes.first { $0.guid == parent }?.name }
        name = "\(name) (\(parentName ?? "top level"))"
      }
      usedNames.insert(name.lowercased())
      if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM code WHERE name = ?", arguments: [name]) {
        codeIDs[code.guid] = existing
        summary.codesReused += 1
        continue
      }
      var colour: String?
      if let written = code.colour {
        colour = RefiColour.normalised(written)
        if colour == nil {
          notCarried.append("the colour \"\(written)\" of the code \"\(name)\": not a colour, left out")
        }
      }
      try db.execute(
        sql: "INSERT INTO code(name, parent_id, description, colour) VALUES (?, ?, ?, ?)",
        arguments: [name, code.parent.flatMap { codeIDs[$0] }, code.description, colour])
      codeIDs[code.guid] = db.lastInsertedRowID
      summary.codesAdded += 1
    }

    let participants = try ParticipantTableRecord.fetchAll(db)
    let pseudonyms = participants.map(\.pseudonym)
    var byPseudonym: [String: (ParticipantID, SpeakerRole)] = [:]
    for participant in participants {
      byPseudonym[participant.pseudonym] = (participant.id, SpeakerRole(participant.role))
    }

    var documentIDs: [Int64] = []
    var unknownCodes = 0
    for source in sources {
      let sourceName = "\(archiveName): \(source.name)"
      let digest = SHA256.hex(source.bytes)
      if let existing = try DocumentRecord.imported(from: digest).fetchOne(db) {
        throw HarkError(
          "the source \"\(source.name)\" was already imported as document D\(existing.id) (\"\(existing.title)\")",
          subject: archiveName,
          hint:
            "Nothing was changed; to import it again, first run `hark documents remove D\(existing.id)`",
          kind: .conflict)
      }
      let text = source.text
      let scalarCount = text.unicodeScalars.count
      let words = WordCount.count(text)
      try db.execute(
        sql: """
          INSERT INTO document(title, source_name, source_sha256, format, text, scalar_count, word_count, imported_at, imported_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          source.name, sourceName, digest, TranscriptFormat.text.rawValue, text, scalarCount, words, now, actor,
        ])
      let documentID = db.lastInsertedRowID
      documentIDs.append(documentID)
      // Speaker labels in the text give turns as for a .txt transcript; without them the
      // whole text is one turn of an unknown speaker, so codings and later plugin findings have a place.
      var turns = (try? PlainTextReader.read(text, name: source.name, markdown: false).turns) ?? []
      if turns.isEmpty && scalarCount > 0 { turns = [ImportedTurn(speaker: source.name, start: 0, end: scalarCount)] }
      for (ordinal, turn) in turns.enumerated() {
        var participantID: ParticipantID?
        var role = SpeakerRole.unknown
        if let match = SpeakerMatcher.match(turn.speaker, among: pseudonyms), let found = byPseudonym[match] {
          participantID = found.0
          role = found.1
        } else if SpeakerMatcher.looksLikeInterviewer(turn.speaker) {
          role = .interviewer
        }
        try db.execute(
          sql: """
            INSERT INTO turn(document_id, ordinal, speaker, participant_id, role, start, "end")
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [documentID, ordinal, turn.speaker, participantID, role, turn.start, turn.end])
      }
      for coding in source.codings {
        guard let codeID = codeIDs[coding.code] else {
          unknownCodes += 1
          continue
        }
        try db.execute(
          sql: """
            INSERT INTO coding(document_id, code_id, start, "end", analysis_id, status, explanation, created_by, created_at)
            VALUES (?, ?, ?, ?, NULL, 'accepted', ?, ?, ?)
            """,
          arguments: [
            documentID, codeID, coding.start, coding.end, coding.memo, user(coding.user), coding.at ?? now,
          ])
        summary.codings += 1
      }
      summary.documents += 1
    }
    if unknownCodes > 0 {
      notCarried.append("\(unknownCodes) codings whose code is not in the codebook: left out")
    }

    for note in notes {
      let documentID = note.source.map { documentIDs[$0] }
      try db.execute(
        sql: """
          INSERT INTO note(title, text, document_id, start, "end", code_id, created_by, created_at, origin)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          note.name, note.text, documentID, note.span?.lowerBound, note.span?.upperBound,
          note.code.flatMap { codeIDs[$0] }, user(note.user), note.at ?? now, "REFI-QDA import of \(archiveName)",
        ])
      summary.notes += 1
    }
    summary.notCarried = notCarried
    return summary
  }
}
