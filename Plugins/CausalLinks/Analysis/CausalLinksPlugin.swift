// Cause → effect statements in what participants said, as candidate links.
import Foundation
import HarkEncoder
import HarkPluginKit

#if canImport(Glibc)
  import Glibc
#endif

/// Reads each participant sentence with the causal encoder (is it a causal
/// claim; which words are its cause, effect and signal) and with the cue
/// patterns ("X helped me Y", "without X I would Y"), and proposes each claim
/// as a link between two short concept labels.
public final class CausalLinksPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.causal-links", name: "Causal links", version: "2.0.0", vendor: "Hark project",
    description:
      "Proposes cause → effect links from what participants said (\"the peer group really helped me feel less "
      + "alone\"), read by a small encoder model and by cue patterns, with polarity, a strength from hedges and "
      + "intensifiers, and the quote as evidence; codes each sentence the model finds causal as \"causal claim\".",
    provides: ["links", "concepts", "codes"], needs: ["turns"],
    optionsSchema: #"""
      {"type":"object","additionalProperties":false,"properties":{"cues":{"type":"string","description":"Path of a causal cue file (format: the comments at the top of corpora/lexicons/causal-cues.tsv). Without it the built-in cue patterns are used."},"encoder":{"type":"string","description":"Folder of the causal encoder (encoder.safetensors, vocab.txt, SHA256SUMS; see corpora/models/causal-encoder/README.md). Without it the plugin uses corpora/models/causal-encoder of the Hark checkout it was built in."}}}
      """#)

  /// The built-in cue patterns, the same text as corpora/lexicons/causal-cues.tsv.
  public static let defaultCues = DefaultCues.text
  /// Where the default encoder lives in a Hark checkout.
  public static let encoderSubfolder = "corpora/models/causal-encoder"
  /// The code given to each sentence the encoder finds causal.
  public static let claimCode = "causal claim"
  /// The code given to the signal words of each link.
  public static let signalCode = "causal signal"

  public let lexicon: CueLexicon
  public let encoder: CausalEncoder
  private let linker: SentenceLinker
  /// Sentences holding a word of some cue pattern.
  private let filter: AnchorFilter
  /// Sentences the encoder reads: those holding a word that can signal a cause.
  private let screen: AnchorFilter
  private let lowering: WordSet
  /// Off only in unit tests of the cue patterns on their own.
  var readsWithEncoder = true

  public init(options: PluginOptions) throws {
    let allowed = ["cues", "encoder"]
    for key in options.values.keys.sorted() where !allowed.contains(key) {
      let retired = ["model", "signals"].contains(key) ? " (\"\(key)\" was retired in version 2.0.0)" : ""
      throw PluginError(
        "unknown option \"\(key)\" for the Causal links plugin\(retired). Its options are \"cues\" (a file path) "
          + "and \"encoder\" (a folder).")
    }
    if let path = try options.string("cues") {
      lexicon = try CueLexicon.parse(try Self.read(path, what: "cue file", option: "cues"), file: path)
    } else {
      lexicon = try Self.builtInCues.get()
    }
    let folder = try options.string("encoder") ?? Self.defaultEncoderFolder()
    do {
      encoder = try CausalEncoder.load(folder: folder)
    } catch let error as EncoderError {
      throw PluginError(error.description)
    }
    linker = SentenceLinker(lexicon: lexicon)
    filter = AnchorFilter(words: linker.allAnchorWords)
    screen = AnchorFilter(words: linker.allAnchorWords + Self.signalWords)
    lowering = SentenceLinker.loweringWords(lexicon)
  }

  /// Read once per process: every instance shares them.
  private static let builtInCues = Result { try CueLexicon.parse(DefaultCues.text, file: "the built-in cue patterns") }

  /// Words that can signal a cause or an effect besides the cue patterns'
  /// anchors; a sentence with none of them (or of the anchors) is not read by
  /// the encoder. Measured on the Causal News Corpus, most causal sentences hold one.
  static let signalWords = [
    "because", "cause", "causes", "caused", "causing", "'cause", "cos", "coz", "due", "result", "results",
    "resulted", "resulting", "lead", "leads", "led", "leading", "thanks", "thank", "made", "make", "makes", "making",
    "so", "therefore", "thus", "hence", "why", "since", "after", "following", "without", "stop", "stopped",
    "stops", "prevent", "prevented", "prevents", "affect", "affected", "affects", "effect", "effects", "impact",
    "reason", "reasons", "owing", "trigger", "triggered", "triggering", "force", "forced", "forcing", "meant",
    "means", "helped", "help", "helps", "gave", "given", "kept", "keeps", "allowed", "enabled", "let", "lets",
    "if", "when", "once", "unless", "as", "amid", "over", "against", "sparked", "prompted", "prompting",
    "killing", "leaving", "injuring", "protest", "protests", "protesting", "protested", "demand", "demanding",
    "response", "wake", "consequence", "consequences", "from", "by", "through", "to", "for", "get", "got",
    "getting", "gets", "brought", "bring", "brings", "drove", "driven", "pushed", "put", "turned", "became",
    "changed", "change", "changes", "increase", "increased", "reduce", "reduced", "lost", "lose", "worse",
    "better", "harder", "easier", "saved", "killed", "hurt", "damaged", "broke", "ruined", "blamed",
  ]

  /// `corpora/models/causal-encoder` in the Hark checkout this library was
  /// built in: the first folder above the library that holds one.
  static func defaultEncoderFolder() throws -> String {
    guard let name = Self.libraryPath() else {
      throw PluginError(
        "cannot tell where the Causal links plugin was loaded from, so its encoder folder is unknown. "
          + "Give the plugin's \"encoder\" option the folder (a copy of \(encoderSubfolder) from the Hark repository).")
    }
    let library = URL(fileURLWithPath: name).resolvingSymlinksInPath()
    var folder = library.deletingLastPathComponent()
    while true {
      let candidate = folder.appendingPathComponent(encoderSubfolder)
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("SHA256SUMS").path) {
        return candidate.path
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    throw PluginError(
      "no \(encoderSubfolder) folder was found above \(library.path), so the Causal links plugin has no encoder. "
        + "Give the plugin's \"encoder\" option the folder (a copy of \(encoderSubfolder) from the Hark repository).")
  }

  /// The file this code was loaded from (the plugin's library, or a test
  /// binary linking it), by glibc's dladdr. Swift's Glibc module leaves
  /// dladdr out (it is a GNU extension), so it is looked up by name.
  static func libraryPath() -> String? {
    typealias Dladdr = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32
    guard let symbol = dlsym(nil, "dladdr") else { return nil }
    let dladdr = unsafeBitCast(symbol, to: Dladdr.self)
    // Dl_info: file name, file base, symbol name, symbol address.
    var info: (UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafePointer<CChar>?, UnsafeRawPointer?) = (
      nil, nil, nil, nil
    )
    let found = withUnsafeMutablePointer(to: &info) { dladdr(#dsohandle, UnsafeMutableRawPointer($0)) }
    guard found != 0, let name = info.0 else { return nil }
    return String(cString: name)
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

  /// One participant sentence the encoder reads.
  private struct Item {
    var sentence: Range<Int>
    var previous: Range<Int>?
    var questionTurn: Range<Int>?
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    let bytes = document.bytes
    var items: [Item] = []
    for (t, turn) in document.turns.enumerated() where turn.role != .interviewer {
      // Most turns hold no word that can signal a cause: they are not even split into sentences.
      guard screen.passes(bytes, turn.span) else { continue }
      let sentences = SentenceSplitter.sentences(bytes, in: turn.span)
      let questionTurn = t > 0 && document.turns[t - 1].role == .interviewer ? document.turns[t - 1].span : nil
      for (k, sentence) in sentences.enumerated() where screen.passes(bytes, sentence) {
        items.append(
          Item(sentence: sentence, previous: k > 0 ? sentences[k - 1] : nil, questionTurn: k == 0 ? questionTurn : nil))
      }
    }
    guard !items.isEmpty else { return }
    // One pass of the encoder over every sentence of the document: large products, few calls.
    let words = readsWithEncoder ? items.map { encoder.tokenizer.words(bytes, in: $0.sentence) } : []
    let readings = readsWithEncoder ? encoder.read(words) : []
    for (i, item) in items.enumerated() {
      let tokens = SentenceLinker.joiningClippedWords(Tokenizer.tokens(bytes, in: item.sentence))
      let context = SentenceContext(
        bytes: bytes, sentence: item.sentence, tokens: tokens, previousSentence: item.previous,
        questionTurn: item.questionTurn)
      guard readsWithEncoder else {
        for found in linker.links(context, candidates: linker.candidates(tokens)) { emit(found, into: sink) }
        continue
      }
      let p = readings[i].probability
      let causal = p >= encoder.threshold
      let spans = causal ? TaggedSpans(words: words[i], tags: readings[i].wordTags) : TaggedSpans()
      if causal {
        sink.emit(
          CodeResult(
            code: Self.claimCode, span: item.sentence, confidence: rounded(p),
            explanation: explainClaim(p, spans, bytes)))
      }
      let fromPatterns =
        filter.passes(bytes, item.sentence) || SentenceLinker.statesResult(tokens)
        ? linker.links(context, candidates: linker.candidates(tokens)) : []
      let fromEncoder =
        causal ? linker.encoderLinks(context, spans: spans, probability: p, lowering: lowering) : []
      for found in combine(fromPatterns, fromEncoder, probability: p, causal: causal) { emit(found, into: sink) }
    }
  }

  private func emit(_ found: FoundLink, into sink: any ResultSink) {
    sink.emit(found.link)
    for concept in found.concepts { sink.emit(concept) }
    if let signal = found.signal {
      sink.emit(
        CodeResult(
          code: Self.signalCode, span: signal, confidence: found.link.confidence,
          explanation: "the cue words of the link \(found.link.cause) → \(found.link.effect)"))
    }
  }

  /// A cue pattern's link and the encoder's link for the same words are one
  /// claim: the pattern's reading (its rules for that cue) is kept, with the
  /// encoder's confidence when it is surer. The encoder's other links are added.
  func combine(_ patterns: [FoundLink], _ model: [FoundLink], probability: Double, causal: Bool) -> [FoundLink] {
    var out: [FoundLink] = []
    var used = Set<Int>()
    for var found in patterns {
      // The encoder's link over the same cause and effect words, else the first that shares either.
      let candidates = model.indices.filter { !used.contains($0) && overlaps(found.link, model[$0].link) }
      if let k = candidates.first(where: { sameClaim(found.link, model[$0].link) }) ?? candidates.first {
        used.insert(k)
        // A cause cut before its quality ("the rates became" of "the rates became so outrageous") is
        // a clause fragment; the encoder's reading of the whole clause names it ("outrageous rates").
        if Self.endsInLinkingVerb(found.link.cause), !Self.endsInLinkingVerb(model[k].link.cause) {
          found.link.cause = model[k].link.cause
          found.link.causeSpan = model[k].link.causeSpan
          found.concepts[0] = model[k].concepts[0]
          found.link.explanation += "; the cause is named from the encoder's whole clause"
        }
        // The cause and effect as the encoder marked them when that is the whole phrase around the label's words.
        if let mine = found.link.causeSpan, let marked = model[k].link.causeSpan, marked.lowerBound <= mine.lowerBound,
          mine.upperBound <= marked.upperBound
        {
          found.link.causeSpan = marked
        }
        if let mine = found.link.effectSpan, let marked = model[k].link.effectSpan,
          marked.lowerBound <= mine.lowerBound, mine.upperBound <= marked.upperBound
        {
          found.link.effectSpan = marked
        }
        if probability > found.link.confidence {
          found.link.confidence = rounded(probability)
          for c in found.concepts.indices { found.concepts[c].confidence = found.link.confidence }
        }
        found.link.explanation += "; the causal encoder reads the same claim (probability \(rounded(probability)))"
      } else if !causal {
        found.link.explanation +=
          "; the causal encoder does not find a claim here (probability \(rounded(probability)))"
      }
      out.append(found)
    }
    for (k, found) in model.enumerated() where !used.contains(k) { out.append(found) }
    return out
  }

  /// Whether a label ends in a verb that needs a complement: "rates became", "bus was".
  static func endsInLinkingVerb(_ label: String) -> Bool {
    guard let last = label.split(separator: " ").last, label.contains(" ") else { return false }
    let word = String(last)
    return WordLists.copulas.contains(WordKey(word)) || WordLists.auxiliaries.contains(WordKey(word))
      || ["became", "become", "becomes", "seemed", "seems"].contains(word)
  }

  /// Whether both the causes and the effects of two links share words.
  private func sameClaim(_ a: LinkResult, _ b: LinkResult) -> Bool {
    guard let ac = a.causeSpan, let bc = b.causeSpan, let ae = a.effectSpan, let be = b.effectSpan else { return false }
    return ac.overlaps(bc) && ae.overlaps(be)
  }

  private func overlaps(_ a: LinkResult, _ b: LinkResult) -> Bool {
    func meet(_ x: Range<Int>?, _ y: Range<Int>?) -> Bool {
      guard let x, let y else { return false }
      return x.overlaps(y)
    }
    return meet(a.causeSpan, b.causeSpan) || meet(a.effectSpan, b.effectSpan)
      || (a.cause == b.cause && a.effect == b.effect)
  }

  private func explainClaim(_ p: Double, _ spans: TaggedSpans, _ bytes: [UInt8]) -> String {
    func quoted(_ ranges: [Range<Int>]) -> String {
      ranges.map { "\"\(String(decoding: bytes[$0], as: UTF8.self))\"" }.joined(separator: ", ")
    }
    var parts = ["causal encoder: probability \(rounded(p)) (threshold \(encoder.threshold))"]
    if !spans.causes.isEmpty { parts.append("cause " + quoted(spans.causes)) }
    if !spans.effects.isEmpty { parts.append("effect " + quoted(spans.effects)) }
    if !spans.signals.isEmpty { parts.append("signal " + quoted(spans.signals)) }
    return parts.joined(separator: "; ")
  }

  private func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
