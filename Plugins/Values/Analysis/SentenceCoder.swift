// Finds a codebook's codes in one sentence: terms by stem or prefix,
// exclusions, and negation that turns a code into its opposite.
import HarkPluginKit

/// One code found in a sentence, with the words that gave it away.
struct CodeMatch: Equatable {
  var code: String
  /// The code's number in the codebook.
  var number: Int
  /// False when the code is the opposite of a negated term.
  var direct: Bool
  var confidence: Double
  var explanation: String
  /// Whether the words stand in a clause that sets the scene for the rest
  /// of the sentence ("when you belonged to it, were there many members?"):
  /// a yes to such a question answers the rest, not this.
  var inSceneClause = false
}

/// Codes sentences. Keeps caches and buffers between calls.
struct SentenceCoder {
  let codebook: ValueCodebook
  private(set) var index: TermIndex
  /// Code number of each code's opposite, or -1.
  private let opposites: [Int]

  // Buffers for the current sentence, reused.
  private var sentenceWords = SentenceWords()
  /// Where terms matched: term number (in `TermIndex.terms`) and first word.
  private var hits: [(term: Int32, start: Int32)] = []
  /// Each code's best match in the current sentence, and the codes that
  /// have one; emptied after each sentence.
  private var best: [(rank: Int, match: CodeMatch)?] = []
  private var touched: [Int] = []

