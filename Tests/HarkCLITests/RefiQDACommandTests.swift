// `hark export --format qdpx|qdc` and `hark import FILE.qdpx`, run as a user would.
import Foundation
import GRDB
import HarkTestSupport
import Testing
import ZIPFoundation

@testable import HarkStore

@Suite("REFI-QDA commands")
struct RefiQDACommandTests {
  /// A project with one transcript, one participant, one code and one coding by hand.
  func project(in folder: URL) throws -> String {
    let path = folder.appendingPathComponent("p.sqlite").path
    try Hark.run(["init", path], in: folder)
    try Data("pseudonym,role,group\nAmina,participant,carers\n".utf8).write(
      to: folder.appendingPathComponent("people.csv"))
    try Data("Amina: The peer group 🙂 helped me, café and all.\n".utf8).write(
      to: folder.appendingPathComponent("interview.txt"))
    let imported = try Hark.run(
      ["import", "--project", path, "--participants", "people.csv", "interview.txt"], in: folder)
    #expect(imported.status == 0)
    try ProjectStore(path: path).pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO code(id, name, colour) VALUES (1, 'peer support', '#336699');
          INSERT INTO coding(document_id, code_id, start, "end", created_by, created_at)
            VALUES (1, 1, 11, 33, 'ana', '2026-01-02T03:04:05.000Z');
          """)
    }
    return path
  }

  @Test("export --format qdpx writes project.qde and the sources, and says what REFI-QDA did not carry")
  func exportProject() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try project(in: folder)
    let output = folder.appendingPathComponent("study.qdpx").path
    let result = try Hark.run(["export", "--project", path, "--format", "qdpx", "--output", output], in: folder)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        Wrote \(output) (qdpx: 1 sources, 1 codes, 1 codings, 1 cases, 2 users, 0 notes; links: not-rejected)
        Not carried as REFI-QDA items:
          1 speaker turns: left out (the speaker labels stay in the text)

        """)
    let archive = try Archive(url: URL(fileURLWithPath: output), accessMode: .read, pathEncoding: nil)
    #expect(archive.map(\.path).sorted().first == "project.qde")
    #expect(archive.map(\.path).count == 2)
  }

  @Test("export --format qdc writes the codebook alone")
  func exportCodebook() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try project(in: folder)
    let output = folder.appendingPathComponent("codes.qdc").path
    let result = try Hark.run(["export", "--project", path, "--format", "qdc", "--output", output], in: folder)
    #expect(result.stdout == "Wrote \(output) (qdc: 1 codes)\n")
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
    #expect(
      text.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Hark\">\n"))
    #expect(text.contains("name=\"peer support\" isCodable=\"true\" color=\"#336699\"/>\n"))
  }

  @Test("export refuses a missing folder or a folder given as the file")
  func exportWhere() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try project(in: folder)
    let missing = try Hark.run(
      ["export", "--project", path, "--format", "qdpx", "--output", "/nonexistent/dir/x.qdpx"], in: folder)
    #expect(missing.status == 1)
    #expect(missing.stderr == "Error: /nonexistent/dir: the folder does not exist. Create it first\n")
    let isFolder = try Hark.run(
      ["export", "--project", path, "--format", "qdc", "--output", folder.path], in: folder)
    #expect(isFolder.status == 1)
    #expect(
      isFolder.stderr
        == "Error: \(folder.path): is a folder. Give a file name for the export, e.g. \(folder.path)/project.qdc\n")
  }

  @Test("import FILE.qdpx brings a project in and says what came; the coding keeps its code point offsets")
  func importProject() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try project(in: folder)
    let output = folder.appendingPathComponent("study.qdpx").path
    try Hark.run(["export", "--project", path, "--format", "qdpx", "--output", output], in: folder)
    let copy = folder.appendingPathComponent("copy.sqlite").path
    try Hark.run(["init", copy], in: folder)
    let result = try Hark.run(["import", "--project", copy, "study.qdpx"], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout == "Imported study.qdpx: 1 documents, 1 codes, 1 codings, 1 participants, 0 notes\n")
    let coding = try ProjectStore(path: copy).pool.read { db in
      try Row.fetchOne(db, sql: "SELECT start, \"end\", created_by FROM coding")!
    }
    #expect(coding["start"] as Int == 11)
    #expect(coding["end"] as Int == 33)
    #expect(coding["created_by"] as String == "ana")
  }

  @Test("a bad .qdpx fails with the file named, and the project is unchanged")
  func importRefused() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try project(in: folder)
    let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
    let evil = Data("x".utf8)
    try archive.addEntry(with: "../evil.txt", type: .file, uncompressedSize: Int64(evil.count)) { _, _ in evil }
    try archive.data!.write(to: folder.appendingPathComponent("bad.qdpx"))
    let result = try Hark.run(["import", "--project", path, "bad.qdpx"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr == """
        error: bad.qdpx: has an entry whose path leaves the archive ("../evil.txt"), which Hark refuses. This file may have been made to harm; export the project again from the program that made it
        Error: 1 of 1 file was not imported (each left the project as it was; the error above says what to do):
          bad.qdpx: has an entry whose path leaves the archive ("../evil.txt"), which Hark refuses

        """)
    let counts = try ProjectStore(path: path).pool.read { db in
      try Int.fetchAll(
        db, sql: "SELECT (SELECT count(*) FROM document) UNION ALL SELECT (SELECT count(*) FROM coding)")
    }
    #expect(counts == [1, 1])
  }
}
