// Concepts that look like one concept, or like a kind of another, by their
// words: suggested to the researcher with the reason, never applied. A
// plugin labels each mention in the speaker's words, so one idea arrives
// under several labels ("feeling safe", "feel safe"; "debt", "Money; debt") and
// specific ideas sit beside their general one ("detox waiting list",
// "waiting list"). Only the words are compared: concepts that mean the same
// in other words ("GP", "doctor") are the researcher's to merge, because a
// grouping that does not fit the talk puts words in a speaker's mouth.
import Foundation

/// One suggested change to the concept list.
public struct ConceptSuggestion: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// Merge `concept` into `other`: the same concept under two labels.
    case merge
    /// Put `concept` under `other`: a kind of it.
    case parent
  }

  public var kind: Kind
  public var concept: ConceptID
  public var other: ConceptID
  /// Why, in words a researcher can check against the two labels.
  public var reason: String

  public init(kind: Kind, concept: ConceptID, other: ConceptID, reason: String) {
    self.kind = kind
    self.concept = concept
    self.other = other
    self.reason = reason
  }
}

public enum ConceptSuggestions {
  /// Heads too general to stand over a concept: "a long time" is not
  /// usefully a kind of "time".
  static let generalHeads: Set<String> = [
    "thing", "time", "way", "lot", "bit", "day", "week", "year", "stuff", "people", "person", "one", "kind", "sort",
    "part", "place", "side", "end", "point", "case", "fact", "number",
  ]

