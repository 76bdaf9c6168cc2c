import Foundation
import HarkEval
import HarkStore
import HarkTestSupport
import HarkTranscripts
import Testing

/// A tiny transcript: interviewer question, participant answer, interviewer, participant.
private let text =
  "What helped?\nThe group helped. She made me a tea. The tea was hot.\nAnd then?\nI slept because the flat was quiet. Dr. Ahmed came."
private func span(_ quote: String, occurrence: Int = 1) -> GoldSpan {
  let scalars = Array(text.unicodeScalars)
  let needle = Array(quote.unicodeScalars)
  var seen = 0
  for i in 0...(scalars.count - needle.count) where scalars[i..<(i + needle.count)].elementsEqual(needle) {
    seen += 1
    if seen == occurrence { return GoldSpan(i, i + needle.count) }
  }
  fatalError("test quote \(quote) is not in the test text")
}
private let transcript = GoldTranscript(
  source: "t.txt", text: text,
  turns: [
    GoldTurnSpan(span("What helped?"), isParticipant: false),
    GoldTurnSpan(span("The group helped. She made me a tea. The tea was hot."), isParticipant: true),
    GoldTurnSpan(span("And then?"), isParticipant: false),
    GoldTurnSpan(span("I slept because the flat was quiet. Dr. Ahmed came."), isParticipant: true),
  ])
private let header = "transcript: t.txt\nsplit: held-out\n"

private func resolve(_ body: String) throws -> GoldDocument {
  try GoldDocument.resolve(
    try GoldFile.parse(header + body, name: "x.gold"), in: transcript, knownCodes: ["warmth", "peer support"])
}

private func problems(_ body: String) -> [String] {
  do {
    _ = try resolve(body)
    return []
  } catch let error as GoldProblems {
    return error.problems.map(\.description)
  } catch {
    return ["\(error)"]
  }
}

