// Causal News Corpus v2 (tanfiona/CausalNewsCorpus, data/V2): the built
// causal-links plugin on every sentence of the dev split, scored as the
// corpus scores subtask 1 (is the sentence causal) and subtask 2 (cause,
// effect and signal spans). The plugin runs with the options a coding run
// gives it and is scored on what a coding run stores: its "causal claim"
// codes, its links and their "causal signal" codes. The train split is
// scored the same way and labelled as training data: the encoder was
// fine-tuned on it.
import Foundation
import HarkHost
import HarkStore

public enum CausalNewsEvaluation {
  public static let pluginID = "org.hark.causal-links"
  /// The options of a coding run with the plugin's defaults: what is
  /// measured is what `hark code` stores.
  static let options = "{}"

  /// Scores the plugin on the dev split (and, as training figures, the train split) in `folder`.
  public static func run(folder: String) throws -> EvalResult {
    let plugin = try PluginUnderTest(id: pluginID, options: options)
    let dev = try CausalNewsSplit.read(folder: folder, split: "dev")
    let train = try CausalNewsSplit.read(folder: folder, split: "train")
    var reader = SentenceReader(plugin: plugin)
    let devScores = try Scores(dev, &reader)
    let trainScores = try Scores(train, &reader)

    var report = [
      "plugin \(plugin.descriptor.id) \(plugin.descriptor.version), options \(options), folder \(folder)",
      "subtask 1 (is the sentence causal), dev, \(dev.sentences.count) sentences: "
        + devScores.sentenceSummary,
      "subtask 2 (cause, effect, signal spans; the corpus's FairEval scorer), dev, "
        + "\(devScores.spanSentences) causal sentences: " + devScores.spanSummary,
      "training data (the encoder was fine-tuned on it, not unseen): subtask 1 F1 "
        + format(trainScores.sentence.f1) + ", subtask 2 F1 " + format(trainScores.spans.overall.f1),
    ]
    if devScores.sentence.truePositives + devScores.sentence.falsePositives == 0 {
      report.append("the plugin judged no dev sentence causal: check that its encoder is the trained one")
    }
    return EvalResult(
      name: "Causal News Corpus v2",
      scores: [("cnc_subtask1_f1", devScores.sentence.f1), ("cnc_subtask2_f1", devScores.spans.overall.f1)],
      report: report,
      detail: [
        "plugin": .string("\(plugin.descriptor.id) \(plugin.descriptor.version)"),
        "dev": devScores.detail,
        "train_training_data": trainScores.detail,
        "subtask2_metric": .string(
          "FairEval (Ortmann 2022) fair counts as in the corpus's V2 scorer: precision TP/(TP+FP+(LE+BE+LBE)/2), "
            + "recall TP/(TP+FN+(LE+BE+LBE)/2), overall over cause, effect and signal spans pooled; "
            + "multi-relation sentences paired for the best F1"),
      ])
  }

  /// One split's figures.
  struct Scores {
    var sentence = Confusion()
    var spans = FairEvaluation()
    var spanSentences = 0

    init(_ split: CausalNewsSplit, _ reader: inout SentenceReader) throws {
      for (text, causal) in split.sentences {
        sentence.add(predicted: try reader.read(text).causal, actual: causal)
      }
      var texts: [String] = []
      var annotated: [[String]] = []
      var predicted: [[String]] = []
      for (text, marked) in split.relations where !marked.isEmpty {
        texts.append(text)
        annotated.append(marked)
        predicted.append(try reader.read(text).relations)
      }
      spanSentences = texts.count
      spans = CausalSpanScore.evaluate(texts: texts, annotated: annotated, predicted: predicted)
    }

    var sentenceSummary: String {
      "F1 \(format(sentence.f1)) (P \(format(sentence.precision)) R \(format(sentence.recall)) "
        + "MCC \(format(sentence.mcc)) accuracy \(format(accuracy)))"
    }

