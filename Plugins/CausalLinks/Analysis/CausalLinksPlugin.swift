// Cause → effect statements in what participants said, as candidate links.
import Foundation
import HarkPluginKit

/// Finds "X helped me Y", "without X I would Y", "X made Y worse" … in
/// participant sentences and proposes each as a link between two concepts.
public final class CausalLinksPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.causal-links", name: "Causal links", version: "1.2.0", vendor: "Hark project",
    description:
      "Proposes cause → effect links from what participants said (\"the peer group really helped me feel less "
      + "alone\"), with polarity, a strength from hedges and intensifiers, and the quote as evidence.",
    provides: ["links", "concepts"], needs: ["turns"],
    optionsSchema: #"""
      {"type":"object","additionalProperties":false,"properties":{"cues":{"type":"string","description":"Path of a causal cue file (format: the comments at the top of corpora/lexicons/causal-cues.tsv). Without it the built-in cue patterns are used."},"model":{"type":"string","description":"Path of a sentence model file written by hark-train-causal (format: the comments at the top of corpora/models/causal-sentence.tsv). Without it the built-in model is used."},"signals":{"type":"boolean","description":"For evaluation: also code each sentence the sentence model finds causal as \"causal sentence\" and each link's cue words as \"causal signal\" (inside or between the link's cause and effect), read news-report patterns, and read sentences whose phrases make no short label. Off by default."}}}
      """#)

  /// The built-in cue patterns, the same text as corpora/lexicons/causal-cues.tsv.
  public static let defaultCues = DefaultCues.text
  /// The built-in sentence model, the same text as corpora/models/causal-sentence.tsv.
  public static let defaultModel = DefaultModel.text

  public let lexicon: CueLexicon
  /// The sentence model. A coding run never needs it (its patterns are read
  /// only with "signals"), so the built-in one is read when first used.
  public var model: CausalSentenceModel {
    if let loaded { return loaded }
    // Parsing the built-in model cannot fail: CausalLinksTests reads it.
    let builtIn = (try? Self.builtInModel.get()) ?? CausalSentenceModel.none
    loaded = builtIn
    return builtIn
  }
  private var loaded: CausalSentenceModel?
  public let signals: Bool
  private let linker: SentenceLinker
  private let filter: AnchorFilter

  public init(options: PluginOptions) throws {
    let allowed = ["cues", "model", "signals"]
    for key in options.values.keys.sorted() where !allowed.contains(key) {
      throw PluginError(
        "unknown option \"\(key)\" for the Causal links plugin. Its options are \"cues\" (a file path), "
          + "\"model\" (a file path) and \"signals\" (true or false).")
    }
    if let path = try options.string("cues") {
      lexicon = try CueLexicon.parse(try Self.read(path, what: "cue file", option: "cues"), file: path)
    } else {
      lexicon = try Self.builtInCues.get()
    }
    if let path = try options.string("model") {
      loaded = try CausalSentenceModel.parse(try Self.read(path, what: "sentence model", option: "model"), file: path)
    }
    signals = try options.bool("signals") ?? false
    linker = SentenceLinker(lexicon: lexicon)
    filter = AnchorFilter(words: linker.allAnchorWords)
  }

  /// Read once per process: every instance shares them.
  private static let builtInCues = Result { try CueLexicon.parse(DefaultCues.text, file: "the built-in cue patterns") }
  private static let builtInModel = Result {
    try CausalSentenceModel.parse(DefaultModel.text, file: "the built-in sentence model")
  }

  private static func read(_ path: String, what: String, option key: String) throws -> String {
    do {
      return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PluginError(
        "cannot read the \(what) \"\(path)\". Check the path (and that it is UTF-8 text), "
          + "or leave out the \"\(key)\" option to use the built-in one.")
    }
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    let bytes = document.bytes
    var scratch: [UInt64] = []
    for (t, turn) in document.turns.enumerated() where turn.role != .interviewer {
      // Most turns hold no cue word at all: they are not even split into sentences.
      guard signals || filter.passes(bytes, turn.span) else { continue }
      let sentences = SentenceSplitter.sentences(bytes, in: turn.span)
      let questionTurn = t > 0 && document.turns[t - 1].role == .interviewer ? document.turns[t - 1].span : nil
      for (k, sentence) in sentences.enumerated() {
        guard signals || filter.passes(bytes, sentence) else { continue }
        let tokens = SentenceLinker.joiningClippedWords(Tokenizer.tokens(bytes, in: sentence))
        var verdict: (causal: Bool, p: Double)?
        func isCausal() -> (causal: Bool, p: Double) {
          if let verdict { return verdict }
          let p = model.probability(tokens, scratch: &scratch)
          verdict = (p >= model.threshold, p)
          return verdict!
        }
        if signals, isCausal().causal {
          let p = isCausal().p
          sink.emit(
            CodeResult(code: "causal sentence", span: sentence, confidence: rounded(p), explanation: explain(tokens, p))
          )
        }
        let candidates = linker.candidates(tokens)
        guard !candidates.isEmpty else { continue }
        let context = SentenceContext(
          bytes: bytes, sentence: sentence, tokens: tokens, previousSentence: k > 0 ? sentences[k - 1] : nil,
          questionTurn: k == 0 ? questionTurn : nil)
        var links = linker.links(
          context, candidates: candidates, mode: ReadingMode(signals: signals), isCausal: isCausal)
        // For the evaluator the surest reading comes first (it keeps as many as a sentence has relations).
        if signals {
          links = links.enumerated().sorted {
            ($1.element.link.confidence, $0.offset) < ($0.element.link.confidence, $1.offset)
          }.map(\.element)
        }
        for found in links {
          sink.emit(found.link)
          for concept in found.concepts { sink.emit(concept) }
          if signals, let signal = found.signal {
            sink.emit(
              CodeResult(
                code: "causal signal", span: signal, confidence: found.link.confidence,
                explanation: "the cue words of the link \(found.link.cause) → \(found.link.effect)"))
          }
        }
      }
    }
  }

  private func explain(_ tokens: [Token], _ p: Double) -> String {
    let features = model.strongestFeatures(tokens, count: 3).map { "\($0.name) (\(rounded($0.weight)))" }
    return "sentence model: causal with probability \(rounded(p)) (threshold \(model.threshold))"
      + (features.isEmpty ? "" : "; strongest signs: " + features.joined(separator: ", "))
  }

  private func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
