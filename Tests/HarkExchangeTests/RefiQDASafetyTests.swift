// Bad .qdpx files are refused with an error naming the file (and line), and the
// project is left exactly as it was.
import Foundation
import HarkExchange
import HarkTestSupport
import Testing
import ZIPFoundation

@testable import HarkStore

@Suite("REFI-QDA import refuses bad files")
struct RefiQDASafetyTests {
  static let source = "11111111-2222-4333-8444-555555555555"

  /// A minimal valid project with one source; `body` replaces its Sources element.
  static func qde(sources body: String? = nil) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Project xmlns="urn:QDA-XML:project:1.0" name="Bad">
    \(body ?? "<Sources><TextSource guid=\"\(source)\" name=\"One\" plainTextPath=\"internal://\(source).txt\"/></Sources>")
    </Project>
    """
  }

  /// Imports `entries` as a .qdpx into a project that already holds a document, a code and a
  /// participant; returns the error, after checking nothing changed.
  func refusal(_ entries: [(String, Data)], name: String = "bad.qdpx") throws -> String? {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try RefiFixture.archive(entries, named: name, in: folder)
    return try refusal(file: file, folder: folder)
  }

  func refusal(file: String, folder: URL) throws -> String? {
    let projectFolder = folder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: projectFolder, withIntermediateDirectories: true)
    let store = try RefiFixture.project(in: projectFolder)
    let before = try RefiFixture.counts(store)
    let error = harkErrorDescription { try RefiQDAImport.importProject(at: file, into: store, actor: testActor) }
    #expect(try RefiFixture.counts(store) == before)
    return error
  }

  static let text = Data("One: some words.\n".utf8)

  @Test("malformed XML: the error names the file in the archive and the line")
  func malformed() throws {
    let qde =
      "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Bad\">\n  <Users>\n</Project>\n"
    #expect(
      try refusal([("project.qde", Data(qde.utf8))])
        == "bad.qdpx: project.qde:4: is not well-formed XML: an end tag that does not match its start tag (libxml2 error 76). Export the project again from the program that made it; Hark changed nothing"
    )
  }

  @Test(
    "a zip entry whose path climbs out of the archive is refused",
    arguments: ["../evil.txt", "sources/../../evil.txt", "/etc/evil.txt", "..\\evil.txt", "C:/evil.txt"])
  func pathTraversal(path: String) throws {
    #expect(
      try refusal([
        ("project.qde", Data(Self.qde().utf8)), ("sources/\(Self.source).txt", Self.text), (path, Self.text),
      ])
        == "bad.qdpx: has an entry whose path leaves the archive (\"\(path)\"), which Hark refuses. This file may have been made to harm; export the project again from the program that made it"
    )
  }

  @Test("an entity expansion bomb is refused at its document type declaration, before any entity expands")
  func entityBomb() throws {
    var qde = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\n  <!ENTITY a \"aaaaaaaaaa\">\n"
    for level in 1...9 {
      qde +=
        "  <!ENTITY \(Character(UnicodeScalar(97 + level)!)) \""
        + String(repeating: "&\(Character(UnicodeScalar(96 + level)!));", count: 10) + "\">\n"
    }
    qde += "]>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&j;\"/>\n"
    #expect(
      try refusal([("project.qde", Data(qde.utf8))])
        == "bad.qdpx: project.qde:2: has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare entities that expand without end or read other files. REFI-QDA files need none; remove it, or export the project again"
    )
  }

  @Test("an external entity is refused at its document type declaration, and the file it names is never read")
  func externalEntity() throws {
    let qde = """
      <?xml version="1.0"?>
      <!-- a comment first -->
      <!DOCTYPE Project [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
      <Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>
      """
    #expect(
      try refusal([("project.qde", Data(qde.utf8))])
        == "bad.qdpx: project.qde:3: has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare entities that expand without end or read other files. REFI-QDA files need none; remove it, or export the project again"
    )
  }

  @Test("an entity used without a declaration is malformed XML, not an empty string")
  func undeclaredEntity() throws {
    let qde = "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&secret;\"/>\n"
    let error = try refusal([("project.qde", Data(qde.utf8))])
    #expect(
      error
        == "bad.qdpx: project.qde:2: is not well-formed XML: an entity that is not declared (XML declares only &amp; &lt; &gt; &quot; &apos;) (libxml2 error 26). Export the project again from the program that made it; Hark changed nothing"
    )
  }

  /// Rewrites the uncompressed size the central directory declares for every entry.
  static func claimingSize(_ size: UInt32, of data: Data) -> Data {
    var bytes = [UInt8](data)
    var index = 0
    while index + 46 <= bytes.count {
      if bytes[index..<index + 4] == [0x50, 0x4B, 0x01, 0x02] {
        for byte in 0..<4 { bytes[index + 24 + byte] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(byte))) }
        index += 46
      } else {
        index += 1
      }
    }
    return Data(bytes)
  }

  @Test("a source that claims gigabytes is refused from the zip's directory, before it is unpacked")
  func claimsGigabytes() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try RefiFixture.archive(
      [("sources/\(Self.source).txt", Self.text), ("project.qde", Data(Self.qde().utf8))], named: "big.qdpx",
      in: folder)
    try Self.claimingSize(0xFFFF_FFF0, of: try Data(contentsOf: URL(fileURLWithPath: file))).write(
      to: URL(fileURLWithPath: file))
    #expect(
      try refusal(file: file, folder: folder)
        == "big.qdpx: has sources/\(Self.source).txt, which unpacks to more than 20 MiB, the most Hark reads for one file. Split large sources into smaller ones before exporting"
    )
  }

  @Test("texts that together claim more than 256 MiB are refused before any is unpacked")
  func claimsTooMuchTogether() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let entries = [("project.qde", Data(Self.qde().utf8))] + (1...60).map { ("sources/\($0).txt", Self.text) }
    let file = try RefiFixture.archive(entries, named: "many.qdpx", in: folder)
    try Self.claimingSize(19 << 20, of: try Data(contentsOf: URL(fileURLWithPath: file))).write(
      to: URL(fileURLWithPath: file))
    #expect(
      try refusal(file: file, folder: folder)
        == "many.qdpx: says its texts unpack to 1159 MiB, more than the 256 MiB Hark reads from one project. Split the project, or export fewer sources at a time"
    )
  }

  @Test("a source that declares a few bytes but unpacks to more than the limit is stopped while unpacking")
  func lyingSize() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let zeros = Data(repeating: 0x61, count: 21 << 20)
    let file = try RefiFixture.archive(
      [("project.qde", Data(Self.qde().utf8)), ("sources/\(Self.source).txt", zeros)], named: "bomb.qdpx", in: folder)
    try Self.claimingSize(100, of: try Data(contentsOf: URL(fileURLWithPath: file))).write(
      to: URL(fileURLWithPath: file))
    #expect(
      try refusal(file: file, folder: folder)
        == "bomb.qdpx: has sources/\(Self.source).txt, which unpacks to more than 20 MiB, the most Hark reads for one file. Split large sources into smaller ones before exporting"
    )
  }

  @Test("a source whose text file is not in the archive is refused, naming the source and the line")
  func missingSource() throws {
    #expect(
      try refusal([("project.qde", Data(Self.qde().utf8))])
        == "bad.qdpx: project.qde:3: the source \"One\" points to internal://\(Self.source).txt, which is not in the archive. Export the project again with its sources included; Hark changed nothing"
    )
  }

  @Test("a source whose external file is missing is refused")
  func missingExternalSource() throws {
    let qde = Self.qde(
      sources:
        "<Sources><TextSource guid=\"\(Self.source)\" name=\"One\" plainTextPath=\"absolute:///nowhere/one.txt\"/></Sources>"
    )
    #expect(
      try refusal([("project.qde", Data(qde.utf8))])
        == "bad.qdpx: project.qde:3: the source \"One\" points to absolute:///nowhere/one.txt, which is not on this computer (/nowhere/one.txt). Export the project again with its sources included; Hark changed nothing"
    )
  }

  @Test("a selection outside its source's text is refused, naming the line")
  func selectionOutOfRange() throws {
    let qde = Self.qde(
      sources: """
        <Sources><TextSource guid="\(Self.source)" name="One" plainTextPath="internal://\(Self.source).txt">
        <PlainTextSelection guid="\(Self.source)" startPosition="5" endPosition="99"/></TextSource></Sources>
        """)
    #expect(
      try refusal([("project.qde", Data(qde.utf8)), ("sources/\(Self.source).txt", Self.text)])
        == "bad.qdpx: project.qde:4: a selection in the source \"One\" runs from 5 to 99, outside its 17 characters. Positions count code points from 0; export the project again from the program that made it"
    )
  }

  @Test("a source that is not UTF-8 text is refused")
  func notUTF8() throws {
    #expect(
      try refusal([("project.qde", Data(Self.qde().utf8)), ("sources/\(Self.source).txt", Data([0x41, 0xFF, 0x42]))])
        == "bad.qdpx: sources/\(Self.source).txt: is not UTF-8 text. Export the project again; REFI-QDA sources are UTF-8 text files"
    )
  }

  @Test("a file that is not a zip, or a zip without a .qde, is not a REFI-QDA project")
  func notAProject() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = folder.appendingPathComponent("notes.qdpx")
    try Data("just text".utf8).write(to: text)
    #expect(
      try refusal(file: text.path, folder: folder)
        == "notes.qdpx: is not a REFI-QDA project (.qdpx files are zip archives, and this is not one). Export the project again as REFI-QDA (.qdpx) from the program that made it"
    )
    #expect(
      try refusal([("sources/a.txt", Self.text)])
        == "bad.qdpx: has no project.qde (no .qde file at all), so it is not a REFI-QDA project. Export the project again as REFI-QDA (.qdpx)"
    )
    #expect(
      try refusal([("a.qde", Data(Self.qde().utf8)), ("b.qde", Data(Self.qde().utf8))])
        == "bad.qdpx: has 2 .qde files and none is called project.qde, so Hark cannot tell which is the project. Export the project again as REFI-QDA (.qdpx)"
    )
    #expect(
      try refusal([("project.qde", Data("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"/>".utf8))])
        == "bad.qdpx: project.qde:1: has <CodeBook> where a REFI-QDA project starts with <Project>. Give Hark a .qdpx project; import a codebook as its own .qdc file"
    )
    #expect(
      try refusal(file: folder.appendingPathComponent("absent.qdpx").path, folder: folder)
        == "absent.qdpx: the file does not exist. Check the path and the spelling of the file name")
  }

  @Test("a project saved as UTF-16 is refused with what to do")
  func utf16() throws {
    var data = Data([0xFF, 0xFE])
    data.append(Self.qde().data(using: .utf16LittleEndian)!)
    #expect(
      try refusal([("project.qde", data)])
        == "bad.qdpx: project.qde: is saved as UTF-16 XML, but REFI-QDA files are UTF-8. Export the project again with UTF-8 encoding"
    )
  }
}
