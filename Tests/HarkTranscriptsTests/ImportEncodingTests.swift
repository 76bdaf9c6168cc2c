import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

/// The same short labelled transcript in each encoding Hark reads.
private let transcript = "Ruth: It’s a café… “really”.\nSam: Ça va?\n"
private let expectedWords = ["It’s a café… “really”.", "Ça va?"]

private func utf16(_ text: String, bigEndian: Bool, byteOrderMark: Bool) -> Data {
  var bytes: [UInt8] = byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
  for unit in text.utf16 {
    let high = UInt8(unit >> 8)
    let low = UInt8(unit & 0xFF)
    bytes += bigEndian ? [high, low] : [low, high]
  }
  return Data(bytes)
}

private func readBytes(_ bytes: Data, name: String = "t.txt", encoding: String? = nil) throws -> ImportedTranscript {
  try TranscriptReader.read(
    data: bytes, name: name, format: TranscriptReader.format(ofFileNamed: name),
    options: TranscriptReadOptions(encoding: encoding.flatMap(TextEncoding.named)))
}

@Suite("Transcripts in every encoding Hark reads, and what it says it assumed")
struct ImportEncodingTests {
  @Test("UTF-8 without a byte order mark is read as it is, and said to be UTF-8")
  func utf8() throws {
    let read = try readBytes(Data(transcript.utf8))
    #expect(read.text == transcript)
    #expect(spokenWords(read) == expectedWords)
    #expect(read.notes == ["encoding: UTF-8 (detected)"])
  }

  @Test("UTF-8 with a byte order mark: the mark is dropped and named")
  func utf8WithMark() throws {
    let read = try readBytes(Data([0xEF, 0xBB, 0xBF] + Array(transcript.utf8)))
    #expect(read.text == transcript)
    #expect(read.notes == ["encoding: UTF-8 (from its byte order mark)"])
  }

