// Finds what a cause written as "it", "that" or "this" refers to, when a
// plain rule can tell; otherwise the link is left out.
import HarkPluginKit

/// What a pronoun refers to, with where that phrase is in the document.
struct Antecedent: Equatable {
  enum Source: Equatable {
    /// "It helped me, talking to Paula." / "That little message, honestly, it got me out."
    case sameSentence
    /// "Um, the peer group. … that helped."
    case previousSentence
    /// Q "What about the drop-in?" A "It really helped me."
    case question
  }

  var label: PhraseLabel
  /// UTF-8 byte range of the phrase in the document.
  var span: Range<Int>
  var source: Source
}

struct AntecedentFinder {
  let bytes: [UInt8]
  /// The sentence with the pronoun, its tokens, and where the cue pattern ends.
  let tokens: [Token]
  /// The sentence before, in the same turn.
  let previousSentence: Range<Int>?
  /// The interviewer's question just before the turn, when the pronoun is in the turn's first sentence.
  let question: Range<Int>?

  func find(pronoun: Int, matchEnd: Int) -> Antecedent? {
    if let found = rightDislocation(after: matchEnd) ?? leftDislocation(before: pronoun) {
      return found
    }
    if let previousSentence,
      let found = fragment(in: previousSentence) ?? subject(of: previousSentence)
    {
      return Antecedent(label: found.label, span: found.span, source: .previousSentence)
    }
    if let question, let found = aboutPhrase(in: question) ?? fragment(in: question) {
      return Antecedent(label: found.label, span: found.span, source: .question)
    }
    // "That's why I didn't go back": "that" takes up what the sentence before
    // said, a clause of it; "it" is left to the plain rules above.
    if ["that", "that's", "this"].contains(tokens[pronoun].lower) {
      // "I help on the café, and that's given me the confidence": the clause before, in the same sentence.
      if let found = lastClause(of: Array(tokens[..<pronoun])) {
        return Antecedent(label: found.label, span: found.span, source: .sameSentence)
      }
      if let previousSentence, let found = lastClause(of: Tokenizer.tokens(bytes, in: previousSentence)) {
        return Antecedent(label: found.label, span: found.span, source: .previousSentence)
      }
    }
    return nil
  }

  /// The last clause of these words that has a subject and a verb and makes a label.
  private func lastClause(of words: [Token]) -> (label: PhraseLabel, span: Range<Int>)? {
    var bounds: [Int] = [0]
    for (i, word) in words.enumerated()
    where word.kind == .punctuation || WordLists.clauseOpeners.contains(word.key) {
      bounds.append(i + 1)
    }
    bounds.append(words.count)
    var ends = Array(bounds.dropFirst())
    ends.reverse()
    for end in ends {
      guard let start = bounds.last(where: { $0 < end }) else { continue }
      var stop = end
      while stop > start, words[stop - 1].kind == .punctuation || WordLists.clauseOpeners.contains(words[stop - 1].key)
      {
        stop -= 1
      }
      var first = start
      while first < stop, WordLists.fillers.contains(words[first].key) { first += 1 }
      guard stop - first >= 3, WordLists.subjectPronouns.contains(words[first].key),
        !WordLists.referringPronouns.contains(words[first].key),
        case .success(let label) = LabelMaker(tokens: words).cause(first..<stop)
      else { continue }
      return (label, words[first].range.lowerBound..<words[stop - 1].range.upperBound)
    }
    return nil
  }

  /// "It helped me, talking to Paula.": an "-ing" phrase after a comma.
  private func rightDislocation(after end: Int) -> Antecedent? {
    var i = end
    // "that helped more than anything, just knowing …": degree words may come first.
    while i < tokens.count, tokens[i].kind != .punctuation,
      [
        "more", "than", "anything", "ever", "a", "lot", "so", "much", "loads", "just", "really",
        "honestly",
      ].contains(
        tokens[i].lower) || Modifiers.intensity(tokens[i].lower) != nil
    {
      i += 1
    }
    guard i < tokens.count, tokens[i].lower == "," else { return nil }
    i += 1
    while i < tokens.count, ["just", "really", "honestly", "like"].contains(tokens[i].lower) {
      i += 1
    }
    guard i < tokens.count, tokens[i].kind == .word, tokens[i].lower.hasSuffix("ing") else {
      return nil
    }
    let stop = CueMatcher(tokens: tokens).clauseEnd(from: i)
    return label(tokens, i..<stop, source: .sameSentence)
  }

