// Turns a file's bytes into the normalised text every reader works on: UTF-8 checked,
// BOM removed, LF line ends, Unicode NFC.
import Foundation

package enum TranscriptText {
  /// Decodes and normalises `data`, or explains why it is not a UTF-8 text file.
  static func decode(_ data: Data, name: String) throws -> String {
    guard data.count <= TranscriptReader.maximumFileSize else {
      throw ImportProblem.tooLarge(name, size: data.count)
    }
    guard !data.isEmpty else { throw ImportProblem.empty(name) }
    let text = try data.withUnsafeBytes { raw in
      try decode(raw.bindMemory(to: UInt8.self), name: name)
    }
    guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
      throw ImportProblem.blank(name)
    }
    return text
  }

  /// Decodes a transcript in the encoding chosen or found (see `TextDecoding`), with LF line
  /// ends (CRLF, lone CR and NEL changed) and NFC, and says what was assumed and converted.
  static func decodeTranscript(_ data: Data, name: String, encoding: TextEncodingChoice?) throws
    -> (text: String, notes: [String])
  {
    guard data.count <= TranscriptReader.maximumFileSize else {
      throw ImportProblem.tooLarge(name, size: data.count)
    }
    guard !data.isEmpty else { throw ImportProblem.empty(name) }
    if encoding == nil, data.count >= 4, data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      throw ImportProblem.zipAsText(name)
    }
    let decoded = try data.withUnsafeBytes { raw in
      try TextDecoding.decode(raw.bindMemory(to: UInt8.self), name: name, choice: encoding)
    }
    var text = decoded.text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    let lineEnds = LineEnds.normalise(&text)
    guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
      throw ImportProblem.blank(name)
    }
    if mayNeedNFC(text) { text = text.precomposedStringWithCanonicalMapping }
    return (text, [ReadNotes.encoding(decoded)] + (lineEnds.map { [ReadNotes.lineEnds($0)] } ?? []))
  }

  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws -> String {
    if bytes.count >= 2,
      (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)
    {
      throw ImportProblem.utf16(name)
    }
    if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 {
      throw ImportProblem.zipAsText(name)
    }
    if bytes.contains(0) { throw ImportProblem.binary(name) }
    var body = UnsafeBufferPointer(rebasing: bytes[...])
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      body = UnsafeBufferPointer(rebasing: bytes[3...])
    }
    let lineEndsChanged = body.contains(0x0D)
    let text =
      lineEndsChanged
      ? String(decoding: withLFLineEnds(body), as: UTF8.self)
      : String(decoding: body, as: UTF8.self)
    // Decoding replaces invalid bytes with U+FFFD (EF BF BD), so only text holding an EF byte
    // can hide one; the slow scan then tells a real U+FFFD from a repair.
    if text.utf8.contains(0xEF), let line = TextDecoding.lineOfFirstInvalidUTF8(bytes) {
      throw ImportProblem.invalidUTF8(name, line: line)
    }
    return mayNeedNFC(text) ? text.precomposedStringWithCanonicalMapping : text
  }

  /// Normalises text that is already decoded (from XML, say): no BOM, LF line ends (CRLF,
  /// CR and NEL changed), NFC.
  static func normalise(_ text: String) -> String {
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    _ = LineEnds.normalise(&text)
    return mayNeedNFC(text) ? text.precomposedStringWithCanonicalMapping : text
  }

  /// False when every scalar is one that NFC leaves alone wherever it stands: Latin letters
  /// with and without accents, general punctuation, currency signs, symbols and emoji. The
  /// Foundation round trip costs far more than this scan, and most transcripts pass it.
  package static func mayNeedNFC(_ text: String) -> Bool {
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0..<0x300, 0x200B...0x206F, 0x20A0...0x20C0, 0x2600...0x27BF, 0xFE00...0xFE0F,
        0x1F000...0x1FAFF:
        continue
      default:
        return true
      }
    }
    return false
  }

  /// CRLF and lone CR become LF.
  private static func withLFLineEnds<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var afterCR = false
    for byte in bytes {
      if byte == 0x0D {
        result.append(0x0A)
        afterCR = true
      } else {
        if !(byte == 0x0A && afterCR) { result.append(byte) }
        afterCR = false
      }
    }
    return result
  }
}
