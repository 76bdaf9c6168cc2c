// The two pieces of text handling the gold scores depend on, kept here so the
// scores do not move when a plugin's own tokenizer or stemmer changes.

/// Splits turns into the sentences causal detection is counted over.
public enum GoldSentences {
  static let enders: Set<Unicode.Scalar> = [".", "!", "?", "…"]
  static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]"]
  static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "e.g", "i.e"]

  /// The sentences of `span` in `text`, trimmed of white space, empty ones dropped.
  public static func split(_ text: [Unicode.Scalar], _ span: GoldSpan) -> [GoldSpan] {
    var sentences: [GoldSpan] = []
    var start = span.start
    var i = span.start
    func close(_ end: Int) {
      var (s, e) = (start, end)
      while s < e && text[s].properties.isWhitespace { s += 1 }
      while e > s && text[e - 1].properties.isWhitespace { e -= 1 }
      if s < e { sentences.append(GoldSpan(s, e)) }
    }
    while i < span.end {
      let c = text[i]
      if c == "\n" {
        close(i)
        start = i + 1
      } else if enders.contains(c) {
        var j = i + 1
        while j < span.end && (enders.contains(text[j]) || closers.contains(text[j])) { j += 1 }
        if (j == span.end || text[j].properties.isWhitespace)
          && !(c == "." && endsAbbreviation(text, at: i, from: start))
        {
          close(j)
          start = j
          i = j
          continue
        }
      }
      i += 1
    }
    close(span.end)
    return sentences
  }

  /// True when the "." at `dot` ends "Mr", "Dr", "e.g" and the like.
  static func endsAbbreviation(_ text: [Unicode.Scalar], at dot: Int, from start: Int) -> Bool {
    var k = dot
    while k > start && !text[k - 1].properties.isWhitespace { k -= 1 }
    let word = String(String.UnicodeScalarView(text[k..<dot])).lowercased()
    return abbreviations.contains(word)
  }
}

/// Makes concept labels comparable: "Loneliness" and "lonely" meet.
public enum GoldConceptLabel {
  /// The forms a label is compared by: the whole label, and for a hierarchical
  /// label ("Support; peer support") its last part too.
  public static func forms(_ label: String) -> Set<String> {
    var forms: Set<String> = [normalise(label)]
    if let last = label.split(separator: ";").last, label.contains(";") { forms.insert(normalise(String(last))) }
    forms.remove("")
    return forms
  }

  /// Lowercase, punctuation to spaces (a leading "~" kept), each word stemmed.
  public static func normalise(_ label: String) -> String {
    let trimmed = label.trimmingWhitespace()
    let opposite = trimmed.hasPrefix("~")
    var words: [String] = []
    var current = ""
    for scalar in (opposite ? String(trimmed.dropFirst()) : trimmed).lowercased().unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        current.unicodeScalars.append(scalar)
      } else if scalar == "'" || scalar == "’" {
        continue  // "carers'" and "carer's" both become "carers"
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    let joined = words.map(stem).joined(separator: " ")
    return opposite && !joined.isEmpty ? "~" + joined : joined
  }

  /// A small suffix stripper: plurals, -ness, -ing, -ed (undoubling), final -e, final -y → i.
  public static func stem(_ word: String) -> String {
    var w = Array(word)
    func ends(_ suffix: String) -> Bool { w.count > suffix.count && w.suffix(suffix.count).elementsEqual(suffix) }
    func hasVowel(_ part: ArraySlice<Character>) -> Bool { part.contains { "aeiouy".contains($0) } }
    if ends("sses") {
      w.removeLast(2)
    } else if ends("ies") && w.count > 4 {
      w.removeLast(3)
      w.append("i")
    } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") && w.count > 3 {
      w.removeLast()
    }
    if ends("ness") && w.count > 6 { w.removeLast(4) }
    for suffix in ["ing", "ed"] where ends(suffix) && hasVowel(w.dropLast(suffix.count)) && w.count - suffix.count >= 3
    {
      w.removeLast(suffix.count)
      if let last = w.last, w.count >= 2, w[w.count - 2] == last, !"lsz".contains(last), !"aeiou".contains(last) {
        w.removeLast()
      }
      break
    }
    if ends("e") && w.count > 3 { w.removeLast() }
    if let last = w.last, last == "y", w.count > 2, !"aeiou".contains(w[w.count - 2]) {
      w[w.count - 1] = "i"
    }
    return String(w)
  }
}

extension String {
  func trimmingWhitespace() -> String {
    let scalars = Array(unicodeScalars)
    var (s, e) = (0, scalars.count)
    while s < e && scalars[s].properties.isWhitespace { s += 1 }
    while e > s && scalars[e - 1].properties.isWhitespace { e -= 1 }
    return String(String.UnicodeScalarView(scalars[s..<e]))
  }
}
