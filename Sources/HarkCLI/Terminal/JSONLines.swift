// JSON lines at the speed of the plugins: `hark plugins run` on 42,000 tweets
// writes some hundred thousand lines, which Foundation's sorted-key
// serialiser made two orders of magnitude slower than the plugin itself.
// Fields come out in the order given; text is copied as UTF-8 bytes (runs of
// bytes that need no escape in one copy) into one buffer written in blocks.
import Foundation

/// One JSON object per line, built in a byte buffer. Made with a file
/// descriptor, it writes itself out in blocks; made without one, it only
/// collects (a thread's share of the output, handed on with `take`).
struct JSONLineWriter {
  private var buffer: [UInt8] = []
  private var fieldCount = 0
  private let descriptor: Int32?
  private static let block = 1 << 20

  /// Writes to standard output.
  init() { self.init(descriptor: 1) }

  init(descriptor: Int32?) {
    self.descriptor = descriptor
    buffer.reserveCapacity(descriptor == nil ? 1 << 16 : Self.block + (1 << 16))
  }

  mutating func begin() {
    buffer.append(UInt8(ascii: "{"))
    fieldCount = 0
  }

  mutating func end() {
    buffer.append(UInt8(ascii: "}"))
    buffer.append(UInt8(ascii: "\n"))
    if descriptor != nil && buffer.count >= Self.block { flush() }
  }

  private mutating func key(_ name: StaticString) {
    if fieldCount > 0 { buffer.append(UInt8(ascii: ",")) }
    fieldCount += 1
    buffer.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { buffer.append(contentsOf: $0) }
    buffer.append(UInt8(ascii: "\""))
    buffer.append(UInt8(ascii: ":"))
  }

  mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    Self.appendString(value, to: &buffer)
  }

  /// A string field whose value is `text[start..<end]`, UTF-8 bytes.
  mutating func field(_ name: StaticString, _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
    key(name)
    Self.appendEscaped(UnsafeBufferPointer(rebasing: text[start..<end]), to: &buffer)
  }

  mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    Self.appendInteger(value, to: &buffer)
  }

  mutating func field(_ name: StaticString, _ value: Double) {
    key(name)
    // Swift prints the shortest text that reads back as the same double;
    // JSON has no NaN or infinity (the host refuses them before this).
    if value.isFinite {
      if value == value.rounded(), abs(value) < 1e15 {
        Self.appendInteger(Int(value), to: &buffer)
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

  /// Lines another writer collected, in order after these.
  mutating func append(lines: [UInt8]) {
    buffer.append(contentsOf: lines)
    if descriptor != nil && buffer.count >= Self.block { flush() }
  }

  /// What was collected so far; the writer starts empty again.
  mutating func take() -> [UInt8] {
    defer { buffer = [] }
    return buffer
  }

  mutating func flush() {
    guard let descriptor, !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { break }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  static func appendInteger(_ value: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of any Int
    var count = 0
    withUnsafeMutableBytes(of: &digits) { room in
      repeat {
        room[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      for i in stride(from: count - 1, through: 0, by: -1) { out.append(room[i]) }
    }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, the
  /// rest written as UTF-8.
  static func appendString(_ value: String, to out: inout [UInt8]) {
    var value = value
    value.withUTF8 { appendEscaped($0, to: &out) }
  }

  static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var run = 0
    for i in 0..<bytes.count {
      let byte = bytes[i]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
      run = i + 1
      // Two bytes, appended one by one: quotes are common (explanations quote
      // words), and a byte append costs less than a string's.
      out.append(UInt8(ascii: "\\"))
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
      case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
      case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
      case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
      default:
        func hex(_ nibble: UInt8) -> UInt8 {
          nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
        out.append(UInt8(ascii: "u"))
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: "0"))
        out.append(hex(byte >> 4))
        out.append(hex(byte & 0xF))
      }
    }
    if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
    out.append(UInt8(ascii: "\""))
  }
}

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
