import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("What the transcript readers say about bad input")
struct ImportErrorTests {
  @Test("a file that does not exist")
  func missingFile() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      harkErrorDescription {
        _ = try TranscriptReader.read(contentsOf: folder.appendingPathComponent("missing.txt"))
      }
        == "missing.txt: the file does not exist. Check the path and the spelling of the file name")
  }

  @Test("a folder given instead of a file")
  func folderInsteadOfFile() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let inner = folder.appendingPathComponent("interviews")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
    #expect(
      harkErrorDescription { _ = try TranscriptReader.read(contentsOf: inner) }
        == "interviews: is a folder, not a file. Give the path of one transcript file")
  }

  @Test("an empty file")
  func emptyFile() {
    #expect(
      harkErrorDescription { _ = try readTranscript(Data(), name: "empty.txt") }
        == "empty.txt: the file is empty. Check that this is the right file, or export it again")
  }

  @Test("a file with only blank space")
  func blankFile() {
    #expect(
      harkErrorDescription { _ = try readTranscript(" \r\n\t\n\n", name: "blank.md") }
        == "blank.md: the file has no text, only spaces and blank lines. Check that this is the right file, or export it again"
    )
  }

  @Test("a binary file with NUL bytes")
  func binaryFile() {
    #expect(
      harkErrorDescription {
        _ = try readTranscript(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]), name: "photo.txt")
      }
        == "photo.txt: looks like a binary file, not a transcript. Export the transcript as plain text (.txt, UTF-8) or another supported format and import that file"
    )
  }

  @Test("a zip archive (a Word document, say) named .txt")
  func zipNamedText() throws {
    let docx = try makeDocx(body: "<w:p><w:r><w:t>Sam: Hi.</w:t></w:r></w:p>")
    #expect(
      harkErrorDescription { _ = try readTranscript(docx, name: "interview.txt") }
        == "interview.txt: looks like a binary file, not a transcript. It is a zip archive; if it is a Word document, give it the .docx extension"
    )
  }

  @Test("text that is not UTF-8, read as UTF-8 because --encoding says so, names the line of the first bad byte")
  func invalidUTF8() {
    var bytes = Data("Title\r\nSam: ok\r\nAmina: caf".utf8)
    bytes.append(contentsOf: [0xE9, 0x0D, 0x0A])
    #expect(
      harkErrorDescription {
        _ = try TranscriptReader.read(
          data: bytes, name: "latin1.txt", format: .text, options: TranscriptReadOptions(encoding: .fixed(.utf8)))
      }
        == "latin1.txt:3: this line has bytes that are not valid UTF-8 text. Give the file's encoding with --encoding (utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1), or save it again as UTF-8"
    )
  }

  @Test("a file over the size limit, from disk and from memory")
  func tooLarge() throws {
    #expect(TranscriptReader.maximumFileSize == 20 * 1024 * 1024)
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("huge.srt")
    #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 25 * 1024 * 1024 + 1)
    try handle.close()
    #expect(
      harkErrorDescription { _ = try TranscriptReader.read(contentsOf: file) }
        == "huge.srt: is 25.1 MiB, more than the 20 MiB limit. Split it into smaller files and import each one"
    )
    #expect(
      harkErrorDescription {
        _ = try readTranscript(Data(count: TranscriptReader.maximumFileSize + 1), name: "big.docx")
      }
        == "big.docx: is 20.1 MiB, more than the 20 MiB limit. Split it into smaller files and import each one"
    )
  }

  @Test("a WebVTT file without the WEBVTT header")
  func vttWithoutHeader() {
    #expect(
      harkErrorDescription {
        _ = try readTranscript("1\n00:00:01,000 --> 00:00:02,000\nSam: Hi.\n", name: "call.vtt")
      }
        == "call.vtt:1: does not start with the line WEBVTT, so it is not a WebVTT file. Export the captions again as WebVTT; if the file holds SRT subtitles, rename it to .srt"
    )
  }

  @Test("a WebVTT file without cues")
  func vttWithoutCues() {
    #expect(
      harkErrorDescription {
        _ = try readTranscript("WEBVTT\n\nNOTE nothing was said\n", name: "call.vtt")
      }
        == "call.vtt: has no cues (no timed text). Check that the file is a complete export of the recording's transcript"
    )
  }

  @Test("a WebVTT cue with a malformed timing line")
  func vttBadTiming() {
    let vtt =
      "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nSam: Hi.\n\n2\n00:00:03 --> 00:00:04\nSam: Again.\n"
    #expect(
      harkErrorDescription { _ = try readTranscript(vtt, name: "call.vtt") }
        == "call.vtt:8: expected a timing line like 00:00:01.000 --> 00:00:04.200 but found \"00:00:03 --> 00:00:04\". Correct or remove this cue, then import the file again"
    )
  }

  @Test("an SRT subtitle with a malformed timing line")
  func srtBadTiming() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nSam: Hi.\n\n2\n00:00:05 -> 00:00:07\nSam: Again.\n"
    #expect(
      harkErrorDescription { _ = try readTranscript(srt, name: "talk.srt") }
        == "talk.srt:6: expected a timing line like 00:00:01,000 --> 00:00:04,200 but found \"00:00:05 -> 00:00:07\". Correct or remove this subtitle, then import the file again"
    )
  }

  @Test("an SRT file without subtitles")
  func srtWithoutSubtitles() {
    #expect(
      harkErrorDescription { _ = try readTranscript("Hello there\nSam: Hi.\n", name: "notes.srt") }
        == "notes.srt:1: expected a subtitle number or a timing line but found \"Hello there\". Each subtitle starts with its number, then a timing line like 00:00:01,000 --> 00:00:04,200"
    )
  }

  @Test("a .docx file that is not a zip archive")
  func docxNotZip() {
    #expect(
      harkErrorDescription { _ = try readTranscript("Sam: Hi.\n", name: "interview.docx") }
        == "interview.docx: is not a Word document (it is not a zip archive). Open it in Word and save it as .docx again; if it is plain text, rename it to .txt"
    )
  }

  @Test("a zip archive without word/document.xml")
  func docxWithoutDocument() throws {
    let zip = try makeDocx(body: "", documentPath: "content.xml")
    #expect(
      harkErrorDescription { _ = try readTranscript(zip, name: "archive.docx") }
        == "archive.docx: is a zip archive but not a Word document (it has no word/document.xml). Open the transcript in Word and save it as a .docx document"
    )
  }

  @Test("a Word document whose XML is malformed")
  func docxMalformedXML() throws {
    let docx = try makeDocx(body: "<w:p><w:r><w:t>Sam: Hi.</w:r></w:p>")
    #expect(
      harkErrorDescription { _ = try readTranscript(docx, name: "broken.docx") }
        == "broken.docx: is damaged: word/document.xml is not well-formed XML (at its line 2). Open it in Word and save it again; if Word cannot open it, export the transcript again"
    )
  }

  @Test("a transcript without speaker turns says which forms are recognised")
  func noTurns() {
    // A text file without labels is one narrator's; only a header with nothing after it has no turns.
    #expect(
      harkErrorDescription {
        _ = try readTranscript("INTERVIEW NOTES\nDate: 3 May\n\nSIDE A\n", name: "notes.txt")
      }
        == "notes.txt: no speaker turns found. Hark recognises turns written as \"Name: what they said\" at the start of a line, optionally after a time such as [00:01:23]; a name is 1 to 4 words without sentence punctuation"
    )
    #expect(
      harkErrorDescription {
        _ = try readTranscript("WEBVTT\n\n00:01.000 --> 00:02.000\nhello\n", name: "c.vtt")
      }
        == "c.vtt: no speaker turns found. Hark recognises turns written as cues with a voice tag \"<v Name>what they said</v>\" or starting \"Name: what they said\"; a name is 1 to 4 words without sentence punctuation"
    )
  }

  @Test("an unsupported extension lists the supported ones")
  func unsupportedExtension() throws {
    #expect(
      harkErrorDescription { _ = try TranscriptReader.format(ofFileNamed: "notes.pdf") }
        == "notes.pdf: cannot be imported: .pdf files are not supported. Hark reads transcripts from .txt, .md, .markdown, .vtt, .srt and .docx files; save or export it as one of these"
    )
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("README")
    try Data("Sam: Hi.\n".utf8).write(to: file)
    #expect(
      harkErrorDescription { _ = try TranscriptReader.read(contentsOf: file) }
        == "README: cannot be imported: the file name has no extension. Hark reads transcripts from .txt, .md, .markdown, .vtt, .srt and .docx files; save or export it as one of these"
    )
  }
}
