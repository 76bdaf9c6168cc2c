// Emoticons read sideways (":)", ":'(", ";D"), backwards ("(:"), hearts
// ("<3") and upright faces ("^_^"), found in raw bytes by their shape.

import HarkPluginKit

extension WordScanner {
  static func isEyes(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ":") || b == UInt8(ascii: ";") || b == UInt8(ascii: "=")
  }

  /// Mouths of a western emoticon read sideways: ":)" ":(" ":D" ":P" ":/" …
  static func isMouth(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: ")"), UInt8(ascii: "("), UInt8(ascii: "]"), UInt8(ascii: "["),
      UInt8(ascii: "D"), UInt8(ascii: "d"), UInt8(ascii: "P"), UInt8(ascii: "p"), UInt8(ascii: "/"),
      UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "3"),
      UInt8(ascii: "O"), UInt8(ascii: "o"), UInt8(ascii: "S"), UInt8(ascii: "s"),
      UInt8(ascii: "@"), UInt8(ascii: "$"), UInt8(ascii: "}"), UInt8(ascii: "{"):
      return true
    default: return false
    }
  }

  /// Whether byte `i` ends an emoticon: white space, the end, or a stop or comma.
  static func closes(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
    guard i < end else { return true }
    let b = bytes[i]
    return b == UInt8(ascii: " ") || (b >= 9 && b <= 13) || b == UInt8(ascii: ".") || b == UInt8(ascii: ",")
      || b == UInt8(ascii: "!")
      || b == UInt8(ascii: "?")
  }

  /// The length of the emoticon starting at `i`, or nil.
  ///
  /// Recognised shapes: eyes, an optional nose or tear, and a mouth, the
  /// mouth possibly repeated (":)", ":-(", ":'(", ";D", ":)))", ">:("); the
  /// same backwards ("(:", "):"); hearts ("<3", "<333", "</3"); and faces
  /// read upright ("^_^", "-_-", "T_T" is a word and left to the lexicon).
  static func emoticon(
    _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, afterWord: Bool
  ) -> Int? {
    var j = i
    let first = bytes[i]
    if first == UInt8(ascii: "<") && !afterWord {
      j += 1
      if j < end && bytes[j] == UInt8(ascii: "/") { j += 1 }
      guard j < end, bytes[j] == UInt8(ascii: "3") else { return nil }
      while j < end && bytes[j] == UInt8(ascii: "3") { j += 1 }
      return closes(bytes, j, end) ? j - i : nil
    }
    if (first == UInt8(ascii: "^") || first == UInt8(ascii: "-")) && !afterWord {
      // "^_^", "^^", "-_-"
      if j + 2 < end && bytes[j + 1] == UInt8(ascii: "_") && bytes[j + 2] == first {
        return closes(bytes, j + 3, end) ? 3 : nil
      }
      if first == UInt8(ascii: "^") && j + 1 < end && bytes[j + 1] == first {
        return closes(bytes, j + 2, end) ? 2 : nil
      }
      return nil
    }
    if (first == UInt8(ascii: "(") || first == UInt8(ascii: ")")) && !afterWord {
      // Backwards: "(:", "(-:", "):".
      j += 1
      if j < end && bytes[j] == UInt8(ascii: "-") { j += 1 }
      guard j < end, isEyes(bytes[j]) else { return nil }
      j += 1
      return closes(bytes, j, end) ? j - i : nil
    }
    if first == UInt8(ascii: ">") && !afterWord { j += 1 }
    guard j < end, isEyes(bytes[j]) else { return nil }
    j += 1
    if j < end && (bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "'")) { j += 1 }
    guard j < end, isMouth(bytes[j]) else { return nil }
    let mouth = bytes[j]
    j += 1
    while j < end && bytes[j] == mouth { j += 1 }
    return closes(bytes, j, end) ? j - i : nil
  }

  /// An emoticon token, keyed by its canonical form: small letters, no "-"
  /// nose, one mouth however often it is repeated (":-)))" is ":)"); a
  /// repeated mouth counts as stretched, like "sooo".
  static func emoticonToken(
    _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int, _ classes: UnsafePointer<UInt8>
  ) -> ScannedToken {
    let small = classes + 256
    var h = WordHasher()
    var previous: UInt8 = 0
    var repeated = false
    for k in i..<(i + length) {
      let b = small[Int(bytes[k])]
      if b == UInt8(ascii: "-") && k > i && k < i + length - 1 { continue }
      if b == previous && k > i + 1 {
        repeated = true
        continue
      }
      previous = b
      h.add(b)
    }
    return ScannedToken(
      start: i, end: i + length, key: h.key.raw, kind: .symbol, stretched: repeated)
  }
}
