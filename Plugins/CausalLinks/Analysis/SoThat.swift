// "It was so expensive that she shopped in Parramatta": a degree so great
// that something followed states a cause and its result in one sentence.
import HarkPluginKit

extension SentenceLinker {
  static let that = WordKey("that")

  /// The "so" and the "that" of "so ADJECTIVE that CLAUSE" or "so many NOUN
  /// that CLAUSE": one to three words between them, and a subject after
  /// "that" (so "so that" of purpose, with nothing between, is not read).
  static func soThat(_ tokens: [Token]) -> (so: Int, that: Int)? {
    for i in tokens.indices where tokens[i].key == so && i > 0 {
      var j = i + 1
      while j < tokens.count, j - i <= 3, tokens[j].kind == .word, tokens[j].key != that { j += 1 }
      guard j < tokens.count, tokens[j].key == that, j - i >= 2, j + 1 < tokens.count else { continue }
      let next = tokens[j + 1].key
      if WordLists.subjectPronouns.contains(next) || WordLists.subjects.contains(next)
        || WordLists.people.contains(next)
        || ["someone", "somebody", "everyone", "everybody"].contains(tokens[j + 1].lower)
      {
        return (i, j)
      }
    }
    return nil
  }

  /// The link of "so … that": the cause is the clause holding "so" (from its
  /// subject, after the last comma or joining word), the effect the clause
  /// after "that" up to the next punctuation.
  func soThatLink(_ context: SentenceContext) -> (link: FoundLink, cue: Int)? {
    let tokens = context.tokens
    guard let (so, that) = Self.soThat(tokens) else { return nil }
    var start = so
    while start > 0, tokens[start - 1].kind != .punctuation, !WordLists.clauseOpeners.contains(tokens[start - 1].key) {
      start -= 1
    }
    var end = that + 1
    while end < tokens.count, tokens[end].kind != .punctuation || tokens[end].lower == "'" { end += 1 }
    let maker = LabelMaker(tokens: tokens, bytes: context.bytes)
    guard start < so, case .success(let made) = maker.cause(start..<that),
      let effectMade = maker.effect((that + 1)..<end, form: .subject)
    else { return nil }
    let cause = made.negated ? Self.namingWhatIsLost(made) : made
    let effect = Self.namingWhatIsLost(effectMade)
    guard cause.text != effect.text else { return nil }
    var polarity = 1
    var notes: [String] = []
    if cause.negated {
      polarity = -polarity
      notes.append("\"\(cause.text)\" is negated, so the polarity turns")
    }
    if effect.negated {
      polarity = -polarity
      notes.append("\"\(effect.text)\" is negated, so the polarity turns")
    }
    let (strength, modifierNote) = self.strength(tokens, (that + 1)..<end)
    let confidence = 0.5
    let causeSpan = span(cause, tokens)
    let effectSpan = span(effect, tokens)
    let quote = { (range: Range<Int>) in String(decoding: context.bytes[range], as: UTF8.self) }
    let explanation =
      ([
        "\"so … that\": cause \"\(quote(causeSpan))\", effect \"\(quote(effectSpan))\""
      ] + notes + [modifierNote.isEmpty ? "strength \(format(strength))" : "\(modifierNote) (\(format(strength)))"])
      .joined(separator: "; ")
    let link = LinkResult(
      cause: cause.text, effect: effect.text, polarity: polarity, strength: strength, confidence: confidence,
      span: context.sentence, causeSpan: causeSpan, effectSpan: effectSpan, explanation: explanation)
    let quoted = quote(context.sentence)
    let concepts = [
      ConceptResult(label: cause.text, span: causeSpan, confidence: confidence, explanation: "cause in: \"\(quoted)\""),
      ConceptResult(
        label: effect.text, span: effectSpan, confidence: confidence, explanation: "effect in: \"\(quoted)\""),
    ]
    let signal = tokens[so].range.lowerBound..<tokens[that].range.upperBound
    return (FoundLink(link: link, concepts: concepts, signal: signal), so)
  }
}
