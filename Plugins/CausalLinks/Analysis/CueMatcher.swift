// Finds where a cue pattern occurs in a sentence's tokens and which words
// fill its cause (X) and effect (Y) slots.
import HarkPluginKit

/// One occurrence of a pattern: token index ranges within the sentence.
struct CueMatch: Equatable {
  var cause: Range<Int>
  var effect: Range<Int>?
  /// The pattern's own words ("helped", "me").
  var cueTokens: [Int]
}

struct CueMatcher {
  let tokens: [Token]

  /// Every non-overlapping occurrence of `pattern` whose cue words are not in `claimed`.
  func matches(of pattern: CuePattern, claimed: Set<Int>) -> [CueMatch] {
    var found: [CueMatch] = []
    var used = claimed
    let elements = pattern.elements
    let leadingSlot: CueElement? =
      elements.first == .cause || elements.first == .effect ? elements.first : nil
    let rest = leadingSlot == nil ? elements : Array(elements.dropFirst())
    for start in tokens.indices {
      var state = State()
      guard match(rest, 0, at: start, claimed: used, state: &state) else { continue }
      if let leadingSlot {
        let clauseStart = self.clauseStart(before: start)
        guard clauseStart < start else { continue }
        state.assign(leadingSlot, clauseStart..<start)
      }
      guard let cause = state.cause else { continue }
      found.append(CueMatch(cause: cause, effect: state.effect, cueTokens: state.cue))
      used.formUnion(state.cue)
    }
    return found
  }

  private struct State {
    var cause: Range<Int>?
    var effect: Range<Int>?
    var cue: [Int] = []
    mutating func assign(_ slot: CueElement, _ range: Range<Int>) {
      if slot == .cause { cause = range } else { effect = range }
    }
  }

  private func match(
    _ elements: [CueElement], _ e: Int, at position: Int, claimed: Set<Int>, state: inout State
  )
    -> Bool
  {
    guard e < elements.count else { return true }
    switch elements[e] {
    case .clauseStart:
      guard isClauseStart(position) else { return false }
      return match(elements, e + 1, at: position, claimed: claimed, state: &state)
    case .comma:
      guard position < tokens.count, tokens[position].lower == "," else { return false }
      return match(elements, e + 1, at: position + 1, claimed: claimed, state: &state)
    case .word(let alternatives, let optional):
      if position < tokens.count, !claimed.contains(position),
        alternatives.contains(tokens[position].lower)
      {
        var attempt = state
        attempt.cue.append(position)
        if match(elements, e + 1, at: position + 1, claimed: claimed, state: &attempt) {
          state = attempt
          return true
        }
      }
      // A degree word between two cue words ("helped me massively with") is allowed.
      if e > 0, position < tokens.count, case .word = elements[e - 1], isDegreeWord(position) {
        return match(elements, e, at: position + 1, claimed: claimed, state: &state)
      }
      return optional && match(elements, e + 1, at: position, claimed: claimed, state: &state)
    case .cause, .effect:
      let slot = elements[e]
      if e == elements.count - 1 {
        let end = clauseEnd(from: position)
        guard end > position else { return false }
        state.assign(slot, position..<end)
        return true
      }
      if elements[e + 1] == .cause || elements[e + 1] == .effect {
        // "without X Y": X ends at a comma or where the second clause's subject starts.
        let end = clauseEnd(from: position)
        guard
          let split = (position + 1..<end).first(where: {
            WordLists.subjects.contains(tokens[$0].lower)
          })
        else {
          return false
        }
        state.assign(slot, position..<split)
        return match(elements, e + 1, at: split, claimed: claimed, state: &state)
      }
      // A slot between cue words: the shortest run of words before the next cue word.
      // A cause never runs on into a new clause: "because of that I got …".
      var end = position + 1
      while end < tokens.count {
        if tokens[end - 1].kind == .punctuation { return false }
        if slot == .cause, end - 1 > position, WordLists.subjects.contains(tokens[end - 1].lower) {
          return false
        }
        var attempt = state
        attempt.assign(slot, position..<end)
        if match(elements, e + 1, at: end, claimed: claimed, state: &attempt) {
          state = attempt
          return true
        }
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
      if token.kind == .punctuation || WordLists.clauseOpeners.contains(token.lower) { return true }
      if WordLists.fillers.contains(token.lower) || Modifiers.hedge(token.lower) != nil {
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
      if WordLists.clauseOpeners.contains(token.lower) && !isSoMuch(j - 1) { break }
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
      if WordLists.clauseClosers.contains(token.lower), !isSoMuch(j) { break }
      j += 1
    }
    return j
  }

  private func isSoMuch(_ i: Int) -> Bool {
    tokens[i].lower == "so" && i + 1 < tokens.count
      && ["much", "many"].contains(tokens[i + 1].lower)
  }
}
