// Reads the cause → effect links of one participant sentence.
import HarkPluginKit

/// Everything needed to read one sentence.
struct SentenceContext {
  var bytes: [UInt8]
  var sentence: Range<Int>
  var tokens: [Token]
  var previousSentence: Range<Int>?
  /// The interviewer's turn just before, when this is the first sentence of
  /// the answer; its last sentence is found only if a pronoun needs it.
  var questionTurn: Range<Int>?

  var question: Range<Int>? {
    questionTurn.flatMap { SentenceSplitter.sentences(bytes, in: $0).last }
  }
}

/// A link with the concepts it names, ready to emit.
struct FoundLink: Equatable {
  var link: LinkResult
  var concepts: [ConceptResult]
  /// UTF-8 byte range of the cue words that signalled the link, first to
  /// last; nil when its cue words are all quiet ("[after]").
  var signal: Range<Int>?
}

struct SentenceLinker {
  let lexicon: CueLexicon
  let compiled: [CompiledPattern]
  /// For each anchor word, the patterns it can start a match for.
  private let anchorIndex: WordTable<[Int]>

  static let baseStrength = 0.6

  init(lexicon: CueLexicon) {
    self.lexicon = lexicon
    compiled = lexicon.patterns.map(CompiledPattern.init)
    var index: [WordKey: [Int]] = [:]
    for (p, pattern) in lexicon.patterns.enumerated() {
      for word in Self.anchorWords(pattern) { index[WordKey(word), default: []].append(p) }
    }
    var table = WordTable<[Int]>(minimumCapacity: index.count)
    for (key, patterns) in index { table[key] = patterns }
    anchorIndex = table
  }

  /// The words a sentence must hold for `pattern` to match: the first of its
  /// required cue words that is not among the commonest words, so the quick
  /// check before reading a sentence lets few sentences through.
  static func anchorWords(_ pattern: CuePattern) -> [String] {
    var required: [[String]] = []
    for element in pattern.elements {
      switch element {
      case .word(let words, false), .slotWord(let words), .quietWord(let words): required.append(words)
      default: continue
      }
    }
    return required.first { !$0.contains(where: commonWords.contains) } ?? required.first ?? []
  }

  static let commonWords: Set<String> = [
    "what", "if", "it", "would", "will", "might", "could", "was", "is", "me", "us", "him", "her", "them", "for",
    "to", "i", "we", "the", "that", "thing", "a", "of", "in", "and", "you", "i'm", "we're", "i've", "we've", "i'd",
  ]

  /// Every word some pattern needs, for the quick check (patterns marked
  /// news are not read: the encoder reads news-style claims).
  /// A clipped word ("'cause") is seen by the quick check without its apostrophe.
  var allAnchorWords: [String] {
    lexicon.patterns.filter { !$0.news }.flatMap(Self.anchorWords).map {
      $0.hasPrefix("'") && $0.count > 1 ? String($0.dropFirst()) : $0
    }
  }