@Suite("Gold annotations: file format and validator")
struct GoldFileTests {
  @Test("a gold file parses into turns with their sentiment, values, links and concepts")
  func parses() throws {
    let file = try GoldFile.parse(
      header + """
        # a comment
        concept: loneliness | lonely, on your own

        turn: +1 | The group helped.
        value: warmth | tea @2
        link: -1 | cause: the group | effect: made me | in: She made me a tea.
        """, name: "x.gold")
    #expect(file.transcript == "t.txt")
    #expect(file.split == .heldOut)
    #expect(file.concepts == [GoldFile.Concept(label: "loneliness", alternatives: ["lonely", "on your own"])])
    #expect(file.turns.count == 1)
    #expect(file.turns[0].sentiment == 1)
    #expect(file.turns[0].quote == GoldQuote("The group helped."))
    #expect(file.turns[0].values == [GoldFile.Value(line: 7, code: "warmth", quote: GoldQuote("tea", occurrence: 2))])
    #expect(
      file.turns[0].links == [
        GoldFile.Link(
          line: 8, polarity: -1, cause: GoldQuote("the group"), effect: GoldQuote("made me"),
          sentence: GoldQuote("She made me a tea."))
      ])
  }

  @Test("a line the format does not know is reported with its file and line")
  func unknownKey() {
    let error = #expect(throws: HarkError.self) {
      try GoldFile.parse(header + "turn: 0 | x\ncode: warmth | x", name: "x.gold")
    }
    #expect(
      error?.description
        == "x.gold:4: the key \"code\" is unknown (known: transcript, split, concept, turn, value, link). The format is described in corpora/gold/README.md"
    )
  }

  @Test("a sentiment outside -2...+2 is refused")
  func sentimentRange() {
    #expect(throws: HarkError.self) { try GoldFile.parse(header + "turn: +3 | The group helped.", name: "x.gold") }
  }

  @Test("quotes resolve to code point spans: in the turn, by occurrence, and reaching back to the question")
  func resolves() throws {
    let document = try resolve(
      """
      turn: +1 | The group helped.
      value: warmth | tea @2
      value: peer support | The group helped.
      link: +1 | cause: The group | effect: helped
      turn: 0 | I slept
      link: +1 | cause: the flat was quiet | effect: I slept
      link: +1 | cause: And then? | effect: I slept | in: Dr. Ahmed came.
      """)
    #expect(document.turns.map(\.sentiment) == [1, 0])
    #expect(document.turns.map(\.span) == [transcript.turns[1].span, transcript.turns[3].span])
    #expect(
      document.values == [
        GoldDocument.Value(code: "warmth", span: span("tea", occurrence: 2)),
        GoldDocument.Value(code: "peer support", span: span("The group helped.")),
      ])
    #expect(
      document.links == [
        GoldDocument.Link(cause: span("The group"), effect: span("helped", occurrence: 2), polarity: 1, sentence: nil),
        GoldDocument.Link(cause: span("the flat was quiet"), effect: span("I slept"), polarity: 1, sentence: nil),
        GoldDocument.Link(
          cause: span("And then?"), effect: span("I slept"), polarity: 1, sentence: span("Dr. Ahmed came.")),
      ])
  }

  @Test("the validator names the file, line and item of a quote that is not in the transcript")
  func missingQuote() {
    #expect(
      problems("turn: +1 | The group helped.\nvalue: warmth | she made me soup\nturn: 0 | I slept") == [
        "x.gold:4: value \"warmth\": the quote \"she made me soup\" is not in this turn of t.txt. Copy the words exactly from the stored text of the turn"
      ])
  }

  @Test("the validator reports ambiguous quotes, a missing occurrence, unknown codes and link quotes found nowhere")
  func otherProblems() {
    #expect(
      problems(
        """
        turn: +1 | The group helped.
        value: warmth | tea
        value: warmth | tea @3
        value: kindness | tea @1
        link: +1 | cause: soup | effect: helped @1
        turn: 0 | I slept
        """) == [
          "x.gold:4: value \"warmth\": the quote \"tea\" occurs 2 times in its turn. Quote more words, or add @N to take the N-th occurrence",
          "x.gold:5: value \"warmth\": \"tea\" (occurrence 3) occurs 2 times in its turn, not 3",
          "x.gold:6: the code \"kindness\" is not in the codebook. Use a code: name from corpora/codebooks/values.codebook",
          "x.gold:7: link cause: the quote \"soup\" is not in this turn or any earlier one of t.txt. Copy the words exactly from the stored text",
        ])
  }

  @Test("every participant turn needs a sentiment, and interviewer turns cannot be annotated")
  func turnCoverage() {
    #expect(
      problems("turn: +1 | What helped?\nturn: 0 | The tea was hot.") == [
        "x.gold:3: the turn quote \"What helped?\" is in an interviewer turn; only participant turns are annotated. Copy the words exactly from the stored text (hark export --format json shows it)",
        "x.gold: participant turn 4 (\"I slept because the flat was quiet. Dr. Ahmed came…\") has no turn: line. Every participant turn needs a sentiment: add turn: N | words from it",
      ])
  }

  @Test("every committed gold file validates against its transcript as the importer reads it")
  func committedGoldValidates() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("corpora")
    let documents = try GoldEvaluation.validate(
      goldFolder: root.appendingPathComponent("gold").path,
      transcriptsFolder: root.appendingPathComponent("transcripts").path)
    #expect(documents.count == 12)
    #expect(documents.filter { $0.split == .heldOut2 }.count == 5)
    #expect(documents.filter { $0.split == .heldOut }.count >= 3)
    #expect(documents.filter { $0.split == .tuning }.count >= 4)
    for document in documents {
      #expect(document.concepts.count >= 8, "\(document.source) names too few concepts")
      #expect(!document.links.isEmpty && !document.values.isEmpty, "\(document.source) has no links or values")
    }
  }
}

