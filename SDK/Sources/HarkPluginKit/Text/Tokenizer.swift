// Splits UTF-8 text into words, numbers and punctuation, keeping byte offsets
// so every token can be traced back to the exact passage a plugin quotes.
//
// Two bundled plugins read a sentence's bytes themselves to make no String
// per word: Values with a fast path of these same rules (ASCII and common
// typographic marks only; the app's `ValuesWordScannerTests` fails when the
// two split a text differently, so change a rule here and run it), Sentiment
// with rules of its own (emoticons, emoji, word shapes). Both hash words with
// `WordHasher`, so keys agree.

/// One word, number or punctuation mark of a text.
public struct Token: Sendable, Equatable {
  /// UTF-8 byte offsets into the text, half-open, on scalar boundaries.
  public var range: Range<Int>
  /// The token lowercased, with curly apostrophes (’ ʼ) made straight (').
  public var lower: String
  public var kind: Kind
  /// The hash of `lower`, for lexicon lookups in a `WordTable`.
  public var key: WordKey

  public enum Kind: Sendable {
    case word, number, punctuation
  }

  public init(range: Range<Int>, lower: String, kind: Kind) {
    self.init(range: range, lower: lower, kind: kind, key: WordKey(lower))
  }

  public init(range: Range<Int>, lower: String, kind: Kind, key: WordKey) {
    self.range = range
    self.lower = lower
    self.kind = kind
    self.key = key
  }
}

/// Splits text into tokens.
///
/// Words keep their inner apostrophes and hyphens ("don't", "well-being",
/// "covid-19"); letters of any script are word characters ("Zoë",
/// "dziękuję"). A number is digits with inner "." or "," ("3.5", "1,000").
/// Each punctuation mark is its own token. Emoji and other symbols are
/// skipped: they are neither words nor sentence structure.
public enum Tokenizer {
  public static func tokens(_ bytes: [UInt8], in range: Range<Int>) -> [Token] {
    let end = min(range.upperBound, bytes.count)
    var i = max(range.lowerBound, 0)
    var tokens: [Token] = []
    tokens.reserveCapacity(max(0, end - i) / 5)
    while i < end {
      let (kind, length) = ScalarClass.at(i, in: bytes, end: end)
      switch kind {
      case .letter, .digit:
        let (wordEnd, hasLetter) = scanWord(from: i, in: bytes, end: end)
        let (lower, key) = lowered(bytes, i..<wordEnd)
        tokens.append(Token(range: i..<wordEnd, lower: lower, kind: hasLetter ? .word : .number, key: key))
        i = wordEnd
      case .punctuation, .apostrophe, .hyphen:
        let (lower, key) = lowered(bytes, i..<(i + length))
        tokens.append(Token(range: i..<(i + length), lower: lower, kind: .punctuation, key: key))
        i += length
      case .space, .mark, .other:
        i += length
      }
    }
    return tokens
  }

  /// The end of the word or number starting at `start`, and whether it has a letter.
  private static func scanWord(from start: Int, in bytes: [UInt8], end: Int) -> (Int, Bool) {
    var j = start
    var hasLetter = false
    var previous = ScalarClass.Kind.other
    while j < end {
      let (kind, length) = ScalarClass.at(j, in: bytes, end: end)
      switch kind {
      case .letter:
        hasLetter = true
      case .digit, .mark:
        break
      case .apostrophe:
        // Only between letters: "don't" yes, "parents'" and "'cause" no.
        guard previous == .letter || previous == .mark, j + length < end,
          ScalarClass.at(j + length, in: bytes, end: end).0 == .letter
        else { return (j, hasLetter) }
      case .hyphen:
        guard j + length < end else { return (j, hasLetter) }
        let next = ScalarClass.at(j + length, in: bytes, end: end).0
        guard next == .letter || next == .digit else { return (j, hasLetter) }
      case .punctuation:
        // Decimal point or thousands separator inside a number: "3.5", "1,000".
        let byte = bytes[j]
        guard !hasLetter, byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","),
          previous == .digit,
          j + 1 < end, ScalarClass.at(j + 1, in: bytes, end: end).0 == .digit
        else { return (j, hasLetter) }
      case .space, .other:
        return (j, hasLetter)
      }
      previous = kind
      j += length
    }
    return (j, hasLetter)
  }

  /// The lowercased text of `range`, with curly apostrophes straightened, and its key.
  static func lowered(_ bytes: [UInt8], _ range: Range<Int>) -> (String, WordKey) {
    var ascii = true
    for b in bytes[range] where b >= 0x80 {
      ascii = false
      break
    }
    if ascii {
      var hasher = WordHasher()
      let lower = String(unsafeUninitializedCapacity: range.count) { buffer in
        var k = 0
        for b in bytes[range] {
          let lowered = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
          buffer[k] = lowered
          hasher.add(lowered)
          k += 1
        }
        return range.count
      }
      return (lower, hasher.key)
    }
    var lower = String(decoding: bytes[range], as: UTF8.self).lowercased()
    if lower.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{02BC}" }) {
      var scalars = String.UnicodeScalarView()
      for s in lower.unicodeScalars { scalars.append(s == "\u{2019}" || s == "\u{02BC}" ? "'" : s) }
      lower = String(scalars)
    }
    return (lower, WordKey(lower))
  }
}