  /// The suggestions for the live concepts in `nodes` (`conceptTree()`)
  /// that have a mention or a link, those about the concepts with most
  /// mentions and links first. A concept is suggested
  /// at most once: the first rule that fits it, in the order same label
  /// under a parent, same word in another form, kind of another.
  public static func suggest(_ nodes: [ConceptNode]) -> [ConceptSuggestion] {
    // Concepts something stands behind: a mention, or a link.
    let weight = Dictionary(
      nodes.map { ($0.concept.id, $0.concept.mentions + $0.links) }, uniquingKeysWith: { first, _ in first })
    let concepts = nodes.map(\.concept).filter { weight[$0.id]! > 0 && $0.mergedInto == nil }
    let byID = Dictionary(concepts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let parentOf = Dictionary(
      nodes.compactMap { node in node.parentID.map { (node.concept.id, $0) } }, uniquingKeysWith: { first, _ in first })
    func opposites(_ a: ConceptSummary, _ b: ConceptSummary) -> Bool {
      a.oppositeOf == b.id || b.oppositeOf == a.id
    }
    var suggested: Set<ConceptID> = []
    var suggestions: [ConceptSuggestion] = []
    func add(_ kind: ConceptSuggestion.Kind, _ concept: ConceptSummary, _ other: ConceptSummary, _ reason: String) {
      guard suggested.insert(concept.id).inserted else { return }
      suggestions.append(ConceptSuggestion(kind: kind, concept: concept.id, other: other.id, reason: reason))
    }
    let ordered = concepts.sorted { (weight[$0.id]!, -$0.id.rawValue) > (weight[$1.id]!, -$1.id.rawValue) }

    // The same words, once as a level under a general label.
    let plainByKey = Dictionary(
      ordered.filter { levels($0.key).count == 1 }.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    for concept in ordered where levels(concept.key).count > 1 {
      let leaf = levels(concept.key).last!
      guard let plain = plainByKey[leaf], plain.id != concept.id, !opposites(plain, concept) else { continue }
      add(.merge, plain, concept, "“\(plain.label)” is the last level of “\(concept.label)”")
    }

    // The same words in another form: "feeling safe" and "feel safe", "worries" and "worry".
    var byForms: [[String]: [ConceptSummary]] = [:]
    for concept in ordered { byForms[forms(leafWords(concept.key)), default: []].append(concept) }
    for group in byForms.values where group.count > 1 {
      // Merged into the one placed in a hierarchy, else the one with most behind it.
      let into = group.max {
        (levels($0.key).count, weight[$0.id]!, -$0.id.rawValue) < (
          levels($1.key).count, weight[$1.id]!, -$1.id.rawValue
        )
      }!
      for concept in group where concept.id != into.id && !opposites(concept, into) {
        add(.merge, concept, into, "“\(concept.label)” and “\(into.label)” are the same words in another form")
      }
    }

    // A kind of another: "detox waiting list" under "waiting list".
    var byWords: [[String]: ConceptSummary] = [:]
    for concept in ordered where byWords[forms(leafWords(concept.key))] == nil {
      byWords[forms(leafWords(concept.key))] = concept
    }
    // A concept already placed, by the tree or by a level in its label, is left where it is.
    for concept in ordered where parentOf[concept.id] == nil && levels(concept.key).count == 1 {
      let words = forms(leafWords(concept.key))
      guard words.count >= 2, words.count <= 4 else { continue }
      // The longest general concept whose words end this one's.
      for length in stride(from: words.count - 1, through: 1, by: -1) {
        let head = Array(words.suffix(length))
        guard let general = byWords[head], general.id != concept.id, !opposites(general, concept) else { continue }
        guard length > 1 || !generalHeads.contains(head[0]) else { break }
        // Only a noun phrase names a kind: "detox waiting list", not "going
        // back to my GP", "she talks" or "two years of drinking".
        let modifiers = leafWords(concept.key).prefix(words.count - length)
        guard modifiers.allSatisfy(isModifier), !(head.last!.hasSuffix("ing")) else { break }
        guard !isAncestor(concept.id, of: general.id, parentOf: parentOf, live: byID) else { break }
        add(.parent, concept, general, "“\(concept.label)” names a kind of “\(general.label)”")
        break
      }
    }
    let rank = Dictionary(ordered.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    return suggestions.sorted {
      let a = min(rank[$0.concept]!, rank[$0.other]!)
      let b = min(rank[$1.concept]!, rank[$1.other]!)
      return a != b ? a < b : $0.concept < $1.concept
    }
  }

  /// Words that cannot make a noun phrase a kind of its head: determiners,
  /// pronouns, prepositions, conjunctions and auxiliaries.
  static let functionWords: Set<String> = [
    "a", "an", "the", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those", "some",
    "any", "no", "all", "every", "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "of", "to",
    "for", "in", "on", "at", "by", "with", "from", "about", "like", "round", "around", "into", "over", "under",
    "after", "before", "and", "or", "but", "so", "if", "when", "what", "who", "how", "why", "where", "is", "was",
    "are", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "not", "back", "up", "down", "out",
    "off", "just", "very", "more", "less", "most", "two", "three", "four", "five", "one", "many", "much", "few",
  ]

  /// A word that can stand before a head noun and make a kind of it:
  /// not a function word, and not a verb's -ing or -ed form.
  static func isModifier(_ word: String) -> Bool {
    !functionWords.contains(word) && !word.hasSuffix("ing") && !word.hasSuffix("ed") && !word.contains("'")
      && word.allSatisfy { $0.isLetter || $0 == "-" }
  }

  /// A concept key's levels: "support; peer support" → ["support", "peer support"].
  static func levels(_ key: String) -> [String] {
    key.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  static func leafWords(_ key: String) -> [String] {
    var leaf = levels(key).last ?? key
    if leaf.hasPrefix("~") { leaf.removeFirst() }
    return leaf.split(separator: " ").map(String.init)
  }

  /// Each word in a base form, only where the form is plain: "worries" →
  /// "worry"; and in a phrase of several words, "feeling safe" → "feel
  /// safe", "running late" → "run late". A word alone keeps its -ing:
  /// "working" (a job) is not "works" ("what works"), nor "drinking" "a
  /// drink". No other stemming: "housing" and "house" are different concepts.
  static func forms(_ words: [String]) -> [String] {
    words.map { word in
      if words.count == 1 {
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 4, word.hasSuffix("ie") { return String(word.dropLast(2)) + "y" }
        return word
      }
      // Keys have lost a last word's plural "s" already ("worries" → "worrie").
      if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
      if word.count > 4, word.hasSuffix("ie") { return String(word.dropLast(2)) + "y" }
      if word.count > 5, word.hasSuffix("ing") {
        let base = Array(word.dropLast(3))
        // "running" → "run": a doubled last consonant comes off.
        if base.count > 2, base[base.count - 1] == base[base.count - 2], !"aeioulsfz".contains(base.last!) {
          return String(base.dropLast())
        }
        return String(base)
      }
      return word
    }
  }

  /// Whether `id` sits above `other` already (so `id` cannot go under it).
  static func isAncestor(
    _ id: ConceptID, of other: ConceptID, parentOf: [ConceptID: ConceptID], live: [ConceptID: ConceptSummary]
  )
    -> Bool
  {
    var step = parentOf[other]
    var seen: Set<ConceptID> = []
    while let current = step, seen.insert(current).inserted {
      if current == id { return true }
      step = parentOf[current]
    }
    return false
  }
}

extension ProjectStore {
  /// Merges and parents the concepts' words suggest (`ConceptSuggestions`).
  public func conceptSuggestions() throws -> [ConceptSuggestion] {
    ConceptSuggestions.suggest(try conceptTree())
  }
}
