// Reading what a plugin hands over without trusting its shape: structs as
// long as their own struct_size says (older and newer ABI minors), strings
// up to a bound, with a missing NUL and invalid UTF-8 told apart.
#if canImport(Glibc)
  import Glibc
#endif

enum CStruct {
  /// The struct at `pointer`, reading only its first `claimed` bytes: fields
  /// this host knows but the other side's (older) struct lacks are zero, and
  /// fields of a newer struct past this host's are never read.
  static func read<T>(_ pointer: UnsafeRawPointer, claimed: Int, as type: T.Type) -> T {
    let size = MemoryLayout<T>.size
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<T>.alignment)
    defer { buffer.deallocate() }
    buffer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    buffer.copyMemory(from: pointer, byteCount: min(max(claimed, 0), size))
    return buffer.load(as: T.self)
  }

  /// What a C string turned out to be.
  enum Text: Equatable {
    case text(String)
    /// No NUL within the limit.
    case unterminated
    /// Not UTF-8 from byte `offset` on; `before` is the valid text before it (at most 40 bytes).
    case invalid(offset: Int, before: String)
  }

  /// Reads a NUL-terminated string of at most `limit` bytes.
  static func string(_ pointer: UnsafePointer<CChar>, limit: Int) -> Text {
    let length = strnlen(pointer, limit)
    if length == limit { return .unterminated }
    let bytes = UnsafeBufferPointer(
      start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
    return decode(bytes)
  }

  /// Decodes UTF-8 bytes, or says where they stop being UTF-8.
  static func decode(_ bytes: some Collection<UInt8>) -> Text {
    if let s = String(validating: bytes, as: UTF8.self) { return .text(s) }
    let offset = firstInvalidUTF8(Array(bytes)) ?? 0
    var before = Array(bytes.prefix(offset).suffix(40))
    // Never start the excerpt inside a character.
    while let first = before.first, first & 0xC0 == 0x80 { before.removeFirst() }
    return .invalid(offset: offset, before: String(decoding: before, as: UTF8.self))
  }

  /// The offset of the first byte that does not begin a valid UTF-8 sequence.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return i
      }
      guard i + length <= bytes.count else { return i }
      for k in 1..<length {
        let c = bytes[i + k]
        let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
        if c < lo || c > hi { return i }
      }
      i += length
    }
    return nil
  }
}