  init(codebook: ValueCodebook) {
    self.codebook = codebook
    index = TermIndex(codebook: codebook)
    let numbers = Dictionary(
      codebook.codes.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    opposites = codebook.codes.map { code in code.opposite.flatMap { numbers[$0.lowercased()] } ?? -1 }
  }

  /// Codes every sentence of the participant turns of `document`, giving
  /// each sentence's codes to `emit` with the sentence's byte range.
  /// Interviewer turns are never coded, but a short answer ("It did,
  /// yeah.") is read with the question before it.
  mutating func code(_ document: Document, _ emit: (Range<Int>, CodeMatch) -> Void) {
    let bytes = document.bytes
    bytes.withUnsafeBufferPointer { buffer in
      var question: Range<Int>?
      for turn in document.turns {
        let sentences = SentenceSplitter.sentences(bytes, in: turn.span)
        if turn.role == .interviewer {
          question = sentences.last
          continue
        }
        // Only a turn that is all answer: one that goes on says what it means itself.
        let isShortAnswer = question != nil && sentences.count <= 3 && Self.wordCount(bytes, turn.span) <= 12
        for (k, sentence) in sentences.enumerated() {
          var matches = codes(in: sentence, of: bytes, buffer)
          if k == 0, matches.isEmpty, isShortAnswer, let question {
            matches = answerCodes(sentence, question: question, bytes, buffer)
          }
          for match in matches { emit(sentence, match) }
        }
        question = nil
      }
    }
  }

  /// The codes a short answer takes from the question it answers: "Did
  /// she listen?" "She did." is being heard. Only an answer that affirms
  /// the question carries its codes, and only codes the question's own
  /// words give directly: a "No." says what did not happen, not what did,
  /// so it takes nothing (an answer that states the opposite in words,
  /// "No, nobody listened.", is coded by its own words).
  private mutating func answerCodes(
    _ answer: Range<Int>, question: Range<Int>, _ bytes: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>
  ) -> [CodeMatch] {
    let words = Tokenizer.tokens(bytes, in: answer).filter { $0.kind != .punctuation }.map(\.lower)
    guard Self.answerSense(words) > 0 else { return [] }
    let asked = codes(in: question, of: bytes, buffer)
    guard !asked.isEmpty else { return [] }
    let answerText = slice(bytes, answer)
    let questionText = slice(bytes, question)
    var result: [CodeMatch] = []
    // A code the question got by negation ("You didn't feel judged?") is
    // left out: a yes to a negative question is ambiguous.
    // So is one from a clause that only sets the scene ("When you belonged
    // to it, were there many members?"): the yes answers the rest.
    for match in asked where match.direct && !match.inSceneClause {
      result.append(
        CodeMatch(
          code: match.code, number: match.number, direct: false,
          confidence: (match.confidence * 0.8 * 100).rounded() / 100,
          explanation: "\"\(answerText)\" answers the interviewer's \"\(questionText)\" — there, \(match.explanation)"))
    }
    return result
  }

  /// Words of a turn, counted between white space: enough to tell a short answer.
  static func wordCount(_ bytes: [UInt8], _ span: Range<Int>) -> Int {
    var count = 0
    var inWord = false
    for i in span {
      let b = bytes[i]
      let isSpace = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
      if !isSpace && !inWord { count += 1 }
      inWord = !isSpace
    }
    return count
  }

  /// +1 when a sentence is a short yes ("Yes.", "It did, yeah.",
  /// "Massively."), -1 for a short no ("No.", "Not really.", "It didn't."),
  /// else 0. Fillers before the answer ("Oh yes", "Well, no") are skipped;
  /// an answer that says both ("Yes and no", "Yes, but not always") or
  /// hedges ("Sort of") is neither.
  static func answerSense(_ words: [String]) -> Int {
    let words = Array(words.drop { fillers.contains($0) })
    guard let first = words.first, words.count <= 6 else { return 0 }
    let rest = words.dropFirst()
    let mixed = rest.contains { no.contains($0) || Modifiers.isNegator($0) || Modifiers.isContrast($0) }
    if yes.contains(first) { return mixed ? 0 : 1 }
    if no.contains(first) { return rest.contains { yes.contains($0) } ? 0 : -1 }
    guard words.count >= 2, answerSubjects.contains(first) else { return 0 }
    let verb = words[1]
    if Modifiers.isNegator(verb) || (words.count > 2 && Modifiers.isNegator(words[2])) { return -1 }
    guard answerVerbs.contains(verb) else { return 0 }
    return rest.dropFirst().contains { Modifiers.isContrast($0) || Modifiers.isNegator($0) } ? 0 : 1
  }

  private static let fillers: Set<String> = ["oh", "well", "um", "er", "erm", "ah", "mm", "uh", "hmm", "ooh"]
  private static let yes: Set<String> = [
    "yes", "yeah", "yep", "yup", "aye", "definitely", "absolutely", "massively", "totally", "exactly",
    "course", "hugely", "completely", "certainly", "loads", "100",
  ]
  private static let no: Set<String> = ["no", "nope", "nah", "never", "not"]
  private static let answerSubjects: Set<String> = ["it", "she", "he", "they", "i", "we", "that", "you"]
  private static let answerVerbs: Set<String> = [
    "did", "was", "were", "is", "does", "do", "has", "have", "had", "helped", "made", "really",
    "definitely", "absolutely", "massively", "totally",
  ]

  /// The codes of `sentence` (a byte range of `bytes`, which `buffer`
  /// holds), at most one per code, in codebook order.
  mutating func codes(in sentence: Range<Int>, of bytes: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>)
    -> [CodeMatch]
  {
    index.forgetWordsIfMany()
    // Most sentences hold no term: find that out without making tokens.
    let scanned = WordScanner.scan(buffer, sentence, &index, into: &sentenceWords)
    var tokens: [Token]?
    if !scanned {
      tokens = Tokenizer.tokens(bytes, in: sentence)
      sentenceWords.read(tokens!, buffer, &index)
    }
    findHits()
    guard !hits.isEmpty else { return [] }
    let all = tokens ?? Tokenizer.tokens(bytes, in: sentence)
    var tokenOf: [Int] = []
    for (i, token) in all.enumerated() where token.kind != .punctuation { tokenOf.append(i) }
    if tokenOf.count != sentenceWords.words.count {
      // The scanner split the words differently: trust the tokenizer.
      sentenceWords.read(all, buffer, &index)
      findHits()
    }
    return decide(all, tokenOf, bytes)
  }

  /// Every place a term matches, from the terms anchored on each word.
  private mutating func findHits() {
    hits.removeAll(keepingCapacity: true)
    for p in sentenceWords.words.indices {
      let refs = index.facts[Int(sentenceWords.words[p])].refs
      for r in refs {
        let ref = index.refs[Int(r)]
        let term = index.terms[Int(ref.term)]
        let start = p - Int(ref.anchor)
        if matches(term.words, at: start) { hits.append((ref.term, Int32(start))) }
      }
    }
  }

  /// Whether the term words `range` match the sentence's words from
  /// `start` on, with no punctuation between them.
  private func matches(_ range: Range<Int32>, at start: Int) -> Bool {
    let count = range.count
    guard start >= 0, start + count <= sentenceWords.words.count else { return false }
    for k in 0..<count {
      let p = start + k
      if k > 0 && sentenceWords.breakBefore[p] { return false }
      let word = index.words[Int(range.lowerBound) + k]
      // A name ("Judges") is not the everyday word, unless the codebook writes it capitalised.
      if sentenceWords.isName[p] && !word.matchesNames { return false }
      if !index.matches(word, sentenceWords.words[p]) { return false }
    }
    return true
  }

  /// Picks each code's best match. Hits are taken in codebook order (code,
  /// term, position), so that among equal ranks the first one found wins.
  private mutating func decide(_ tokens: [Token], _ tokenOf: [Int], _ bytes: [UInt8]) -> [CodeMatch] {
    hits.sort { ($0.term, $0.start) < ($1.term, $1.start) }
    if best.count != codebook.codes.count { best = Array(repeating: nil, count: codebook.codes.count) }
    touched.removeAll(keepingCapacity: true)
    var excludedCode = -1
    var excluded: [Range<Int>] = []
    for hit in hits {
      let compiled = index.terms[Int(hit.term)]
      let c = Int(compiled.code)
      let code = codebook.codes[c]
      let t = Int(compiled.number)
      let whenNegated = t >= code.terms.count
      let term = whenNegated ? code.negatedTerms[t - code.terms.count] : code.terms[t]
      let span = Int(hit.start)..<(Int(hit.start) + term.words.count)
      if excludedCode != c {
        excludedCode = c
        excluded = exclusions(of: c)
      }
      if excluded.contains(where: { $0.overlaps(span) }) { continue }
      func text(_ words: Range<Int>) -> String {
        slice(
          bytes,
          tokens[tokenOf[words.lowerBound]].range.lowerBound..<tokens[tokenOf[words.upperBound - 1]].range.upperBound)
      }
      // A term with a `needs:` line codes only beside one of its words.
      var with = ""
      if !compiled.needs.isEmpty {
        guard let need = need(compiled.needs) else { continue }
        with = ", with \"\(text(need))\""
      }
      let firstToken = tokenOf[span.lowerBound]
      let lastToken = tokenOf[span.upperBound - 1]
      let quoted = slice(bytes, tokens[firstToken].range.lowerBound..<tokens[lastToken].range.upperBound)
      let negator = compiled.containsNegator ? nil : Self.negator(governing: firstToken, in: tokens)
      let hedge = self.hedge(before: negator.flatMap { tokenOf.firstIndex(of: $0) } ?? span.lowerBound)
      let hedged = with + (hedge.map { " — hedged by \"\(text($0.words))\"" } ?? "")
      func weighed(_ confidence: Double) -> Double {
        guard let hedge else { return confidence }
        return (confidence * hedge.weight * 100).rounded() / 100
      }
      // Longer, more specific terms win; a direct match beats a negated one.
      let specificity = compiled.specificity
      if whenNegated {
        guard let negator else { continue }
        let negated = slice(bytes, tokens[negator].range.lowerBound..<tokens[lastToken].range.upperBound)
        let negatorText = slice(bytes, tokens[negator].range)
        offer(
          c, rank: 1000 + specificity,
          CodeMatch(
            code: code.name, number: c, direct: true, confidence: weighed(0.6),
            explanation:
              "\"\(negated)\" — \"\(negatorText)\" negates \"\(quoted)\", which signals \(code.name)\(hedged)"))
      } else if let negator {
        let o = opposites[c]
        guard o >= 0 else { continue }
        let opposite = codebook.codes[o].name
        let negated = slice(bytes, tokens[negator].range.lowerBound..<tokens[lastToken].range.upperBound)
        let negatorText = slice(bytes, tokens[negator].range)
        offer(
          o, rank: specificity,
          CodeMatch(
            code: opposite, number: o, direct: false, confidence: weighed(0.55),
            explanation:
              "\"\(negated)\" — \"\(negatorText)\" negates \"\(quoted)\", coded as the opposite: \(opposite)\(hedged)"
          ))
      } else {
        offer(
          c, rank: 1000 + specificity,
          CodeMatch(
            code: code.name, number: c, direct: true, confidence: weighed(confidence(of: term)),
            explanation: "matched \"\(quoted)\" (\(code.name))\(hedged)",
            inSceneClause: Self.inSceneClause(firstToken, lastToken, tokens)))
      }
    }
    touched.sort()
    var result: [CodeMatch] = []
    for code in touched {
      if let match = best[code]?.match { result.append(match) }
      best[code] = nil
    }
    return result
  }

  /// Keeps `match` as code `code`'s best unless one of at least its rank came first.
  private mutating func offer(_ code: Int, rank: Int, _ match: CodeMatch) {
    if let current = best[code] {
      if current.rank >= rank { return }
    } else {
      touched.append(code)
    }
    best[code] = (rank, match)
  }

  /// The negator that governs token `i`, unless it only opens a
  /// counterfactual ("if it wasn't for that cup of tea", "if it hadn't been
  /// for Jo"), which stresses what follows instead of denying it.
  /// "Without" negates only its own object: in "without it I'd be sat in
  /// the flat" the flat is not denied.
  static func negator(governing i: Int, in tokens: [Token]) -> Int? {
    guard let j = Modifiers.negator(governing: i, in: tokens) ?? listNegator(governing: i, in: tokens) else {
      return nil
    }
    // "Not as isolated as this was": a comparison, which says the value is there, not that it is not.
    if j + 1 < i, tokens[j + 1].lower == "as" || tokens[j + 1].lower == "so",
      tokens[(i + 1)...].contains(where: { $0.lower == "as" || $0.lower == "than" })
    {
      return nil
    }
    var k = j + 1
    if k < i, tokens[k].lower == "been" { k += 1 }
    if k < i, tokens[k].lower == "for" { return nil }
    if tokens[j].lower == "without", tokens[(j + 1)..<i].contains(where: { subjects.contains($0.lower) }) {
      return nil
    }
    return j
  }

  /// Whether tokens `first...last` stand in a clause opened by "when",
  /// "after", "if" … that a comma closes later in the sentence: "when you
  /// belonged to it, were there many members?" sets the scene for the
  /// question it asks.
  static func inSceneClause(_ first: Int, _ last: Int, _ tokens: [Token]) -> Bool {
    var j = first - 1
    while j >= 0, tokens[j].kind != .punctuation {
      if sceneOpeners.contains(tokens[j].lower) {
        return tokens[(last + 1)...].contains { $0.lower == "," }
      }
      j -= 1
    }
    return false
  }

  private static let sceneOpeners: Set<String> = [
    "when", "whenever", "after", "before", "since", "while", "once", "if", "because", "though", "although",
  ]

  /// The negator of a list that token `i` ends with "or" or "nor": in "I
  /// wasn't frightened or, you know, lonely", "wasn't" negates "lonely" too.
  /// Commas and a "you know" between the items are skipped.
  static func listNegator(governing i: Int, in tokens: [Token], depth: Int = 0) -> Int? {
    func skipBack(_ k: Int) -> Int {
      var k = k
      while k >= 0 {
        if tokens[k].lower == "," {
          k -= 1
        } else if k >= 1, tokens[k].lower == "know", tokens[k - 1].lower == "you" {
          k -= 2
        } else {
          break
        }
      }
      return k
    }
    let or = skipBack(i - 1)
    guard depth < 3, or >= 1, tokens[or].lower == "or" || tokens[or].lower == "nor" else { return nil }
    let item = skipBack(or - 1)
    guard item >= 0, tokens[item].kind != .punctuation else { return nil }
    if Modifiers.isNegator(tokens[item].lower) { return item }
    return Modifiers.negator(governing: item, in: tokens)
      ?? listNegator(governing: item, in: tokens, depth: depth + 1)
  }

  /// Words that open a clause of their own after "without X".
  private static let subjects: Set<String> = [
    "i", "i'd", "i'm", "i'll", "i've", "you", "you'd", "you're", "he", "he'd", "she", "she'd", "we",
    "we'd", "they", "they'd", "there'd", "it'd",
  ]

  /// A hedge ("maybe", "I think", "sort of") in the clause before word
  /// `w`: its words and how much it weakens what follows.
  private mutating func hedge(before w: Int) -> (words: Range<Int>, weight: Double)? {
    let words = sentenceWords.words
    var j = w - 1
    var seen = 0
    while j >= 0 && seen < 6 {
      // Punctuation between this word and the next ends the clause.
      if sentenceWords.breakBefore[j + 1] { return nil }
      let facts = index.facts[Int(words[j])]
      if facts.isContrast { return nil }
      if j >= 1, !sentenceWords.breakBefore[j] {
        let weight = index.hedge(words[j - 1], words[j])
        if weight > 0 { return (j - 1..<j + 1, weight) }
      }
      if facts.hedge > 0 { return (j..<j + 1, facts.hedge) }
      seen += 1
      j -= 1
    }
    return nil
  }

  /// Where the first of the `needs:` phrases `range` (of `TermIndex.needs`) stands in the sentence, or nil.
  private func need(_ range: Range<Int32>) -> Range<Int>? {
    let count = sentenceWords.words.count
    for phrase in index.needs[Int(range.lowerBound)..<Int(range.upperBound)] where phrase.words.count <= count {
      for start in 0...(count - phrase.words.count) where matches(phrase.words, at: start) {
        return start..<(start + phrase.words.count)
      }
    }
    return nil
  }

  /// Word ranges where an exclusion of code `c` matches.
  private func exclusions(of c: Int) -> [Range<Int>] {
    var found: [Range<Int>] = []
    let count = sentenceWords.words.count
    for exclusion in index.exclusions[c] where exclusion.words.count <= count {
      let hasGap = index.words[Int(exclusion.words.lowerBound)..<Int(exclusion.words.upperBound)].contains {
        $0.gapBefore
      }
      for start in 0...(count - exclusion.words.count) {
        if hasGap {
          if let end = gappedMatch(exclusion.words, at: start) { found.append(start..<end) }
        } else if matches(exclusion.words, at: start) {
          found.append(start..<(start + exclusion.words.count))
        }
      }
    }
    return found
  }

  /// Where an exclusion with "..." gaps that starts at word `start` ends, or
  /// nil: a gap stands for up to `ValueCodebook.gap` words of the sentence,
  /// punctuation included; words without a gap between them are adjacent.
  private func gappedMatch(_ range: Range<Int32>, at start: Int) -> Int? {
    let count = sentenceWords.words.count
    func match(_ k: Int, _ p: Int) -> Int? {
      if k == range.count { return p }
      let word = index.words[Int(range.lowerBound) + k]
      let last = k == 0 || !word.gapBefore ? p : min(count - 1, p + ValueCodebook.gap)
      guard p <= last, p < count else { return nil }
      for q in p...last {
        if k > 0 && !word.gapBefore && sentenceWords.breakBefore[q] { return nil }
        if index.matches(word, sentenceWords.words[q]), let end = match(k + 1, q + 1) { return end }
      }
      return nil
    }
    return match(0, start)
  }

  private func confidence(of term: ValueCodebook.Phrase) -> Double {
    if term.words.count > 1 { return 0.8 }
    return term.words[0].isPrefix ? 0.55 : 0.65
  }

  private func slice(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }
}
