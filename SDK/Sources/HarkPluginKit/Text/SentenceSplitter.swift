// Splits UTF-8 text into sentences, the passage unit most plugins quote.

/// Splits text into sentences.
///
/// A sentence ends at ". ! ? …" followed by white space (closing quotes and
/// brackets after the stop stay with the sentence) and at every line break.
/// Titles and Latin abbreviations ("Mr.", "Dr.", "e.g.", "i.e.") never end a
/// sentence; "etc." and "a.m." end one only when a capital follows; an
/// ellipsis followed by a lowercase word is a pause, not an end. Decimal
/// numbers and web addresses are safe because a stop must be followed by
/// white space. Ranges are trimmed of white space and never empty; a piece
/// with no letter, digit or symbol in it (a lone "..." or "-") is dropped.
public enum SentenceSplitter {
  public static func sentences(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
    let end = min(range.upperBound, bytes.count)
    var start = max(0, range.lowerBound)
    var sentences: [Range<Int>] = []
    var i = start
    while i < end {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
        append(start..<i, bytes, to: &sentences)
        i += 1
        start = i
        continue
      }
      guard let stopLength = terminatorLength(at: i, bytes, end) else {
        i += 1
        continue
      }
      var runEnd = i + stopLength
      var onlyDots = b == UInt8(ascii: ".") || stopLength == 3
      while runEnd < end, let more = terminatorLength(at: runEnd, bytes, end) {
        onlyDots = onlyDots && (bytes[runEnd] == UInt8(ascii: ".") || more == 3)
        runEnd += more
      }
      var after = runEnd
      while after < end, let closing = closingLength(at: after, bytes, end) { after += closing }
      let atBreak = after == end || spaceLength(at: after, bytes, end) != nil
      if atBreak && endsSentence(stop: i..<runEnd, onlyDots: onlyDots, next: after, bytes, end) {
        append(start..<after, bytes, to: &sentences)
        start = after
        i = after
      } else {
        i = runEnd
      }
    }
    append(start..<end, bytes, to: &sentences)
    return sentences
  }

  /// Abbreviations that never end a sentence: a name or example follows.
  private static let titles = WordSet([
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "rev", "sr", "jr", "e.g", "i.e", "eg", "ie", "cf",
    "vs",
    "approx", "ca", "fig",
  ])

  /// Abbreviations that end a sentence only when a capital letter follows.
  private static let trailingAbbreviations = WordSet(["etc", "a.m", "p.m", "am", "pm", "al"])

  private static func endsSentence(
    stop: Range<Int>, onlyDots: Bool, next: Int, _ bytes: [UInt8], _ end: Int
  )
    -> Bool
  {
    if stop.count == 1 && bytes[stop.lowerBound] == UInt8(ascii: ".") {
      let word = wordBefore(stop.lowerBound, bytes)
      if titles.contains(word) { return false }
      if trailingAbbreviations.contains(word) { return startsWithCapital(from: next, bytes, end) }
      return true
    }
    if onlyDots { return !startsWithLowercase(from: next, bytes, end) }
    return true
  }

  /// The key of the lowercased ASCII word (letters and inner dots) just
  /// before byte `i`; no String is made, since this runs at every full stop.
  private static func wordBefore(_ i: Int, _ bytes: [UInt8]) -> WordKey {
    var j = i
    while j > 0 {
      let b = bytes[j - 1] | 0x20
      guard (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || bytes[j - 1] == UInt8(ascii: ".")
      else { break }
      j -= 1
      if i - j > 8 { return WordKey("") }
    }
    var hasher = WordHasher()
    for k in j..<i {
      let b = bytes[k]
      hasher.add(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
    }
    return hasher.key
  }

  private static func firstScalar(from i: Int, _ bytes: [UInt8], _ end: Int) -> Unicode.Scalar? {
    var j = i
    while j < end, let space = spaceLength(at: j, bytes, end) { j += space }
    guard j < end else { return nil }
    if bytes[j] < 0x80 { return Unicode.Scalar(bytes[j]) }
    guard let (value, _) = ScalarClass.decode(j, in: bytes, end: end) else { return nil }
    return Unicode.Scalar(value)
  }

  private static func startsWithCapital(from i: Int, _ bytes: [UInt8], _ end: Int) -> Bool {
    guard let scalar = firstScalar(from: i, bytes, end) else { return true }
    return scalar.properties.isUppercase
  }

  private static func startsWithLowercase(from i: Int, _ bytes: [UInt8], _ end: Int) -> Bool {
    guard let scalar = firstScalar(from: i, bytes, end) else { return false }
    return scalar.properties.isLowercase
  }

  /// Length of ". ! ?" (1) or "…" (3) at `i`, else nil.
  private static func terminatorLength(at i: Int, _ bytes: [UInt8], _ end: Int) -> Int? {
    switch bytes[i] {
    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): return 1
    case 0xE2 where i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA6: return 3
    default: return nil
    }
  }

  /// Length of a closing quote or bracket at `i` (" ' ) ] ” ’ »), else nil.
  private static func closingLength(at i: Int, _ bytes: [UInt8], _ end: Int) -> Int? {
    switch bytes[i] {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"): return 1
    case 0xE2
    where i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x9D || bytes[i + 2] == 0x99):
      return 3
    case 0xC2 where i + 1 < end && bytes[i + 1] == 0xBB: return 2
    default: return nil
    }
  }

  /// Length of a white-space scalar at `i` (ASCII white space or a no-break space), else nil.
  private static func spaceLength(at i: Int, _ bytes: [UInt8], _ end: Int) -> Int? {
    switch bytes[i] {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
      return 1
    case 0xC2 where i + 1 < end && bytes[i + 1] == 0xA0: return 2
    default: return nil
    }
  }

  /// Trims `range` and appends it when something worth quoting is left.
  private static func append(
    _ range: Range<Int>, _ bytes: [UInt8], to sentences: inout [Range<Int>]
  ) {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, let blank = blankLength(at: lower, bytes, upper) { lower += blank }
    while upper > lower {
      var last = upper - 1
      while last > lower && bytes[last] & 0xC0 == 0x80 { last -= 1 }
      guard blankLength(at: last, bytes, upper) == upper - last else { break }
      upper = last
    }
    var i = lower
    while i < upper {
      let (kind, length) = ScalarClass.at(i, in: bytes, end: upper)
      if kind == .letter || kind == .digit || kind == .other {
        sentences.append(lower..<upper)
        return
      }
      i += length
    }
  }

  /// Length of a scalar at `i` that a sentence is trimmed of: white space,
  /// a byte-order mark or a zero-width space; else nil.
  private static func blankLength(at i: Int, _ bytes: [UInt8], _ end: Int) -> Int? {
    if let space = spaceLength(at: i, bytes, end) { return space }
    guard bytes[i] >= 0x80, let (value, length) = ScalarClass.decode(i, in: bytes, end: end) else {
      return nil
    }
    return value == 0xFEFF || value == 0x200B || ScalarClass.classify(value) == .space
      ? length : nil
  }
}
