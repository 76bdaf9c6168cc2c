// Cause, effect and signal spans of the Causal News Corpus as its subtask-2
// scorer reads them: the marked text split at single spaces, one BIO tag per
// token, and spans taken from the tags the way seqeval's strict IOB2 mode does.

/// A labelled run of tokens; `first` and `last` are token indices, both inclusive.
struct TaggedSpan: Equatable, Hashable {
  var label: String
  var first: Int
  var last: Int
}

/// The tags of one relation over the tokens of its sentence.
struct RelationTags: Equatable {
  /// The tokens with every `<…>` tag removed.
  var tokens: [String]
  /// "O", "B-C", "I-C", "B-E", "I-E": cause (ARG0) and effect (ARG1).
  var causeEffect: [String]
  /// "O", "B-S", "I-S": the signal (SIG0, SIG1 …).
  var signal: [String]

  /// Reads marked text such as `<ARG1>Two died</ARG1> <SIG0>after</SIG0> <ARG0>the blast</ARG0> .`.
  ///
  /// This follows the corpus's scorer (`get_BIO` and `get_BIO_sig` in
  /// evaluation/subtask2 of tanfiona/CausalNewsCorpus) token by token,
  /// including its quirk: a cause or effect of one token
  /// (`<ARG0>protests</ARG0>`) is not closed, so the tokens after it stay
  /// inside it until the next tagged token. Predictions and annotations are
  /// read the same way, so they meet the quirk alike.
  init(marked: String) {
    var tokens: [String] = []
    var causeEffect: [String] = []
    var signal: [String] = []
    var ceTag = "O"
    var ceNext = "O"
    var sTag = "O"
    var sNext = "O"
    for part in marked.split(separator: " ", omittingEmptySubsequences: false) {
      let token = String(part)
      if token.contains("<ARG0>") {
        (ceTag, ceNext) = ("B-C", "I-C")
      } else if token.contains("</ARG0>") {
        (ceTag, ceNext) = ("I-C", "O")
      } else if token.contains("<ARG1>") {
        (ceTag, ceNext) = ("B-E", "I-E")
      } else if token.contains("</ARG1>") {
        (ceTag, ceNext) = ("I-E", "O")
      }
      if token.contains("<SIG") {
        // A signal of one token opens and closes on it.
        (sTag, sNext) = ("B-S", token.contains("</SIG") ? "O" : "I-S")
      } else if token.contains("</SIG") {
        (sTag, sNext) = ("I-S", "O")
      }
      tokens.append(Self.removingTags(token))
      causeEffect.append(ceTag)
      signal.append(sTag)
      ceTag = ceNext
      sTag = sNext
    }
    self.tokens = tokens
    self.causeEffect = causeEffect
    self.signal = signal
  }

  /// Every span of the relation: cause "C", effect "E" and signal "S".
  var spans: [TaggedSpan] { Self.spans(causeEffect) + Self.spans(signal) }

  /// Spans as seqeval's strict IOB2 reading finds them: a span starts at
  /// "B-X" and goes on over "I-X"; an "I-X" with no "B-X" before it starts nothing.
  static func spans(_ tags: [String]) -> [TaggedSpan] {
    var found: [TaggedSpan] = []
    var i = 0
    while i < tags.count {
      guard tags[i].hasPrefix("B-") else {
        i += 1
        continue
      }
      let label = String(tags[i].dropFirst(2))
      var end = i + 1
      while end < tags.count, tags[end] == "I-" + label { end += 1 }
      found.append(TaggedSpan(label: label, first: i, last: end - 1))
      i = end
    }
    return found
  }

  /// Removes `<ARG0>`, `</SIG1>` … (an uppercase name, optional digits, in angle brackets).
  private static func removingTags(_ token: String) -> String {
    var result = ""
    var rest = Substring(token)
    while let open = rest.firstIndex(of: "<") {
      result += rest[..<open]
      let after = rest[rest.index(after: open)...]
      if let length = tagLength(after) {
        rest = after.dropFirst(length)
      } else {
        result.append("<")
        rest = after
      }
    }
    return result + rest
  }

  /// The length after "<" of a tag starting there, or nil.
  private static func tagLength(_ text: Substring) -> Int? {
    let scalars = Array(text.unicodeScalars.prefix(16))
    var i = 0
    while i < scalars.count, scalars[i] == "/" { i += 1 }
    let nameStart = i
    while i < scalars.count, ("A"..."Z").contains(scalars[i]) { i += 1 }
    guard i > nameStart else { return nil }
    while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
    guard i < scalars.count, scalars[i] == ">" else { return nil }
    return i + 1
  }
}

/// Writes a prediction in the corpus's marked-text form.
enum RelationMarkup {
  /// Marks the tokens (split at single spaces) of `text` that the UTF-8 byte
  /// ranges touch: `<ARG0>` cause, `<ARG1>` effect, `<SIG0>` signal. Where the
  /// cause and the effect share tokens, the cause keeps them.
  static func mark(_ text: String, cause: Range<Int>?, effect: Range<Int>?, signal: Range<Int>?) -> String {
    var ranges: [Range<Int>] = []
    var offset = 0
    let parts = text.split(separator: " ", omittingEmptySubsequences: false)
    for part in parts {
      let length = part.utf8.count
      ranges.append(offset..<(offset + length))
      offset += length + 1
    }
    func tokens(_ span: Range<Int>?) -> ClosedRange<Int>? {
      guard let span, !span.isEmpty else { return nil }
      let touched = ranges.indices.filter { ranges[$0].overlaps(span) }
      guard let first = touched.first, let last = touched.last else { return nil }
      return first...last
    }
    let causeTokens = tokens(cause)
    var effectTokens = tokens(effect)
    if let c = causeTokens, let e = effectTokens, c.overlaps(e) {
      // Keep the longer side of the effect that the cause does not cover.
      let before = e.lowerBound < c.lowerBound ? e.lowerBound...(c.lowerBound - 1) : nil
      let after = e.upperBound > c.upperBound ? (c.upperBound + 1)...e.upperBound : nil
      effectTokens = [before, after].compactMap { $0 }.max { $0.count < $1.count }
    }
    let signalTokens = tokens(signal)
    var out: [String] = []
    for (k, part) in parts.enumerated() {
      var token = ""
      if causeTokens?.lowerBound == k { token += "<ARG0>" }
      if effectTokens?.lowerBound == k { token += "<ARG1>" }
      if signalTokens?.lowerBound == k { token += "<SIG0>" }
      token += part
      if signalTokens?.upperBound == k { token += "</SIG0>" }
      if effectTokens?.upperBound == k { token += "</ARG1>" }
      if causeTokens?.upperBound == k { token += "</ARG0>" }
      out.append(token)
    }
    return out.joined(separator: " ")
  }
}
