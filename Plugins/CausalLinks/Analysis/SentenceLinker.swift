// Reads the cause → effect links of one participant sentence.
import HarkPluginKit

/// Everything needed to read one sentence.
struct SentenceContext {
  var bytes: [UInt8]
  var sentence: Range<Int>
  var previousSentence: Range<Int>?
  var question: Range<Int>?
  var knownConcepts: [String]
}

/// A link with the concepts it names, ready to emit.
struct FoundLink: Equatable {
  var link: LinkResult
  var concepts: [ConceptResult]
}

struct SentenceLinker {
  let lexicon: CueLexicon

  static let baseStrength = 0.6

  func links(_ context: SentenceContext) -> [FoundLink] {
    let tokens = Tokenizer.tokens(context.bytes, in: context.sentence)
    guard tokens.count >= 3 else { return [] }
    let matcher = CueMatcher(tokens: tokens)
    let maker = LabelMaker(tokens: tokens)
    var claimed = Set<Int>()
    var found: [FoundLink] = []
    var seen = Set<String>()

    for pattern in lexicon.patterns {
      for match in matcher.matches(of: pattern, claimed: claimed) {
        let slots = [match.cause] + (match.effect.map { [$0] } ?? [])
        if slots.contains(where: { $0.contains { claimed.contains($0) } }) { continue }
        let causeFirst = pattern.elements.first == .cause
        // "didn't help", "nothing helped": a negated cue is left out rather than guessed at.
        if causeFirst, let first = match.cueTokens.first,
          Modifiers.negator(governing: first, in: tokens) != nil
        {
          claimed.formUnion(match.cueTokens)
          continue
        }
        // "the woman who was helped": a passive cue names no cause.
        if causeFirst, let first = match.cueTokens.first, first > 0,
          ["was", "were", "been", "being", "is", "are", "get", "got", "gets", "getting"].contains(
            tokens[first - 1].lower)
        {
          continue
        }
        guard let effect = effectLabel(match, pattern, maker, tokens) else { continue }

        var causes: [(label: PhraseLabel, span: Range<Int>, note: String?)] = []
        var skip = false
        for part in split(match.cause, tokens) {
          switch maker.cause(part) {
          case .success(let label):
            causes.append((label, span(label, tokens), nil))
          case .failure(.pronoun(let pronoun, let token)):
            let finder = AntecedentFinder(
              bytes: context.bytes, tokens: tokens, previousSentence: context.previousSentence,
              question: context.question)
            guard
              let antecedent = finder.find(
                pronoun: token,
                matchEnd: (match.cueTokens + slots.map { $0.upperBound - 1 }).max()! + 1)
            else {
              skip = true
              break
            }
            let quoted = String(decoding: context.bytes[antecedent.span], as: UTF8.self)
            let whereFrom: String
            var causeSpan = antecedent.span
            switch antecedent.source {
            case .sameSentence: whereFrom = "in the same sentence"
            case .previousSentence: whereFrom = "in the sentence before"
            case .question:
              whereFrom = "in the interviewer's question"
              // The question is context, not data: the quote shows the pronoun.
              causeSpan = tokens[token].range
            }
            causes.append(
              (antecedent.label, causeSpan, "\"\(pronoun)\" refers to \"\(quoted)\" \(whereFrom)"))
          case .failure(.person):
            skip = true
          case .failure(.unusable):
            continue
          }
          if skip { break }
        }
        if skip {
          claimed.formUnion(match.cueTokens)
          continue
        }
        guard !causes.isEmpty else { continue }
        claimed.formUnion(match.cueTokens)
        for slot in slots { claimed.formUnion(slot) }

        let (strength, modifierNote) = self.strength(tokens, region(match, tokens))
        let cueModal = match.cueTokens.map { tokens[$0].lower }.first { Self.modals.contains($0) }
        let hypothetical =
          cueModal ?? (causeFirst ? modal(before: match.cueTokens[0], tokens) : nil)
        for cause in causes {
          let (polarity, effectLabel, polarityNote) = polarityAndLabel(pattern, effect)
          let causeLabel =
            (cause.label.negated ? "~" : "") + preferKnown(cause.label.text, context.knownConcepts)
          let effectText =
            effectLabel.hasPrefix("~")
            ? "~" + preferKnown(String(effectLabel.dropFirst()), context.knownConcepts)
            : preferKnown(effectLabel, context.knownConcepts)
          guard causeLabel != effectText else { continue }
          let key = "\(causeLabel)|\(effectText)|\(polarity)"
          guard seen.insert(key).inserted else { continue }

          var confidence = pattern.confidence
          if cause.note != nil { confidence *= 0.8 }
          if hypothetical != nil { confidence *= 0.6 }
          confidence = rounded(confidence)

          var evidence = context.sentence
          if cause.span.lowerBound < evidence.lowerBound,
            cause.span.lowerBound >= (context.previousSentence?.lowerBound ?? Int.max)
          {
            evidence = context.previousSentence!.lowerBound..<evidence.upperBound
          }
          let causeQuote = text(cause.span, context.bytes)
          let effectQuote = text(effect.span, context.bytes)
          var parts = [
            "pattern \"\(pattern.text)\": cause \"\(causeQuote)\", effect \"\(effectQuote)\""
          ]
          if let note = cause.note { parts.append(note) }
          if let polarityNote { parts.append(polarityNote) }
          if let hypothetical {
            parts.append(
              "\"\(hypothetical)\" makes it hypothetical (confidence \(format(confidence)))")
          }
          parts.append(
            modifierNote.isEmpty
              ? "strength \(format(strength))" : "\(modifierNote) (\(format(strength)))")
          let explanation = parts.joined(separator: "; ")

          let link = LinkResult(
            cause: causeLabel, effect: effectText, polarity: polarity, strength: strength,
            confidence: confidence,
            span: evidence, causeSpan: cause.span, effectSpan: effect.span, explanation: explanation
          )
          let quote = text(evidence, context.bytes)
          let concepts = [
            ConceptResult(
              label: causeLabel, span: cause.span, confidence: confidence,
              explanation: "cause in: \"\(quote)\""),
            ConceptResult(
              label: effectText, span: effect.span, confidence: confidence,
              explanation: "effect in: \"\(quote)\""),
          ]
          found.append(FoundLink(link: link, concepts: concepts))
        }
      }
    }
    return found
  }

