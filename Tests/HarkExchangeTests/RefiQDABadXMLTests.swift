// REFI-QDA files that crashed or exhausted the importer: invalid UTF-8 in names, nesting
// 100,000 deep, more than a million elements, a project.qde that unpacks far past its size.
// Each is refused with the file, the line and the limit, and nothing is stored.
import Foundation
import GRDB
import HarkExchange
import HarkTestSupport
import Testing

@testable import HarkStore

private func nested(_ depth: Int, open: String, close: String) -> [UInt8] {
  Array((String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8)
}

@Suite("REFI-QDA imports refuse names that are not UTF-8 and deep nesting, storing nothing")
struct RefiQDABadXMLTests {
  static let source = RefiQDASafetyTests.source
  static let text = Data("One: some words.\n".utf8)

  func refusal(qde: [UInt8]) throws -> String? {
    try RefiQDASafetyTests().refusal([("sources/\(Self.source).txt", Self.text), ("project.qde", Data(qde))])
  }

  @Test("an element name with an invalid UTF-8 byte in project.qde")
  func invalidElementName() throws {
    let qde =
      Array(RefiQDASafetyTests.qde().utf8).dropLast(10) + Array("\n<B".utf8) + [0xFF] + Array("/></Project>".utf8)
    #expect(
      try refusal(qde: Array(qde))
        == "bad.qdpx: project.qde:5: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("an attribute name with an invalid UTF-8 byte in project.qde")
  func invalidAttributeName() throws {
    let qde =
      Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" n".utf8)
      + [0xE2, 0x82] + Array("=\"x\" name=\"Bad\"></Project>".utf8)
    #expect(
      try refusal(qde: qde)
        == "bad.qdpx: project.qde:2: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("a declared encoding the parser does not know lets no byte that is not UTF-8 through (found by fuzzing)")
  func unknownDeclaredEncoding() throws {
    let qde =
      Array("<?xml version=\"1.0\" encoding=\"UTF-Amina\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" is".utf8)
      + [0xCA] + Array("Codable=\"x\" name=\"Bad\"></Project>".utf8)
    #expect(
      try refusal(qde: qde)
        == "bad.qdpx: project.qde:2: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("a processing instruction with nothing after its name is refused, not a crash (found by fuzzing)")
  func emptyProcessingInstruction() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    let before = try RefiFixture.counts(store)
    let file = folder.appendingPathComponent("pi.qdc")
    try Data("<?x?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>".utf8).write(to: file)
    #expect(
      harkErrorDescription {
        _ = try RefiQDACodebookImport.importCodebook(at: file.path, into: store, actor: testActor)
      }
        == "pi.qdc:1: has a processing instruction with nothing after its name (like <?name?>), which Hark cannot read. Remove it, or export the file again from the program that made it; Hark changed nothing"
    )
    #expect(try RefiFixture.counts(store) == before)
  }

  @Test("a codebook declared ISO-8859-1 is still read: the parser converts one-byte encodings itself")
  func latin1Codebook() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    let file = folder.appendingPathComponent("latin.qdc")
    try Data(
      Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">".utf8)
        + Array("<Codes><Code guid=\"55555555-5555-4555-8555-555555555555\" name=\"Caf".utf8) + [0xE9]
        + Array("\" isCodable=\"true\"/></Codes></CodeBook>".utf8)
    ).write(to: file)
    let summary = try RefiQDACodebookImport.importCodebook(at: file.path, into: store, actor: testActor)
    #expect(summary.codesAdded == 1)
    let names = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM code ORDER BY id") }
    #expect(names.last == "Café")
  }

  @Test("project.qde nested 100,000 deep is refused before anything is stored")
  func deepNesting() throws {
    let qde =
      Array(RefiQDASafetyTests.qde().utf8).dropLast(10) + nested(100_000, open: "<Note>", close: "</Note>")
      + Array("</Project>".utf8)
    #expect(
      try refusal(qde: Array(qde))
        == "bad.qdpx: project.qde:4: has XML elements nested more than 256 deep, the most Hark reads. No transcript, project or map needs that; export the file again from the program that made it"
    )
  }

  @Test("a codebook (.qdc) with an invalid UTF-8 byte in a name, or nested deep, is refused")
  func codebook() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RefiFixture.project(in: folder)
    let before = try RefiFixture.counts(store)
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
    let bad =
      Array(head.utf8) + Array("<Code guid=\"x\" na".utf8) + [0xFF] + Array("me=\"y\"/></Codes></CodeBook>".utf8)
    let deep = Array(head.utf8) + nested(100_000, open: "<Code>", close: "</Code>") + Array("</Codes></CodeBook>".utf8)
    let badFile = folder.appendingPathComponent("bad.qdc")
    let deepFile = folder.appendingPathComponent("deep.qdc")
    try Data(bad).write(to: badFile)
    try Data(deep).write(to: deepFile)
    #expect(
      harkErrorDescription {
        _ = try RefiQDACodebookImport.importCodebook(at: badFile.path, into: store, actor: testActor)
      }
        == "bad.qdc:3: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
    #expect(
      harkErrorDescription {
        _ = try RefiQDACodebookImport.importCodebook(at: deepFile.path, into: store, actor: testActor)
      }
        == "deep.qdc:3: has XML elements nested more than 256 deep, the most Hark reads. No transcript, project or map needs that; export the file again from the program that made it"
    )
    #expect(try RefiFixture.counts(store) == before)
  }

  @Test("project.qde with more than a million elements is refused, naming the limit")
  func tooManyElements() throws {
    let qde =
      Array(RefiQDASafetyTests.qde().utf8).dropLast(10) + Array(String(repeating: "<N/>", count: 1_000_001).utf8)
      + Array("</Project>".utf8)
    #expect(
      try refusal(qde: Array(qde))
        == "bad.qdpx: project.qde:4: has more than 1000000 XML elements, the most Hark reads from one file. Split it into smaller files, or export it again from the program that made it"
    )
  }
}

@Suite("REFI-QDA import caps what project.qde may unpack to")
struct RefiQDAProjectSizeTests {
  @Test("a small .qdpx whose project.qde unpacks past 64 MiB is refused from the zip's directory")
  func projectTooLarge() throws {
    var qde = Array(RefiQDASafetyTests.qde().utf8).dropLast(10)
    qde += [UInt8](repeating: 0x20, count: 65 * 1024 * 1024)
    qde += Array("</Project>".utf8)
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try RefiFixture.archive(
      [("sources/\(RefiQDASafetyTests.source).txt", Data("One: some words.\n".utf8)), ("project.qde", Data(qde))],
      named: "big.qdpx", in: folder)
    let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    #expect(size < 1_000_000)
    #expect(
      try RefiQDASafetyTests().refusal(file: file, folder: folder)
        == "big.qdpx: has project.qde, which unpacks to more than 64 MiB, the most Hark reads for one file. Split large sources into smaller ones before exporting"
    )
  }
}
