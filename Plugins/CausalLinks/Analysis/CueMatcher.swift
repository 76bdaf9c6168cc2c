// Finds where a cue pattern occurs in a sentence's tokens and which words
// fill its cause (X) and effect (Y) slots.
import HarkPluginKit

/// One occurrence of a pattern: token index ranges within the sentence.
struct CueMatch: Equatable {
  var cause: Range<Int>
  var effect: Range<Int>?
  /// The pattern's own words ("helped", "me").
  var cueTokens: [Int]
  /// The slots with the cue words that belong to them ("demanding better pay").
  var causeWithCue: Range<Int>
  var effectWithCue: Range<Int>?
  /// The cue words the evaluator marks as the signal (all but quiet ones).
  var signalTokens: [Int]
}

/// A pattern with its words as `WordKey`s, ready to compare with tokens.
struct CompiledPattern {
  enum Element: Equatable {
    case cause, effect, comma, clauseStart
    case word([WordKey], optional: Bool, inSlot: Bool, quiet: Bool)
  }

  let pattern: CuePattern
  let elements: [Element]
  /// The words a match must start with (after a leading slot and "^"), when
  /// the pattern has such a required first word: other start positions are not tried.
  let firstWords: [WordKey]?

  init(_ pattern: CuePattern) {
    self.pattern = pattern
    elements = pattern.elements.map { element in
      switch element {
      case .cause: .cause
      case .effect: .effect
      case .comma: .comma
      case .clauseStart: .clauseStart
      case .word(let words, let optional):
        .word(words.map { WordKey($0) }, optional: optional, inSlot: false, quiet: false)
      case .slotWord(let words): .word(words.map { WordKey($0) }, optional: false, inSlot: true, quiet: false)
      case .quietWord(let words): .word(words.map { WordKey($0) }, optional: false, inSlot: false, quiet: true)
      }
    }
    var rest = elements[...]
    if rest.first == .cause || rest.first == .effect { rest = rest.dropFirst() }
    if rest.first == .clauseStart { rest = rest.dropFirst() }
    if case .word(let words, false, _, _) = rest.first {
      firstWords = words
    } else {
      firstWords = nil
    }
  }

  var isSlot: [Bool] { elements.map { $0 == .cause || $0 == .effect } }
}

struct CueMatcher {
  let tokens: [Token]

  /// Every non-overlapping occurrence of `pattern` whose cue words are not in `claimed`.
  func matches(of compiled: CompiledPattern, claimed: [Bool]) -> [CueMatch] {
    var found: [CueMatch] = []
    var used = claimed
    let elements = compiled.elements
    let leadingSlot: CompiledPattern.Element? =
      elements.first == .cause || elements.first == .effect ? elements.first : nil
    let rest = leadingSlot == nil ? elements[...] : elements.dropFirst()
    var state = State()
    for start in tokens.indices {
      if let first = compiled.firstWords, !first.contains(tokens[start].key) { continue }
      state.reset()
      guard match(rest, rest.startIndex, at: start, claimed: used, state: &state) else { continue }
      if let leadingSlot {
        let clauseStart = self.clauseStart(before: start)
        guard clauseStart < start else { continue }
        state.assign(leadingSlot, clauseStart..<start)
      }
      guard let cause = state.cause else { continue }
      var causeWithCue = cause
      var effectWithCue = state.effect
      for (position, element) in state.slotCues {
        // The slot after the cue word, else the one before it.
        let after = elements[(element + 1)...].first { $0 == .cause || $0 == .effect }
        let before = elements[..<element].last { $0 == .cause || $0 == .effect }
        switch after ?? before {
        case .cause: causeWithCue = Self.extend(causeWithCue, to: position)
        case .effect: effectWithCue = effectWithCue.map { Self.extend($0, to: position) }
        default: break
        }
      }
      found.append(
        CueMatch(
          cause: cause, effect: state.effect, cueTokens: state.cue, causeWithCue: causeWithCue,
          effectWithCue: effectWithCue, signalTokens: state.cue.filter { !state.quiet.contains($0) }))
      for i in state.cue { used[i] = true }
    }
    return found
  }

  private static func extend(_ range: Range<Int>, to position: Int) -> Range<Int> {
    min(range.lowerBound, position)..<max(range.upperBound, position + 1)
  }

  private struct State {
    var cause: Range<Int>?
    var effect: Range<Int>?
    var cue: [Int] = []
    /// Token positions of in-slot cue words and their element indices.
    var slotCues: [(Int, Int)] = []
    /// Token positions of quiet cue words.
    var quiet: [Int] = []
    mutating func reset() {
      cause = nil
      effect = nil
      cue.removeAll(keepingCapacity: true)
      slotCues.removeAll(keepingCapacity: true)
      quiet.removeAll(keepingCapacity: true)
    }
    mutating func assign(_ slot: CompiledPattern.Element, _ range: Range<Int>) {
      if slot == .cause { cause = range } else { effect = range }
    }
  }

  private func isWord(_ element: CompiledPattern.Element) -> Bool {
    if case .word = element { return true }
    return false
  }

