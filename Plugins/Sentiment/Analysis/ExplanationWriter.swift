// Builds a sentence's explanation as UTF-8 bytes, quoting the sentence's own
// words, within a byte budget.

/// Writes explanation text as UTF-8 bytes, quoting the sentence's own words.
struct ExplanationWriter {
  let bytes: UnsafeBufferPointer<UInt8>
  let tokens: UnsafeBufferPointer<ScannedToken>
  var out: [UInt8]
  /// Past this many bytes, items are counted instead of written.
  let budget: Int
  private(set) var omitted = 0

  /// Longer words are cut, so one stretched word cannot fill an explanation.
  static let longestQuote = 60

  init(
    bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<ScannedToken>, out: [UInt8],
    budget: Int
  ) {
    self.bytes = bytes
    self.tokens = tokens
    self.out = out
    self.budget = budget
  }

  mutating func text(_ s: StaticString) {
    s.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  mutating func text(_ s: String) { out.append(contentsOf: s.utf8) }

  /// Starts an item with `separator` (unless it is the first); false, and
  /// the item counted as left out, when the budget is spent.
  mutating func begin(_ separator: StaticString) -> Bool {
    guard out.count < budget else {
      omitted += 1
      return false
    }
    always(separator)
    return true
  }

  /// `separator` unless nothing is written yet, whatever the budget.
  mutating func always(_ separator: StaticString) {
    if !out.isEmpty { text(separator) }
  }

  /// ", and 12 more" when items were left out.
  mutating func sayOmitted(_ before: StaticString, _ after: StaticString) {
    guard omitted > 0 else { return }
    text(before)
    digits(omitted)
    text(after)
    omitted = 0
  }

  /// The words of a unit as written, in double quotes.
  mutating func quoted(_ unit: SentenceScorer.Unit) {
    out.append(UInt8(ascii: "\""))
    append(unit, lower: false)
    out.append(UInt8(ascii: "\""))
  }

  mutating func quotedLower(_ unit: SentenceScorer.Unit) {
    out.append(UInt8(ascii: "\""))
    append(unit, lower: true)
    out.append(UInt8(ascii: "\""))
  }

  mutating func lower(_ unit: SentenceScorer.Unit) { append(unit, lower: true) }

  private mutating func append(_ unit: SentenceScorer.Unit, lower: Bool) {
    let start = Int(tokens[Int(unit.first)].start)
    var end = Int(tokens[Int(unit.end) - 1].end)
    let cut = end - start > Self.longestQuote
    if cut {
      end = start + Self.longestQuote
      // Back to the start of a UTF-8 sequence, never inside one.
      while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    }
    for b in bytes[start..<end] {
      out.append(lower && b >= 0x41 && b <= 0x5A ? b + 32 : b)
    }
    if cut { text("…") }
  }

  /// "+1.9", "-3.0": one decimal with its sign.
  mutating func signed(_ value: Double) {
    let tenths = Int((abs(value) * 10).rounded())
    out.append(value < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
    digits(tenths / 10)
    out.append(UInt8(ascii: "."))
    out.append(UInt8(ascii: "0") + UInt8(tenths % 10))
  }

  /// "1.3", "0.75", "1.25": at most two decimals, no trailing zeros.
  mutating func factor(_ value: Double) {
    let hundredths = Int((value * 100).rounded())
    digits(hundredths / 100)
    let fraction = hundredths % 100
    guard fraction != 0 else { return }
    out.append(UInt8(ascii: "."))
    out.append(UInt8(ascii: "0") + UInt8(fraction / 10))
    if fraction % 10 != 0 { out.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
  }

  private mutating func digits(_ n: Int) {
    if n >= 10 { digits(n / 10) }
    out.append(UInt8(ascii: "0") + UInt8(n % 10))
  }
}
