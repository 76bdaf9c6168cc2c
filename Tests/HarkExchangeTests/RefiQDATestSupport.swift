// Projects, archives and validators shared by the REFI-QDA tests.
import Foundation
import GRDB
import HarkTestSupport
import HarkTranscripts
import Testing
import ZIPFoundation

@testable import HarkStore

enum RefiFixture {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// The REFI-QDA schemas, kept with their licence in the repository's third_party/ folder.
  static let schemas = repository.appendingPathComponent("third_party/refi-qda")

  /// A transcript as a Windows editor saves it: a BOM, CRLF line ends and "café" with a
  /// combining accent; Hark stores it without BOM, with LF and NFC.
  static let interview1 =
    "\u{FEFF}Ruth: Welcome. How was the cafe\u{301}?\r\nAmina: The peer group 🙂 helped me feel less alone.\r\n"
    + "Amina: Naïve me, I waited & hoped <still>.\r\n"
  static let interview2 = "Grace: Peer groups gave me hope 🌱 — “really”.\n"

  /// A project with participants, two documents, a small codebook, codings by hand and by
  /// a plugin (accepted, suggested, rejected), notes, and a link with one quote. Times are fixed
  /// so exports are the same on every run.
  static func project(in folder: URL) throws -> ProjectStore {
    let store = try ProjectStore.create(at: folder.appendingPathComponent("study.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(
        pseudonym: "Amina", role: .participant, group: "people using services",
        attributes: [(name: "age band", value: "30-39"), (name: "area", value: "north")]),
      ParticipantRecord(pseudonym: "Grace", role: .participant, group: "carers"),
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: ""),
    ])
    for (name, text) in [("interview-1.txt", interview1), ("interview-2.txt", interview2)] {
      let bytes = Data(text.utf8)
      let transcript = try TranscriptReader.read(data: bytes, name: name, format: .text)
      _ = try store.importTranscript(transcript, sourceName: name, sourceBytes: bytes, actor: testActor)
    }
    try store.pool.write { db in
      let at = "2026-01-02T03:04:05.000Z"
      try db.execute(sql: "UPDATE project_info SET value = ? WHERE key = 'created_at'", arguments: [at])
      try db.execute(sql: "UPDATE document SET imported_at = ?, imported_by = 'ana'", arguments: [at])
      try db.execute(
        sql: """
          INSERT INTO code(id, name, parent_id, description, colour) VALUES
            (1, 'Support', NULL, 'Help from others & "kindness"', '#1F77B4'),
            (2, 'peer support', 1, '', '#aec7e8'),
            (3, 'feeling alone', NULL, '', NULL);
          INSERT INTO coding_run(id, started_at, status, isolation, workers, started_by)
            VALUES (1, ?, 'finished', 'workers', 1, 'ana');
          INSERT INTO analysis(id, document_id, plugin_id, plugin_version, options_hash, run_id, seconds)
            VALUES (1, 1, 'org.hark.values', '1.0.0', 'x', 1, 0.1);
          """, arguments: [at])
      let text1 = try String.fetchOne(db, sql: "SELECT text FROM document WHERE id = 1")!
      let text2 = try String.fetchOne(db, sql: "SELECT text FROM document WHERE id = 2")!
      func coding(
        _ document: Int, _ text: String, _ quote: String, code: Int, analysis: Int?, status: String, by: String
      )
        throws
      {
        let span = scalarRange(of: quote, in: text)
        try db.execute(
          sql: """
            INSERT INTO coding(document_id, code_id, start, "end", analysis_id, explanation, status, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            document, code, span.lowerBound, span.upperBound, analysis, analysis == nil ? "" : "keyword \"alone\"",
            status, by, at,
          ])
      }
      try coding(1, text1, "peer group 🙂 helped me", code: 2, analysis: nil, status: "suggested", by: "ana")
      try coding(1, text1, "less alone", code: 3, analysis: 1, status: "accepted", by: "plugin:org.hark.values@1.0.0")
      try coding(1, text1, "feel", code: 3, analysis: 1, status: "suggested", by: "plugin:org.hark.values@1.0.0")
      try coding(1, text1, "Welcome", code: 1, analysis: nil, status: "rejected", by: "ana")
      try coding(2, text2, "Peer groups gave me hope 🌱", code: 2, analysis: nil, status: "suggested", by: "bo")
      let naive = scalarRange(of: "Naïve me", in: text1)
      try db.execute(
        sql: """
          INSERT INTO note(title, text, document_id, start, "end", code_id, created_by, created_at) VALUES
            ('On naivety', 'She laughs here.\r\nCheck the recording.', 1, ?, ?, NULL, 'ana', ?),
            ('Codebook', 'Support covers <all> help.', NULL, NULL, NULL, 1, 'bo', ?),
            ('Project memo', 'Second round due in May.', NULL, NULL, NULL, NULL, 'ana', ?)
          """, arguments: [naive.lowerBound, naive.upperBound, at, at, at])
      try db.execute(
        sql: """
          INSERT INTO concept(id, label, key, created_at) VALUES (1, 'peer group', 'peer group', ?), (2, 'less alone', 'less alone', ?);
          INSERT INTO concept_mention(concept_id, document_id, analysis_id, participant_id, start, "end", confidence)
            VALUES (1, 1, 1, 1, 44, 54, 0.9);
          INSERT INTO link(id, cause_id, effect_id, status, created_at) VALUES (1, 1, 2, 'accepted', ?);
          """, arguments: [at, at, at])
      let quote = scalarRange(of: "The peer group 🙂 helped me feel less alone.", in: text1)
      try db.execute(
        sql: """
          INSERT INTO evidence(link_id, document_id, analysis_id, participant_id, start, "end", polarity, strength, confidence, explanation, created_by, created_at)
          VALUES (1, 1, 1, 1, ?, ?, 1, 0.6, 0.7, 'pattern "X helped me Y"', 'plugin:org.hark.causal-links@1.0.0', ?)
          """, arguments: [quote.lowerBound, quote.upperBound, at])
    }
    return store
  }

  /// The code point range of the first `needle` in `text`.
  static func scalarRange(of needle: String, in text: String) -> Range<Int> {
    let scalars = Array(text.unicodeScalars)
    let wanted = Array(needle.unicodeScalars)
    for start in 0...(scalars.count - wanted.count) where Array(scalars[start..<start + wanted.count]) == wanted {
      return start..<start + wanted.count
    }
    preconditionFailure("\(needle) is not in the text")
  }

  /// Every coding as (document title, code name, start, end, the text it covers, who), in order.
  static func codings(_ store: ProjectStore) throws -> [String] {
    try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT d.title, d.text, c.name, g.start, g."end", g.created_by FROM coding g
          JOIN document d ON d.id = g.document_id JOIN code c ON c.id = g.code_id
          ORDER BY d.title, g.start, g."end", c.name
          """
      ).map { row in
        let scalars = Array((row["text"] as String).unicodeScalars)
        let start: Int = row["start"]
        let end: Int = row["end"]
        let covered = String(String.UnicodeScalarView(scalars[start..<end]))
        return
          "\(row["title"] as String) | \(row["name"] as String) | \(start)..<\(end) | \(covered) | \(row["created_by"] as String)"
      }
    }
  }

  /// Rows in each table an import writes to: the same before and after a refused import.
  static func counts(_ store: ProjectStore) throws -> [String: Int] {
    try store.pool.read { db in
      var counts: [String: Int] = [:]
      for table in ["document", "turn", "code", "coding", "participant", "note"] {
        counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")!
      }
      return counts
    }
  }

  /// A .qdpx (zip) of the given entries, written to `folder/name`.
  static func archive(_ entries: [(String, Data)], named name: String, in folder: URL) throws -> String {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in entries {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    let url = folder.appendingPathComponent(name)
    try archive.data!.write(to: url)
    return url.path
  }

  /// The project.qde inside a .qdpx.
  static func qde(inArchive path: String) throws -> String {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    var data = Data()
    _ = try archive.extract(archive["project.qde"]!) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
  }
}

/// The two validators: xmllint (libxml2) and Python's xmlschema, both real subprocesses.
enum Validators {
  struct Result: Equatable {
    var status: Int32
    var output: String
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }

  static func xmllint(_ file: String, schema: String) throws -> Result {
    try run("/usr/bin/xmllint", ["--noout", "--schema", RefiFixture.schemas.appendingPathComponent(schema).path, file])
  }

  /// Made by scripts/setup-validators.sh (CI runs it first).
  static var python: String {
    ProcessInfo.processInfo.environment["HARK_XML_VENV"].map { $0 + "/bin/python" }
      ?? RefiFixture.repository.appendingPathComponent(".venv-xml/bin/python").path
  }

  static func xmlschema(_ file: String, schema: String) throws -> Result {
    try run(
      python,
      [
        "-c",
        "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('valid')",
        RefiFixture.schemas.appendingPathComponent(schema).path, file,
      ])
  }
}
