// The store's offsets are code points; cutting UTF-8 text at them (a
// result's quote, a turn handed to a plugin) needs byte offsets.

/// Code point offsets into UTF-8 text turned back into byte offsets. ASCII
/// text (most of it) needs no table: the two are the same.
public struct TextOffsets {
  private let byteOfScalar: [Int32]?
  private let count: Int

  public init(_ text: [UInt8]) {
    count = text.count
    guard text.contains(where: { $0 >= 0x80 }) else {
      byteOfScalar = nil
      return
    }
    var table: [Int32] = []
    table.reserveCapacity(text.count + 1)
    for (i, byte) in text.enumerated() where byte & 0xC0 != 0x80 { table.append(Int32(i)) }
    table.append(Int32(text.count))
    byteOfScalar = table
  }

  /// The byte range of a code point range, clamped into the text.
  public func bytes(_ start: Int, _ end: Int) -> (Int, Int) {
    guard let table = byteOfScalar else {
      let from = min(max(start, 0), count)
      return (from, min(max(end, from), count))
    }
    func byte(_ scalar: Int) -> Int { Int(table[min(max(scalar, 0), table.count - 1)]) }
    let from = byte(start)
    return (from, max(byte(end), from))
  }
}
