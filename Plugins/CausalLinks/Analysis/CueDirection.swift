// Which of the encoder's marked spans are cause and effect of one claim, and
// which way round, read from the cue between them: "Y because X", "because X,
// Y", "X so Y", "X, that's why Y". The encoder tags each word once, so in a
// chain ("nobody owned him so he stays here and we feed him") the middle
// clause can carry only one tag, and its pairing in order of appearance joins
// fragments of different claims; the cue's syntax does not depend on the tags.
import HarkPluginKit

extension SentenceLinker {
  /// Words that open the cause's clause: the words after them are the cause
  /// ("we moved because the rent went up").
  static let causeOpeners = WordSet(["because", "'cause", "cos", "coz"])
  /// Two-word cues that open the cause: "due to the drought", "thanks to her".
  static let causeOpenerPairs: Set<String> = ["due to", "thanks to", "owing to"]
  /// Words that open the effect's clause: the words before them are the cause
  /// ("we had no car, so we walked", "the rent went up, which is why we moved").
  static let effectOpeners = WordSet(["so", "therefore", "hence", "thus", "consequently", "why", "how"])

  /// Which way a cue points.
  enum CueSide: Equatable {
    /// The words after the cue are the cause.
    case causeAfter
    /// The words after the cue are the effect.
    case effectAfter
  }

  /// A cause and an effect the encoder marked (UTF-8 byte ranges), with the cue token that paired them.
  struct MarkedPair: Equatable {
    var cause: Range<Int>
    var effect: Range<Int>
    var cue: Int?
    /// Whether the cue read a span against its tag (the encoder's cause as the effect, or the reverse).
    var againstTags = false
  }

  /// The cause and effect pairs of a sentence. Around each cue word, the nearest marked spans on either side
  /// (whatever their tags) are its claim, in the cue's direction; a cue that opens the sentence ("Because we had
  /// no car, we walked") takes the next two spans. The pairs of the encoder's tags (`TaggedSpans.pairs`) are
  /// kept too, except one with a cue between its spans that points the other way.
  static func cuePairs(_ spans: TaggedSpans, _ tokens: [Token], bytes: [UInt8]) -> [MarkedPair] {
    let marked = joinedAdjacent(spans.causes.map { ($0, true) } + spans.effects.map { ($0, false) }, tokens, bytes)
    func pair(_ cause: Int, _ effect: Int, cue: Int) -> MarkedPair {
      MarkedPair(
        cause: marked[cause].range, effect: marked[effect].range, cue: cue,
        againstTags: !marked[cause].isCause || marked[effect].isCause)
    }
    var pairs: [MarkedPair] = []
    var cues: [(token: Int, side: CueSide)] = []
    var i = 0
    while i < tokens.count {
      guard let (side, width) = cueSide(of: i, tokens) else {
        i += 1
        continue
      }
      cues.append((i, side))
      let cueStart = tokens[i].range.lowerBound
      let cueEnd = tokens[i + width - 1].range.upperBound
      let after = marked.firstIndex { $0.range.lowerBound >= cueEnd }
      let opensSentence = tokens[..<i].allSatisfy { $0.kind == .punctuation || WordLists.fillers.contains($0.key) }
      if opensSentence {
        // "Because we had no car, we walked": cause first, then the effect.
        if side == .causeAfter, let after, after + 1 < marked.count {
          pairs.append(pair(after, after + 1, cue: i))
        }
      } else if let before = marked.lastIndex(where: { $0.range.upperBound <= cueStart }), let after {
        pairs.append(side == .causeAfter ? pair(after, before, cue: i) : pair(before, after, cue: i))
      }
      i += width
    }
    // The encoder's own pairs come first (a cue pattern's reading of the same words replaces the first pair it
    // overlaps) and stand, unless a cue between their two spans points the other way.
    var tagged: [MarkedPair] = []
    for pair in spans.pairs {
      let causeFirst = pair.cause.upperBound <= pair.effect.lowerBound
      let between =
        causeFirst ? pair.cause.upperBound..<pair.effect.lowerBound : pair.effect.upperBound..<pair.cause.lowerBound
      let contradicted = cues.contains { cue in
        between.contains(tokens[cue.token].range.lowerBound) && (cue.side == .causeAfter) == causeFirst
      }
      if !contradicted { tagged.append(MarkedPair(cause: pair.cause, effect: pair.effect, cue: nil)) }
    }
    for pair in pairs where !tagged.contains(where: { $0.cause == pair.cause && $0.effect == pair.effect }) {
      tagged.append(pair)
    }
    pairs = tagged
    return pairs
  }