  // MARK: - Effect and polarity

  private struct EffectLabel {
    var text: String
    var negated: Bool
    var span: Range<Int>
    var isProblem: Bool
    var vague: Bool
  }

  private func effectLabel(
    _ match: CueMatch, _ pattern: CuePattern, _ maker: LabelMaker, _ tokens: [Token]
  )
    -> EffectLabel?
  {
    guard pattern.effectForm != .wellbeing, let range = match.effect else {
      let cue = match.cueTokens
      return EffectLabel(
        text: "wellbeing", negated: false,
        span: tokens[cue.first!].range.lowerBound..<tokens[cue.last!].range.upperBound,
        isProblem: false, vague: true)
    }
    if pattern.polarity == .worse || pattern.polarity == .better {
      // "made things worse": the effect is on the person's wellbeing.
      let words = range.filter { tokens[$0].kind != .punctuation }.map { tokens[$0].lower }
        .filter {
          !WordLists.fillers.contains($0) && Modifiers.intensity($0) == nil && $0 != "much"
        }
      if words.isEmpty || WordLists.vagueEffects.contains(words.joined(separator: " ")) {
        return EffectLabel(
          text: "wellbeing", negated: false,
          span: tokens[range.lowerBound].range
            .lowerBound..<tokens[range.upperBound - 1].range.upperBound,
          isProblem: false, vague: true)
      }
    }
    guard let label = maker.effect(range, form: pattern.effectForm) else { return nil }
    let isProblem = label.text.split(separator: " ").contains {
      WordLists.problems.contains(String($0))
    }
    return EffectLabel(
      text: label.text, negated: label.negated, span: span(label, tokens), isProblem: isProblem,
      vague: false)
  }

  private func polarityAndLabel(_ pattern: CuePattern, _ effect: EffectLabel) -> (
    Int, String, String?
  ) {
    let negatedLabel = (effect.negated ? "~" : "") + effect.text
    switch pattern.polarity {
    case .increases:
      return (1, negatedLabel, nil)
    case .decreases:
      return (-1, negatedLabel, nil)
    case .without:
      if effect.negated {
        return (
          1, effect.text,
          "without the cause the effect would not happen, so the cause brings it about (+)"
        )
      }
      return (
        -1, effect.text, "without the cause the effect would happen, so the cause prevents it (−)"
      )
    case .worse:
      if effect.vague {
        return (-1, negatedLabel, "\"worse\" with no named problem: wellbeing goes down (−)")
      }
      return effect.isProblem
        ? (1, negatedLabel, "\"worse\" of a problem: more of it (+)")
        : (-1, negatedLabel, "\"worse\": less of it (−)")
    case .better:
      if effect.vague { return (1, negatedLabel, nil) }
      return effect.isProblem
        ? (-1, negatedLabel, "helping with a problem: less of it (−)")
        : (1, negatedLabel, nil)
    }
  }

  // MARK: - Strength

