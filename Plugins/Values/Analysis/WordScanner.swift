// Reads the words of a sentence straight from its bytes, splitting them as
// the shared tokenizer does, but making no tokens and no strings: each word
// becomes the number of its cached facts. Sentences with characters it does
// not know are left to the tokenizer.
//
// A fast path of the tokenizer's rules, kept here rather than in the kit: it
// knows only ASCII and the common typographic marks (whatever else a sentence
// holds sends the whole sentence to `Tokenizer`), and its output is this
// plugin's word numbers, not tokens. The rules are written twice, so
// `ValuesWordScannerTests` holds the two paths to the same words, keys,
// breaks, shapes and names on the sample corpus and on awkward cases
// (apostrophes, "n't", hyphens, curly quotes, numbers, every cut of a word at
// a range's edge): change a rule in `Tokenizer` and that suite says where this
// file must follow. Word keys are the kit's `WordHasher` on both paths.

import HarkPluginKit

/// The words of one sentence, as numbers of `TermIndex` facts.
struct SentenceWords: Equatable {
  var words: [Int32] = []
  /// Whether punctuation stands between word k-1 and word k.
  var breakBefore: [Bool] = []
  /// Shape of each word as written: `capitalised` (a capital then a small
  /// letter: "Judges", not "NHS" or "I'm") and `letters` (not a number).
  var shapes: [UInt8] = []
  /// Whether word k reads as a name: capitalised in the middle of a
  /// sentence, right after another word (see `markNames`).
  var isName: [Bool] = []

  static let capitalised: UInt8 = 1
  static let letters: UInt8 = 2

  mutating func removeAll() {
    words.removeAll(keepingCapacity: true)
    breakBefore.removeAll(keepingCapacity: true)
    shapes.removeAll(keepingCapacity: true)
    isName.removeAll(keepingCapacity: true)
  }

  /// The words of a sentence the tokenizer split (when the scanner cannot).
  mutating func read(_ tokens: [Token], _ buffer: UnsafeBufferPointer<UInt8>, _ index: inout TermIndex) {
    removeAll()
    var sawPunctuation = false
    for token in tokens {
      if token.kind == .punctuation {
        sawPunctuation = true
        continue
      }
      words.append(index.word(hash: WordKey(token.lower).raw) { token.lower })
      breakBefore.append(sawPunctuation)
      shapes.append(Self.shape(buffer, token.range, hasLetter: token.kind == .word))
      sawPunctuation = false
    }
    markNames()
  }

  /// The shape of a word from its bytes as written.
  static func shape(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasLetter: Bool) -> UInt8 {
    guard hasLetter else { return 0 }
    let first = bytes[range.lowerBound]
    let upperFirst: Bool
    var rest = range.lowerBound + 1
    if first < 0x80 {
      upperFirst = first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
      // "I", "I'm", "I'd": always written so.
      if first == UInt8(ascii: "I"), rest == range.upperBound || !isLetter(bytes[rest]) { return letters }
    } else {
      var end = rest
      while end < range.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
      let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<end]), as: UTF8.self)
      upperFirst = scalar.unicodeScalars.first?.properties.isUppercase ?? false
      rest = end
    }
    guard upperFirst else { return letters }
    // A small letter after the capital: "Judges", "Zoë"; not "NHS".
    for i in rest..<range.upperBound {
      let b = bytes[i]
      if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") { return letters | capitalised }
      if b >= 0x80 {
        let tail = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<range.upperBound]), as: UTF8.self)
        return tail.unicodeScalars.contains { $0.properties.isLowercase } ? letters | capitalised : letters
      }
    }
    return letters
  }

  private static func isLetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
  }

  /// Marks the names: a capitalised word right after another word of the
  /// sentence, with no punctuation between ("the chemist Judges"), is a
  /// name, not the everyday word. The first word, a word after punctuation
  /// or a number (a quote, a time stamp), and every word of a sentence of
  /// five words or more written mostly in capitals (a heading) are read as
  /// ordinary words; a shorter one ("Girls' Friendly Society.") is a name.
  mutating func markNames() {
    isName = Array(repeating: false, count: words.count)
    var wordCount = 0
    var capitals = 0
    for shape in shapes where shape & Self.letters != 0 {
      wordCount += 1
      if shape & Self.capitalised != 0 { capitals += 1 }
    }
    // A sentence typed in title case is read as ordinary words, but a short
    // one ("Girls' Friendly Society.") is a name.
    guard capitals > 0, capitals * 2 <= wordCount || wordCount <= 4 else { return }
    for k in words.indices.dropFirst()
    where shapes[k] & Self.capitalised != 0 && !breakBefore[k] && shapes[k - 1] & Self.letters != 0 {
      isName[k] = true
    }
  }
}

