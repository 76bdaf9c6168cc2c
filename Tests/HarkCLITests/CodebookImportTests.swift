// `hark import FILE.qdc`: a REFI-QDA codebook from another tool adds its codes,
// and bad files (malformed XML, entity expansion, external entities, another
// document) are refused with the project left as it was.
import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("REFI-QDA codebook import")
struct CodebookImportTests {
  func project() throws -> (URL, String) {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", path], in: folder).status == 0)
    return (folder, path)
  }

  /// Every code: name, parent's name, description and colour, in the order stored.
  func codes(_ path: String) throws -> [String] {
    try ProjectStore(path: path).pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT c.name, p.name AS parent, c.description, c.colour FROM code c
          LEFT JOIN code p ON p.id = c.parent_id ORDER BY c.id
          """
      ).map { row in
        "\(row["name"] as String) < \(row["parent"] as String? ?? "-") | \(row["description"] as String? ?? "") | \(row["colour"] as String? ?? "-")"
      }
    }
  }

  func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test("a codebook from another tool adds its codes with hierarchy, descriptions and colours; sets are reported")
  func importsCodebook() throws {
    let (folder, path) = try project()
    let qdc = try write(
      """
      \u{FEFF}<?xml version="1.0" encoding="utf-8"?>\r
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti">\r
        <Codes>\r
          <Code guid="{0A1B2C3D-0000-4000-8000-000000000001}" name="Support" isCodable="true" color="#336699">\r
            <Description>Help from others, café included 🙂</Description>\r
            <Code guid="0a1b2c3d-0000-4000-8000-000000000002" name=" peer support " isCodable="true"/>\r
          </Code>\r
          <Code guid="0a1b2c3d-0000-4000-8000-000000000003" name="Waiting" isCodable="true" color="#C00"/>\r
        </Codes>\r
        <Sets><Set guid="0a1b2c3d-0000-4000-8000-000000000009" name="Themes"/></Sets>\r
      </CodeBook>\r
      """, "atlas.qdc", in: folder)
    let result = try Hark.run(["import", "--project", path, qdc], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        Imported atlas.qdc (REFI-QDA codebook): 3 codes
        Not carried into Hark:
          1 sets: left out

        """)
    #expect(
      try codes(path) == [
        "Support < - | Help from others, café included 🙂 | #336699", "peer support < Support |  | -",
        "Waiting < - |  | #CC0000",
      ])
  }

  @Test("a codebook Hark exported imports into another project with the same codes; again, they are found")
  func roundTrip() throws {
    let (folder, path) = try project()
    let qdc = try write(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="11111111-1111-4111-8111-111111111111" name="Support" isCodable="true">
      <Code guid="11111111-1111-4111-8111-111111111112" name="peer support" isCodable="true" color="#336699"/></Code>
      </Codes></CodeBook>
      """, "in.qdc", in: folder)
    #expect(try Hark.run(["import", "--project", path, qdc], in: folder).status == 0)
    let exported = folder.appendingPathComponent("out.qdc").path
    #expect(
      try Hark.run(["export", "--project", path, "--format", "qdc", "--output", exported], in: folder).status == 0)
    let other = folder.appendingPathComponent("other.sqlite").path
    #expect(try Hark.run(["init", other], in: folder).status == 0)
    let result = try Hark.run(["import", "--project", other, exported], in: folder)
    #expect(result.stdout == "Imported out.qdc (REFI-QDA codebook): 2 codes\n")
    #expect(try codes(other) == ["Support < - |  | -", "peer support < Support |  | #336699"])
    let again = try Hark.run(["import", "--project", other, exported], in: folder)
    #expect(again.stdout == "Imported out.qdc (REFI-QDA codebook): 2 codes (2 already in the project)\n")
    #expect(try codes(other) == ["Support < - |  | -", "peer support < Support |  | #336699"])
  }

  /// The summary under a refused codebook: the file and why, after the error itself.
  static func notImported(_ reason: String, file: String = "bad.qdc") -> String {
    "Error: 1 of 1 file was not imported (each left the project as it was; the error above says what to do):\n  \(file): \(reason)\n"
  }

  static func doctype(line: Int) -> String {
    "error: bad.qdc:\(line): has a document type declaration (<!DOCTYPE …>), which Hark refuses: "
      + "it can declare entities that expand without end or read other files. "
      + "REFI-QDA files need none; remove it, or export the project again\n"
      + notImported(
        "has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare entities that expand without end or read other files"
      )
  }

  /// Imports `text` as `name` into a project that already has one code, and returns the error printed.
  func refusal(_ text: String, _ name: String = "bad.qdc") throws -> String {
    let (folder, path) = try project()
    let first = try write(
      #"<CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="kept"/></Codes></CodeBook>"#,
      "first.qdc", in: folder)
    #expect(try Hark.run(["import", "--project", path, first], in: folder).status == 0)
    let file = try write(text, name, in: folder)
    let result = try Hark.run(["import", "--project", path, file], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(try codes(path) == ["kept < - |  | -"])
    return result.stderr
  }

  @Test("malformed XML is refused with the line, and the project keeps what it had")
  func refusesMalformed() throws {
    let stderr = try refusal("<CodeBook>\n<Codes>\n<Code guid=\"a\" name=\"x\">\n</Codes>\n</CodeBook>\n")
    #expect(
      stderr
        == "error: bad.qdc:4: is not well-formed XML: an end tag that does not match its start tag (libxml2 error 76). "
        + "Export the project again from the program that made it; Hark changed nothing\n"
        + Self.notImported("is not well-formed XML: an end tag that does not match its start tag (libxml2 error 76)"))
  }

  @Test("an entity expansion bomb is refused before parsing")
  func refusesEntityBomb() throws {
    let stderr = try refusal(
      """
      <?xml version="1.0"?>
      <!DOCTYPE CodeBook [
        <!ENTITY a "aaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
      ]>
      <CodeBook><Codes><Code guid="33333333-3333-4333-8333-333333333333" name="&c;"/></Codes></CodeBook>
      """)
    #expect(stderr == Self.doctype(line: 2))
  }

  @Test("an external entity that would read a file is refused")
  func refusesExternalEntity() throws {
    let stderr = try refusal(
      """
      <?xml version="1.0"?><!DOCTYPE c [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <CodeBook><Codes><Code guid="44444444-4444-4444-8444-444444444444" name="&secret;"/></Codes></CodeBook>
      """)
    #expect(stderr == Self.doctype(line: 1))
  }

  @Test("a project file given as .qdc is refused by its root element")
  func refusesOtherRoot() throws {
    let stderr = try refusal(#"<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>"#)
    #expect(
      stderr == "error: bad.qdc:1: has <Project> where a REFI-QDA codebook starts with <CodeBook>. "
        + "Export the codebook again as a .qdc, or import a whole project as .qdpx\n"
        + Self.notImported("has <Project> where a REFI-QDA codebook starts with <CodeBook>"))
  }
}
