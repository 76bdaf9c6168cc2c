// The Values plugin's word scanner held to the kit's tokenizer. The scanner
// is a fast path of the tokenizer's rules (ASCII and the common typographic
// marks), written apart from it so it makes no token and no String per word;
// this suite is what keeps the two in step: the same words, with the same
// keys, breaks, shapes and names, on real transcripts and on awkward cases.
import Foundation
import HarkPluginKit
import Testing

@testable import HarkValues

@Suite("Values word scanner against the kit's tokenizer")
struct ValuesWordScannerTests {
  /// The scalars beyond ASCII the scanner reads itself: curly quotes and
  /// apostrophes, dashes, the ellipsis, the no-break space and the modifier
  /// apostrophe. A sentence with any other goes to the tokenizer.
  static let scannerMarks: Set<Unicode.Scalar> = [
    "\u{2019}", "\u{2018}", "\u{201C}", "\u{201D}", "\u{2013}", "\u{2014}", "\u{2026}", "\u{00A0}", "\u{02BC}",
  ]

  /// The development transcripts of the sample corpus (the gold `tuning`
  /// split), read as raw bytes: time stamps, cue numbers and markup included.
  static let transcripts = [
    "amina-mental-health.txt", "dave-recovery.md", "marcus-homelessness-zoom.vtt", "priya-frontline-staff.srt",
  ]

  /// Words that split awkwardly: apostrophes straight and curly, "n't",
  /// hyphens, numbers, symbols, typographic marks, capitals and names, and
  /// text the scanner must hand over (letters and symbols beyond its marks).
  static let edgeCases = [
    "I didn't, won't, can't've and wouldn't. DON'T! don\u{2019}t mark\u{02BC}s n't 'n' y'all rock'n'roll",
    "o'clock, the '90s and the 90's; parents' views 'cause James'' it's- a' 'a a'-b a-'b '' ' '-'",
    "well-being -well well- covid-19 19-covid A- x--y mother-in-law's e-mail 9- -9 x-9-y",
    "1.5 1,000,000 1. .5 3.5.2 a.b 3.a a3.5 10:30am 24/7 $5 100% #1 e.g. U.S. 3,a 4,,5",
    "\u{201C}Quoted,\u{201D} she said. \u{2018}Single\u{2019} \u{2013} dash \u{2014} wait\u{2026} no\u{00A0}break",
    "<b>bold</b> a_b snake_case x+y=z back\\slash under~tilde `tick` a|b ^caret @handle [1] {x} (y)",
    "\ttabbed word\r\nnew line   multiple   spaces\u{000B}vertical\u{000C}feed",
    "I'm I I'd. The chemist Judges said the NHS helped. THE BIG HEADING OF SIX WORDS",
    "Girls' Friendly Society. McDonald O'Neill-Smith iPhone X-ray 3D 2nd",
    "Zo\u{00EB} went to the caf\u{00E9} \u{1F600} \u{00A3}5 na\u{00EF}ve dzi\u{0119}kuj\u{0119}",
  ]

  /// One sentence through both paths, against one index: the scanner's words
  /// as written to `SentenceWords`, then the tokenizer's as the plugin reads
  /// them when the scanner hands a sentence over.
  struct Comparison {
    var scanned: Bool
    var fast: SentenceWords
    var tokens: SentenceWords
    /// The lowercased words by the numbers each path gave them.
    var fastWords: [String]
    var tokenWords: [String]
  }

  static func compare(_ bytes: [UInt8], _ sentence: Range<Int>, _ index: inout TermIndex) -> Comparison {
    bytes.withUnsafeBufferPointer { buffer in
      var fast = SentenceWords()
      let scanned = WordScanner.scan(buffer, sentence, &index, into: &fast)
      let fastWords = fast.words.map { index.lowers[Int($0)] }
      var tokens = SentenceWords()
      tokens.read(Tokenizer.tokens(bytes, in: sentence), buffer, &index)
      let tokenWords = tokens.words.map { index.lowers[Int($0)] }
      return Comparison(scanned: scanned, fast: fast, tokens: tokens, fastWords: fastWords, tokenWords: tokenWords)
    }
  }

