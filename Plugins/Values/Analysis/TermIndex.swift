// The codebook compiled for fast coding: each term is filed under one
// "anchor" word, and what every distinct word of the corpus means to the
// codebook is worked out once and cached under a hash of its bytes.
import HarkPluginKit

/// A term filed under one of its words.
struct TermRef: Equatable {
  /// The term's number in `TermIndex.terms`.
  var term: Int32
  /// Position of the anchor word in the term.
  var anchor: Int32
}

/// What a word is to the codebook, worked out once per distinct word.
struct WordFacts {
  /// Number of the codebook word written exactly like this word, or 0.
  var text: Int32
  /// Number of the codebook stem this word's stem equals, or 0.
  var stem: Int32
  /// Number of the codebook inflection stem ("listen" for "listened") this word's equals, or 0.
  var inflection: Int32
  /// The terms anchored on this word: `TermIndex.refs[refs]`.
  var refs: Range<Int32>
  /// The weight of the word as a hedge ("maybe" 0.6), or 0.
  var hedge: Double
  /// A word that turns the sentence round ("but"), ending a hedge's reach.
  var isContrast: Bool
}

/// A compiled term or exclusion: its code, its number among the code's
/// terms (negated terms after the others), and its words in `TermIndex.words`.
struct CompiledTerm {
  var code: Int32
  var number: Int32
  var words: Range<Int32>
  /// A term with a negator of its own ("nobody listened") is taken as written.
  var containsNegator = false
  /// Longer terms, and whole words before prefixes, are more specific.
  var specificity = 0
  /// The term's `needs:` phrases, in `TermIndex.needs`: one must stand in the sentence.
  var needs: Range<Int32> = 0..<0
}

/// One word of a compiled term: its test on a word of a sentence.
struct TermWord {
  enum Test { case exact, stemmed, prefix }
  var test: Test
  var text: Int32
  var stem: Int32
  /// The word without its inflections: a stemmed word matches only forms
  /// of itself ("listened", "listens"), not derived words of its stem
  /// ("dependable" is not "depends").
  var inflection: Int32 = 0
  /// Number of the prefix in `TermIndex.prefixes`, for prefix tests.
  var prefix: Int32
  /// Whether the word also matches a name (a capitalised word mid-sentence).
  var matchesNames = false
  /// In an exclusion: other words may stand before this one (see `ValueCodebook.gap`).
  var gapBefore = false
}

struct TermIndex {
  /// Every term of every code, numbered in codebook order: a code's terms,
  /// then its negated terms.
  private(set) var terms: [CompiledTerm] = []
  /// Each code's exclusions.
  private(set) var exclusions: [[CompiledTerm]] = []
  /// The `needs:` phrases of all terms, one run per term (see `CompiledTerm.needs`).
  private(set) var needs: [CompiledTerm] = []
  /// The words of all terms and exclusions, one after another.
  private(set) var words: [TermWord] = []
  /// Terms filed under the words seen so far, one run per word (see `WordFacts.refs`).
  private(set) var refs: [TermRef] = []
  /// Facts of the words seen so far, numbered by `word(hash:…)`.
  private(set) var facts: [WordFacts] = []
  /// The lowercased words, by the same numbers, for prefix tests.
  private(set) var lowers: [String] = []
  /// The prefixes of `word*` terms and exclusions.
  private var prefixes: [String] = []

  private var textIDs: [String: Int32] = [:]
  private var stemIDs: [String: Int32] = [:]
  private var inflectionIDs: [String: Int32] = [:]
  private var anchorsByText: [Int32: [TermRef]] = [:]
  private var anchorsByStem: [Int32: [TermRef]] = [:]
  private var anchorsByPrefix: [(prefix: String, ref: TermRef)] = []

  /// Open-addressing table from word hash to fact number + 1 (0: empty slot).
  private var slots: [UInt64]
  private var numbers: [Int32]
  private var mask: Int
  /// The cache is emptied past this many words, so memory stays bounded
  /// whatever the corpus (typos and numbers keep adding new words).
  private let cacheLimit = 1 << 18

