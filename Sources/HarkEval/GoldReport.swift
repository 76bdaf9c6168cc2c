// Turning the gold scores of each split into `hark-dev eval`'s result.

/// Every gold score of one set of documents.
public struct GoldSplitScores: Sendable, Equatable {
  public var documents: Int
  public var values: GoldMatch
  public var sentiment: GoldSentimentScore
  public var conceptRecallAt10: Double
  public var conceptRecallAt20: Double
  public var links: GoldMatch
  public var linksAnyPolarity: GoldMatch
  public var causalSentences: Confusion

  public init(_ documents: [GoldDocument], _ predicted: GoldPredictions) {
    self.documents = documents.count
    values = GoldScoring.values(documents, predicted)
    sentiment = GoldScoring.sentiment(documents, predicted)
    conceptRecallAt10 = GoldScoring.conceptRecall(documents, predicted, k: 10)
    conceptRecallAt20 = GoldScoring.conceptRecall(documents, predicted, k: 20)
    links = GoldScoring.links(documents, predicted)
    linksAnyPolarity = GoldScoring.links(documents, predicted, polarity: false)
    causalSentences = GoldScoring.causalSentences(documents, predicted)
  }

  /// The flat keys, `gold_SPLIT_…`.
  func keyed(_ split: String) -> [(key: String, value: Double)] {
    [
      ("values_p", values.precision), ("values_r", values.recall), ("values_f1", values.f1),
      ("sentiment_r", sentiment.pearson), ("sentiment_f1", sentiment.macroF1),
      ("concepts_recall_at_10", conceptRecallAt10), ("concepts_recall_at_20", conceptRecallAt20),
      ("links_p", links.precision), ("links_r", links.recall), ("links_f1", links.f1),
      ("links_any_polarity_f1", linksAnyPolarity.f1), ("causal_sentences_f1", causalSentences.f1),
    ].map { (key: "gold_\(split)_\($0.0)", value: $0.1) }
  }

  var counts: EvalValue {
    .object([
      "documents": .integer(documents),
      "value_spans": .integer(values.gold), "codings": .integer(values.predictions),
      "turns": .integer(sentiment.turns),
      "links": .integer(links.gold), "link_evidence": .integer(links.predictions),
      "causal_sentences": .integer(causalSentences.truePositives + causalSentences.falseNegatives),
      "sentences": .integer(
        causalSentences.truePositives + causalSentences.falsePositives + causalSentences.falseNegatives
          + causalSentences.trueNegatives),
    ])
  }
}

enum GoldReport {
  static func make(_ documents: [GoldDocument], _ predicted: GoldPredictions, plugins: [String]) -> EvalResult {
    let splits: [(name: String, label: String, scores: GoldSplitScores)] = [
      ("heldout2", "held-out-2", GoldSplitScores(documents.filter { $0.split == .heldOut2 }, predicted)),
      ("heldout", "held-out", GoldSplitScores(documents.filter { $0.split == .heldOut }, predicted)),
      ("tuning", "tuning", GoldSplitScores(documents.filter { $0.split == .tuning }, predicted)),
      ("all", "all", GoldSplitScores(documents, predicted)),
    ]
    // The headline is held-out-2: the first held-out split has been looked at over many sessions.
    let heldOut = splits[0].scores
    var result = EvalResult(name: "Gold annotations (corpora/gold)")
    result.scores = [
      ("gold_values_f1", heldOut.values.f1), ("gold_links_f1", heldOut.links.f1),
      ("gold_sentiment_r", heldOut.sentiment.pearson),
    ]
    for split in splits { result.scores += split.scores.keyed(split.name) }

    result.report.append(
      "Plugins \(plugins.joined(separator: ", ")) on \(documents.count) hand-annotated transcripts; headline numbers are held-out-2 (held-out is reported, no longer headline)."
    )
    func n(_ x: Double) -> String {
      let scaled = (x * 1000).rounded() / 1000
      return "\(scaled)"
    }
    for split in splits {
      let s = split.scores
      result.report.append(
        "\(split.label) (\(s.documents) transcripts): values P \(n(s.values.precision)) R \(n(s.values.recall)) F1 \(n(s.values.f1)); "
          + "sentiment r \(n(s.sentiment.pearson)) 3-class F1 \(n(s.sentiment.macroF1)) over \(s.sentiment.turns) turns; "
          + "concepts recall@10 \(n(s.conceptRecallAt10)) @20 \(n(s.conceptRecallAt20)); "
          + "links P \(n(s.links.precision)) R \(n(s.links.recall)) F1 \(n(s.links.f1)) (any polarity F1 \(n(s.linksAnyPolarity.f1))); "
          + "causal sentences F1 \(n(s.causalSentences.f1))")
      result.detail["gold_\(split.name)_counts"] = s.counts
    }
    return result
  }
}
