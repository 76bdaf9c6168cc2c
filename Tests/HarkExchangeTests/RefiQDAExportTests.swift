// REFI-QDA export: the exact project.qde and codebook, stable GUIDs, both
// validators, and what the standard cannot carry.
import Foundation
import GRDB
import HarkTestSupport
import Testing
import ZIPFoundation

@testable import HarkExchange
@testable import HarkStore

@Suite("REFI-QDA export")
struct RefiQDAExportTests {
  @Test(
    "project.qde of a small project, exactly: users, codebook, variables, cases, sources with code point selections, notes"
  )
  func exactProject() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let package = try RefiQDAExport.project(try RefiFixture.project(in: folder))
    #expect(package.qde == RefiQDAExpected.project)
  }

  @Test("the .qdpx holds project.qde and each document's stored text as sources/GUID.txt")
  func archiveLayout() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    let path = folder.appendingPathComponent("study.qdpx").path
    try RefiQDAExport.writeProject(store, to: path)
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    var files: [String: String] = [:]
    for entry in archive {
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }
      files[entry.path] = String(decoding: data, as: UTF8.self)
    }
    #expect(
      files.keys.sorted() == [
        "project.qde", "sources/\(RefiQDAExpected.document1).txt", "sources/\(RefiQDAExpected.document2).txt",
      ])
    #expect(
      files["sources/\(RefiQDAExpected.document1).txt"]
        == "Ruth: Welcome. How was the café?\nAmina: The peer group 🙂 helped me feel less alone.\nAmina: Naïve me, I waited & hoped <still>.\n"
    )
    #expect(files["project.qde"] == RefiQDAExpected.project)
  }

  @Test("GUIDs stay the same across exports of one project and differ between projects")
  func stableGUIDs() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    #expect(try RefiQDAExport.project(store).qde == RefiQDAExport.project(store).qde)
    let guid = RefiGUID(project: "2026-01-02T03:04:05.000Z")
    #expect(guid.make("code", 1) == RefiQDAExpected.code1)
    #expect(RefiGUID(project: "2026-01-02T03:04:06.000Z").make("code", 1) != RefiQDAExpected.code1)
  }

  @Test("the .qde validates against Project.xsd with xmllint and with xmlschema")
  func projectValidates() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("project.qde").path
    try Data(try RefiQDAExport.project(try RefiFixture.project(in: folder)).qde.utf8).write(
      to: URL(fileURLWithPath: file))
    #expect(try Validators.xmllint(file, schema: "Project.xsd") == .init(status: 0, output: "\(file) validates\n"))
    #expect(try Validators.xmlschema(file, schema: "Project.xsd") == .init(status: 0, output: "valid\n"))
  }

  @Test("both validators refuse a colour with an alpha channel, which the exporter never writes")
  func validatorsCatchBadColour() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bad.qdc").path
    try Data(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="\(RefiQDAExpected.code1)" name="x" isCodable="true" color="#11223344"/></Codes></CodeBook>
      """.utf8
    ).write(to: URL(fileURLWithPath: file))
    #expect(try Validators.xmlschema(file, schema: "Codebook.xsd").status != 0)
    #expect(RefiColour.normalised("#11223344") == "#112233")
    #expect(RefiColour.normalised("#abc") == "#AABBCC")
    #expect(RefiColour.normalised("red") == nil)
  }

  @Test("the codebook (.qdc), exactly, validates against Codebook.xsd with both validators")
  func codebook() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    let file = folder.appendingPathComponent("codes.qdc").path
    let summary = try RefiQDAExport.writeCodebook(store, to: file)
    #expect(summary.codes == 3)
    #expect(
      String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self) == RefiQDAExpected.codebook)
    #expect(try Validators.xmllint(file, schema: "Codebook.xsd") == .init(status: 0, output: "\(file) validates\n"))
    #expect(try Validators.xmlschema(file, schema: "Codebook.xsd") == .init(status: 0, output: "valid\n"))
  }

  @Test("an export that cannot take the place of what is there fails, and leaves no partial file")
  func cannotWrite() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    let target = folder.appendingPathComponent("taken")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: target.appendingPathComponent("inside.txt"))
    #expect(
      harkErrorDescription { try RefiQDAExport.writeProject(store, to: target.path) }
        == "\(target.path): cannot be written (Is a directory). Check that you may write to that folder")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".partial") } == [])
  }

  @Test("a time another tool wrote that is not an xsd:dateTime is left out rather than written invalid")
  func dateTimes() {
    #expect(RefiXML.creationDateTime("2026-01-02T03:04:05.000Z") == " creationDateTime=\"2026-01-02T03:04:05.000Z\"")
    #expect(RefiXML.creationDateTime("2019-03-18T10:00:00+01:00") == " creationDateTime=\"2019-03-18T10:00:00+01:00\"")
    #expect(RefiXML.creationDateTime("18/03/2019 10:00") == "")
    #expect(RefiXML.creationDateTime("2019-03-18T10:00:00\" evil=\"") == "")
    #expect(RefiXML.creationDateTime(nil) == "")
  }

  @Test("a codebook of a project without codes is refused, and no file is written")
  func emptyCodebook() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try ProjectStore.create(at: folder.appendingPathComponent("empty.sqlite").path)
    let file = folder.appendingPathComponent("codes.qdc").path
    #expect(
      harkErrorDescription { try RefiQDAExport.writeCodebook(store, to: file) }
        == "\(store.path): the project has no codes, and a REFI-QDA codebook needs at least one. Run `hark code` or add codes first"
    )
    #expect(!FileManager.default.fileExists(atPath: file))
  }

  @Test("panel votes travel in their link's note: each member's latest vote, counted by answer and strength")
  func votesInNotes() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    try store.pool.write { db in
      let at = "2026-01-03T00:00:00.000Z"
      try db.execute(
        sql: """
          INSERT INTO panel(id, name, rule, quorum, created_at, created_by) VALUES (1, 'Carers panel', 'unanimous', 1, ?, 'ana');
          INSERT INTO panel_member(id, panel_id, name, pseudonym, added_at, added_by)
            VALUES (1, 1, 'A Real Name', 'Robin', ?, 'ana'), (2, 1, 'Another', 'Sky', ?, 'ana'), (3, 1, 'Third', 'Lee', ?, 'ana');
          INSERT INTO panel_item(id, panel_id, link_id, cause_id, effect_id, polarity, opened_at, opened_by)
            VALUES (1, 1, 1, 1, 2, 1, ?, 'ana');
          INSERT INTO panel_vote(item_id, member_id, answer, strength, at) VALUES
            (1, 1, 'disagree', NULL, ?), (1, 1, 'agree', 'a-lot', ?), (1, 2, 'agree', 'a-lot', ?), (1, 3, 'not-sure', NULL, ?);
          """, arguments: [at, at, at, at, at, at, at, at, at])
    }
    let package = try RefiQDAExport.project(store)
    #expect(
      package.qde.contains(
        """
        quotes: 1 from 1 sources
        question in panel "Carers panel", I1: “Does the peer group make people less alone?”
        votes in panel "Carers panel": agree (a-lot) × 2
        votes in panel "Carers panel": not-sure × 1

        """))
    #expect(package.summary.notCarried.contains("3 panel votes: in their link's note"))
  }

  @Test("what REFI-QDA cannot carry is said: concepts, links, quotes, votes as notes; the rest left out")
  func notCarried() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    try store.pool.write { db in try db.execute(sql: "UPDATE code SET colour = 'teal' WHERE id = 3") }
    let summary = try RefiQDAExport.project(store).summary
    #expect(
      summary
        == RefiQDAExportSummary(
          users: 5, codes: 3, sources: 2, codings: 3, cases: 3, notes: 5,
          notCarried: [
            "2 concepts: as the note \"Hark concepts\"",
            "1 links with polarity, strength and weight: as a note each (\"Hark link L…\")",
            "1 link quotes: in their link's note, and as selections in the sources that refer to it",
            "the colour \"teal\" of the code \"feeling alone\": not #RRGGBB, left out",
            "1 suggested plugin codings not accepted yet: left out (accept them to export them)",
            "1 rejected codings: left out",
            "4 speaker turns: left out (the speaker labels stay in the text)",
          ]))
  }
}
