// Cause → effect statements in what participants said, as candidate links.
import Foundation
import HarkPluginKit

/// Finds "X helped me Y", "without X I would Y", "X made Y worse" … in
/// participant sentences and proposes each as a link between two concepts.
public final class CausalLinksPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.causal-links", name: "Causal links", version: "1.0.0", vendor: "Hark project",
    description:
      "Proposes cause → effect links from what participants said (\"the peer group really helped me feel less "
      + "alone\"), with polarity, a strength from hedges and intensifiers, and the quote as evidence.",
    provides: ["links", "concepts"], needs: ["turns", "concepts"],
    optionsSchema: #"""
      {"type":"object","additionalProperties":false,"properties":{"cues":{"type":"string","description":"Path of a causal cue file (format: the comments at the top of corpora/lexicons/causal-cues.tsv). Without it the built-in cue patterns are used."}}}
      """#)

  /// The built-in cue patterns, the same text as corpora/lexicons/causal-cues.tsv.
  public static let defaultCues = DefaultCues.text

  public let lexicon: CueLexicon
  private let linker: SentenceLinker

  public init(options: PluginOptions) throws {
    for key in options.values.keys where key != "cues" {
      throw PluginError(
        "unknown option \"\(key)\" for the Causal links plugin. The only option is \"cues\" (a file path)."
      )
    }
    if let path = try options.string("cues") {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw PluginError(
          "cannot read the cue file \"\(path)\". Check the path (and that it is UTF-8 text), "
            + "or leave out the \"cues\" option to use the built-in cue patterns.")
      }
      lexicon = try CueLexicon.parse(text, file: path)
    } else {
      lexicon = try CueLexicon.parse(DefaultCues.text, file: "the built-in cue patterns")
    }
    linker = SentenceLinker(lexicon: lexicon)
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    for (t, turn) in document.turns.enumerated() where turn.role != .interviewer {
      let sentences = SentenceSplitter.sentences(document.bytes, in: turn.span)
      var question: Range<Int>?
      if t > 0, document.turns[t - 1].role == .interviewer {
        question = SentenceSplitter.sentences(document.bytes, in: document.turns[t - 1].span).last
      }
      for (k, sentence) in sentences.enumerated() {
        let context = SentenceContext(
          bytes: document.bytes, sentence: sentence,
          previousSentence: k > 0 ? sentences[k - 1] : nil,
          question: k == 0 ? question : nil, knownConcepts: document.knownConcepts)
        for found in linker.links(context) {
          sink.emit(found.link)
          for concept in found.concepts { sink.emit(concept) }
        }
      }
    }
  }
}
