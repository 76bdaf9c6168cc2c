// A worked example of a Hark analysis plugin, meant to be copied and changed:
// it codes participant sentences that talk about hope or the future as "hope".
//
// What to keep when you write your own: the `info` (give it your own id), an
// `init(options:)` that rejects what it does not understand with a helpful
// message, and an `analyze` that quotes whole sentences of participant turns
// by their UTF-8 byte offsets and says in plain words why it coded them.
import HarkPluginKit

public final class HopeWordsPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    // Reverse-DNS, lowercase, unique: the host keys stored results by it.
    id: "org.example.hope-words",
    name: "Hope words",
    // Bump this whenever the results could change: `hark code` then
    // re-analyses every document with the new version.
    version: "1.0.0",
    vendor: "Example",
    description:
      "Codes participant sentences that mention hope or the future (\"hopeful\", \"looking forward\") "
      + "as \"hope\". A negated mention (\"no hope\") is not coded; a hedged one (\"maybe\") gets a lower confidence.",
    provides: ["codes"],
    needs: ["turns"],
    optionsSchema: #"""
      {"type":"object","additionalProperties":false,"properties":{"words":{"type":"array","items":{"type":"string","minLength":1},"minItems":1,"description":"Words or phrases that count as talk of hope, instead of the built-in list. Endings do not matter: \"plan\" also finds \"planning\"."}}}
      """#
  )

  /// The code every finding gets.
  public static let code = "hope"

  /// Used when the options give no `words`. Matched by stem, so "hope" also
  /// finds "hoping", "hopeful" and "hopefully" (but not "hopeless").
  public static let defaultWords = [
    "hope", "future", "dream", "look forward", "optimistic", "aspire", "aspiration", "ambition",
    "goal", "better days",
  ]

  /// The hope words, grouped by the stem of their first word so a sentence
  /// is scanned once, whatever the length of the list.
  let phrasesByFirstStem: [String: [HopePhrase]]

  /// Stems already worked out. People use a few thousand different words, so
  /// after the first pages nearly every stem is a lookup. An instance is used
  /// by one thread at a time, so it may keep mutable state like this.
  private var stemCache: [String: String] = [:]

  /// Called once per instance (one per worker process) with the options a
  /// researcher set with `hark plugins configure`. Throwing here stops this
  /// plugin's part of the coding run and shows your message, so make it say
  /// how to fix the options.
  public init(options: PluginOptions) throws {
    for key in options.values.keys where key != "words" {
      throw PluginError(
        "unknown option \"\(key)\" for the Hope words plugin. The only option is \"words\", "
          + "an array of words or phrases, e.g. {\"words\": [\"hope\", \"look forward\"]}.")
    }
    let words = try options.strings("words") ?? Self.defaultWords
    guard !words.isEmpty else {
      throw PluginError(
        "option \"words\" is an empty list, so nothing could ever be coded. "
          + "Give at least one word, or leave the option out to use the built-in list.")
    }
    var grouped: [String: [HopePhrase]] = [:]
    for word in words {
      guard let phrase = HopePhrase(word) else {
        throw PluginError(
          "option \"words\" has the entry \"\(word)\", which has no word in it. Remove it or write a word."
        )
      }
      grouped[phrase.stems[0], default: []].append(phrase)
    }
    phrasesByFirstStem = grouped
  }

  /// Called once per document. The host checks every result before storing
  /// any: one invalid span or number fails the whole document.
  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    // Interviewer turns are context, not data: only participants' words are coded.
    for turn in document.participantTurns {
      for sentence in SentenceSplitter.sentences(document.bytes, in: turn.span) {
        guard let finding = judge(sentence, of: document) else { continue }
        sink.emit(
          CodeResult(
            code: Self.code, span: sentence, confidence: finding.confidence,
            explanation: finding.explanation))
      }
    }
  }

  // `finish(into:)` is left out: this plugin judges each sentence on its
  // own. A plugin that compares documents declares `needs: ["corpus"]`
  // and emits its corpus-level results from `finish`.

  struct Finding: Equatable {
    var confidence: Double
    var explanation: String
  }

  /// Whether the sentence at `span` talks of hope, and why.
  func judge(_ span: Range<Int>, of document: Document) -> Finding? {
    let tokens = Tokenizer.tokens(document.bytes, in: span)
    // Punctuation gets an empty stem, so no phrase matches across a comma.
    let stems = tokens.map { $0.kind == .punctuation ? "" : stem($0.lower) }
    var mentions: [String] = []
    var negated: [String] = []
    for i in tokens.indices {
      for phrase in phrasesByFirstStem[stems[i]] ?? [] where phrase.matches(stems, at: i) {
        let end = tokens[i + phrase.stems.count - 1].range.upperBound
        // "no hope", "I don't see a future": the opposite of hope.
        if let negator = Modifiers.negator(governing: i, in: tokens) {
          appendOnce(document.slice(tokens[negator].range.lowerBound..<end), to: &negated)
        } else {
          appendOnce(document.slice(tokens[i].range.lowerBound..<end), to: &mentions)
        }
      }
    }
    guard !mentions.isEmpty else { return nil }

    // Two different hope words in one sentence make it clearer.
    var confidence = mentions.count > 1 ? 0.9 : 0.75
    var explanation =
      "The speaker uses the hope \(mentions.count > 1 ? "words" : "word") \(quotedList(mentions))."
    if let hedge = strongestHedge(in: tokens, of: document) {
      confidence *= hedge.multiplier
      explanation += " \"\(hedge.words)\" makes it sound less certain, so the confidence is lower."
    }
    if !negated.isEmpty {
      explanation +=
        " \(quotedList(negated)) did not count, because \(negated.count > 1 ? "they say" : "it says") the opposite."
    }
    // Two decimals: a reader sees 0.45, not 0.44999999999999996.
    return Finding(
      confidence: (min(max(confidence, 0), 1) * 100).rounded() / 100, explanation: explanation)
  }

  private func stem(_ lower: String) -> String {
    if let known = stemCache[lower] { return known }
    let stem = Stemmer.stem(lower)
    stemCache[lower] = stem
    return stem
  }

  /// The hedge ("maybe", "I think", "sort of") that softens the sentence most.
  private func strongestHedge(in tokens: [Token], of document: Document) -> (
    words: String, multiplier: Double
  )? {
    var best: (words: String, multiplier: Double)?
    for i in tokens.indices where tokens[i].kind == .word {
      var found: (Range<Int>, Double)?
      if i + 1 < tokens.count, let m = Modifiers.hedge(tokens[i].lower, tokens[i + 1].lower) {
        found = (tokens[i].range.lowerBound..<tokens[i + 1].range.upperBound, m)
      } else if let m = Modifiers.hedge(tokens[i].lower) {
        found = (tokens[i].range, m)
      }
      if let (range, m) = found, m < (best?.multiplier ?? 1) {
        best = (document.slice(range), m)
      }
    }
    return best
  }
}

/// One entry of the word list, as stems: "look forward" is ["look", "forward"].
struct HopePhrase: Equatable {
  let stems: [String]

  init?(_ written: String) {
    let bytes = Array(written.utf8)
    stems = Tokenizer.tokens(bytes, in: 0..<bytes.count)
      .filter { $0.kind != .punctuation }
      .map { Stemmer.stem($0.lower) }
    if stems.isEmpty { return nil }
  }

  func matches(_ sentence: [String], at i: Int) -> Bool {
    i + stems.count <= sentence.count && Array(sentence[i..<(i + stems.count)]) == stems
  }
}

private func appendOnce(_ words: String, to list: inout [String]) {
  if !list.contains(where: { $0.lowercased() == words.lowercased() }) { list.append(words) }
}

/// `"hope"`, `"hope" and "future"`, `"a", "b" and 3 more`: a list a reader
/// can take in, and short enough for the host's 4000-byte explanation limit
/// however many words a researcher puts on the list.
func quotedList(_ words: [String]) -> String {
  let shown = words.prefix(3).map { "\"\($0)\"" }
  let more = words.count - shown.count
  if more > 0 { return shown.joined(separator: ", ") + " and \(more) more" }
  if shown.count == 1 { return shown[0] }
  return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
}