  /// Whether the text holds a scalar the scanner leaves to the tokenizer.
  static func needsTokenizer(_ text: Substring.UnicodeScalarView) -> Bool {
    text.contains { !$0.isASCII && !scannerMarks.contains($0) }
  }

  static func index() throws -> TermIndex {
    TermIndex(codebook: try ValueCodebook.parse(ValuesPlugin.defaultCodebook, file: "the default codebook"))
  }

  /// Checks every range of `ranges` in `bytes`: a sentence the scanner can
  /// read must give what the tokenizer gives, word for word; the scanner
  /// must hand over exactly the sentences with a scalar it does not know.
  /// Returns how many sentences took the fast path. Stops at the first
  /// difference: one sentence is enough to find the rule that differs.
  static func check(_ bytes: [UInt8], _ ranges: [Range<Int>], _ index: inout TermIndex, source: String) -> Int {
    var fastCount = 0
    for range in ranges {
      let text = String(decoding: bytes[range], as: UTF8.self)
      let result = compare(bytes, range, &index)
      guard result.scanned == !needsTokenizer(Substring(text).unicodeScalars) else {
        Issue.record("\(source): \(text.debugDescription): the scanner \(result.scanned ? "read" : "handed over") it")
        return fastCount
      }
      guard result.scanned else { continue }
      fastCount += 1
      guard result.fastWords == result.tokenWords, result.fast == result.tokens else {
        let scanner = "the scanner read \(result.fastWords) \(result.fast)"
        let tokenizer = "the tokenizer \(result.tokenWords) \(result.tokens)"
        Issue.record("\(source): \(text.debugDescription): \(scanner), \(tokenizer)")
        return fastCount
      }
    }
    return fastCount
  }

  @Test("the sample corpus's development transcripts: every sentence splits into the tokenizer's words")
  func transcriptsSplitAlike() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("corpora/transcripts")
    var index = try Self.index()
    for name in Self.transcripts {
      let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent(name)))
      let sentences = SentenceSplitter.sentences(bytes, in: 0..<bytes.count)
      let fast = Self.check(bytes, sentences, &index, source: name)
      // Transcripts are mostly plain text: nearly every sentence is the scanner's to read.
      #expect(fast * 10 >= sentences.count * 9, "\(name): \(fast) of \(sentences.count) sentences on the fast path")
    }
  }

  @Test("awkward words split alike for every range of each case, so word ends at a range's edge are held too")
  func edgeCasesSplitAlike() throws {
    var index = try Self.index()
    for text in Self.edgeCases {
      let bytes = Array(text.utf8)
      // Every range that starts and ends on a scalar boundary.
      var bounds: [Int] = []
      var offset = 0
      for scalar in text.unicodeScalars {
        bounds.append(offset)
        offset += UTF8.width(scalar)
      }
      bounds.append(offset)
      var ranges: [Range<Int>] = []
      for (k, start) in bounds.enumerated() {
        for end in bounds[(k + 1)...] { ranges.append(start..<end) }
      }
      let fast = Self.check(bytes, ranges, &index, source: "edge case")
      // All but the last case are the scanner's to read, every range of them.
      if !Self.needsTokenizer(Substring(text).unicodeScalars) { #expect(fast == ranges.count, "\(text)") }
    }
  }

  @Test("a sentence with a letter beyond the scanner's marks goes to the tokenizer")
  func handsOverOtherScripts() throws {
    var index = try Self.index()
    let bytes = Array("Zo\u{00EB} helped me".utf8)
    let result = Self.compare(bytes, 0..<bytes.count, &index)
    #expect(!result.scanned)
    #expect(result.tokenWords == ["zo\u{00EB}", "helped", "me"])
  }

  @Test("curly and modifier apostrophes are straightened on both paths: one word, one key")
  func apostrophesStraightened() throws {
    var index = try Self.index()
    let bytes = Array("don't don\u{2019}t don\u{02BC}t".utf8)
    let result = Self.compare(bytes, 0..<bytes.count, &index)
    #expect(result.scanned)
    #expect(result.fastWords == ["don't", "don't", "don't"])
    #expect(Set(result.fast.words).count == 1)
    #expect(result.fast == result.tokens)
  }
}
