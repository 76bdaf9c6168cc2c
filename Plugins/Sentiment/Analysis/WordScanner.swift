// Reads one sentence straight from its UTF-8 bytes into the units the
// sentiment scorer weighs: words (each with a lookup key), emoticons, emoji
// and punctuation. No String is made per word: keys are hashes of the
// lowercased bytes, so a lexicon lookup is a multiply per byte and a probe.
//
// Its own rules rather than the kit's `Tokenizer`, on purpose: the scorer
// needs what the tokenizer skips or does not record (emoticons and emoji as
// tokens; each word's capitals, stretched letters and closing "n't"; curly
// quotes and dashes as their ASCII marks), and it reads some text
// differently: "3.5" is "3", ".", "5" (no number is a sentiment term);
// letters are told by a cheap range test, not the Unicode tables; and only
// Latin-1 capitals fold to small, not every script's. The lexicon is English,
// so those differences only touch words no entry holds. Word keys are the
// kit's `WordHasher` over the same lowercased bytes, so an ASCII word, or one
// with a curly apostrophe, has the key the tokenizer and `WordKey` give it.

import HarkPluginKit

enum WordScanner {
  // Byte classes for ASCII; every byte from 0x80 up is `high`.
  static let other: UInt8 = 0
  static let letter: UInt8 = 1
  static let digit: UInt8 = 2
  static let space: UInt8 = 3
  static let punct: UInt8 = 4
  static let apostrophe: UInt8 = 5
  static let hyphen: UInt8 = 6
  static let high: UInt8 = 7

