// The unit the scanner produces, and the hash every lexicon key is made with.

/// One word, emoticon, emoji or punctuation mark of a sentence: 24 bytes,
/// so a sentence's tokens sit in a few cache lines.
struct ScannedToken {
  enum Kind: UInt8 {
    /// Letters and digits, with inner apostrophes and hyphens ("don't", "well-being").
    case word
    /// An emoticon (":)", "<3") or an emoji.
    case symbol
    /// One punctuation mark; `mark` says which (curly quotes and dashes become "'" and "-").
    case punctuation
  }

  var start: Int32
  var end: Int32
  /// The hash of the lowercased token, as written (for an emoticon, of its canonical form).
  var key: UInt64
  /// The index of the lexicon's entry for this token, or -1; set by the scorer.
  var info: Int32 = -1
  var kind: Kind
  /// The punctuation mark for `.punctuation`; 0 otherwise.
  var mark: UInt8
  private var flags: UInt8

  private static let capitalsFlag: UInt8 = 1
  private static let hasSmallFlag: UInt8 = 2
  private static let endsNtFlag: UInt8 = 4
  private static let stretchedFlag: UInt8 = 8

  init(
    start: Int, end: Int, key: UInt64, kind: Kind, mark: UInt8 = 0, capitals: Bool = false,
    hasSmall: Bool = false, endsNt: Bool = false, stretched: Bool = false
  ) {
    self.start = Int32(truncatingIfNeeded: start)
    self.end = Int32(truncatingIfNeeded: end)
    self.key = key
    self.kind = kind
    self.mark = mark
    flags =
      (capitals ? Self.capitalsFlag : 0) | (hasSmall ? Self.hasSmallFlag : 0)
      | (endsNt ? Self.endsNtFlag : 0) | (stretched ? Self.stretchedFlag : 0)
  }

  /// At least two capital letters and no small ones ("AWFUL").
  var capitals: Bool { flags & Self.capitalsFlag != 0 }
  /// Has a small letter: a sentence without one is shouted throughout.
  var hasSmall: Bool { flags & Self.hasSmallFlag != 0 }
  /// Ends in "n't" ("didn't", "won’t"), so it negates what follows.
  var endsNt: Bool { flags & Self.endsNtFlag != 0 }
  /// A letter repeated three times or more, or an emoticon's mouth repeated
  /// ("sooo", ":)))"): written with emphasis.
  var stretched: Bool { flags & Self.stretchedFlag != 0 }
}

/// The hash every lexicon key is made with: FNV-1a over the lowercased bytes,
/// finished with an avalanche so the low bits index a table well.
enum WordHash {
  static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01B3

  @inline(__always)
  static func add(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* prime }

  @inline(__always)
  static func finish(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x = x &* 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x = x &* 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x == 0 ? 1 : x  // 0 marks an empty slot in the lexicon's table
  }

  /// The key of a phrase, from the keys of its words in order.
  @inline(__always)
  static func phrase(_ h: UInt64, then word: UInt64) -> UInt64 {
    finish((h ^ 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD ^ word)
  }
}