@Suite("Gold annotations: scores")
struct GoldScoringTests {
  private func document(
    values: [GoldDocument.Value] = [], links: [GoldDocument.Link] = [], turns: [GoldDocument.Turn] = [],
    concepts: [GoldFile.Concept] = []
  ) -> GoldDocument {
    GoldDocument(
      source: "t.txt", split: .tuning, text: text, allTurns: transcript.turns, concepts: concepts, turns: turns,
      values: values, links: links)
  }

  @Test("a coding counts when it overlaps a gold span with the same code; touching ends do not overlap")
  func valueMatching() {
    let gold = document(values: [
      GoldDocument.Value(code: "warmth", span: GoldSpan(10, 20)),
      GoldDocument.Value(code: "Peer support", span: GoldSpan(30, 40)),
      GoldDocument.Value(code: "warmth", span: GoldSpan(50, 60)),
    ])
    var predicted = GoldPredictions()
    predicted.codings["t.txt"] = [
      .init(code: "warmth", span: GoldSpan(15, 16)),  // inside the first span
      .init(code: "warmth", span: GoldSpan(19, 25)),  // overlaps it by one code point
      .init(code: "peer support", span: GoldSpan(40, 45)),  // touches the end only
      .init(code: "warmth", span: GoldSpan(30, 40)),  // right place, wrong code
      .init(code: "peer support", span: GoldSpan(35, 36)),  // case does not matter
    ]
    let match = GoldScoring.values([gold], predicted)
    #expect(match == GoldMatch(predictions: 5, correctPredictions: 3, gold: 3, goldFound: 2))
    #expect(match.precision == 0.6)
    #expect(abs(match.recall - 2.0 / 3) < 1e-12)
    let (p, r) = (0.6, 2.0 / 3)
    #expect(abs(match.f1 - 2 * p * r / (p + r)) < 1e-12)
  }

  @Test("no predictions score 0 precision, recall and F1, not NaN")
  func emptyPredictions() {
    let gold = document(
      values: [GoldDocument.Value(code: "warmth", span: GoldSpan(0, 5))],
      links: [GoldDocument.Link(cause: GoldSpan(0, 3), effect: GoldSpan(4, 8), polarity: 1, sentence: nil)])
    let values = GoldScoring.values([gold], GoldPredictions())
    let links = GoldScoring.links([gold], GoldPredictions())
    #expect(values == GoldMatch(predictions: 0, correctPredictions: 0, gold: 1, goldFound: 0))
    #expect(values.f1 == 0 && values.precision == 0)
    #expect(links.f1 == 0 && links.recall == 0)
  }