  /// The class of every byte, then every byte with ASCII capitals made small:
  /// one allocation made once and never freed, read through a plain pointer
  /// so the word loop pays no lazy-initialisation check per byte.
  private nonisolated(unsafe) static let tables: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
    table.initialize(repeating: other, count: 512)
    for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = letter }
    for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = letter }
    for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = digit }
    for b in [9, 10, 11, 12, 13, 32] { table[b] = space }
    for b in "!\"#%&()*,./:;?@[\\]_{}".utf8 { table[Int(b)] = punct }
    table[Int(UInt8(ascii: "'"))] = apostrophe
    table[Int(UInt8(ascii: "-"))] = hyphen
    for b in 0x80...0xFF { table[b] = high }
    for b in 0..<256 { table[256 + b] = UInt8(b >= 0x41 && b <= 0x5A ? b + 32 : b) }
    return UnsafePointer(table)
  }()

  /// Appends the tokens of `bytes[range]` to `tokens`.
  static func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into tokens: ScratchBuffer<ScannedToken>
  ) {
    let classes = tables
    let end = min(range.upperBound, bytes.count)
    var i = max(range.lowerBound, 0)
    var afterSpace = true
    while i < end {
      let b = bytes[i]
      let c = classes[Int(b)]
      if c == letter || c == digit {
        i = word(bytes, from: i, end, classes, into: tokens)
        afterSpace = false
        continue
      }
      if c == space {
        i += 1
        afterSpace = true
        continue
      }
      if c == high {
        let (value, length) = decode(bytes, i, end)
        if isLetter(value) {
          i = word(bytes, from: i, end, classes, into: tokens)
        } else {
          symbolOrMark(value, bytes, i, length, into: tokens)
          i += length
        }
        afterSpace = false
        continue
      }
      // ASCII punctuation or symbol: an emoticon stands alone or right after
      // a word ("thanks:)"), never inside a web address ("http://").
      if afterSpace || b == UInt8(ascii: ":") || b == UInt8(ascii: ";") || b == UInt8(ascii: "=") {
        if let length = emoticon(bytes, i, end, afterWord: !afterSpace) {
          tokens.append(emoticonToken(bytes, i, length, classes))
          i += length
          afterSpace = false
          continue
        }
      }
      if c != other {
        tokens.append(ScannedToken(start: i, end: i + 1, key: 0, kind: .punctuation, mark: b))
      }
      i += 1
      afterSpace = false
    }
  }

  /// Scans a word from `start`; returns where it ends.
  @inline(__always)
  private static func word(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ end: Int,
    _ classes: UnsafePointer<UInt8>, into tokens: ScratchBuffer<ScannedToken>
  ) -> Int {
    let small = classes + 256
    var h = WordHasher()
    var j = start
    var capitalCount = 0
    var hasSmall = false
    var previous: UInt8 = 0
    var run = 0
    var stretched = false
    var previousIsLetter = false
    while j < end {
      let b = bytes[j]
      let c = classes[Int(b)]
      if c == letter {
        // The common case: an ASCII letter.
        let lower = small[Int(b)]
        if lower == b { hasSmall = true } else { capitalCount += 1 }
        if lower == previous {
          run += 1
          if run >= 3 { stretched = true }
        } else {
          run = 1
          previous = lower
        }
        h.add(lower)
        previousIsLetter = true
        j += 1
        continue
      }
      previous = 0
      if c == digit {
        h.add(b)
        previousIsLetter = false
        j += 1
        continue
      }
      if c == apostrophe || c == hyphen {
        // Inner only: "don't", "well-being"; "parents'" and "'cause" end or skip.
        guard j + 1 < end else { break }
        let next = bytes[j + 1]
        let nextClass = classes[Int(next)]
        let nextIsLetter =
          nextClass == letter || (nextClass == high && isLetter(decode(bytes, j + 1, end).0))
        if c == apostrophe {
          guard previousIsLetter, nextIsLetter else { break }
        } else {
          guard nextIsLetter || nextClass == digit else { break }
        }
        h.add(b)
        previousIsLetter = false
        j += 1
        continue
      }
      guard c == high else { break }
      let (value, length) = decode(bytes, j, end)
      if value == 0x2019 || value == 0x02BC {
        // A curly apostrophe inside a word hashes as a straight one.
        guard previousIsLetter, j + length < end else { break }
        let nextClass = classes[Int(bytes[j + length])]
        guard nextClass == letter || (nextClass == high && isLetter(decode(bytes, j + length, end).0))
        else { break }
        h.add(UInt8(ascii: "'"))
        previousIsLetter = false
      } else if isLetter(value) {
        hashLetter(value, bytes, j, length, into: &h)
        if value >= 0xC0 && value <= 0xDE && value != 0xD7 {
          capitalCount += 1
        } else if value >= 0xDF {
          hasSmall = true
        }
        previousIsLetter = true
      } else {
        break
      }
      j += length
    }
    tokens.append(
      ScannedToken(
        start: start, end: j, key: h.key.raw, kind: .word,
        capitals: capitalCount >= 2 && !hasSmall, hasSmall: hasSmall,
        endsNt: endsInNt(bytes, start, j, small), stretched: stretched))
    return j
  }

  /// Hashes a non-ASCII letter: Latin-1 capitals (À…Þ) fold to small
  /// letters; other scripts hash as written.
  @inline(__always)
  private static func hashLetter(
    _ value: UInt32, _ bytes: UnsafeBufferPointer<UInt8>, _ j: Int, _ length: Int, into h: inout WordHasher
  ) {
    if value >= 0xC0 && value <= 0xDE && value != 0xD7 {
      h.add(0xC3)
      h.add(UInt8(truncatingIfNeeded: (value + 0x20) & 0x3F | 0x80))
      return
    }
    for k in 0..<length { h.add(bytes[j + k]) }
  }

  /// Whether the word ends in "n't" or "n’t" (any case).
  @inline(__always)
  private static func endsInNt(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ small: UnsafePointer<UInt8>
  ) -> Bool {
    guard end - start >= 3, small[Int(bytes[end - 1])] == UInt8(ascii: "t") else { return false }
    if bytes[end - 2] == UInt8(ascii: "'") {
      return small[Int(bytes[end - 3])] == UInt8(ascii: "n")
    }
    // "’" is E2 80 99.
    return end - start >= 5 && bytes[end - 2] == 0x99 && bytes[end - 3] == 0x80 && bytes[end - 4] == 0xE2
      && small[Int(bytes[end - 5])] == UInt8(ascii: "n")
  }

  /// The keys of a stretched word with its repeated letters cut to two
  /// ("sooo" → "soo") and to one ("so").
  static func collapsedKeys(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> (two: UInt64, one: UInt64)
  {
    let small = tables + 256
    var two = WordHasher()
    var one = WordHasher()
    var previous: UInt8 = 0
    var run = 0
    var j = start
    while j < end {
      let b = bytes[j]
      if b >= 0x80 {
        // Non-ASCII letters are never cut; hash them as the word scan did.
        let (value, length) = decode(bytes, j, end)
        if value == 0x2019 || value == 0x02BC {
          two.add(UInt8(ascii: "'"))
          one.add(UInt8(ascii: "'"))
        } else {
          hashLetter(value, bytes, j, length, into: &two)
          hashLetter(value, bytes, j, length, into: &one)
        }
        previous = 0
        run = 0
        j += length
        continue
      }
      let lower = small[Int(b)]
      let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
      run = isLetter && lower == previous ? run + 1 : 1
      previous = isLetter ? lower : 0
      if run <= 2 { two.add(lower) }
      if run == 1 { one.add(lower) }
      j += 1
    }
    return (two.key.raw, one.key.raw)
  }

  /// An emoji becomes a symbol token; curly quotes, dashes and the ellipsis
  /// become punctuation; anything else is skipped.
  private static func symbolOrMark(
    _ value: UInt32, _ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int,
    into tokens: ScratchBuffer<ScannedToken>
  ) {
    func mark(_ m: UInt8) -> ScannedToken {
      ScannedToken(start: i, end: i + length, key: 0, kind: .punctuation, mark: m)
    }
    switch value {
    case 0x2018, 0x2019, 0x02BC: tokens.append(mark(UInt8(ascii: "'")))
    case 0x201C, 0x201D, 0x00AB, 0x00BB: tokens.append(mark(UInt8(ascii: "\"")))
    case 0x2010...0x2015: tokens.append(mark(UInt8(ascii: "-")))
    case 0x2026: tokens.append(mark(UInt8(ascii: ".")))
    case 0x00A1, 0x00BF: tokens.append(mark(UInt8(ascii: ",")))
    case 0x2600...0x27BF, 0x2B00...0x2BFF, 0x1F000...0x1FAFF:
      // Skin tones ride on the emoji before them.
      if value >= 0x1F3FB && value <= 0x1F3FF { return }
      var h = WordHasher()
      for k in 0..<length { h.add(bytes[i + k]) }
      tokens.append(ScannedToken(start: i, end: i + length, key: h.key.raw, kind: .symbol))
    default: return
    }
  }

  // MARK: UTF-8

  /// The scalar at `i` and its length; an invalid byte reads as U+FFFD of length 1.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
    let b0 = UInt32(bytes[i])
    if b0 < 0x80 { return (b0, 1) }
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
    default: return (0xFFFD, 1)
    }
    guard i + length <= end else { return (0xFFFD, 1) }
    for k in 1..<length {
      let b = UInt32(bytes[i + k])
      guard b & 0xC0 == 0x80 else { return (0xFFFD, 1) }
      value = value << 6 | (b & 0x3F)
    }
    return (value, length)
  }

  /// Whether a non-ASCII scalar belongs inside a word. A cheap range test, not
  /// the full Unicode tables: the lexicon is English, so all that matters is
  /// that accented letters and other scripts stay in one piece and that
  /// punctuation, symbols and emoji do not join a word.
  @inline(__always)
  static func isLetter(_ value: UInt32) -> Bool {
    switch value {
    case 0..<0xC0, 0xD7, 0xF7: return false
    case 0x02BC: return false  // the modifier-letter apostrophe is handled as an apostrophe
    case 0x2000...0x2BFF, 0x3000...0x303F, 0xFE00...0xFE0F, 0xFEFF, 0xFFFD: return false
    case 0x10000...: return false
    default: return true
    }
  }
}
