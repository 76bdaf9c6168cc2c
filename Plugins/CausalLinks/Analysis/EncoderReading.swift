// Links read from the causal encoder's tags: the words it marked as cause,
// effect and signal, made into labels by the same rules as the cue patterns.
import HarkEncoder
import HarkPluginKit

/// The spans the encoder tagged in one sentence, as UTF-8 byte ranges.
struct TaggedSpans: Equatable {
  var causes: [Range<Int>] = []
  var effects: [Range<Int>] = []
  var signals: [Range<Int>] = []

  /// Contiguous runs of one kind: a B- tag opens a span, an I- tag of the
  /// same kind continues it (an I- tag after anything else opens one too).
  init(words: [EncoderWord], tags: [Int]) {
    var kind = 0
    var current: Range<Int>?
    func close() {
      guard let span = current else { return }
      switch kind {
      case 1: causes.append(span)
      case 2: effects.append(span)
      case 3: signals.append(span)
      default: break
      }
      current = nil
    }
    for (word, tag) in zip(words, tags) {
      let wordKind = (tag + 1) / 2
      let begins = tag % 2 == 1
      if wordKind == 0 {
        close()
        kind = 0
      } else if begins || wordKind != kind || current == nil {
        close()
        kind = wordKind
        current = word.range
      } else {
        current = current!.lowerBound..<word.range.upperBound
      }
    }
    close()
  }

  init() {}

  /// Cause and effect pairs: in order when the counts agree, else every
  /// effect with the nearest cause (or every cause with the one effect).
  var pairs: [(cause: Range<Int>, effect: Range<Int>)] {
    guard !causes.isEmpty, !effects.isEmpty else { return [] }
    if causes.count == effects.count { return Array(zip(causes, effects)).map { ($0, $1) } }
    if effects.count == 1 { return causes.map { ($0, effects[0]) } }
    return effects.map { effect in
      let nearest = causes.min {
        distance($0, effect) < distance($1, effect)
      }!
      return (nearest, effect)
    }
  }

  private func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
    max(0, a.lowerBound - b.upperBound, b.lowerBound - a.upperBound)
  }
}

extension SentenceLinker {
  /// Words in a signal that lower the effect: the cue words of the
  /// decreasing patterns ("stopped", "prevented", "made it harder") and a few more.
  static func loweringWords(_ lexicon: CueLexicon) -> WordSet {
    var words = Set([
      "reduce", "reduced", "reduces", "reducing", "less", "fewer", "lower", "lowered", "lowers", "cut", "cuts",
      "lost", "lose", "loses", "losing", "stop", "stopped", "stops", "stopping", "prevent", "prevented",
      "prevents", "preventing", "kept", "keeps", "hindered", "blocked", "ruined", "damaged", "hurt", "harder",
      "worse", "without", "undermined", "weakened", "eased", "relieved",
    ])
    for pattern in lexicon.patterns where pattern.polarity == .decreases && !pattern.news {
      for element in pattern.elements {
        if case .word(let options, false) = element {
          for word in options where !commonWords.contains(word) && !WordLists.beneficiaries.contains(WordKey(word)) {
            words.insert(word)
          }
        }
      }
    }
    words.subtract(["from", "it", "the", "for", "people", "set", "back"])
    return WordSet(Array(words))
  }

  /// Whether a negator stands right before token `start` ("can't sort"),
  /// or before one adverb there ("didn't really help"), in the same clause
  /// and not inside the cause's words.
  static func negatedJustBefore(_ start: Int, _ tokens: [Token], after cause: Range<Int>) -> Bool {
    var k = start - 1
    if k >= 0, ["really", "just", "even", "ever", "always", "quite"].contains(tokens[k].lower) { k -= 1 }
    guard k >= 0, !cause.contains(k), tokens[k].kind == .word else { return false }
    return Modifiers.isNegator(tokens[k].lower) && !["no", "without", "nothing", "none"].contains(tokens[k].lower)
  }