  /// "And that little message, honestly, it got me out the door.": the
  /// sentence opens with a phrase that the pronoun after a comma takes up.
  private func leftDislocation(before pronoun: Int) -> Antecedent? {
    var j = pronoun - 1
    var sawComma = false
    while j >= 0, tokens[j].kind == .punctuation || WordLists.fillers.contains(tokens[j].key) {
      if tokens[j].kind == .punctuation { sawComma = true }
      j -= 1
    }
    guard sawComma, j >= 0 else { return nil }
    let firstStop = tokens.firstIndex { $0.kind == .punctuation } ?? tokens.count
    guard firstStop <= j + 1, isPhraseWithoutVerb(tokens, 0..<firstStop) else { return nil }
    return label(tokens, 0..<firstStop, source: .sameSentence)
  }

  /// A sentence that is only a noun phrase: "Um, the peer group."
  private func fragment(in sentence: Range<Int>) -> (label: PhraseLabel, span: Range<Int>)? {
    let words = Tokenizer.tokens(bytes, in: sentence)
    // Only fillers before the phrase, which opens with an article or possessive
    // ("that" and "this" could as well be pronouns: "That hurt.").
    guard
      let start = words.firstIndex(where: {
        $0.kind != .punctuation && !WordLists.fillers.contains($0.key)
      }),
      ["the", "a", "an", "my", "our", "their", "his", "her", "your"].contains(words[start].lower)
    else { return nil }
    let end = words[start...].firstIndex { $0.kind == .punctuation } ?? words.count
    guard end - start <= 4, words[end...].allSatisfy({ $0.kind == .punctuation }),
      isPhraseWithoutVerb(words, start..<end)
    else { return nil }
    return labelAndSpan(words, start..<end)
  }

  /// "The café is brilliant." → "café": a subject led by a determiner before a verb "to be" or "to have".
  private func subject(of sentence: Range<Int>) -> (label: PhraseLabel, span: Range<Int>)? {
    let words = Tokenizer.tokens(bytes, in: sentence)
    var i = 0
    while i < words.count, WordLists.fillers.contains(words[i].key) { i += 1 }
    guard i < words.count,
      ["the", "this", "that", "my", "our", "those", "these", "his", "her", "their"].contains(
        words[i].lower)
    else { return nil }
    var j = i + 1
    while j < words.count, j - i <= 5, words[j].kind == .word,
      !WordLists.auxiliaries.contains(words[j].key), !WordLists.copulas.contains(words[j].key)
    {
      j += 1
    }
    guard j < words.count, j > i + 1, WordLists.auxiliaries.contains(words[j].key) else {
      return nil
    }
    return labelAndSpan(words, i..<j)
  }

  /// "What about the drop-in?" → "drop-in".
  private func aboutPhrase(in question: Range<Int>) -> (label: PhraseLabel, span: Range<Int>)? {
    let words = Tokenizer.tokens(bytes, in: question)
    guard let about = words.lastIndex(where: { $0.lower == "about" }), about + 1 < words.count
    else { return nil }
    let end = CueMatcher(tokens: words).clauseEnd(from: about + 1)
    guard isPhraseWithoutVerb(words, (about + 1)..<end) else { return nil }
    return labelAndSpan(words, (about + 1)..<end)
  }

  private func isPhraseWithoutVerb(_ words: [Token], _ range: Range<Int>) -> Bool {
    guard let first = range.first(where: { !WordLists.fillers.contains(words[$0].key) }),
      ![
        "when", "if", "while", "before", "after", "until", "till", "since", "though", "although",
        "whereas", "as",
        "than", "whether", "who", "which", "where",
      ].contains(words[first].lower)
    else { return false }
    for i in first..<range.upperBound {
      let word = words[i].lower
      if WordLists.phraseBreakers.contains(word) && i > range.lowerBound { break }
      if WordLists.subjectPronouns.contains(word) || WordLists.auxiliaries.contains(word)
        || WordLists.copulas.contains(word) || Modifiers.isNegator(word)
        || WordLists.people.contains(word)
      {
        return false
      }
    }
    return true
  }

  private func label(_ words: [Token], _ range: Range<Int>, source: Antecedent.Source)
    -> Antecedent?
  {
    guard let found = labelAndSpan(words, range) else { return nil }
    return Antecedent(label: found.label, span: found.span, source: source)
  }

  private func labelAndSpan(_ words: [Token], _ range: Range<Int>) -> (
    label: PhraseLabel, span: Range<Int>
  )? {
    guard case .success(let label) = LabelMaker(tokens: words).cause(range) else { return nil }
    let span =
      words[label.quoteStart].range.lowerBound..<words[label.tokens.upperBound - 1].range.upperBound
    return (label, span)
  }
}
