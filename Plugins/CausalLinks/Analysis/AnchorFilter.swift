// The quick check before a passage is read: does it hold any word that some
// cue pattern needs? Most passages hold none, and this check looks at their
// bytes once, building no tokens and no strings.

struct AnchorFilter {
  private var slots: [UInt64]
  private var mask: Int
  /// When a needed word is not plain ASCII the check cannot lowercase it
  /// byte by byte, so every passage is read.
  let passesEverything: Bool

  init(words: [String]) {
    var size = 64
    while size < words.count * 4 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
    // Only words of ASCII letters, digits and inner apostrophes can be checked byte by byte.
    passesEverything = words.contains { word in
      word.utf8.contains { !($0 >= 97 && $0 <= 122 || $0 >= 48 && $0 <= 57 || $0 == 39) }
    }
    for word in words {
      var h = Self.start
      for byte in word.utf8 { h = Self.add(h, Self.lowered(byte)) }
      insert(Self.finish(h))
    }
  }

  private mutating func insert(_ key: UInt64) {
    var slot = Int(truncatingIfNeeded: key) & mask
    while slots[slot] != 0 && slots[slot] != key { slot = (slot + 1) & mask }
    slots[slot] = key
  }

  @inline(__always)
  private func contains(_ key: UInt64) -> Bool {
    var slot = Int(truncatingIfNeeded: key) & mask
    while true {
      let k = slots[slot]
      if k == key { return true }
      if k == 0 { return false }
      slot = (slot + 1) & mask
    }
  }

  private static let start: UInt64 = 0xCBF2_9CE4_8422_2325

  @inline(__always)
  private static func add(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

  @inline(__always)
  private static func finish(_ h: UInt64) -> UInt64 {
    var x = h ^ (h >> 31)
    x = x &* 0x9E37_79B9_7F4A_7C15
    x ^= x >> 29
    return x == 0 ? 1 : x
  }

  @inline(__always)
  private static func lowered(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

  /// Whether `range` of `bytes` holds one of the words. Words are runs of
  /// letters and digits with apostrophes between them (a curly ’ counts as
  /// '), as the tokenizer keeps them; anything else ends a word.
  func passes(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    if passesEverything { return true }
    return bytes.withUnsafeBufferPointer { buffer in
      var h = Self.start
      var length = 0
      var apostrophe = false
      var i = range.lowerBound
      let end = min(range.upperBound, buffer.count)
      while i < end {
        let b = buffer[i]
        var byte = b
        var step = 1
        let isWordByte: Bool
        if b >= 97 && b <= 122 || b >= 48 && b <= 57 {
          isWordByte = true
        } else if b >= 65 && b <= 90 {
          byte = b + 32
          isWordByte = true
        } else if b == 39 || b == 0xE2 && i + 2 < end && buffer[i + 1] == 0x80 && buffer[i + 2] == 0x99 {
          // An apostrophe belongs to the word only with letters on both sides.
          if length > 0 && !apostrophe {
            apostrophe = true
            i += b == 39 ? 1 : 3
            continue
          }
          isWordByte = false
          step = b == 39 ? 1 : 3
        } else {
          // Other bytes, other scripts included, end a word: a needed word is
          // plain ASCII, and a dash glued to it ("because—") must not hide it.
          isWordByte = false
        }
        if isWordByte {
          if apostrophe { h = Self.add(h, 39) }
          apostrophe = false
          h = Self.add(h, byte)
          length += 1
        } else if length > 0 {
          if contains(Self.finish(h)) { return true }
          h = Self.start
          length = 0
          apostrophe = false
        }
        i += step
      }
      return length > 0 && contains(Self.finish(h))
    }
  }
}
