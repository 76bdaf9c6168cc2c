// XML that crashed or exhausted the importers: invalid UTF-8 in names (SIGILL inside
// Foundation's parser), nesting 100,000 deep (a stack overflow), and files that unpack or
// expand to far more than they look. Each is refused with the file, the line and the limit,
// and nothing is stored. REFI-QDA's cases are in HarkExchangeTests (RefiQDABadXMLTests.swift).
import Foundation
import HarkTestSupport
import Testing
import ZIPFoundation

@testable import HarkStore

private let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/// word/document.xml around `body`, as raw bytes so invalid UTF-8 can be put in.
private func documentXML(_ body: [UInt8]) -> Data {
  Data(
    Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"\(wordNamespace)\"><w:body>\n".utf8) + body
      + Array("\n</w:body></w:document>".utf8))
}

/// A .docx holding `xml` as word/document.xml.
private func docx(_ xml: Data) throws -> Data {
  let archive = try Archive(accessMode: .create)
  try archive.addEntry(
    with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count), compressionMethod: .deflate,
    provider: { position, size in xml.subdata(in: Int(position)..<Int(position) + size) })
  return archive.data!
}

private func nested(_ depth: Int, open: String, close: String) -> [UInt8] {
  Array((String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8)
}

@Suite("XML imports refuse names that are not UTF-8, deep nesting and size bombs")
struct ImportBadXMLTests {
  @Test("a Word document with an invalid UTF-8 byte in an element name is refused with its line")
  func docxInvalidName() throws {
    let body = Array("<w:p><w:r><w:t>Sam: Hi.</w:t></w:r></w:p>\n<w:p".utf8) + [0xFF, 0xFE] + Array("/>".utf8)
    #expect(
      harkErrorDescription { _ = try readTranscript(try docx(documentXML(body)), name: "bad.docx") }
        == "bad.docx: word/document.xml:4: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("a Word document with an invalid UTF-8 byte in an attribute name is refused with its line")
  func docxInvalidAttribute() throws {
    let body = Array("<w:p w:".utf8) + [0xC3, 0x28] + Array("=\"1\"><w:r><w:t>Sam: Hi.</w:t></w:r></w:p>".utf8)
    #expect(
      harkErrorDescription { _ = try readTranscript(try docx(documentXML(body)), name: "bad.docx") }
        == "bad.docx: word/document.xml:3: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("a Word document nested 100,000 deep is refused at the limit")
  func docxDeepNesting() throws {
    let body = nested(100_000, open: "<w:p>", close: "</w:p>")
    #expect(
      harkErrorDescription { _ = try readTranscript(try docx(documentXML(body)), name: "deep.docx") }
        == "deep.docx: word/document.xml:3: has XML elements nested more than 256 deep, the most Hark reads. No transcript, project or map needs that; export the file again from the program that made it"
    )
  }

  @Test("a Word document with more than two million elements is refused, naming the limit")
  func docxTooManyElements() throws {
    let body = Array(String(repeating: "<w:tab/>", count: 2_000_001).utf8)
    #expect(
      harkErrorDescription { _ = try readTranscript(try docx(documentXML(body)), name: "many.docx") }
        == "many.docx: word/document.xml:3: has more than 2000000 XML elements, the most Hark reads from one file. Split it into smaller files, or export it again from the program that made it"
    )
  }

  @Test("a small Word document whose text unpacks past 20 MiB is refused, not stored")
  func docxTextBomb() throws {
    let words = String(repeating: "all work and no play ", count: 1_100_000)
    let body = Array("<w:p><w:r><w:t>Sam: \(words)</w:t></w:r></w:p>".utf8)
    let file = try docx(documentXML(body))
    #expect(file.count < 1_000_000)
    #expect(
      harkErrorDescription { _ = try readTranscript(file, name: "bomb.docx") }
        == "bomb.docx: holds more than 20 MiB of text, the most Hark reads from one transcript. Split the transcript into smaller documents and import each one"
    )
  }

  @Test("a NEL or CR written as a character reference in a Word document is stored as LF (found by fuzzing)")
  func docxLineEndReferences() throws {
    let body = Array("<w:p><w:r><w:t>Sam: one&#x85;two&#13;three</w:t></w:r></w:p>".utf8)
    let read = try readTranscript(try docx(documentXML(body)), name: "nel.docx")
    #expect(read.text == "Sam: one\ntwo\nthree\n")
    #expect(spokenWords(read) == ["one\ntwo\nthree"])
  }

  @Test("a Word document over 64 MiB of XML is refused while unpacking")
  func docxXMLTooLarge() throws {
    let body = [UInt8](repeating: 0x20, count: 65 * 1024 * 1024)
    #expect(
      harkErrorDescription { _ = try readTranscript(try docx(documentXML(body)), name: "huge.docx") }
        == "huge.docx: has a word/document.xml larger than 64 MiB. Split the transcript into smaller documents and import each one"
    )
  }

  @Test("a processing instruction with nothing after its name in a Word document is refused (found by fuzzing)")
  func emptyProcessingInstructionInWord() {
    #expect(
      harkErrorDescription {
        _ = try readTranscript(try docx(documentXML(Array("<w:p><?mso ?></w:p>".utf8))), name: "pi.docx")
      }
        == "pi.docx: word/document.xml:3: has a processing instruction with nothing after its name (like <?name?>), which Hark cannot read. Remove it, or export the file again from the program that made it; Hark changed nothing"
    )
  }
}
