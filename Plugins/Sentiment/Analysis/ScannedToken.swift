// The unit the scanner produces, and how a phrase's key is made from its
// words' keys (a word's key is the kit's `WordHasher`).

import HarkPluginKit

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

/// The key of a phrase grown one word at a time: the key of its first words,
/// then the next word's key. Incremental, unlike the kit's `WordKey(words:)`,
/// because the scorer extends a phrase only while some lexicon phrase still
/// starts with the words so far.
@inline(__always)
func phraseKey(_ h: UInt64, then word: UInt64) -> UInt64 {
  WordHasher.finish((h ^ 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD ^ word)
}
