// Comparing the plugins' output with the gold annotations; the counting rules
// are spelled out in corpora/gold/README.md ("Scores").

/// What the plugins wrote on the gold documents, keyed by transcript file name.
public struct GoldPredictions: Sendable, Equatable {
  public struct Coding: Sendable, Equatable {
    public var code: String
    public var span: GoldSpan
    public init(code: String, span: GoldSpan) {
      self.code = code
      self.span = span
    }
  }
  /// One piece of link evidence.
  public struct Link: Sendable, Equatable {
    public var cause: GoldSpan?
    public var effect: GoldSpan?
    public var polarity: Int
    /// The effect concept's label is an opposite ("~sleep").
    public var effectIsOpposite: Bool
    public var quote: GoldSpan
    public init(cause: GoldSpan?, effect: GoldSpan?, polarity: Int, effectIsOpposite: Bool = false, quote: GoldSpan) {
      self.cause = cause
      self.effect = effect
      self.polarity = polarity
      self.effectIsOpposite = effectIsOpposite
      self.quote = quote
    }
  }
  public struct Score: Sendable, Equatable {
    public var span: GoldSpan
    public var value: Double
    public init(span: GoldSpan, value: Double) {
      self.span = span
      self.value = value
    }
  }
  /// A candidate concept mentioned in a document.
  public struct Concept: Sendable, Equatable {
    public var label: String
    /// Mentions in this document.
    public var mentions: Int
    /// Documents of the project that mention it.
    public var documents: Int
    public init(label: String, mentions: Int, documents: Int = 1) {
      self.label = label
      self.mentions = mentions
      self.documents = documents
    }
  }

  public var codings: [String: [Coding]] = [:]
  public var links: [String: [Link]] = [:]
  /// The sentiment plugin's scores.
  public var sentiment: [String: [Score]] = [:]
  public var concepts: [String: [Concept]] = [:]
  public init() {}
}

/// Counts of a span match: predictions that match, gold items found.
public struct GoldMatch: Sendable, Equatable {
  public var predictions = 0
  public var correctPredictions = 0
  public var gold = 0
  public var goldFound = 0
  public init(predictions: Int = 0, correctPredictions: Int = 0, gold: Int = 0, goldFound: Int = 0) {
    self.predictions = predictions
    self.correctPredictions = correctPredictions
    self.gold = gold
    self.goldFound = goldFound
  }
  public var precision: Double { Stats.ratio(correctPredictions, predictions) }
  public var recall: Double { Stats.ratio(goldFound, gold) }
  public var f1: Double { Stats.harmonic(precision, recall) }
  public static func + (a: GoldMatch, b: GoldMatch) -> GoldMatch {
    GoldMatch(
      predictions: a.predictions + b.predictions, correctPredictions: a.correctPredictions + b.correctPredictions,
      gold: a.gold + b.gold, goldFound: a.goldFound + b.goldFound)
  }
}

public struct GoldSentimentScore: Sendable, Equatable {
  public var pearson: Double
  public var macroF1: Double
  public var accuracy: Double
  public var turns: Int
}

public enum GoldScoring {
  /// The neutral band of the 3-class sentiment comparison (VADER's ±0.05).
  public static let neutralBand = 0.05

  /// Value codes: a prediction is right when it overlaps a gold span with its code.
  public static func values(_ documents: [GoldDocument], _ predicted: GoldPredictions) -> GoldMatch {
    var match = GoldMatch()
    for document in documents {
      let codings = predicted.codings[document.source] ?? []
      let gold = document.values
      match.predictions += codings.count
      match.gold += gold.count
      match.correctPredictions +=
        codings.filter { c in
          gold.contains { $0.code.lowercased() == c.code.lowercased() && $0.span.overlaps(c.span) }
        }.count
      match.goldFound +=
        gold.filter { g in
          codings.contains { $0.code.lowercased() == g.code.lowercased() && $0.span.overlaps(g.span) }
        }.count
    }
    return match
  }