    var accuracy: Double {
      Stats.ratio(
        sentence.truePositives + sentence.trueNegatives,
        sentence.truePositives + sentence.trueNegatives + sentence.falsePositives + sentence.falseNegatives)
    }

    var spanSummary: String {
      let labels = [("C", "cause"), ("E", "effect"), ("S", "signal")].map { key, name in
        let c = spans.perLabel[key] ?? FairCounts()
        return "\(name) P \(format(c.precision)) R \(format(c.recall)) F1 \(format(c.f1))"
      }
      return "F1 \(format(spans.overall.f1)) (P \(format(spans.overall.precision)) R \(format(spans.overall.recall))); "
        + labels.joined(separator: ", ")
    }

    var detail: EvalValue {
      var labels: [String: EvalValue] = [:]
      var f1s: [Double] = []
      for (key, name) in [("C", "cause"), ("E", "effect"), ("S", "signal")] {
        let c = spans.perLabel[key] ?? FairCounts()
        f1s.append(c.f1)
        labels[name] = .object([
          "precision": .number(c.precision), "recall": .number(c.recall), "f1": .number(c.f1),
          "tp": .integer(c.tp), "fp": .integer(c.fp), "fn": .integer(c.fn), "le": .integer(c.le),
          "be": .integer(c.be), "lbe": .integer(c.lbe),
        ])
      }
      return .object([
        "subtask1": .object([
          "precision": .number(sentence.precision), "recall": .number(sentence.recall), "f1": .number(sentence.f1),
          "mcc": .number(sentence.mcc),
          "accuracy": .number(accuracy),
          "sentences": .integer(
            sentence.truePositives + sentence.trueNegatives + sentence.falsePositives + sentence.falseNegatives),
        ]),
        "subtask2": .object([
          "precision": .number(spans.overall.precision), "recall": .number(spans.overall.recall),
          "f1": .number(spans.overall.f1), "label_average_f1": .number(f1s.reduce(0, +) / 3),
          "causal_sentences": .integer(spanSentences), "labels": .object(labels),
        ]),
      ])
    }
  }

  /// The plugin's reading of one sentence, kept so each sentence is analysed once.
  struct SentenceReader {
    let plugin: PluginUnderTest
    var cache: [String: Reading] = [:]

    struct Reading {
      var causal: Bool
      /// Each link as marked text, in the order the plugin gave them.
      var relations: [String]
    }

    mutating func read(_ text: String) throws -> Reading {
      if let known = cache[text] { return known }
      let results = try plugin.analyze(participantSays: text)
      let reading = Self.reading(text, results)
      cache[text] = reading
      return reading
    }

    /// Turns results into a reading: causal when a "causal claim" code was
    /// given. Each link, in order, takes as its signal the first unused
    /// "causal signal" code inside, between or right beside its cause and
    /// effect (a link whose cue the corpus does not mark, "after", has none).
    static func reading(_ text: String, _ results: RawResults) -> Reading {
      func name(_ code: RawCode) -> String { String(decoding: code.code, as: UTF8.self) }
      var signals = results.codes.filter { name($0) == "causal signal" }.map { Int($0.start)..<Int($0.end) }
      var relations: [String] = []
      for link in results.links {
        let (cause, effect) = (link.causeSpan, link.effectSpan)
        let low = Int(min(cause.start, effect.start))
        let high = Int(max(cause.end, effect.end))
        func distance(_ s: Range<Int>) -> Int { max(0, low - s.upperBound, s.lowerBound - high) }
        var signal: Range<Int>?
        if let k = signals.indices.filter({ distance(signals[$0]) <= 2 }).min(by: {
          distance(signals[$0]) < distance(signals[$1])
        }) {
          signal = signals.remove(at: k)
        }
        relations.append(
          RelationMarkup.mark(
            text, cause: Int(cause.start)..<Int(cause.end), effect: Int(effect.start)..<Int(effect.end),
            signal: signal))
      }
      return Reading(causal: results.codes.contains { name($0) == "causal claim" }, relations: relations)
    }
  }

  static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