/// What a Unicode scalar is to the tokenizer and sentence splitter.
enum ScalarClass {
  enum Kind: Equatable {
    case letter, digit, mark, apostrophe, hyphen, punctuation, space, other
  }

  /// The class of an ASCII byte. A plain switch rather than a lookup table
  /// held in a global array: the tokenizer runs on several threads in one
  /// process, and a branch costs less than retaining and releasing a global.
  @inline(__always)
  static func ascii(_ b: UInt8) -> Kind {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
    case 9...13, 32: return .space
    case UInt8(ascii: "'"): return .apostrophe
    case UInt8(ascii: "-"): return .hyphen
    // $ + < = > ^ ` | ~ are symbols: skipped like emoji.
    case UInt8(ascii: "!"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "&"),
      UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: ","), UInt8(ascii: "."),
      UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "@"),
      UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "_"), UInt8(ascii: "{"),
      UInt8(ascii: "}"):
      return .punctuation
    default: return .other
    }
  }

  /// The class and UTF-8 length of the scalar starting at byte `i`. A byte
  /// that does not start a valid scalar counts as a one-byte `.other`.
  @inline(__always)
  static func at(_ i: Int, in bytes: [UInt8], end: Int) -> (Kind, Int) {
    let b0 = bytes[i]
    if b0 < 0x80 { return (ascii(b0), 1) }
    guard let (value, length) = decode(i, in: bytes, end: end) else { return (.other, 1) }
    return (classify(value), length)
  }

  /// Decodes the scalar at byte `i`, or nil when the bytes are not valid UTF-8.
  static func decode(_ i: Int, in bytes: [UInt8], end: Int) -> (UInt32, Int)? {
    let b0 = UInt32(bytes[i])
    let length: Int
    var value: UInt32
    switch b0 {
    case 0xC2...0xDF:
      length = 2
      value = b0 & 0x1F
    case 0xE0...0xEF:
      length = 3
      value = b0 & 0x0F
    case 0xF0...0xF4:
      length = 4
      value = b0 & 0x07
    default: return nil
    }
    guard i + length <= end else { return nil }
    for k in 1..<length {
      let b = UInt32(bytes[i + k])
      guard b & 0xC0 == 0x80 else { return nil }
      value = value << 6 | (b & 0x3F)
    }
    return (value, length)
  }

  static func classify(_ value: UInt32) -> Kind {
    switch value {
    case 0x2019, 0x02BC: return .apostrophe
    case 0x2010, 0x2011: return .hyphen
    case 0x00A0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return .space
    default: break
    }
    guard let scalar = Unicode.Scalar(value) else { return .other }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return .letter
    case .decimalNumber: return .digit
    case .nonspacingMark, .spacingMark, .enclosingMark:
      // Variation selectors and emoji modifiers ride on emoji, not on letters.
      return value >= 0xFE00 && value <= 0xFE0F ? .other : .mark
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return .punctuation
    case .spaceSeparator, .lineSeparator, .paragraphSeparator: return .space
    default: return .other
    }
  }
}