enum WordScanner {
  private static let other: UInt8 = 0
  private static let letter: UInt8 = 1
  private static let digit: UInt8 = 2
  private static let space: UInt8 = 3
  private static let punctuation: UInt8 = 4
  private static let apostrophe: UInt8 = 5
  private static let hyphen: UInt8 = 6
  /// A character the scanner does not classify: the tokenizer must.
  private static let unknown: UInt8 = 255

  /// The tokenizer's classes of ASCII bytes.
  private static let classes: [UInt8] = {
    var table = [UInt8](repeating: other, count: 128)
    for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = letter }
    for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = letter }
    for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = digit }
    for b in [9, 10, 11, 12, 13, 32] { table[b] = space }
    for b in Array("!\"#%&()*,./:;?@[\\]_{}".utf8) { table[Int(b)] = punctuation }
    table[Int(UInt8(ascii: "'"))] = apostrophe
    table[Int(UInt8(ascii: "-"))] = hyphen
    return table
  }()

  /// Fills `out` with the words of `sentence`; false when the sentence holds
  /// a character outside ASCII other than the common typographic ones
  /// (’ ‘ “ ” – — … and the no-break space).
  static func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, _ sentence: Range<Int>, _ index: inout TermIndex,
    into out: inout SentenceWords
  ) -> Bool {
    out.removeAll()
    return classes.withUnsafeBufferPointer { table in
      let end = sentence.upperBound
      /// Class and length of the character at `i`.
      @inline(__always)
      func character(_ i: Int) -> (UInt8, Int) {
        let b = bytes[i]
        if b < 0x80 { return (table[Int(b)], 1) }
        if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80 {
          switch bytes[i + 2] {
          case 0x99: return (apostrophe, 3)
          case 0x93, 0x94, 0x98, 0x9C, 0x9D, 0xA6: return (punctuation, 3)
          default: return (unknown, 1)
          }
        }
        if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { return (space, 2) }
        if b == 0xCA, i + 1 < end, bytes[i + 1] == 0xBC { return (apostrophe, 2) }
        return (unknown, 1)
      }

      var sawPunctuation = false
      var i = sentence.lowerBound
      while i < end {
        let (c, length) = character(i)
        if c == unknown { return false }
        guard c == letter || c == digit else {
          if c == punctuation || c == apostrophe || c == hyphen { sawPunctuation = true }
          i += length
          continue
        }
        // A word or number, by the tokenizer's rules.
        let start = i
        var h = WordHasher()
        var hasLetter = false
        var previous = other
        var ascii = true
        while i < end {
          let (c, length) = character(i)
          if c == unknown { return false }
          if c == letter {
            hasLetter = true
          } else if c == digit {
          } else if c == apostrophe || c == hyphen || c == punctuation {
            guard i + length < end else { break }
            let (next, _) = character(i + length)
            if next == unknown { return false }
            if c == apostrophe {
              guard previous == letter, next == letter else { break }
            } else if c == hyphen {
              guard next == letter || next == digit else { break }
            } else {
              let b = bytes[i]
              guard !hasLetter, b == UInt8(ascii: ".") || b == UInt8(ascii: ","), previous == digit, next == digit
              else { break }
            }
          } else {
            break
          }
          if length == 1 {
            let b = bytes[i]
            h.add(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
          } else {
            // Only apostrophes get this far: the tokenizer straightens them.
            h.add(UInt8(ascii: "'"))
            ascii = false
          }
          previous = c
          i += length
        }
        let range = start..<i
        let number = index.word(hash: h.key.raw) {
          lowered(bytes, range, ascii: ascii)
        }
        out.words.append(number)
        out.breakBefore.append(sawPunctuation)
        out.shapes.append(SentenceWords.shape(bytes, range, hasLetter: hasLetter))
        sawPunctuation = false
      }
      out.markNames()
      return true
    }
  }

  /// The word as the tokenizer lowercases it.
  private static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, ascii: Bool) -> String {
    if ascii {
      return String(unsafeUninitializedCapacity: range.count) { buffer in
        for (k, b) in bytes[range].enumerated() {
          buffer[k] = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
        }
        return range.count
      }
    }
    let lower = String(decoding: bytes[range], as: UTF8.self).lowercased()
    return String(
      String.UnicodeScalarView(lower.unicodeScalars.map { $0 == "\u{2019}" || $0 == "\u{02BC}" ? "'" : $0 }))
  }
}
