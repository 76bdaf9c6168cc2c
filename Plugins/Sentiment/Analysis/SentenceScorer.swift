// Scores the valence of one sentence from its lexicon terms and the words
// around them, and says in words why.
import HarkPluginKit

/// The valence of a sentence in -1 ... 1, and which words made it.
public struct SentenceSentiment: Sendable, Equatable {
  public var value: Double
  public var explanation: String
}

/// Scores sentences against a lexicon.
///
/// The raw score is the sum of the valences of the terms found. A negator
/// governing a term ("not", "never", "didn't", up to three words back) flips
/// and dampens it (×-0.75); intensifiers and downtoners right before it
/// ("really", "a bit") multiply it; a word in capitals in a sentence that is
/// not all capitals counts 1.25×. After a turning word ("but", "however") the
/// clause counts 1.5× and what came before 0.5×; a concessive clause
/// ("although …") counts 0.5× and the main clause 1.5×. Hedges ("maybe",
/// "I think", "kind of") scale the whole sentence, and each "!" (up to three)
/// adds 0.25 in the direction of the score. The sum x becomes a value in
/// -1 ... 1 as x / √(x² + 15).
public struct SentenceScorer: Sendable {
  public let lexicon: SentimentLexicon

  public init(lexicon: SentimentLexicon = .builtIn) {
    self.lexicon = lexicon
  }

  static let negationFactor = -0.75
  static let capitalsFactor = 1.25
  static let exclamationBoost = 0.25
  static let normalisation = 15.0

  /// A lexicon term found in the sentence.
  private struct Hit {
    var tokens: Range<Int>
    var valence: Double
    var contribution: Double
  }

  public func score(_ bytes: [UInt8], sentence: Range<Int>) -> SentenceSentiment {
    let tokens = Tokenizer.tokens(bytes, in: sentence)
    func text(_ range: Range<Int>) -> String {
      String(
        decoding: bytes[
          tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound],
        as: UTF8.self)
    }

    let weights = ClauseWeights(tokens)
    var notes: [String] = []
    var hits: [Hit] = []
    var neutralPhrases: [String] = []
    var hedge: (factor: Double, words: String)?
    let shouting = isAllCapitals(bytes, tokens)

    var i = 0
    while i < tokens.count {
      guard tokens[i].kind == .word else {
        i += 1
        continue
      }
      let lower = tokens[i].lower
      let next = i + 1 < tokens.count && tokens[i + 1].kind == .word ? tokens[i + 1].lower : nil
      // Phrases first: "not bad" and "let me down" outrank their words.
      var entry = lexicon.match(tokens, at: i, minWords: 2)
      if entry == nil {
        if let next, let factor = Modifiers.hedge(lower, next) {
          if factor < hedge?.factor ?? 2 { hedge = (factor, text(i..<(i + 2))) }
          i += 2
          continue
        }
        if let next, Modifiers.intensity(lower, next) != nil {
          i += 2
          continue
        }
        if let factor = Modifiers.hedge(lower) {
          if factor < hedge?.factor ?? 2 { hedge = (factor, text(i..<(i + 1))) }
          i += 1
          continue
        }
        if Modifiers.intensity(lower) != nil || Modifiers.isNegator(lower)
          || Modifiers.isContrast(lower)
        {
          i += 1
          continue
        }
        entry = lexicon.match(tokens, at: i)
      }
      guard let entry else {
        i += 1
        continue
      }
      let span = i..<(i + entry.words.count)
      i = span.upperBound
      if entry.valence == 0 {
        neutralPhrases.append(text(span))
        continue
      }
      var value = entry.valence
      let surface = text(span)
      let negator =
        Modifiers.isNegator(entry.words[0])
        ? nil : Modifiers.negator(governing: span.lowerBound, in: tokens)
      if let negator {
        value *= Self.negationFactor
        notes.append("\(quoted(tokens[negator].lower)) flips \(quoted(surface))")
      } else {
        for (factor, words) in intensifiers(before: span.lowerBound, tokens, text) {
          value *= factor
          let verb = factor >= 1 ? "strengthens" : "softens"
          notes.append("\(quoted(words)) \(verb) \(quoted(surface)) (×\(short(factor)))")
        }
      }
      if !shouting && isCapitals(bytes, tokens[span]) {
        value *= Self.capitalsFactor
        notes.append("\(quoted(surface)) in capitals (×\(short(Self.capitalsFactor)))")
      }
      value *= weights.weight(of: span.lowerBound)
      hits.append(Hit(tokens: span, valence: entry.valence, contribution: value))
    }

    var total = hits.reduce(0) { $0 + $1.contribution }
    if let note = weights.note,
      hits.contains(where: { weights.weight(of: $0.tokens.lowerBound) != 1 })
    {
      notes.append(note)
    }
    if let hedge, total != 0 {
      total *= hedge.factor
      notes.append("hedged by \(quoted(hedge.words)) (×\(short(hedge.factor)))")
    }
    let exclamations = min(3, tokens.count(where: { $0.lower == "!" }))
    if exclamations > 0 && total != 0 {
      total += (total > 0 ? 1 : -1) * Self.exclamationBoost * Double(exclamations)
      notes.append("\"!\" adds emphasis")
    }
    for phrase in neutralPhrases { notes.append("\(quoted(phrase)) is not sentiment") }

    let value =
      (total / (total * total + Self.normalisation).squareRoot() * 10_000).rounded() / 10_000
    let label = value > 0 ? "positive" : value < 0 ? "negative" : "neutral"
    var explanation = label + ": "
    explanation +=
      hits.isEmpty
      ? "no sentiment words"
      : hits.map { "\(quoted(text($0.tokens))) (\(signed($0.valence)))" }.joined(separator: ", ")
    for note in notes { explanation += "; " + note }
    return SentenceSentiment(value: value, explanation: explanation)
  }