  /// The links the encoder's tags give in one sentence, labelled and signed
  /// by the plugin's rules. Pairs whose words make no label give nothing.
  func encoderLinks(
    _ context: SentenceContext, spans: TaggedSpans, probability: Double, lowering: WordSet
  ) -> [FoundLink] {
    let tokens = context.tokens
    let maker = LabelMaker(tokens: tokens, bytes: context.bytes)
    var found: [FoundLink] = []
    var seen = Set<String>()
    for pair in Self.cuePairs(spans, tokens, bytes: context.bytes) {
      guard let causeTokens = tokenRange(pair.cause, tokens), let effectTokens = tokenRange(pair.effect, tokens)
      else { continue }
      var causeNote: String?
      let cueNote = pair.cue.flatMap { cue in
        pair.againstTags
          ? "\"\(tokens[cue].lower)\" says which side is the cause, so the marked words are read in its direction"
          : nil
      }
      var cause: PhraseLabel
      var causeSpan: Range<Int>
      switch maker.cause(causeTokens) {
      case .success(let label):
        cause = label.negated ? Self.namingWhatIsLost(label) : label
        // The quote spans are the words the encoder marked, as the speaker said them.
        causeSpan =
          tokens[causeTokens.lowerBound].range.lowerBound..<tokens[causeTokens.upperBound - 1].range.upperBound
      case .failure(.pronoun(let pronoun, let token)):
        let finder = AntecedentFinder(
          bytes: context.bytes, tokens: tokens, previousSentence: context.previousSentence,
          question: context.question)
        guard
          let antecedent = finder.find(pronoun: token, matchEnd: max(causeTokens.upperBound, effectTokens.upperBound))
        else { continue }
        cause = antecedent.label
        causeSpan = antecedent.source == .question ? tokens[token].range : antecedent.span
        let whereFrom =
          switch antecedent.source {
          case .sameSentence: "in the same sentence"
          case .previousSentence: "in the sentence before"
          case .question: "in the interviewer's question"
          }
        causeNote =
          "\"\(pronoun)\" refers to \"\(String(decoding: context.bytes[antecedent.span], as: UTF8.self))\" \(whereFrom)"
      case .failure:
        continue
      }
      guard
        let made = maker.effect(effectTokens, form: .clause) ?? maker.effect(effectTokens, form: .verb)
          ?? maker.effect(effectTokens, form: .noun)
      else { continue }
      var effect = Self.namingWhatIsLost(made)
      guard cause.text != effect.text else { continue }
      // A negation just before the words the encoder marked belongs to the
      // effect: "you can't | sort your head out in a doorway".
      if Self.negatedJustBefore(effectTokens.lowerBound, tokens, after: causeTokens) { effect.negated.toggle() }

      // The sign: a lowering signal word, a negated cause and a negated effect each turn it.
      let signalWords = spans.signals.filter { signal in
        signal.lowerBound >= min(pair.cause.lowerBound, pair.effect.lowerBound) - 40
          && signal.upperBound <= max(pair.cause.upperBound, pair.effect.upperBound) + 40
      }
      let signalTokens = signalWords.compactMap { tokenRange($0, tokens) }.flatMap { Array($0) }
      var polarity = 1
      var notes: [String] = []
      let between =
        signalTokens.isEmpty
        ? Array(
          min(causeTokens.upperBound, effectTokens.upperBound)..<max(causeTokens.lowerBound, effectTokens.lowerBound))
        : signalTokens
      if let lowering = between.first(where: { lowering.contains(tokens[$0].key) }) {
        polarity = -1
        notes.append("\"\(tokens[lowering].lower)\" lowers the effect (−)")
      }
      if cause.negated {
        polarity = -polarity
        notes.append("\"\(cause.text)\" is negated, so the polarity turns")
      }
      if effect.negated {
        polarity = -polarity
        notes.append("\"\(effect.text)\" is negated, so the polarity turns")
      }
      if let denial = Self.deniedByRelativeClause(effect: effectTokens, cause: causeTokens, tokens) {
        polarity = -polarity
        notes.append(denial)
      }
      let key = "\(cause.text)|\(effect.text)|\(polarity)"
      guard seen.insert(key).inserted else { continue }

      let region =
        min(causeTokens.lowerBound, effectTokens.lowerBound)..<max(causeTokens.upperBound, effectTokens.upperBound)
      let (strength, modifierNote) = self.strength(tokens, region)
      var confidence = (probability * 100).rounded() / 100
      let firstSignal = signalTokens.min()
      let hypothetical = firstSignal.flatMap { modal(before: $0, tokens) }
      if hypothetical != nil { confidence = (confidence * 60).rounded() / 100 }
      let effectSpan =
        tokens[effectTokens.lowerBound].range.lowerBound..<tokens[effectTokens.upperBound - 1].range.upperBound
      let quote = { (range: Range<Int>) in String(decoding: context.bytes[range], as: UTF8.self) }
      var parts = [
        "causal encoder: a causal claim (probability \(format(probability))); it marked cause \"\(quote(pair.cause))\", "
          + "effect \"\(quote(pair.effect))\""
          + (signalWords.isEmpty ? "" : ", signal \"\(signalWords.map(quote).joined(separator: " … "))\"")
      ]
      if let cueNote { parts.append(cueNote) }
      if let causeNote { parts.append(causeNote) }
      parts.append(contentsOf: notes)
      if let hypothetical {
        parts.append("\"\(hypothetical)\" makes it hypothetical (confidence \(format(confidence)))")
      }
      parts.append(modifierNote.isEmpty ? "strength \(format(strength))" : "\(modifierNote) (\(format(strength)))")
      var evidence = context.sentence
      let earliest = min(causeSpan.lowerBound, effectSpan.lowerBound)
      if earliest < evidence.lowerBound, let previous = context.previousSentence, earliest >= previous.lowerBound {
        evidence = previous.lowerBound..<evidence.upperBound
      }
      let link = LinkResult(
        cause: cause.text, effect: effect.text, polarity: polarity, strength: strength, confidence: confidence,
        span: evidence, causeSpan: causeSpan, effectSpan: effectSpan, explanation: parts.joined(separator: "; "))
      let quoted = quote(evidence)
      let signal = signalTokens.min().map { tokens[$0].range.lowerBound..<tokens[signalTokens.max()!].range.upperBound }
      found.append(
        FoundLink(
          link: link,
          concepts: [
            ConceptResult(
              label: cause.text, span: causeSpan, confidence: confidence, explanation: "cause in: \"\(quoted)\""),
            ConceptResult(
              label: effect.text, span: effectSpan, confidence: confidence, explanation: "effect in: \"\(quoted)\""),
          ], signal: signal))
    }
    return found
  }

  /// The sentence's tokens inside a byte range, without punctuation at either end.
  func tokenRange(_ bytes: Range<Int>, _ tokens: [Token]) -> Range<Int>? {
    guard let first = tokens.firstIndex(where: { $0.range.lowerBound >= bytes.lowerBound && $0.kind != .punctuation }),
      let last = tokens.lastIndex(where: { $0.range.upperBound <= bytes.upperBound && $0.kind != .punctuation }),
      first <= last
    else { return nil }
    return first..<(last + 1)
  }
}
