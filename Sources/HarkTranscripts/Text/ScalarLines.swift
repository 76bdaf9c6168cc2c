// Normalised text as an array of Unicode scalars split into lines, so readers work with
// scalar offsets (what turns store) instead of String indices.

struct ScalarLines {
  let scalars: [Unicode.Scalar]
  /// Each line's scalar range, without its LF.
  let lines: [Range<Int>]

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
    var lines: [Range<Int>] = []
    var start = 0
    for (index, scalar) in scalars.enumerated() where scalar == "\n" {
      lines.append(start..<index)
      start = index + 1
    }
    lines.append(start..<scalars.count)
    self.lines = lines
  }

  func string(_ range: Range<Int>) -> String {
    String(scalars: scalars[range])
  }

  /// True when the range holds `-->`, the arrow of a cue timing line.
  func containsArrow(_ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index + 2 < range.upperBound {
      if scalars[index] == "-", scalars[index + 1] == "-", scalars[index + 2] == ">" { return true }
      index += 1
    }
    return false
  }

  /// The range without whitespace at either end.
  func trimmed(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
    while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
    return lower..<upper
  }

  func isBlank(_ range: Range<Int>) -> Bool { trimmed(range).isEmpty }

  /// True when the line holds `prefix` at `offset`.
  func has(_ prefix: String, at offset: Int, before end: Int) -> Bool {
    var index = offset
    for scalar in prefix.unicodeScalars {
      guard index < end, scalars[index] == scalar else { return false }
      index += 1
    }
    return true
  }
}

extension String {
  /// Builds the string through its UTF-8 bytes, much faster than appending scalars one by one.
  init<Scalars: Sequence<Unicode.Scalar>>(scalars: Scalars) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.underestimatedCount)
    for scalar in scalars {
      if scalar.isASCII {
        bytes.append(UInt8(truncatingIfNeeded: scalar.value))
      } else {
        bytes.append(contentsOf: scalar.utf8)
      }
    }
    self.init(decoding: bytes, as: UTF8.self)
  }
}

extension Unicode.Scalar {
  /// Space or tab: the blanks that may separate parts of one line.
  var isBlankInLine: Bool { self == " " || self == "\t" || self == "\u{A0}" }
}