  @Test("a link matches when cause and effect overlap and polarity agrees; an opposite effect flips the polarity")
  func linkMatching() {
    let gold = document(links: [
      GoldDocument.Link(cause: GoldSpan(10, 20), effect: GoldSpan(30, 40), polarity: -1, sentence: nil),
      GoldDocument.Link(cause: GoldSpan(50, 55), effect: GoldSpan(60, 70), polarity: 1, sentence: nil),
    ])
    var predicted = GoldPredictions()
    predicted.links["t.txt"] = [
      .init(cause: GoldSpan(12, 14), effect: GoldSpan(35, 45), polarity: -1, quote: GoldSpan(10, 45)),  // right
      .init(cause: GoldSpan(12, 14), effect: GoldSpan(35, 45), polarity: 1, quote: GoldSpan(10, 45)),  // polarity wrong
      // "X → ~effect, -1" reads as "X → effect, +1"
      .init(
        cause: GoldSpan(50, 52), effect: GoldSpan(60, 61), polarity: -1, effectIsOpposite: true, quote: GoldSpan(50, 70)
      ),
      // cause and effect swapped
      .init(cause: GoldSpan(30, 40), effect: GoldSpan(10, 20), polarity: -1, quote: GoldSpan(10, 45)),
      .init(cause: nil, effect: nil, polarity: -1, quote: GoldSpan(10, 45)),  // no ranges: cannot match
    ]
    #expect(
      GoldScoring.links([gold], predicted) == GoldMatch(predictions: 5, correctPredictions: 2, gold: 2, goldFound: 2))
    #expect(
      GoldScoring.links([gold], predicted, polarity: false)
        == GoldMatch(predictions: 5, correctPredictions: 3, gold: 2, goldFound: 2))
  }

  @Test("a turn's sentiment is the mean of the scores starting in it; r and 3-class F1 follow")
  func sentiment() {
    let turns = [
      GoldDocument.Turn(span: GoldSpan(0, 10), sentiment: 2),
      GoldDocument.Turn(span: GoldSpan(10, 20), sentiment: -1),
      GoldDocument.Turn(span: GoldSpan(20, 30), sentiment: 0),
    ]
    var predicted = GoldPredictions()
    predicted.sentiment["t.txt"] = [
      .init(span: GoldSpan(0, 4), value: 0.5), .init(span: GoldSpan(5, 9), value: 0.3),
      .init(span: GoldSpan(12, 15), value: -0.2),
      .init(span: GoldSpan(29, 35), value: 0.04),  // starts in the last turn
    ]
    #expect(abs(GoldScoring.turnSentiment(GoldSpan(0, 10), predicted.sentiment["t.txt"]!) - 0.4) < 1e-12)
    #expect(GoldScoring.turnSentiment(GoldSpan(40, 50), predicted.sentiment["t.txt"]!) == 0)
    let score = GoldScoring.sentiment([document(turns: turns)], predicted)
    #expect(score.turns == 3)
    #expect(abs(score.pearson - Stats.pearson([2, -1, 0], [0.4, -0.2, 0.04])) < 1e-12)
    #expect(score.pearson > 0.99)
    #expect(score.macroF1 == 1)  // 0.04 is inside the ±0.05 neutral band
    #expect(score.accuracy == 1)
  }

  @Test("concept labels meet after lowercasing and stemming; opposites stay apart")
  func conceptLabels() {
    #expect(GoldConceptLabel.normalise("Loneliness") == GoldConceptLabel.normalise("lonely"))
    #expect(GoldConceptLabel.normalise("Waiting lists") == "wait list")
    #expect(GoldConceptLabel.normalise("carers' group") == GoldConceptLabel.normalise("carer's groups"))
    #expect(GoldConceptLabel.normalise("~lonely") == "~loneli")
    #expect(GoldConceptLabel.forms("Support; peer support") == ["support peer support", "peer support"])
    #expect(GoldConceptLabel.stem("stopping") == "stop")
    #expect(GoldConceptLabel.stem("worried") == GoldConceptLabel.stem("worry"))
  }

  @Test("concept recall@k counts gold concepts named by the top k candidates, averaged over documents")
  func conceptRecall() {
    let gold = document(concepts: [
      GoldFile.Concept(label: "loneliness", alternatives: ["isolation"]),
      GoldFile.Concept(label: "peer support", alternatives: ["group"]),
      GoldFile.Concept(label: "waiting list"),
      GoldFile.Concept(label: "trust"),
    ])
    var predicted = GoldPredictions()
    predicted.concepts["t.txt"] = [
      .init(label: "Lonely", mentions: 5),
      .init(label: "Support; peer support", mentions: 4),
      .init(label: "~trust", mentions: 3),
      .init(label: "waiting lists", mentions: 1),
    ]
    #expect(GoldScoring.conceptRecall([gold], predicted, k: 2) == 0.5)
    #expect(GoldScoring.conceptRecall([gold], predicted, k: 10) == 0.75)
    var other = gold
    other.source = "u.txt"
    #expect(GoldScoring.conceptRecall([gold, other], predicted, k: 10) == 0.375)
  }

  @Test("turns split into sentences at end marks and line breaks, keeping closing quotes and abbreviations")
  func sentences() {
    let sample = "She said \"Go.\" Then Dr. Lee came... Really?! Yes\nno e.g. this"
    let scalars = Array(sample.unicodeScalars)
    let found = GoldSentences.split(scalars, GoldSpan(0, scalars.count)).map {
      String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
    }
    #expect(found == ["She said \"Go.\"", "Then Dr. Lee came...", "Really?!", "Yes", "no e.g. this"])
  }

  @Test("a sentence is causal when a gold link is stated in it, and predicted causal when evidence ends in it")
  func causalSentences() {
    // Sentences: "What helped?" | "The group helped." | "She made me a tea." | "The tea was hot." |
    // "And then?" | "I slept because the flat was quiet." | "Dr. Ahmed came."
    let gold = document(links: [
      GoldDocument.Link(cause: span("The group"), effect: span("helped", occurrence: 2), polarity: 1, sentence: nil),
      GoldDocument.Link(
        cause: span("the flat was quiet"), effect: span("I slept"), polarity: 1, sentence: nil),
      GoldDocument.Link(cause: span("tea", occurrence: 1), effect: span("hot"), polarity: 1, sentence: span("made me")),
    ])
    var predicted = GoldPredictions()
    predicted.links["t.txt"] = [
      // ends in sentence 3
      .init(cause: nil, effect: nil, polarity: 1, quote: span("The group helped. She made me a tea.")),
      .init(cause: nil, effect: nil, polarity: 1, quote: span("I slept because")),  // sentence 6
      .init(cause: nil, effect: nil, polarity: 1, quote: span("Ahmed")),  // sentence 7, not causal
    ]
    #expect(
      GoldScoring.causalSentences([gold], predicted)
        == Confusion(truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 3))
  }
}