  /// The intensifiers and downtoners right before `start`, nearest first.
  private func intensifiers(before start: Int, _ tokens: [Token], _ text: (Range<Int>) -> String)
    -> [(Double, String)]
  {
    var found: [(Double, String)] = []
    var j = start - 1
    while j >= 0, tokens[j].kind == .word, found.count < 3 {
      if j >= 1, tokens[j - 1].kind == .word,
        let factor = Modifiers.intensity(tokens[j - 1].lower, tokens[j].lower)
      {
        found.append((factor, text((j - 1)..<(j + 1))))
        j -= 2
      } else if let factor = Modifiers.intensity(tokens[j].lower) {
        found.append((factor, text(j..<(j + 1))))
        j -= 1
      } else {
        break
      }
    }
    return found
  }

  /// Whether the words are written in capitals ("AWFUL"), not just capitalised.
  private func isCapitals(_ bytes: [UInt8], _ tokens: ArraySlice<Token>) -> Bool {
    var letters = 0
    for token in tokens {
      for b in bytes[token.range] {
        if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") { return false }
        if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { letters += 1 }
      }
    }
    return letters >= 2
  }

  /// Whether every word of the sentence is in capitals: then none stands out.
  private func isAllCapitals(_ bytes: [UInt8], _ tokens: [Token]) -> Bool {
    let words = tokens.filter { $0.kind == .word }
    return !words.isEmpty && isCapitals(bytes, words[...])
  }
}

/// How much each clause of a sentence counts, from its contrast words.
struct ClauseWeights {
  private var boundary: Int?
  private var before = 1.0
  private var after = 1.0
  private(set) var note: String?

  /// Words after which the sentence turns: what follows is the point.
  private static let turning: Set<String> = [
    "but", "however", "nevertheless", "nonetheless", "yet",
  ]
  /// Words that open a concession: the clause they open matters less.
  private static let concessive: Set<String> = ["although", "though", "whereas"]

  init(_ tokens: [Token]) {
    let words = tokens.indices.filter { tokens[$0].kind == .word }
    guard let firstWord = words.first, let lastWord = words.last else { return }
    // The last turning word decides; "yet" turns only at a clause start ("…, yet it helped").
    let turn = words.last { i in
      let lower = tokens[i].lower
      guard Modifiers.isContrast(lower), Self.turning.contains(lower), i != lastWord else {
        return false
      }
      return lower != "yet" || i == firstWord || tokens[i - 1].kind == .punctuation
    }
    if let turn {
      boundary = turn
      before = 0.5
      after = 1.5
      note = "after \"\(tokens[turn].lower)\" counts 1.5×, before it 0.5×"
      return
    }
    guard
      let concession = words.first(where: {
        Modifiers.isContrast(tokens[$0].lower) && Self.concessive.contains(tokens[$0].lower)
          && $0 != lastWord
      })
    else { return }
    let word = tokens[concession].lower
    if concession == firstWord {
      // "Although the wait was long, the staff were kind": the clause ends at the first comma.
      guard
        let comma = tokens[concession...].firstIndex(where: { $0.lower == "," || $0.lower == ";" })
      else { return }
      boundary = comma
      before = 0.5
      after = 1.5
      note = "the \"\(word)\" clause counts 0.5×, the rest 1.5×"
    } else {
      boundary = concession
      before = 1.5
      after = 0.5
      note = "after \"\(word)\" counts 0.5×, before it 1.5×"
    }
  }

  func weight(of token: Int) -> Double {
    guard let boundary else { return 1 }
    return token < boundary ? before : after
  }
}

private func quoted(_ text: String) -> String { "\"\(text)\"" }

/// "+1.9", "-3.0": one decimal with its sign.
func signed(_ value: Double) -> String {
  let tenths = Int((abs(value) * 10).rounded())
  return (value < 0 ? "-" : "+") + "\(tenths / 10).\(tenths % 10)"
}

/// "1.3", "0.75", "1.25": at most two decimals, no trailing zeros.
func short(_ value: Double) -> String {
  let hundredths = Int((value * 100).rounded())
  var text = "\(hundredths / 100)"
  let fraction = hundredths % 100
  if fraction != 0 {
    text +=
      fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
  }
  return text
}
