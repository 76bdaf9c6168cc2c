// JSON lines at the speed of the plugins: `hark plugins run` on 42,000 tweets
// writes some hundred thousand lines, which Foundation's sorted-key
// serialiser made two orders of magnitude slower than the plugin itself.
// Fields come out in the order given; output is buffered and written in blocks.
import Foundation

/// Writes one JSON object per line to standard output, buffered.
struct JSONLineWriter {
  private var buffer: [UInt8] = []
  private var fieldCount = 0

  init() { buffer.reserveCapacity(1 << 16) }

  mutating func begin() {
    buffer.append(UInt8(ascii: "{"))
    fieldCount = 0
  }

  mutating func end() {
    buffer.append(contentsOf: "}\n".utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  private mutating func key(_ name: StaticString) {
    if fieldCount > 0 { buffer.append(UInt8(ascii: ",")) }
    fieldCount += 1
    buffer.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { buffer.append(contentsOf: $0) }
    buffer.append(contentsOf: "\":".utf8)
  }

  mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    Self.appendString(value, to: &buffer)
  }

  mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    buffer.append(contentsOf: String(value).utf8)
  }

  mutating func field(_ name: StaticString, _ value: Double) {
    key(name)
    // Swift prints the shortest text that reads back as the same double;
    // JSON has no NaN or infinity (the host refuses them before this).
    if value.isFinite {
      if value == value.rounded(), abs(value) < 1e15 {
        buffer.append(contentsOf: String(Int64(value)).utf8)
      } else {
        buffer.append(contentsOf: value.description.utf8)
      }
    } else {
      buffer.append(contentsOf: "null".utf8)
    }
  }

  mutating func null(_ name: StaticString) {
    key(name)
    buffer.append(contentsOf: "null".utf8)
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(1, raw.baseAddress! + offset, raw.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// A JSON string: quotes, backslashes and control characters escaped, the
  /// rest written as UTF-8.
  static func appendString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

/// Reads the `id` and `text` of one input line `{"id": …, "text": …}`
/// without building a whole JSON tree; other keys are skipped. Nil when the
/// line is not such an object.
enum JSONLineReader {
  static func document(_ line: Substring) -> (id: String?, text: String)? {
    var scanner = Scanner(bytes: Array(line.utf8))
    guard scanner.skipSpace(), scanner.take(UInt8(ascii: "{")) else { return nil }
    var id: String?
    var text: String?
    if scanner.skipSpace(), scanner.take(UInt8(ascii: "}")) { return nil }
    while true {
      guard scanner.skipSpace(), let key = scanner.string(), scanner.skipSpace(), scanner.take(UInt8(ascii: ":")),
        scanner.skipSpace()
      else { return nil }
      switch key {
      case "text":
        guard let value = scanner.string() else { return nil }
        text = value
      case "id":
        if let value = scanner.string() {
          id = value
        } else if let number = scanner.number() {
          id = number
        } else {
          return nil
        }
      default: guard scanner.skipValue() else { return nil }
      }
      guard scanner.skipSpace() else { return nil }
      if scanner.take(UInt8(ascii: ",")) { continue }
      guard scanner.take(UInt8(ascii: "}")), scanner.skipSpace(), scanner.atEnd, let text else { return nil }
      return (id, text)
    }
  }

  struct Scanner {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    /// Always true, so it can sit in a `guard` chain.
    mutating func skipSpace() -> Bool {
      while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
      return true
    }

    mutating func take(_ byte: UInt8) -> Bool {
      guard position < bytes.count, bytes[position] == byte else { return false }
      position += 1
      return true
    }

    mutating func number() -> String? {
      let start = position
      while position < bytes.count, "-+.eE0123456789".utf8.contains(bytes[position]) { position += 1 }
      return position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
    }

    mutating func string() -> String? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      var out: [UInt8] = []
      var pendingHigh: UInt32?
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: "\"") {
          if pendingHigh != nil { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
          return String(decoding: out, as: UTF8.self)
        }
        guard byte == UInt8(ascii: "\\") else {
          if pendingHigh != nil {
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            pendingHigh = nil
          }
          out.append(byte)
          continue
        }
        guard position < bytes.count else { return nil }
        let escape = bytes[position]
        position += 1
        if escape == UInt8(ascii: "u") {
          guard position + 4 <= bytes.count,
            let unit = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
          else { return nil }
          position += 4
          // A surrogate pair (an emoji written as \ud83c\udf31) makes one scalar.
          if (0xD800..<0xDC00).contains(unit) {
            pendingHigh = unit
            continue
          }
          var scalarValue = unit
          if (0xDC00..<0xE000).contains(unit), let high = pendingHigh {
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
          }
          pendingHigh = nil
          let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(scalar).utf8))
          continue
        }
        if pendingHigh != nil {
          out.append(contentsOf: [0xEF, 0xBF, 0xBD])
          pendingHigh = nil
        }
        switch escape {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        default: return nil
        }
      }
      return nil
    }

    /// Skips any JSON value (string, number, literal, array, object).
    mutating func skipValue() -> Bool {
      guard position < bytes.count else { return false }
      switch bytes[position] {
      case UInt8(ascii: "\""): return string() != nil
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        var depth = 0
        while position < bytes.count {
          let byte = bytes[position]
          if byte == UInt8(ascii: "\"") {
            guard string() != nil else { return false }
            continue
          }
          if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
          if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
          position += 1
          if depth == 0 { return true }
        }
        return false
      default:
        let start = position
        while position < bytes.count, !",}] \t\r\n".utf8.contains(bytes[position]) { position += 1 }
        return position > start
      }
    }
  }
}