  /// The tokenizer keeps an apostrophe only between letters, so "'cause"
  /// arrives as "'" and "cause"; glued together they are one word again, as
  /// the cue file and the word lists spell it.
  static func joiningClippedWords(_ tokens: [Token]) -> [Token] {
    guard tokens.contains(where: { $0.lower == "'" || $0.lower == "\u{2019}" }) else { return tokens }
    var joined: [Token] = []
    joined.reserveCapacity(tokens.count)
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      if token.kind == .punctuation, token.lower == "'" || token.lower == "\u{2019}", i + 1 < tokens.count,
        tokens[i + 1].kind == .word, tokens[i + 1].range.lowerBound == token.range.upperBound,
        clippedWords.contains(tokens[i + 1].lower)
      {
        joined.append(
          Token(
            range: token.range.lowerBound..<tokens[i + 1].range.upperBound, lower: "'" + tokens[i + 1].lower,
            kind: .word))
        i += 2
        continue
      }
      joined.append(token)
      i += 1
    }
    return joined
  }

  static let clippedWords: Set<String> = ["cause", "cos", "coz"]

  /// The patterns worth trying on these tokens, in file order.
  func candidates(_ tokens: [Token]) -> [Int] {
    var found: [Int] = []
    for token in tokens {
      if let patterns = anchorIndex[token.key] { found.append(contentsOf: patterns) }
    }
    guard found.count > 1 else { return found }
    found.sort()
    var unique: [Int] = []
    for p in found where unique.last != p { unique.append(p) }
    return unique
  }

  /// The links of a sentence, trying the `candidates` patterns in file order.
  func links(_ context: SentenceContext, candidates: [Int]) -> [FoundLink] {
    let tokens = context.tokens
    guard tokens.count >= 3, !candidates.isEmpty || Self.statesResult(tokens) else { return [] }
    let matcher = CueMatcher(tokens: tokens)
    let maker = LabelMaker(tokens: tokens, bytes: context.bytes)
    var claimed = [Bool](repeating: false, count: tokens.count)
    var found: [FoundLink] = []
    var seen = Set<String>()

    for p in candidates {
      let pattern = lexicon.patterns[p]
      if pattern.news { continue }
      for match in matcher.matches(of: compiled[p], claimed: claimed) {
        let slots = [match.cause] + (match.effect.map { [$0] } ?? [])
        if slots.contains(where: { $0.contains { claimed[$0] } }) { continue }
        let causeFirst = pattern.elements.first == .cause
        // "didn't help", "nothing helped": a negated cue is left out rather than guessed at.
        if causeFirst, let first = match.cueTokens.first,
          Modifiers.negator(governing: first, in: tokens) != nil
        {
          for i in match.cueTokens { claimed[i] = true }
          continue
        }
        // "the woman who was helped": a passive cue names no cause.
        if causeFirst, let first = match.cueTokens.first, first > 0,
          Self.passiveAuxiliaries.contains(tokens[first - 1].key)
        {
          continue
        }
        if !causeIsRightKind(match, tokens) { continue }
        // "the shop changed hands": an idiom, not a change the cause made.
        if let last = match.cueTokens.max(), last + 1 < tokens.count,
          Self.idioms.contains(tokens[last].lower + " " + tokens[last + 1].lower)
        {
          for i in match.cueTokens { claimed[i] = true }
          continue
        }
        // "to" as a cue marks a purpose ("to protest the visit"), not a place ("to the city").
        if match.cueTokens.count == 1, tokens[match.cueTokens[0]].key == Self.to,
          !startsVerbPhrase(match.cueTokens[0] + 1, context)
        {
          continue
        }
        let effect: EffectLabel
        if pattern.effectForm == .previous {
          // Only a sentence that is all cause ("Because she kept turning up.") takes its effect from before.
          guard match.cause.upperBound >= tokens.lastIndex(where: { $0.kind != .punctuation }) ?? 0,
            tokens[..<match.cueTokens.min()!].allSatisfy({
              $0.kind == .punctuation || WordLists.fillers.contains($0.key) || Modifiers.hedge($0.lower) != nil
                || WordLists.fillerPairs.contains($0.lower) || ["i", "think"].contains($0.lower)
            }),
            let label = previousEffect(context)
          else { continue }
          effect = label
        } else if let label = effectLabel(match, pattern, maker, tokens) {
          effect = label
        } else {
          continue
        }

        var causes: [(label: PhraseLabel, span: Range<Int>, note: String?)] = []
        var skip = false
        for part in split(match.cause, tokens) {
          switch maker.cause(part) {
          case .success(let label):
            // A cause that is a loss avoided ("I didn't lose the place") names what was kept.
            causes.append((label.negated ? Self.namingWhatIsLost(label) : label, span(label, tokens), nil))
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
            break
          }
          if skip { break }
        }
        if skip {
          for i in match.cueTokens { claimed[i] = true }
          continue
        }
        guard !causes.isEmpty else { continue }
        for i in match.cueTokens { claimed[i] = true }
        for slot in slots { for i in slot { claimed[i] = true } }

        let (strength, modifierNote) = self.strength(tokens, region(match, tokens))
        let cueModal = match.cueTokens.map { tokens[$0].lower }.first { Self.modals.contains($0) }
        let hypothetical =
          cueModal ?? (causeFirst ? modal(before: match.cueTokens[0], tokens) : nil)
        let signal = match.signalTokens.min().map { first in
          tokens[first].range.lowerBound..<tokens[match.signalTokens.max()!].range.upperBound
        }
        for cause in causes {
          let (patternPolarity, effectText, polarityNote) = polarityAndLabel(pattern, effect)
          var polarity = patternPolarity
          // The link names the concept itself; a negated end ("didn't eat
          // properly") turns the polarity instead of the label, so no
          // project concept can ever gain a second "not".
          let causeLabel = cause.label.text
          var turnNotes: [String] = []
          if cause.label.negated {
            polarity = -polarity
            turnNotes.append("\"\(causeLabel)\" is negated, so the polarity turns")
          }
          if effect.negated && pattern.polarity != .without {
            turnNotes.append("\"\(effectText)\" is negated, so the polarity turns")
          }
          guard causeLabel != effectText else { continue }
          let key = "\(causeLabel)|\(effectText)|\(polarity)"
          guard seen.insert(key).inserted else { continue }

          var confidence = pattern.confidence
          if cause.note != nil { confidence *= 0.8 }
          if hypothetical != nil { confidence *= 0.6 }
          confidence = rounded(confidence)

          let causeSpan = cause.span
          let effectSpan = effect.span
          var evidence = context.sentence
          let earliest = min(causeSpan.lowerBound, effectSpan.lowerBound)
          if earliest < evidence.lowerBound, earliest >= (context.previousSentence?.lowerBound ?? Int.max) {
            evidence = context.previousSentence!.lowerBound..<evidence.upperBound
          }
          let causeQuote = text(cause.span, context.bytes)
          let effectQuote = text(effect.span, context.bytes)
          var parts = [
            "pattern \"\(pattern.text)\": cause \"\(causeQuote)\", effect \"\(effectQuote)\""
          ]
          if let note = cause.note { parts.append(note) }
          if let polarityNote { parts.append(polarityNote) }
          parts.append(contentsOf: turnNotes)
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
            span: evidence, causeSpan: causeSpan, effectSpan: effectSpan, explanation: explanation
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
          found.append(FoundLink(link: link, concepts: concepts, signal: signal))
        }
      }
    }
    if let opening = openingSoLink(context), !claimed[opening.cue],
      seen.insert("\(opening.link.link.cause)|\(opening.link.link.effect)|\(opening.link.link.polarity)").inserted
    {
      found.append(opening.link)
    }
    if let degree = soThatLink(context), !claimed[degree.cue],
      seen.insert("\(degree.link.link.cause)|\(degree.link.link.effect)|\(degree.link.link.polarity)").inserted
    {
      found.append(degree.link)
    }
    return found
  }

  static let to = WordKey("to")

  /// Effects that are a loss of what follows: "losing the tenancy" is less tenancy.
  static let lossVerbs = ["losing", "stopping", "quitting", "giving up", "breaking", "cutting"]

  /// Cue words after which the cause must be a clause with its own subject:
  /// "I'd done the groundwork, so I was ready", not "Eleven months, so …".
  static let clauseCues = WordSet(["so"])
  /// Cue words whose cause must be "that" taking up what was said before:
  /// "that's why I left", "that's how I met him", "that's when I drank the most".
  static let referenceCues = WordSet(["why", "how", "when", "what"])
  /// Past-tense words: "when I got there" tells a time, not a cause.
  static let pastTense = WordSet([
    "was", "were", "had", "did", "got", "went", "came", "said", "told", "made", "took", "gave", "saw", "felt",
    "knew", "thought", "left", "found", "kept", "sat", "stood", "ran", "rang", "lost", "met", "heard", "began",
  ])

  /// The checks some cue words put on their cause.
  private func causeIsRightKind(_ match: CueMatch, _ tokens: [Token]) -> Bool {
    let cues = match.cueTokens.map { tokens[$0].key }
    let words = match.cause.filter { tokens[$0].kind != .punctuation && !WordLists.fillers.contains(tokens[$0].key) }
    if cues.contains(where: Self.clauseCues.contains) {
      guard let first = words.first,
        WordLists.subjectPronouns.contains(tokens[first].key) || tokens[first].key == Self.there
          || LabelMaker(tokens: tokens).opensNounPhraseClause(words)
      else { return false }
    }
    // "that's why I left" takes up what was said; ", which is why" the clause before it.
    if match.cause.upperBound <= match.cueTokens.min()!, cues.contains(where: Self.referenceCues.contains),
      !cues.contains(Self.which)
    {
      guard words.count == 1 || words.count == 2 && tokens[words[1]].lower == "is",
        let first = words.first, ["that's", "that", "this", "it's"].contains(tokens[first].lower)
      else { return false }
    }
    // "because I knew him I could see it": with no comma between them, the
    // cause must be a clause of its own, or the split between cause and effect is a guess.
    if let cueEnd = match.cueTokens.max(), match.cause.lowerBound == cueEnd + 1,
      let effect = match.effect, effect.lowerBound == match.cause.upperBound,
      Self.subordinators.contains(tokens[cueEnd].key)
    {
      let maker = LabelMaker(tokens: tokens)
      guard let first = words.first,
        WordLists.subjects.contains(tokens[first].key) || maker.opensNounPhraseClause(words)
      else { return false }
    }
    // "asked (her) if I wanted sugar", "if it was open or not": "if" means "whether".
    if cues.first.map({ $0 == Self.if }) == true, let cue = match.cueTokens.first {
      if cue > 0, Self.askingVerbs.contains(tokens[cue - 1].key) { return false }
      if cue > 1, WordLists.beneficiaries.contains(tokens[cue - 1].key),
        Self.askingVerbs.contains(tokens[cue - 2].key)
      {
        return false
      }
      let clause = match.cause.upperBound > cue ? match.cause : cue..<tokens.count
      let last = clause.last { tokens[$0].kind != .punctuation }
      if let last, last > clause.lowerBound, tokens[last].lower == "not", tokens[last - 1].lower == "or" {
        return false
      }
    }
    // "so I'd have been twelve", "when I was seven": an age or a date is a time, not an effect or a cause.
    if cues.contains(where: Self.timeCues.contains) {
      if isDateOrAge(match.cause, tokens) || match.effect.map({ isDateOrAge($0, tokens) }) == true {
        return false
      }
    }
    if cues.first.map({ $0 == Self.when }) == true {
      // "when I got there, …" tells a time; "when I'm burnt out, …" a cause.
      if words.contains(where: {
        Self.pastTense.contains(tokens[$0].key) || tokens[$0].lower.hasSuffix("ed") && tokens[$0].lower.count > 4
      }) {
        return false
      }
    }
    return true
  }

  static let when = WordKey("when")
  static let which = WordKey("which")
  /// Conjunctions that open a clause of their own: "because I knew him".
  static let subordinators = WordSet(["because", "'cause", "cos", "since", "once", "when", "if"])
  /// Cue words that also tell when something happened.
  static let timeCues = WordSet(["so", "when", "since", "once", "after"])
  /// A cue verb with this object is an idiom: "changed hands".
  static let idioms: Set<String> = [
    "changed hands", "changes hands", "change hands", "broke even", "breaks even", "killed time", "kills time",
  ]

  /// Whether a clause only says an age or a date: "I was seven", "I'd have been
  /// about 12", "that was 1985", "in 1985 we moved", "when she was little".
  func isDateOrAge(_ range: Range<Int>, _ tokens: [Token]) -> Bool {
    var numbers = 0
    var other = 0
    for i in range where tokens[i].kind != .punctuation {
      let token = tokens[i]
      if token.kind == .number || WordLists.numberWords.contains(token.lower) || Self.ageWords.contains(token.key) {
        numbers += 1
      } else if !(WordLists.subjectPronouns.contains(token.key) || WordLists.auxiliaries.contains(token.key)
        || WordLists.copulas.contains(token.key) || WordLists.fillers.contains(token.key)
        || WordLists.referringPronouns.contains(token.key) || Self.dateFillers.contains(token.key))
      {
        other += 1
      }
    }
    return numbers > 0 && other == 0
  }

  static let ageWords = WordSet(["little", "young", "small", "kid", "kids", "child", "baby", "teenager", "born"])
  static let dateFillers = WordSet([
    "about", "around", "nearly", "almost", "only", "in", "at", "on", "the", "a", "age", "aged", "years",
    "year", "old", "of", "or", "then", "there", "me", "him", "her", "them", "us", "i'd", "we'd", "he'd", "she'd",
    "they'd", "would've", "must've", "turned", "turns", "turn", "turning",
  ])
  static let `if` = WordKey("if")
  static let askingVerbs = WordSet([
    "ask", "asked", "asking", "asks", "wonder", "wondered", "wondering", "know", "knew", "see", "check",
    "checked", "checking", "sure", "unsure", "tell", "told", "whether", "remember", "idea", "decide", "decided",
  ])

  /// Whether the words from `i` can be a bare verb phrase: not a determiner,
  /// pronoun, number or capitalised name.
  private func startsVerbPhrase(_ i: Int, _ context: SentenceContext) -> Bool {
    guard i < context.tokens.count else { return false }
    let token = context.tokens[i]
    guard token.kind == .word else { return false }
    let first = context.bytes[token.range.lowerBound]
    if first >= 65 && first <= 90 { return false }
    return !WordLists.determiners.contains(token.key) && !WordLists.people.contains(token.key)
      && !WordLists.beneficiaries.contains(token.key) && !WordLists.prepositions.contains(token.key)
      && token.key != Self.to
  }

  static let passiveAuxiliaries = WordSet([
    "was", "were", "been", "being", "is", "are", "get", "got", "gets", "getting",
  ])

  /// The UTF-8 bytes of a token range without punctuation at either end.
  private func trimmedBytes(_ range: Range<Int>, _ tokens: [Token]) -> Range<Int>? {
    guard let first = range.first(where: { tokens[$0].kind != .punctuation }),
      let last = range.last(where: { tokens[$0].kind != .punctuation })
    else { return nil }
    return tokens[first].range.lowerBound..<tokens[last].range.upperBound
  }

  private func bytes(_ range: Range<Int>, _ tokens: [Token]) -> Range<Int> {
    trimmedBytes(range, tokens)
      ?? tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound
  }

  // MARK: - Effect and polarity

  /// The effect a "because" sentence answers: the last clause of the
  /// sentence before that has its own subject and makes a label.
  private func previousEffect(_ context: SentenceContext) -> EffectLabel? {
    guard let previous = context.previousSentence else { return nil }
    let words = Tokenizer.tokens(context.bytes, in: previous)
    let maker = LabelMaker(tokens: words)
    var end = words.count
    while end > 0 {
      while end > 0, words[end - 1].kind == .punctuation { end -= 1 }
      var start = end
      while start > 0, words[start - 1].kind != .punctuation, !WordLists.clauseOpeners.contains(words[start - 1].key) {
        start -= 1
      }
      if start < end, WordLists.subjectPronouns.contains(words[start].key),
        let label = maker.effect(start..<end, form: .subject)
      {
        let span = words[label.quoteStart].range.lowerBound..<words[label.tokens.upperBound - 1].range.upperBound
        return EffectLabel(text: label.text, negated: label.negated, span: span, isProblem: false, vague: false)
      }
      end = start > 0 ? start - 1 : 0
    }
    return nil
  }

  /// "losing a hostel bed" is less of a bed: the label names the thing, and
  /// the loss turns the polarity.
  static func namingWhatIsLost(_ made: PhraseLabel) -> PhraseLabel {
    var label = made
    for verb in lossVerbs where label.text.hasPrefix(verb + " ") && label.text.count > verb.count + 1 {
      var words = label.text.dropFirst(verb.count + 1).split(separator: " ")
      while words.count > 1, WordLists.determiners.contains(String(words[0])) || words[0] == "a" { words.removeFirst() }
      label.text = words.joined(separator: " ")
      label.negated.toggle()
      break
    }
    return label
  }

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
    guard let made = maker.effect(range, form: pattern.effectForm) else { return nil }
    let label = Self.namingWhatIsLost(made)
    let isProblem = label.text.split(separator: " ").contains {
      WordLists.problems.contains(String($0))
    }
    return EffectLabel(
      text: label.text, negated: label.negated, span: span(label, tokens), isProblem: isProblem,
      vague: false)
  }

  /// The polarity and the effect's label. A negated effect keeps its own
  /// label and turns the polarity: "didn't eat properly" is less eating properly.
  private func polarityAndLabel(_ pattern: CuePattern, _ effect: EffectLabel) -> (
    Int, String, String?
  ) {
    let turn = effect.negated ? -1 : 1
    let label = effect.text
    switch pattern.polarity {
    case .increases:
      return (turn, label, nil)
    case .decreases:
      return (-turn, label, nil)
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
        return (-turn, label, "\"worse\" with no named problem: wellbeing goes down (−)")
      }
      return effect.isProblem
        ? (turn, label, "\"worse\" of a problem: more of it (+)")
        : (-turn, label, "\"worse\": less of it (−)")
    case .better:
      if effect.vague { return (turn, label, nil) }
      return effect.isProblem
        ? (-turn, label, "helping with a problem: less of it (−)")
        : (turn, label, nil)
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
  func strength(_ tokens: [Token], _ region: Range<Int>) -> (Double, String) {
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
  func modal(before cue: Int, _ tokens: [Token]) -> String? {
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
    for i in range where (tokens[i].lower == "and" || tokens[i].lower == "&") && !WordLists.joinsNumbers(tokens, i) {
      if i > start { parts.append(start..<i) }
      start = i + 1
    }
    if start < range.upperBound { parts.append(start..<range.upperBound) }
    return parts
  }

  func span(_ label: PhraseLabel, _ tokens: [Token]) -> Range<Int> {
    tokens[label.quoteStart].range.lowerBound..<tokens[label.tokens.upperBound - 1].range.upperBound
  }

  private func text(_ span: Range<Int>, _ bytes: [UInt8]) -> String {
    String(decoding: bytes[span], as: UTF8.self)
  }

  private func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

  func format(_ value: Double) -> String { "\(rounded(value))" }
}
