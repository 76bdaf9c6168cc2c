// The Sentiment plugin: the valence of every sentence participants say.
import Foundation
import HarkPluginKit

/// Scores each participant sentence from -1 (negative) to +1 (positive),
/// as the score "valence", with the words that made the score.
public final class SentimentPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.sentiment",
    name: "Sentiment",
    version: "1.0.0",
    vendor: "Hark project",
    description:
      "Scores how positive or negative each sentence a participant says is (valence, -1 to 1), "
      + "from a lexicon of everyday and care-service English, with negation, intensifiers, hedges and \"but\".",
    provides: ["scores"],
    needs: ["turns"],
    optionsSchema: #"""
      {"type":"object","properties":{"lexicon":{"type":"string","description":"Path of a lexicon file (lines term<TAB>valence from -4 to 4, # for comments) used instead of the built-in one."}},"additionalProperties":false}
      """#
  )

  let scorer: SentenceScorer

  public init(options: PluginOptions) throws {
    if let path = try options.string("lexicon") {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw PluginError(
          "the sentiment lexicon \"\(path)\" could not be read (\(error.localizedDescription)). "
            + "Give the path of a UTF-8 text file with lines term<TAB>valence, or leave out the option \"lexicon\"."
        )
      }
      scorer = SentenceScorer(
        lexicon: try SentimentLexicon(tsv: text, source: "the sentiment lexicon \"\(path)\""))
    } else {
      scorer = SentenceScorer(lexicon: .builtIn)
    }
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    for turn in document.participantTurns {
      for sentence in SentenceSplitter.sentences(document.bytes, in: turn.span) {
        let result = scorer.score(document.bytes, sentence: sentence)
        sink.emit(
          ScoreResult(
            name: "valence", span: sentence, value: result.value, explanation: result.explanation))
      }
    }
  }
}
