// "My father couldn't afford three bikes. So we walked.": a sentence that
// opens with "so" states the result of what the sentence before it said.
import HarkPluginKit

extension SentenceLinker {
  /// Words that may come before the opening "so" ("And so we moved", "Well so …").
  static let beforeOpeningSo = WordSet(["and", "well", "but"])
  static let so = WordKey("so")

  /// Whether the sentence may state a result with "so" outside the cue
  /// patterns: an opening "so", or "so … that".
  static func statesResult(_ tokens: [Token]) -> Bool {
    openingSo(tokens) != nil || soThat(tokens) != nil
  }

  /// The index of the "so" that opens the sentence, if it opens it.
  static func openingSo(_ tokens: [Token]) -> Int? {
    var i = 0
    while i < tokens.count, tokens[i].kind == .punctuation || beforeOpeningSo.contains(tokens[i].key) { i += 1 }
    return i < tokens.count && tokens[i].key == so ? i : nil
  }

  /// The link of a sentence opening with "so" (not the first of its turn,
  /// where "so" opens the answer rather than a result): the effect is the
  /// clause after "so", which must have its own subject; the cause is the
  /// last clause of the sentence before that has one and makes a label. A
  /// question, a date or an age ("So that was 1952") gives no link.
  func openingSoLink(_ context: SentenceContext) -> (link: FoundLink, cue: Int)? {
    let tokens = context.tokens
    guard let previous = context.previousSentence, let cue = Self.openingSo(tokens),
      let last = tokens.lastIndex(where: { $0.kind != .punctuation }), last > cue,
      !tokens.contains(where: { $0.lower == "?" })
    else { return nil }
    var start = cue + 1
    // "So of course we walked": the aside belongs to the cue.
    if start + 1 < tokens.count, tokens[start].lower == "of", tokens[start + 1].lower == "course" { start += 2 }
    let effectWords = start..<(last + 1)
    guard !isDateOrAge(effectWords, tokens),
      let made = LabelMaker(tokens: tokens, bytes: context.bytes).effect(effectWords, form: .subject)
    else { return nil }
    let effect = Self.namingWhatIsLost(made)
    guard let cause = previousCause(previous, context.bytes), cause.label.text != effect.text else { return nil }

    var polarity = 1
    var notes: [String] = []
    if cause.label.negated {
      polarity = -polarity
      notes.append("\"\(cause.label.text)\" is negated, so the polarity turns")
    }
    if effect.negated {
      polarity = -polarity
      notes.append("\"\(effect.text)\" is negated, so the polarity turns")
    }
    let (strength, modifierNote) = self.strength(tokens, effectWords)
    let confidence = 0.45
    let causeSpan = span(cause.label, cause.tokens)
    let effectSpan = span(effect, tokens)
    let evidence = previous.lowerBound..<context.sentence.upperBound
    let quote = { (range: Range<Int>) in String(decoding: context.bytes[range], as: UTF8.self) }
    let explanation =
      ([
        "\"so\" opening the sentence: cause \"\(quote(causeSpan))\" (in the sentence before), "
          + "effect \"\(quote(effectSpan))\""
      ] + notes + [modifierNote.isEmpty ? "strength \(format(strength))" : "\(modifierNote) (\(format(strength)))"])
      .joined(separator: "; ")
    let link = LinkResult(
      cause: cause.label.text, effect: effect.text, polarity: polarity, strength: strength, confidence: confidence,
      span: evidence, causeSpan: causeSpan, effectSpan: effectSpan, explanation: explanation)
    let quoted = quote(evidence)
    let concepts = [
      ConceptResult(
        label: cause.label.text, span: causeSpan, confidence: confidence, explanation: "cause in: \"\(quoted)\""),
      ConceptResult(
        label: effect.text, span: effectSpan, confidence: confidence, explanation: "effect in: \"\(quoted)\""),
    ]
    return (FoundLink(link: link, concepts: concepts, signal: tokens[cue].range), cue)
  }

  /// The cause an opening "so" takes up: of the last three clauses of the
  /// sentence before (cut at punctuation and at "and", "but", "because", …),
  /// the last that opens with a subject ("we", "there", "the shop closed")
  /// and makes a label.
  private func previousCause(_ previous: Range<Int>, _ bytes: [UInt8]) -> (label: PhraseLabel, tokens: [Token])? {
    let words = Self.joiningClippedWords(Tokenizer.tokens(bytes, in: previous))
    guard !words.contains(where: { $0.lower == "?" }) else { return nil }
    let maker = LabelMaker(tokens: words, bytes: bytes)
    var end = words.count
    var tried = 0
    while end > 0, tried < 3 {
      while end > 0, words[end - 1].kind == .punctuation { end -= 1 }
      var start = end
      while start > 0, words[start - 1].kind != .punctuation, !WordLists.clauseOpeners.contains(words[start - 1].key) {
        start -= 1
      }
      if start < end {
        tried += 1
        let clause = Array(start..<end)
        let first = words[start].key
        // "you know" and "I mean" are asides, not a clause.
        let aside =
          end - start == 2 && WordLists.fillerPairs.contains(words[start].lower + " " + words[start + 1].lower)
        if !aside,
          WordLists.subjectPronouns.contains(first) || first == Self.there || maker.opensNounPhraseClause(clause),
          case .success(let label) = maker.cause(start..<end)
        {
          return (label.negated ? Self.namingWhatIsLost(label) : label, words)
        }
      }
      end = start > 0 ? start - 1 : 0
    }
    return nil
  }

  static let there = WordKey("there")
}