  /// The marked spans in order; a lone subject pronoun followed by a span of its kind, with nothing but fillers
  /// between ("just", "really"), is joined to it ("he" "stays here" is one clause the encoder opened twice).
  private static func joinedAdjacent(_ spans: [(Range<Int>, Bool)], _ tokens: [Token], _ bytes: [UInt8]) -> [(
    range: Range<Int>, isCause: Bool
  )] {
    var out: [(range: Range<Int>, isCause: Bool)] = []
    for (range, isCause) in spans.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
      let gap = tokens.filter {
        $0.range.lowerBound >= (out.last?.range.upperBound ?? 0) && $0.range.upperBound <= range.lowerBound
      }
      if let last = out.last, last.isCause == isCause, last.range.upperBound <= range.lowerBound,
        let pronoun = tokens.first(where: { $0.range == last.range }), WordLists.subjectPronouns.contains(pronoun.key),
        gap.allSatisfy({ WordLists.fillers.contains($0.key) && !WordLists.clauseOpeners.contains($0.key) })
      {
        out[out.count - 1].range = last.range.lowerBound..<range.upperBound
      } else {
        out.append((range, isCause))
      }
    }
    return out
  }

  /// The side token `i` opens and how many tokens the cue has, when it is a cue word.
  static func cueSide(of i: Int, _ tokens: [Token]) -> (CueSide, Int)? {
    let token = tokens[i]
    guard token.kind == .word else { return nil }
    if i + 1 < tokens.count, causeOpenerPairs.contains(token.lower + " " + tokens[i + 1].lower) {
      return (.causeAfter, 2)
    }
    if causeOpeners.contains(token.key) {
      // "because of the fares" is one cue.
      return (.causeAfter, i + 1 < tokens.count && tokens[i + 1].lower == "of" ? 2 : 1)
    }
    guard effectOpeners.contains(token.key) else { return nil }
    // "so close", "so much": a degree, not a result. A result "so" opens a clause: a subject comes next.
    if token.lower == "so" {
      var j = i + 1
      while j < tokens.count, tokens[j].kind == .punctuation || WordLists.fillers.contains(tokens[j].key) { j += 1 }
      guard j < tokens.count, opensClause(tokens[j]) else { return nil }
    }
    // "why" and "how" are cues after "that's" or "which is" ("that's why we left", "that's how I met him"), not
    // in a question ("why did you").
    if token.lower == "why" || token.lower == "how" {
      guard i > 0, ["that's", "is", "was"].contains(tokens[i - 1].lower) else { return nil }
    }
    return (.effectAfter, 1)
  }

  /// Whether a word can open the clause after a result "so": a subject pronoun, "there", a determiner.
  private static func opensClause(_ token: Token) -> Bool {
    WordLists.subjectPronouns.contains(token.key) || WordLists.subjects.contains(token.key)
      || WordLists.determiners.contains(token.key) || ["there", "that's", "there's", "of"].contains(token.lower)
  }

  /// "She talks to me now, which she didn't for a long time, because I'd let her down": a relative clause
  /// between the effect and "because" denies the effect, and the cause explains that denial, so the cause
  /// lowers the effect. The note for the explanation, or nil when the words between hold no such clause.
  static func deniedByRelativeClause(effect: Range<Int>, cause: Range<Int>, _ tokens: [Token]) -> String? {
    guard effect.upperBound <= cause.lowerBound else { return nil }
    let between = effect.upperBound..<cause.lowerBound
    guard let which = between.first(where: { tokens[$0].lower == "which" }),
      let cue = between.first(where: { $0 > which && causeOpeners.contains(tokens[$0].key) }),
      let negator = ((which + 1)..<cue).first(where: { Modifiers.isNegator(tokens[$0].lower) })
    else { return nil }
    return "\"which … \(tokens[negator].lower)\" before \"\(tokens[cue].lower)\" denies the effect, and the cause "
      + "explains that, so it lowers the effect (−)"
  }
}
