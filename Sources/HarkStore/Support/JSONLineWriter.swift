// JSON lines at the speed of the plugins: `hark plugins run` on 42,000 tweets
// writes some hundred thousand lines, which Foundation's sorted-key
// serialiser made two orders of magnitude slower than the plugin itself.
// Fields come out in the order given; text is copied as UTF-8 bytes (runs of
// bytes that need no escape in one copy) into one buffer written in blocks.
import Foundation

/// One JSON object per line, built in a byte buffer. Made with a file
/// descriptor, it writes itself out in blocks; made without one, it only
/// collects (a thread's share of the output, handed on with `take`).
public struct JSONLineWriter {
  private var buffer: [UInt8] = []
  private var fieldCount = 0
  private let descriptor: Int32?
  private static let block = 1 << 20

  /// Writes to standard output.
  public init() { self.init(descriptor: 1) }

  public init(descriptor: Int32?) {
    self.descriptor = descriptor
    buffer.reserveCapacity(descriptor == nil ? 1 << 16 : Self.block + (1 << 16))
  }

  public mutating func begin() {
    buffer.append(UInt8(ascii: "{"))
    fieldCount = 0
  }

  public mutating func end() {
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

  public mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    Self.appendString(value, to: &buffer)
  }

  /// A string field whose value is `text[start..<end]`, UTF-8 bytes.
  public mutating func field(_ name: StaticString, _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
    key(name)
    Self.appendEscaped(UnsafeBufferPointer(rebasing: text[start..<end]), to: &buffer)
  }

  public mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    Self.appendInteger(value, to: &buffer)
  }

  public mutating func field(_ name: StaticString, _ value: Double) {
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

  public mutating func null(_ name: StaticString) {
    key(name)
    buffer.append(contentsOf: "null".utf8)
  }

  /// Lines another writer collected, in order after these.
  public mutating func append(lines: [UInt8]) {
    buffer.append(contentsOf: lines)
    if descriptor != nil && buffer.count >= Self.block { flush() }
  }

  /// What was collected so far; the writer starts empty again.
  public mutating func take() -> [UInt8] {
    defer { buffer = [] }
    return buffer
  }

  public mutating func flush() {
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
