// Finds a codebook's codes in one sentence: terms by stem or prefix,
// exclusions, and negation that turns a code into its opposite.
import HarkPluginKit

/// One code found in a sentence, with the words that gave it away.
struct CodeMatch: Equatable {
  var code: String
  var confidence: Double
  var explanation: String
}

struct SentenceCoder {
  let codebook: ValueCodebook
  /// Stems of words seen so far: the same words come back sentence after sentence.
  let stems = StemCache()

  /// The codes of `sentence` (a byte range of `bytes`), at most one per code,
  /// in codebook order.
  func codes(in sentence: Range<Int>, of bytes: [UInt8]) -> [CodeMatch] {
    let tokens = Tokenizer.tokens(bytes, in: sentence)
    let words = SentenceWords(tokens, stems: stems)
    guard !words.indices.isEmpty else { return [] }

    var best: [String: (rank: Int, match: CodeMatch)] = [:]
    func offer(_ code: String, rank: Int, _ match: CodeMatch) {
      let key = code.lowercased()
      if let current = best[key], current.rank >= rank { return }
      best[key] = (rank, match)
    }

    for code in codebook.codes {
      var exclusions: [Range<Int>]?
      for term in code.terms {
        for hit in words.matches(of: term, exact: false) {
          if exclusions == nil {
            exclusions = code.exclusions.flatMap { words.matches(of: $0, exact: true) }
          }
          if exclusions!.contains(where: { $0.overlaps(hit) }) { continue }
          let firstToken = words.indices[hit.lowerBound]
          let lastToken = words.indices[hit.upperBound - 1]
          let quoted = slice(
            bytes, tokens[firstToken].range.lowerBound..<tokens[lastToken].range.upperBound)
          let negator =
            term.containsNegator ? nil : Modifiers.negator(governing: firstToken, in: tokens)
          // Longer, more specific terms win; a direct match beats a negated one.
          let specificity = term.words.count * 2 + (term.words.contains { $0.isPrefix } ? 0 : 1)
          if let negator {
            guard let wanted = code.opposite?.lowercased(),
              let opposite = codebook.codes.first(where: { $0.name.lowercased() == wanted })?.name
            else { continue }
            let negated = slice(
              bytes, tokens[negator].range.lowerBound..<tokens[lastToken].range.upperBound)
            let negatorText = slice(bytes, tokens[negator].range)
            offer(
              opposite, rank: specificity,
              CodeMatch(
                code: opposite, confidence: 0.55,
                explanation:
                  "\"\(negated)\" — \"\(negatorText)\" negates \"\(quoted)\", coded as the opposite: \(opposite)"
              ))
          } else {
            offer(
              code.name, rank: 1000 + specificity,
              CodeMatch(
                code: code.name, confidence: confidence(of: term),
                explanation: "matched \"\(quoted)\" (\(code.name))"))
          }
        }
      }
    }
    return codebook.codes.compactMap { best[$0.name.lowercased()]?.match }
  }

  private func confidence(of term: ValueCodebook.Phrase) -> Double {
    if term.words.count > 1 { return 0.8 }
    return term.words[0].isPrefix ? 0.55 : 0.65
  }

  private func slice(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }
}

/// The word tokens of a sentence, with where punctuation breaks a phrase.
struct SentenceWords {
  /// Token index of each word.
  let indices: [Int]
  let lower: [String]
  let stems: [String]
  /// Whether punctuation stands between word k-1 and word k.
  let breakBefore: [Bool]

  init(_ tokens: [Token], stems cache: StemCache) {
    var indices: [Int] = []
    var breaks: [Bool] = []
    var sawPunctuation = false
    for (i, token) in tokens.enumerated() {
      if token.kind == .punctuation {
        sawPunctuation = true
        continue
      }
      indices.append(i)
      breaks.append(sawPunctuation)
      sawPunctuation = false
    }
    self.indices = indices
    self.lower = indices.map { tokens[$0].lower }
    self.stems = lower.map { cache.stem($0) }
    self.breakBefore = breaks
    var byLower: [String: [Int]] = [:]
    var byStem: [String: [Int]] = [:]
    for (k, word) in lower.enumerated() {
      byLower[word, default: []].append(k)
      byStem[stems[k], default: []].append(k)
    }
    self.byLower = byLower
    self.byStem = byStem
  }

  /// Word positions by lowercase form and by stem.
  private let byLower: [String: [Int]]
  private let byStem: [String: [Int]]

  /// Word ranges where `phrase` occurs. Exclusions match words exactly;
  /// terms match by stem (or by prefix for a word written with "*").
  func matches(of phrase: ValueCodebook.Phrase, exact: Bool) -> [Range<Int>] {
    let n = phrase.words.count
    guard n <= lower.count else { return [] }
    var found: [Range<Int>] = []
    let head = phrase.words[0]
    let starts: [Int]
    if head.isPrefix {
      starts = Array(0...(lower.count - n))
    } else {
      // Only where the first word can match: looked up, not scanned.
      let byWord = byLower[head.text] ?? []
      let byItsStem = exact || head.isExact ? [] : (byStem[head.stem] ?? [])
      if byWord.isEmpty && byItsStem.isEmpty { return [] }
      starts = Set(byWord + byItsStem).filter { $0 <= lower.count - n }.sorted()
    }
    for start in starts {
      var ok = true
      for (k, word) in phrase.words.enumerated() {
        let p = start + k
        if k > 0 && breakBefore[p] {
          ok = false
          break
        }
        let same: Bool
        if word.isPrefix {
          same = lower[p].hasPrefix(word.text)
        } else if exact || word.isExact {
          same = lower[p] == word.text
        } else {
          same = lower[p] == word.text || stems[p] == word.stem
        }
        if !same {
          ok = false
          break
        }
      }
      if ok { found.append(start..<(start + n)) }
    }
    return found
  }
}

/// Remembers the stem of each word once computed. Used by one thread at a time,
/// like the plugin instance that owns it.
final class StemCache {
  private var stems: [String: String] = [:]

  func stem(_ word: String) -> String {
    if let known = stems[word] { return known }
    let stem = Stemmer.stem(word)
    stems[word] = stem
    return stem
  }
}
