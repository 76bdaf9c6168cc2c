// Which character encoding a transcript file is in: chosen by the user or found from its
// bytes. Real transcripts arrive as UTF-8, UTF-16 from Windows tools, and Windows-1252 or
// Latin-1 from older word processors; all are read, and the import says which it assumed.
import Foundation

/// The text encodings Hark reads transcripts in.
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case windows1252 = "windows-1252"
  case latin1 = "latin-1"

  /// The encoding a user named: the names above, plus common spellings ("UTF8", "cp1252",
  /// "ISO-8859-1"); "utf-16" means either byte order, found from the file.
  public static func named(_ name: String) -> TextEncodingChoice? {
    let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
    switch key {
    case "utf-8", "utf8": return .fixed(.utf8)
    case "utf-16", "utf16": return .utf16
    case "utf-16le", "utf16le", "utf-16-le": return .fixed(.utf16LE)
    case "utf-16be", "utf16be", "utf-16-be": return .fixed(.utf16BE)
    case "windows-1252", "cp1252", "win-1252", "windows1252", "ansi": return .fixed(.windows1252)
    case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1": return .fixed(.latin1)
    default: return nil
    }
  }

  /// The names `--encoding` accepts, for help and error text.
  public static let acceptedNames = "utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1"

  /// How the encoding is named to users.
  public var displayName: String {
    switch self {
    case .utf8: return "UTF-8"
    case .utf16LE: return "UTF-16 (little-endian)"
    case .utf16BE: return "UTF-16 (big-endian)"
    case .windows1252: return "Windows-1252"
    case .latin1: return "Latin-1 (ISO 8859-1)"
    }
  }
}

/// What the user asked for with `--encoding`.
public enum TextEncodingChoice: Sendable, Equatable {
  case fixed(TextEncoding)
  /// UTF-16 in the byte order the file shows (its byte order mark, else its zero bytes).
  case utf16
}

/// Bytes decoded to a String, with what was assumed to do it.
struct DecodedBytes {
  var text: String
  var encoding: TextEncoding
  /// True when the encoding was found from the bytes rather than given by the user.
  var detected: Bool
  var hadByteOrderMark: Bool
  /// Characters outside ASCII that came from a legacy or UTF-16 encoding, for the note.
  var convertedCharacters: Int
}

enum TextDecoding {
  /// Decodes `bytes` in the chosen encoding, or in the one the bytes show: a byte order mark,
  /// then valid UTF-8, then UTF-16 by its zero bytes, then Windows-1252 (or Latin-1 when a
  /// byte Windows-1252 leaves undefined appears). Errors name the line of the first bad byte.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, name: String, choice: TextEncodingChoice?)
    throws -> DecodedBytes
  {
    let bom = byteOrderMark(bytes)
    var encoding: TextEncoding
    let detected: Bool
    switch choice {
    case .fixed(let chosen):
      encoding = chosen
      detected = false
    case .utf16:
      if let bom, bom != .utf8 {
        encoding = bom
      } else {
        encoding = utf16ByteOrder(bytes) ?? .utf16LE
      }
      detected = false
    case nil:
      detected = true
      if let bom {
        encoding = bom
      } else if isValidUTF8(bytes) {
        encoding = .utf8
      } else if let order = utf16ByteOrder(bytes) {
        encoding = order
      } else {
        encoding =
          bytes.contains(where: { LegacyCodePage.undefinedInWindows1252.contains($0) }) ? .latin1 : .windows1252
      }
    }
    let markLength: Int
    switch (bom, encoding) {
    case (.utf8?, .utf8): markLength = 3
    case (.utf16LE?, .utf16LE), (.utf16BE?, .utf16BE): markLength = 2
    default: markLength = 0
    }
    let body = UnsafeBufferPointer(rebasing: bytes[markLength...])
    if encoding == .utf8 || encoding == .windows1252 || encoding == .latin1, body.contains(0) {
      throw ImportProblem.binary(name)
    }
    let text: String
    var converted = 0
    switch encoding {
    case .utf8:
      guard let valid = String(validating: body, as: UTF8.self) else {
        throw ImportProblem.invalidUTF8(name, line: lineOfFirstInvalidUTF8(body) ?? 1)
      }
      text = valid
    case .utf16LE, .utf16BE:
      (text, converted) = try decodeUTF16(body, bigEndian: encoding == .utf16BE, name: name)
    case .windows1252, .latin1:
      (text, converted) = try LegacyCodePage.decode(body, windows1252: encoding == .windows1252, name: name)
    }
    return DecodedBytes(
      text: text, encoding: encoding, detected: detected, hadByteOrderMark: markLength > 0,
      convertedCharacters: converted)
  }

  private static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8 }
    if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LE }
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BE }
    return nil
  }

  /// UTF-16 without a byte order mark shows itself by zero bytes: text that is mostly ASCII
  /// has a zero in every other byte, at odd offsets in little-endian and even in big-endian.
  /// Half the pairs in the first 4 KiB must show it, and the other side almost none.
  private static func utf16ByteOrder(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
    guard bytes.count >= 2, bytes.count % 2 == 0 else { return nil }
    let pairs = min(bytes.count, 4096) / 2
    var zeroHigh = 0
    var zeroLow = 0
    for pair in 0..<pairs {
      if bytes[2 * pair] == 0 { zeroLow += 1 }
      if bytes[2 * pair + 1] == 0 { zeroHigh += 1 }
    }
    if zeroHigh * 2 >= pairs, zeroLow * 10 <= pairs { return .utf16LE }
    if zeroLow * 2 >= pairs, zeroHigh * 10 <= pairs { return .utf16BE }
    return nil
  }

  /// The standard library's check, much faster than walking the scalars ourselves.
  private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
  }

  private static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, name: String) throws
    -> (String, Int)
  {
    guard bytes.count % 2 == 0 else {
      throw ImportProblem.invalidText(name, line: nil, encoding: bigEndian ? .utf16BE : .utf16LE)
    }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = 0
    while index < bytes.count {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    var parser = Unicode.UTF16.ForwardParser()
    var iterator = units.makeIterator()
    var scalars = String.UnicodeScalarView()
    var line = 1
    var converted = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF16.decode(encoded)
        if scalar == "\n" { line += 1 }
        if scalar == "\0" { throw ImportProblem.binary(name) }
        if !scalar.isASCII { converted += 1 }
        scalars.append(scalar)
      case .error:
        throw ImportProblem.invalidText(name, line: line, encoding: bigEndian ? .utf16BE : .utf16LE)
      case .emptyInput:
        return (String(scalars), converted)
      }
    }
  }

  static func lineOfFirstInvalidUTF8InArray(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { lineOfFirstInvalidUTF8($0) }
  }

  /// The 1-based line (LF, CRLF or lone CR ends a line) holding the first byte that is not
  /// UTF-8, or nil when every byte is.
  static func lineOfFirstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var line = 1
    var previousWasCR = false
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let byte = encoded.first
        if byte == 0x0A {
          if !previousWasCR { line += 1 }
        } else if byte == 0x0D {
          line += 1
        }
        previousWasCR = byte == 0x0D
      case .error:
        return line
      case .emptyInput:
        return nil
      }
    }
  }
}