  init(codebook: ValueCodebook) {
    slots = [UInt64](repeating: 0, count: 1 << 13)
    numbers = [Int32](repeating: 0, count: 1 << 13)
    mask = (1 << 13) - 1
    for (c, code) in codebook.codes.enumerated() {
      // A code's negated terms follow its terms.
      for (t, term) in (code.terms + code.negatedTerms).enumerated() {
        var compiled = CompiledTerm(code: Int32(c), number: Int32(t), words: compile(term, exact: false))
        compiled.containsNegator = term.containsNegator
        compiled.specificity = term.words.count * 2 + (term.words.contains { $0.isPrefix } ? 0 : 1)
        let firstNeed = Int32(needs.count)
        for (n, need) in term.needs.enumerated() {
          needs.append(CompiledTerm(code: Int32(c), number: Int32(n), words: compile(need, exact: true)))
        }
        compiled.needs = firstNeed..<Int32(needs.count)
        let ref = TermRef(term: Int32(terms.count), anchor: Int32(Self.anchorPosition(term)))
        terms.append(compiled)
        let word = words[Int(compiled.words.lowerBound + ref.anchor)]
        switch word.test {
        case .prefix: anchorsByPrefix.append((prefixes[Int(word.prefix)], ref))
        case .exact: anchorsByText[word.text, default: []].append(ref)
        case .stemmed:
          anchorsByText[word.text, default: []].append(ref)
          anchorsByStem[word.stem, default: []].append(ref)
        }
      }
      var compiled: [CompiledTerm] = []
      for (x, exclusion) in code.exclusions.enumerated() {
        compiled.append(CompiledTerm(code: Int32(c), number: Int32(x), words: compile(exclusion, exact: true)))
      }
      exclusions.append(compiled)
    }
  }

  /// Appends the words of `phrase` to `words`; returns where they are.
  /// An exclusion (`exact`) matches names too: "NHS Trust" is excluded however it is written.
  private mutating func compile(_ phrase: ValueCodebook.Phrase, exact: Bool) -> Range<Int32> {
    let start = Int32(words.count)
    for word in phrase.words {
      let text = Self.intern(word.text, in: &textIDs)
      var compiled: TermWord
      if word.isPrefix {
        prefixes.append(word.text)
        compiled = TermWord(test: .prefix, text: text, stem: 0, prefix: Int32(prefixes.count - 1))
      } else if exact || word.isExact {
        compiled = TermWord(test: .exact, text: text, stem: 0, prefix: -1)
      } else {
        compiled = TermWord(test: .stemmed, text: text, stem: Self.intern(word.stem, in: &stemIDs), prefix: -1)
        compiled.inflection = Self.intern(Self.inflectionKey(word.text), in: &inflectionIDs)
      }
      compiled.matchesNames = exact || word.matchesNames
      compiled.gapBefore = word.gapBefore
      words.append(compiled)
    }
    return start..<Int32(words.count)
  }

  /// The word without its inflections, and without a final "e", which
  /// "-ed" and "-ing" take off ("discharge", "discharged"): words with
  /// the same key and the same stem are forms of one word.
  static func inflectionKey(_ lower: String) -> String {
    let key = Stemmer.inflectionStem(lower)
    return key.count > 3 && key.hasSuffix("e") ? String(key.dropLast()) : key
  }

  private static func intern(_ text: String, in ids: inout [String: Int32]) -> Int32 {
    if let id = ids[text] { return id }
    let id = Int32(ids.count + 1)
    ids[text] = id
    return id
  }

  /// The word a term is filed under: one that is not a common word if
  /// there is one (so "a hug" is looked for at "hug"), a whole word before
  /// a prefix, and the longest of those.
  static func anchorPosition(_ term: ValueCodebook.Phrase) -> Int {
    var best = 0
    var bestScore = Int.min
    for (k, word) in term.words.enumerated() {
      var score = word.text.utf8.count
      if !commonWords.contains(word.text) { score += 100 }
      if !word.isPrefix { score += 50 }
      if score > bestScore {
        best = k
        bestScore = score
      }
    }
    return best
  }