  /// Causal links: cause and effect ranges overlap the gold spans, and (unless
  /// `polarity` is false) the polarities agree, an opposite effect label flipping the prediction's.
  public static func links(_ documents: [GoldDocument], _ predicted: GoldPredictions, polarity: Bool = true)
    -> GoldMatch
  {
    var match = GoldMatch()
    for document in documents {
      let evidence = predicted.links[document.source] ?? []
      func matches(_ p: GoldPredictions.Link, _ g: GoldDocument.Link) -> Bool {
        guard let cause = p.cause, let effect = p.effect else { return false }
        let read = p.effectIsOpposite ? -p.polarity : p.polarity
        return cause.overlaps(g.cause) && effect.overlaps(g.effect) && (!polarity || read == g.polarity)
      }
      match.predictions += evidence.count
      match.gold += document.links.count
      match.correctPredictions += evidence.filter { p in document.links.contains { matches(p, $0) } }.count
      match.goldFound += document.links.filter { g in evidence.contains { matches($0, g) } }.count
    }
    return match
  }

  /// The plugin's value of each gold turn: the mean of the scores that start in it, 0 without any.
  public static func turnSentiment(_ turn: GoldSpan, _ scores: [GoldPredictions.Score]) -> Double {
    let inside = scores.filter { turn.contains($0.span.start) }
    return inside.isEmpty ? 0 : inside.map(\.value).reduce(0, +) / Double(inside.count)
  }

  /// Pearson r of turn values against the gold −2…+2, and the 3-class macro F1.
  public static func sentiment(_ documents: [GoldDocument], _ predicted: GoldPredictions) -> GoldSentimentScore {
    var gold: [Double] = []
    var plugin: [Double] = []
    for document in documents {
      let scores = predicted.sentiment[document.source] ?? []
      for turn in document.turns {
        gold.append(Double(turn.sentiment))
        plugin.append(turnSentiment(turn.span, scores))
      }
    }
    let classes = Stats.macroF1(
      predicted: plugin.map { Stats.polarityClass($0, neutralBand: neutralBand) },
      actual: gold.map { Stats.polarityClass($0, neutralBand: 0) })
    return GoldSentimentScore(
      pearson: Stats.pearson(gold, plugin), macroF1: classes.macroF1, accuracy: classes.accuracy, turns: gold.count)
  }

  /// The top `k` candidate concepts of a document: most mentions in it, then in most documents, then by label.
  public static func topConcepts(_ concepts: [GoldPredictions.Concept], k: Int) -> [GoldPredictions.Concept] {
    Array(
      concepts.sorted {
        ($0.mentions, $0.documents) != ($1.mentions, $1.documents)
          ? ($0.mentions, $0.documents) > ($1.mentions, $1.documents) : $0.label < $1.label
      }.prefix(k))
  }

  /// Concept recall@k, averaged over documents; also the recalled and missed labels.
  public static func conceptRecall(_ documents: [GoldDocument], _ predicted: GoldPredictions, k: Int) -> Double {
    guard !documents.isEmpty else { return 0 }
    let recalls = documents.map { document -> Double in
      let top = topConcepts(predicted.concepts[document.source] ?? [], k: k)
      let candidateForms = top.reduce(into: Set<String>()) { $0.formUnion(GoldConceptLabel.forms($1.label)) }
      let found = document.concepts.filter { concept in
        let accepted = ([concept.label] + concept.alternatives).map(GoldConceptLabel.normalise)
        return accepted.contains { candidateForms.contains($0) }
      }
      return Stats.ratio(found.count, document.concepts.count)
    }
    return recalls.reduce(0, +) / Double(recalls.count)
  }

  /// Sentence-level causal detection over the sentences of every turn.
  public static func causalSentences(_ documents: [GoldDocument], _ predicted: GoldPredictions) -> Confusion {
    var confusion = Confusion()
    for document in documents {
      let text = Array(document.text.unicodeScalars)
      let sentences = document.allTurns.flatMap { GoldSentences.split(text, $0.span) }
      let goldSentences = document.links.map { link -> GoldSpan in
        if let sentence = link.sentence { return sentence }
        let last = max(link.cause.end, link.effect.end) - 1
        return GoldSpan(last, last + 1)
      }
      let evidence = predicted.links[document.source] ?? []
      for sentence in sentences {
        let actual = goldSentences.contains { $0.overlaps(sentence) }
        let said = evidence.contains { sentence.contains(max($0.quote.end - 1, $0.quote.start)) }
        confusion.add(predicted: said, actual: actual)
      }
    }
    return confusion
  }
}
