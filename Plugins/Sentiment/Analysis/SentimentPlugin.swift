// The Sentiment plugin: the valence of every sentence participants say, and
// of each participant turn as a whole.
import Foundation
import HarkPluginKit

/// Scores each participant sentence from -1 (negative) to +1 (positive),
/// as the score "valence", with the words that made the score; and each
/// participant turn as a whole, as the score "turn valence".
public final class SentimentPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.sentiment",
    name: "Sentiment",
    // 2.0.0: a lexicon of over 4,000 terms with emoticons and emoji, and turn scores.
    version: "2.0.0",
    vendor: "Hark project",
    description:
      "Scores how positive or negative each sentence a participant says is (valence, -1 to 1), "
      + "and each participant turn as a whole (turn valence), from a lexicon of everyday, online "
      + "and care-service English, with negation, intensifiers, hedges, capitals, \"!\" and \"but\".",
    provides: ["scores"],
    needs: ["turns"],
    optionsSchema: #"""
      {"type":"object","properties":{"lexicon":{"type":"string","description":"Path of a lexicon file (lines term<TAB>valence from -4 to 4, # for comments) used instead of the built-in one."}},"additionalProperties":false}
      """#
  )

  let scorer: SentenceScorer
  /// Reused from sentence to sentence; the host calls one instance from one thread at a time.
  private var scratch = SentenceScorer.Scratch()

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
    document.bytes.withUnsafeBufferPointer { bytes in
      for turn in document.turns where turn.role != .interviewer {
        var total = 0.0
        var positive = 0
        var negative = 0
        var neutral = 0
        let sentences = SentenceSplitter.sentences(document.bytes, in: turn.span)
        for (index, sentence) in sentences.enumerated() {
          let reach = SentenceScorer.reach(of: index, in: sentences, turnEnd: turn.span.upperBound)
          let result = scorer.score(bytes, sentence: reach, scratch: &scratch)
          sink.emit(
            ScoreResult(
              name: "valence", span: sentence, value: result.value, explanation: result.explanation))
          total += result.total
          if result.value > 0 {
            positive += 1
          } else if result.value < 0 {
            negative += 1
          } else {
            neutral += 1
          }
        }
        let counted = positive + negative + neutral
        guard counted > 0 else { continue }
        // The turn's sentences summed before scaling: two mildly positive
        // sentences make a more positive turn than either alone.
        let value = SentenceScorer.scaled(total)
        var explanation = value > 0 ? "positive" : value < 0 ? "negative" : "neutral"
        explanation += counted == 1 ? " overall, from 1 sentence: " : " overall, from \(counted) sentences: "
        var separator = ""
        for (count, label) in [(positive, " positive"), (negative, " negative"), (neutral, " neutral")]
        where count > 0 {
          explanation += separator + String(count) + label
          separator = ", "
        }
        sink.emit(ScoreResult(name: "turn valence", span: turn.span, value: value, explanation: explanation))
      }
    }
  }
}