@Suite("Gold annotations: evaluation run")
struct GoldEvaluationTests {
  @Test("a run imports the gold transcripts, codes them with the built plugins and reports every gold key")
  func runReportsEveryKey() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("corpora")
    let result = try GoldEvaluation.run(
      goldFolder: root.appendingPathComponent("gold").path,
      transcriptsFolder: root.appendingPathComponent("transcripts").path, actor: testActor, inProcess: true)
    let perSplit = [
      "values_p", "values_r", "values_f1", "sentiment_r", "sentiment_f1", "concepts_recall_at_10",
      "concepts_recall_at_20", "links_p", "links_r", "links_f1", "links_any_polarity_f1", "causal_sentences_f1",
    ]
    let expected =
      ["gold_values_f1", "gold_links_f1", "gold_sentiment_r"]
      + ["heldout2", "heldout", "tuning", "all"].flatMap { split in perSplit.map { "gold_\(split)_\($0)" } }
    #expect(result.scores.map(\.key) == expected)
    #expect(result.scores.allSatisfy { $0.value.isFinite && (-1...1).contains($0.value) })
    #expect(result.detail["coding_run_failures"] == .integer(0))
    guard case .object(let counts)? = result.detail["gold_all_counts"] else {
      Issue.record("the result has no gold_all_counts")
      return
    }
    #expect(counts["documents"] == .integer(12))
  }
}

@Suite("Gold values score: value codes only")
struct GoldValueCodesTests {
  @Test("codes outside the codebook (causal claim, causal signal, a plugin's words) are left out of the values score")
  func onlyCodebookCodes() {
    var predictions = GoldPredictions()
    predictions.codings["a.txt"] = [
      .init(code: "Warmth", span: GoldSpan(0, 10)), .init(code: "causal claim", span: GoldSpan(0, 40)),
      .init(code: "being heard", span: GoldSpan(12, 30)), .init(code: "causal signal", span: GoldSpan(5, 12)),
    ]
    predictions.codings["b.txt"] = [.init(code: "hope", span: GoldSpan(3, 9))]
    let kept = GoldEvaluation.onlyValueCodes(predictions, codebook: ["warmth", "being heard"])
    #expect(kept.codings["a.txt"]?.map(\.code) == ["Warmth", "being heard"])
    #expect(kept.codings["b.txt"]?.map(\.code) == [])
    #expect(GoldEvaluation.onlyValueCodes(predictions, codebook: nil) == predictions)
  }
}