  /// Words found in most sentences of spoken English: poor anchors.
  private static let commonWords: Set<String> = [
    "a", "an", "the", "i", "me", "my", "you", "your", "he", "she", "it", "we", "they", "him", "her",
    "us", "them", "our", "their", "to", "of", "in", "on", "at", "for", "with", "and", "or", "but",
    "so", "that", "that's", "this", "what", "what's", "who", "where", "was", "is", "be", "been",
    "being", "had", "have", "did", "do", "not", "no", "never", "like", "just", "one", "all", "out",
    "up", "about", "felt", "feel", "made", "make", "kept", "came", "come", "got", "get", "gave",
    "give", "let", "know", "knew", "said", "say", "told", "tell", "asked", "ask", "didn't", "don't",
    "wasn't", "same", "other", "someone", "nobody", "people", "person", "time", "really",
    "there", "there's", "could", "can", "still", "only", "thing", "things", "as", "if", "when",
  ]

  // MARK: - Words

  /// The number of the word with hash `hash` (see `WordHasher`), learning
  /// its facts from `lower()` the first time it is seen.
  @inline(__always)
  mutating func word(hash: UInt64, lower: () -> String) -> Int32 {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let k = slots[slot]
      if k == hash { return numbers[slot] - 1 }
      if k == 0 { break }
      slot = (slot + 1) & mask
    }
    return learn(lower(), hash: hash)
  }

  private mutating func learn(_ lower: String, hash: UInt64) -> Int32 {
    if (facts.count + 1) * 2 > slots.count { growTable() }
    let text = textIDs[lower] ?? 0
    let stem = stemIDs[Stemmer.stem(lower)] ?? 0
    let inflection = stem == 0 ? 0 : inflectionIDs[Self.inflectionKey(lower)] ?? 0
    let first = refs.count
    if text != 0, let list = anchorsByText[text] { refs += list }
    if stem != 0, let list = anchorsByStem[stem] {
      for ref in list where !refs[first...].contains(ref) { refs.append(ref) }
    }
    for (prefix, ref) in anchorsByPrefix where lower.hasPrefix(prefix) { refs.append(ref) }
    let number = Int32(facts.count)
    facts.append(
      WordFacts(
        text: text, stem: stem, inflection: inflection, refs: Int32(first)..<Int32(refs.count),
        hedge: Modifiers.hedge(lower) ?? 0,
        isContrast: Modifiers.isContrast(lower)))
    lowers.append(lower)
    insert(hash, number)
    return number
  }

  private mutating func insert(_ hash: UInt64, _ number: Int32) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = hash
    numbers[slot] = number + 1
  }

  private mutating func growTable() {
    let old = (slots, numbers)
    slots = [UInt64](repeating: 0, count: old.0.count * 2)
    numbers = [Int32](repeating: 0, count: old.0.count * 2)
    mask = slots.count - 1
    for i in old.0.indices where old.0[i] != 0 { insert(old.0[i], old.1[i] - 1) }
  }

  /// Empties the cache when it holds many words. Call it between
  /// sentences only: it renumbers words.
  mutating func forgetWordsIfMany() {
    guard facts.count >= cacheLimit else { return }
    facts.removeAll(keepingCapacity: true)
    lowers.removeAll(keepingCapacity: true)
    refs.removeAll(keepingCapacity: true)
    pairHedges.removeAll(keepingCapacity: true)
    for i in slots.indices { slots[i] = 0 }
  }

  /// Weights of two-word hedges ("sort of", "I think") by the pair of word numbers; 0 for none.
  private var pairHedges: [UInt64: Double] = [:]

  /// The weight of words `a` then `b` as a two-word hedge, or 0.
  mutating func hedge(_ a: Int32, _ b: Int32) -> Double {
    let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    if let known = pairHedges[key] { return known }
    let weight = Modifiers.hedge(lowers[Int(a)], lowers[Int(b)]) ?? 0
    pairHedges[key] = weight
    return weight
  }

  // MARK: - Tests on words

  @inline(__always)
  func matches(_ word: TermWord, _ number: Int32) -> Bool {
    let f = facts[Int(number)]
    switch word.test {
    case .exact: return f.text == word.text
    case .stemmed:
      if f.text == word.text { return true }
      return f.stem == word.stem && f.inflection == word.inflection
    case .prefix: return lowers[Int(number)].hasPrefix(prefixes[Int(word.prefix)])
    }
  }
}
