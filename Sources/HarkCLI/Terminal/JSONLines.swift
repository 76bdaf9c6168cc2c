// Reading `hark plugins run`'s JSON-lines input without a JSON tree; the
// output side is `JSONLineWriter` (HarkStore), beside the results it writes.

/// Reads the `id` and `text` of one input line `{"id": …, "text": …}`
/// without building a whole JSON tree; other keys are skipped. Nil when the
/// line is not such an object. The text comes back as UTF-8 bytes.
enum JSONLineReader {
  static func document(_ line: UnsafeBufferPointer<UInt8>) -> (id: String?, text: [UInt8])? {
    var scanner = Scanner(bytes: line)
    guard scanner.skipSpace(), scanner.take(UInt8(ascii: "{")) else { return nil }
    var id: String?
    var text: [UInt8]?
    if scanner.skipSpace(), scanner.take(UInt8(ascii: "}")) { return nil }
    while true {
      guard scanner.skipSpace(), let key = scanner.string(), scanner.skipSpace(), scanner.take(UInt8(ascii: ":")),
        scanner.skipSpace()
      else { return nil }
      switch key {
      case [UInt8]("text".utf8):
        guard let value = scanner.string() else { return nil }
        text = value
      case [UInt8]("id".utf8):
        if let value = scanner.string() {
          id = String(decoding: value, as: UTF8.self)
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
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    /// Always true, so it can sit in a `guard` chain.
    mutating func skipSpace() -> Bool {
      while position < bytes.count {
        switch bytes[position] {
        case 0x20, 0x09, 0x0A, 0x0D: position += 1
        default: return true
        }
      }
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
      return position > start
        ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) : nil
    }

    /// A JSON string's UTF-8 bytes, escapes read.
    mutating func string() -> [UInt8]? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      // Most strings have no escape: one copy.
      var end = position
      while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
      guard end < bytes.count else { return nil }
      var out = Array(UnsafeBufferPointer(rebasing: bytes[position..<end]))
      position = end
      var pendingHigh: UInt32?
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: "\"") {
          if pendingHigh != nil { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
          return out
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
            let unit = UInt32(
              String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self),
              radix: 16)
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