  /// The words of the clause the link was read from.
  private func region(_ match: CueMatch, _ tokens: [Token]) -> Range<Int> {
    var bounds = match.cueTokens
    bounds.append(match.cause.lowerBound)
    bounds.append(match.cause.upperBound - 1)
    if let effect = match.effect {
      bounds.append(effect.lowerBound)
      bounds.append(effect.upperBound - 1)
    }
    var upper = bounds.max()! + 1
    // A degree phrase just after the clause still belongs to it: "helped massively",
    // "helped more than anything".
    while upper < tokens.count {
      if isModifier(tokens[upper].lower) {
        upper += 1
      } else if upper + 1 < tokens.count,
        Modifiers.intensity(tokens[upper].lower, tokens[upper + 1].lower) != nil
          || Modifiers.hedge(tokens[upper].lower, tokens[upper + 1].lower) != nil
      {
        upper += 2
      } else if upper + 2 < tokens.count, tokens[upper].lower == "more",
        tokens[upper + 1].lower == "than"
      {
        upper += 3
      } else {
        break
      }
    }
    return bounds.min()!..<upper
  }

  private func isModifier(_ word: String) -> Bool {
    Modifiers.intensity(word) != nil || Modifiers.hedge(word) != nil
  }

  /// Base 0.6, times every intensifier, downtoner and hedge in the clause.
  private func strength(_ tokens: [Token], _ region: Range<Int>) -> (Double, String) {
    var value = Self.baseStrength
    var notes: [String] = []
    var i = region.lowerBound
    while i < region.upperBound {
      let word = tokens[i].lower
      let next = i + 1 < region.upperBound ? tokens[i + 1].lower : ""
      let third = i + 2 < region.upperBound ? tokens[i + 2].lower : ""
      var factor: Double?
      var length = 1
      if word == "more" && next == "than" && ["anything", "ever", "anyone"].contains(third) {
        factor = 1.3
        length = 3
      } else if let pair = Modifiers.intensity(word, next) ?? Modifiers.hedge(word, next) {
        factor = pair
        length = 2
      } else if let single = Modifiers.intensity(word) ?? Modifiers.hedge(word) {
        factor = single
      }
      if let factor {
        value *= factor
        let phrase = (i..<(i + length)).map { tokens[$0].lower }.joined(separator: " ")
        notes.append("\"\(phrase)\" \(factor > 1 ? "strengthens" : "weakens")")
      }
      i += length
    }
    return (rounded(min(1, max(0.05, value))), notes.joined(separator: ", "))
  }

  static let modals: Set<String> = [
    "would", "could", "might", "will", "would've", "could've", "might've", "'d",
  ]

  /// "would", "could", "it'd" just before the cue: the link is imagined, not lived.
  private func modal(before cue: Int, _ tokens: [Token]) -> String? {
    for j in stride(from: cue - 1, through: max(0, cue - 2), by: -1) {
      let word = tokens[j].lower
      if Self.modals.contains(word) || (word.hasSuffix("'d") && word.count > 2) {
        return tokens[j].lower
      }
    }
    return nil
  }

  // MARK: - Helpers

  /// "Dee and the drop-in and everything" → each part on its own.
  private func split(_ range: Range<Int>, _ tokens: [Token]) -> [Range<Int>] {
    var parts: [Range<Int>] = []
    var start = range.lowerBound
    for i in range where tokens[i].lower == "and" || tokens[i].lower == "&" {
      if i > start { parts.append(start..<i) }
      start = i + 1
    }
    if start < range.upperBound { parts.append(start..<range.upperBound) }
    return parts
  }

  private func span(_ label: PhraseLabel, _ tokens: [Token]) -> Range<Int> {
    tokens[label.quoteStart].range.lowerBound..<tokens[label.tokens.upperBound - 1].range.upperBound
  }

  /// A project concept whose words all appear in the label, the one with most words.
  private func preferKnown(_ label: String, _ known: [String]) -> String {
    let stems = Set(contentStems(label))
    // "feeling less lonely" is not "loneliness": words that turn a label round stay.
    let turning: Set<String> = ["less", "no", "not", "never", "without", "fewer", "~"]
    guard !stems.isEmpty, label.split(separator: " ").allSatisfy({ !turning.contains(String($0)) })
    else { return label }
    var best: (label: String, count: Int)?
    for concept in known {
      let conceptStems = contentStems(concept.lowercased())
      guard !conceptStems.isEmpty, Set(conceptStems).isSubset(of: stems) else { continue }
      if best == nil || conceptStems.count > best!.count { best = (concept, conceptStems.count) }
    }
    return best?.label ?? label
  }

  private func contentStems(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return Tokenizer.tokens(bytes, in: 0..<bytes.count)
      .filter {
        $0.kind != .punctuation && !WordLists.functionWords.contains($0.lower) && $0.lower != "~"
      }
      .map { Stemmer.stem($0.lower) }
  }

  private func text(_ span: Range<Int>, _ bytes: [UInt8]) -> String {
    String(decoding: bytes[span], as: UTF8.self)
  }

  private func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

  private func format(_ value: Double) -> String { "\(rounded(value))" }
}