  private func match(
    _ elements: ArraySlice<CompiledPattern.Element>, _ e: Int, at position: Int, claimed: [Bool],
    state: inout State
  ) -> Bool {
    guard e < elements.endIndex else { return true }
    switch elements[e] {
    case .clauseStart:
      // The cue word after "^" is checked first: it fails far more often, and costs less.
      if e + 1 < elements.endIndex, case .word(let alternatives, false, _, _) = elements[e + 1],
        !(position < tokens.count && alternatives.contains(tokens[position].key))
      {
        return false
      }
      guard isClauseStart(position) else { return false }
      return match(elements, e + 1, at: position, claimed: claimed, state: &state)
    case .comma:
      guard position < tokens.count, tokens[position].lower == "," else { return false }
      return match(elements, e + 1, at: position + 1, claimed: claimed, state: &state)
    case .word(let alternatives, let optional, let inSlot, let quiet):
      if position < tokens.count, !claimed[position], alternatives.contains(tokens[position].key) {
        // Tried in place and undone on failure: no copies of the state.
        state.cue.append(position)
        if inSlot { state.slotCues.append((position, e)) }
        if quiet { state.quiet.append(position) }
        if match(elements, e + 1, at: position + 1, claimed: claimed, state: &state) { return true }
        state.cue.removeLast()
        if inSlot { state.slotCues.removeLast() }
        if quiet { state.quiet.removeLast() }
      }
      // A degree word between two cue words ("helped me massively with") is allowed.
      if e > elements.startIndex, position < tokens.count, isWord(elements[e - 1]), isDegreeWord(position) {
        return match(elements, e, at: position + 1, claimed: claimed, state: &state)
      }
      return optional && match(elements, e + 1, at: position, claimed: claimed, state: &state)
    case .cause, .effect:
      let slot = elements[e]
      if e == elements.endIndex - 1 {
        let end = clauseEnd(from: position)
        guard end > position else { return false }
        state.assign(slot, position..<end)
        return true
      }
      if elements[e + 1] == .cause || elements[e + 1] == .effect {
        // "without X Y": X ends at a comma or where the second clause's subject starts.
        let end = clauseEnd(from: position)
        guard
          let split = (position + 1..<max(position + 1, end)).first(where: {
            WordLists.subjects.contains(tokens[$0].key)
          })
        else {
          return false
        }
        let saved = (state.cause, state.effect)
        state.assign(slot, position..<split)
        if match(elements, e + 1, at: split, claimed: claimed, state: &state) { return true }
        (state.cause, state.effect) = saved
        return false
      }
      // A slot between cue words: the shortest run of words before the next cue word.
      // A cause never runs on into a new clause: "because of that I got …".
      var end = position + 1
      while end < tokens.count {
        if tokens[end - 1].kind == .punctuation { return false }
        // (Up to a comma the cause may hold a clause of its own: "once I had a door I could lock ,".)
        if slot == .cause, end - 1 > position, elements[e + 1] != .comma,
          WordLists.subjects.contains(tokens[end - 1].key)
        {
          return false
        }
        let saved = (state.cause, state.effect)
        state.assign(slot, position..<end)
        if match(elements, e + 1, at: end, claimed: claimed, state: &state) { return true }
        (state.cause, state.effect) = saved
        end += 1
      }
      return false
    }
  }

  private func isDegreeWord(_ i: Int) -> Bool {
    let word = tokens[i].lower
    return Modifiers.intensity(word) != nil || Modifiers.hedge(word) != nil
      || ["just", "really", "actually"].contains(word)
  }

  /// Whether a clause begins at token `i`: at the start, after punctuation or a conjunction.
  func isClauseStart(_ i: Int) -> Bool {
    var j = i - 1
    while j >= 0 {
      let token = tokens[j]
      if token.kind == .punctuation || WordLists.clauseOpeners.contains(token.key) { return true }
      if WordLists.fillers.contains(token.key) || Modifiers.hedge(token.lower) != nil {
        j -= 1
        continue
      }
      if j >= 1, WordLists.fillerPairs.contains(tokens[j - 1].lower + " " + token.lower) {
        j -= 2
        continue
      }
      return false
    }
    return true
  }

  /// Where the clause that ends just before `i` begins.
  func clauseStart(before i: Int) -> Int {
    var j = i
    while j > 0 {
      let token = tokens[j - 1]
      if token.kind == .punctuation { break }
      if WordLists.clauseOpeners.contains(token.key) && !isSoMuch(j - 1) && !joinsPhrases(j - 1) { break }
      // What was reported starts after "said" or "said that".
      if WordLists.reportingVerbs.contains(token.key) { break }
      if token.key == Self.that, j >= 2, WordLists.reportingVerbs.contains(tokens[j - 2].key) { break }
      j -= 1
    }
    return j
  }

  /// Where the clause that starts at `i` ends (exclusive).
  func clauseEnd(from i: Int) -> Int {
    var j = i
    while j < tokens.count {
      let token = tokens[j]
      if token.kind == .punctuation { break }
      if WordLists.clauseClosers.contains(token.key), !isSoMuch(j), !joinsPhrases(j) { break }
      j += 1
    }
    return j
  }

  /// "and" or "or" between two noun phrases ("Bangalore and Mysore", "the
  /// group and the café") rather than before a new clause ("and I", "and then").
  private func joinsPhrases(_ i: Int) -> Bool {
    guard tokens[i].key == Self.and || tokens[i].key == Self.or, i + 1 < tokens.count else { return false }
    let next = tokens[i + 1]
    return next.kind == .word && !WordLists.subjectPronouns.contains(next.key)
      && !WordLists.clauseOpeners.contains(next.key) && !WordLists.fillers.contains(next.key)
      && !WordLists.auxiliaries.contains(next.key) && !Modifiers.isNegator(next.lower)
  }

  private static let and = WordKey("and")
  private static let that = WordKey("that")
  private static let or = WordKey("or")

  /// "so" as a degree word ("so much", "made me so angry"), not a conjunction.
  private func isSoMuch(_ i: Int) -> Bool {
    tokens[i].lower == "so" && i + 1 < tokens.count
      && (["much", "many"].contains(tokens[i + 1].lower) || WordLists.feelingAdjectives.contains(tokens[i + 1].key)
        || WordLists.degreeTargets.contains(tokens[i + 1].key))
  }
}