  @Test("UTF-16 little- and big-endian, with a byte order mark")
  func utf16WithMark() throws {
    let little = try readBytes(utf16(transcript, bigEndian: false, byteOrderMark: true))
    #expect(little.text == transcript)
    #expect(spokenWords(little) == expectedWords)
    #expect(
      little.notes == [
        "encoding: UTF-16 (little-endian) (from its byte order mark); converted to UTF-8, 6 characters outside ASCII"
      ])
    let big = try readBytes(utf16(transcript, bigEndian: true, byteOrderMark: true))
    #expect(big.text == transcript)
    #expect(
      big.notes == [
        "encoding: UTF-16 (big-endian) (from its byte order mark); converted to UTF-8, 6 characters outside ASCII"
      ])
  }

  @Test("UTF-16 without a byte order mark is found from its zero bytes, in either byte order")
  func utf16Detected() throws {
    let little = try readBytes(utf16(transcript, bigEndian: false, byteOrderMark: false))
    #expect(little.text == transcript)
    #expect(
      little.notes == [
        "encoding: UTF-16 (little-endian) (detected); converted to UTF-8, 6 characters outside ASCII; if any look wrong, give --encoding"
      ])
    let big = try readBytes(utf16(transcript, bigEndian: true, byteOrderMark: false))
    #expect(big.text == transcript)
    #expect(big.notes.first?.hasPrefix("encoding: UTF-16 (big-endian) (detected)") == true)
  }

  @Test("Windows-1252: curly quotes, the ellipsis (0x85) and accents become their characters, CRLF becomes LF")
  func windows1252() throws {
    // Ruth: It’s a café… “really”.␍␊Sam: Ça va?␍␊
    var bytes = Array("Ruth: It".utf8) + [0x92] + Array("s a caf".utf8) + [0xE9, 0x85, 0x20, 0x93]
    bytes += Array("really".utf8) + [0x94] + Array(".\r\nSam: ".utf8) + [0xC7] + Array("a va?\r\n".utf8)
    let read = try readBytes(Data(bytes))
    #expect(read.text == transcript)
    #expect(spokenWords(read) == expectedWords)
    #expect(
      read.notes == [
        "encoding: Windows-1252 (detected); converted to UTF-8, 6 characters outside ASCII; if any look wrong, give --encoding",
        "line ends: CRLF changed to LF",
      ])
  }

  @Test("Latin-1 is chosen when a byte Windows-1252 leaves undefined appears, and its NEL (0x85) ends a line")
  func latin1() throws {
    // 0x81 is no Windows-1252 character, so the file is Latin-1; 0x85 is then NEL.
    let bytes = Array("Ruth: caf".utf8) + [0xE9, 0x81, 0x85] + Array("Sam: Ja.".utf8) + [0x85]
    let read = try readBytes(Data(bytes))
    #expect(read.text == "Ruth: café\u{81}\nSam: Ja.\n")
    #expect(spokenWords(read) == ["café\u{81}", "Ja."])
    #expect(
      read.notes == [
        "encoding: Latin-1 (ISO 8859-1) (detected); converted to UTF-8, 4 characters outside ASCII; if any look wrong, give --encoding",
        "line ends: NEL changed to LF",
      ])
  }

  @Test("--encoding is obeyed over what the bytes suggest")
  func chosenEncoding() throws {
    // Valid UTF-8 ("é" is C3 A9) read as Latin-1 on purpose shows two characters.
    let read = try readBytes(Data("Ruth: café\n".utf8), encoding: "latin-1")
    #expect(read.text == "Ruth: cafÃ©\n")
    #expect(read.notes == ["encoding: Latin-1 (ISO 8859-1) (as asked); converted to UTF-8, 2 characters outside ASCII"])
    let wide = try readBytes(utf16("Ruth: Hi.\n", bigEndian: true, byteOrderMark: false), encoding: "UTF-16")
    #expect(wide.text == "Ruth: Hi.\n")
    #expect(wide.notes == ["encoding: UTF-16 (big-endian) (as asked); converted to UTF-8"])
  }

  @Test("lone CR and mixed line ends all become LF, and the note names each kind")
  func lineEnds() throws {
    let read = try readBytes(Data("Ruth: One.\rSam: Two.\r\nRuth: Three.\u{85}Sam: Four.\n".utf8))
    #expect(read.text == "Ruth: One.\nSam: Two.\nRuth: Three.\nSam: Four.\n")
    #expect(spokenWords(read) == ["One.", "Two.", "Three.", "Four."])
    #expect(read.notes == ["encoding: UTF-8 (detected)", "line ends: CRLF, CR, NEL changed to LF"])
  }

  @Test("characters whose UTF-8 holds the byte 0x85 (Å is C3 85) are not taken for NEL")
  func notNEL() throws {
    let read = try readBytes(Data("Ruth: Åse came.\r\nSam: Ok…\n".utf8))
    #expect(read.text == "Ruth: Åse came.\nSam: Ok…\n")
    #expect(read.notes == ["encoding: UTF-8 (detected)", "line ends: CRLF changed to LF"])
    let plain = try readBytes(Data("Ruth: Åse came.\n".utf8))
    #expect(plain.notes == ["encoding: UTF-8 (detected)"])
  }

  @Test("a byte Windows-1252 leaves undefined, when Windows-1252 is asked for, is refused with its line")
  func undefinedWindows1252Byte() {
    let bytes = Data(Array("Ruth: one\r\nSam: t".utf8) + [0x81] + Array("o\r\n".utf8))
    #expect(
      harkErrorDescription { _ = try readBytes(bytes, encoding: "cp1252") }
        == "t.txt:2: this line has the byte 0x81, which is no character in Windows-1252. If the file is Latin-1 (ISO 8859-1), give --encoding latin-1; otherwise save it again as UTF-8"
    )
  }

  @Test("UTF-16 with a lone surrogate is refused with its line")
  func brokenUTF16() {
    var bytes = utf16("Ruth: one\nSam: ", bigEndian: false, byteOrderMark: true)
    bytes.append(contentsOf: [0x00, 0xD8, 0x41, 0x00])
    #expect(
      harkErrorDescription { _ = try readBytes(bytes) }
        == "t.txt:2: this line is not valid UTF-16 (little-endian) text. Give the file's encoding with --encoding (utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1), or save it again as UTF-8"
    )
  }

  @Test("UTF-16 asked for on a file with an odd number of bytes is refused")
  func oddLengthUTF16() {
    #expect(
      harkErrorDescription { _ = try readBytes(Data("Ruth: Hey.\n".utf8), encoding: "utf-16le") }
        == "t.txt: the file is not valid UTF-16 (little-endian) text. Give the file's encoding with --encoding (utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1), or save it again as UTF-8"
    )
  }

  @Test("the names --encoding accepts, and one it does not")
  func encodingNames() {
    #expect(TextEncoding.named("UTF8") == .fixed(.utf8))
    #expect(TextEncoding.named("cp1252") == .fixed(.windows1252))
    #expect(TextEncoding.named("ISO-8859-1") == .fixed(.latin1))
    #expect(TextEncoding.named("utf-16le") == .fixed(.utf16LE))
    #expect(TextEncoding.named("utf-16") == .utf16)
    #expect(TextEncoding.named("ebcdic") == nil)
  }
}
