import Foundation
import HarkStore
import HarkTestSupport
import Testing

@testable import HarkEval

private let text =
  "Intro words. We moved because the rent went up. The War started and nobody came. So I was lonely. We had tea. "
  + "The road flooded so we stayed home. The shop shut because of the fire. Outro because of this."

private let claimsText = """
  # a comment
  transcript: t.txt
  split: development
  passage: from: We moved | to: because of the fire.
  claim: explicit | + | quote: We moved because the rent went up | cause: the rent went up | effect: We moved | cause-label: rent, rent going up | effect-label: moving, move
  claim: explicit | - | quote: The War started and nobody came | cause: The War started | effect: nobody came | cause-label: the War | effect-label: people coming
  claim: implied | + | quote: So I was lonely | cause: nobody came | effect: I was lonely | cause-label: nobody coming | effect-label: loneliness
  claim: explicit | + | quote: The road flooded so we stayed home | cause: The road flooded | effect: we stayed home | cause-label: flood | effect-label: staying home
  claim: explicit | + | quote: The shop shut because of the fire | cause: the fire | effect: The shop shut | cause-label: fire | effect-label: shop closing, shop shutting
  """

/// The span of the only occurrence of `words` in `text`.
private func span(_ words: String, in text: String = text) -> GoldSpan {
  let hits = GoldDocument.find(
    GoldQuote(words), in: Array(text.unicodeScalars), within: GoldSpan(0, text.unicodeScalars.count))
  precondition(hits.count == 1, "\(words) is not unique in the test text")
  return hits[0]
}

private let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

@Suite("Causal claims: files")
struct ClaimsFileTests {
  @Test("a claims file parses into its passage and claims with kind, sign, quotes and labels")
  func parses() throws {
    let file = try ClaimsFile.parse(claimsText, name: "x.claims")
    #expect(file.transcript == "t.txt")
    #expect(file.split == "development")
    #expect(file.passages == [.init(line: 4, from: GoldQuote("We moved"), to: GoldQuote("because of the fire."))])
    #expect(file.claims.map(\.kind) == [.explicit, .explicit, .implied, .explicit, .explicit])
    #expect(file.claims.map(\.sign) == [1, -1, 1, 1, 1])
    #expect(
      file.claims[0]
        == .init(
          line: 5, kind: .explicit, sign: 1, quote: GoldQuote("We moved because the rent went up"),
          cause: GoldQuote("the rent went up"), effect: GoldQuote("We moved"), causeLabels: ["rent", "rent going up"],
          effectLabels: ["moving", "move"]))
  }

  @Test("bad lines are refused with the file, the line and what to write")
  func badLines() {
    func message(_ body: String) -> String {
      do {
        _ = try ClaimsFile.parse(
          "transcript: t.txt\nsplit: development\npassage: from: a | to: b\n" + body, name: "x.claims")
        return "parsed"
      } catch { return "\(error)" }
    }
    let hint =
      "Write claim: explicit | + | quote: … | cause: … | effect: … | cause-label: label, label | effect-label: label, label"
    #expect(
      message("claim: maybe | + | quote: q | cause: c | effect: e | cause-label: c | effect-label: e")
        == "x.claims:4: a claim starts with explicit or implied, not \"maybe\". \(hint)")
    #expect(
      message("claim: explicit | +1 | quote: q | cause: c | effect: e | cause-label: c | effect-label: e")
        == "x.claims:4: a claim's sign must be + or -, not \"+1\". \(hint)")
    #expect(
      message("claim: explicit | + | quote: q | cause: c | effect: e | cause-label: c")
        == "x.claims:4: the claim has no effect-label:. \(hint)")
    #expect(
      message("claim: explicit | + | quote: q | why: c")
        == "x.claims:4: the field \"why\" is unknown or repeated (known: quote, cause, effect, cause-label, effect-label). The format is described in corpora/gold/causal-claims-guide.md"
    )
    #expect(
      message("passage: from: a")
        == "x.claims:4: a passage needs from: and to: quotes. Write passage: from: first words of the passage | to: last words of the passage"
    )
    #expect(
      (try? ClaimsFile.parse("transcript: t.txt\nsplit: development\nclaim: explicit | + | quote: q", name: "x.claims"))
        == nil)
  }

  @Test(
    "quotes resolve to code point spans: the claim in its passage, cause and effect in the claim or else the passage")
  func resolves() throws {
    let document = try ClaimsDocument.resolve(
      ClaimsFile.parse(claimsText, name: "x.claims"), text: text, narratorTurns: [GoldSpan(0, 60)])
    #expect(document.passages == [GoldSpan(span("We moved").start, span("because of the fire.").end)])
    #expect(document.claims[0].quote == span("We moved because the rent went up"))
    #expect(document.claims[0].cause == span("the rent went up"))
    // "nobody came" is not in "So I was lonely": it is found in the passage.
    #expect(document.claims[2].cause == span("nobody came"))
    // The narrator turn [0, 60) within the passage [13, …) is "We moved because the rent went up. The War star".
    #expect(document.narratorWords == 10)
  }

  @Test("a quote that is missing or not unique is reported with the file, line and quote")
  func unresolved() throws {
    let file = try ClaimsFile.parse(
      """
      transcript: t.txt
      split: development
      passage: from: We moved | to: because of the fire.
      claim: explicit | + | quote: We flew because | cause: x | effect: y | cause-label: x | effect-label: y
      claim: explicit | + | quote: We moved because the rent went up | cause: e | effect: We moved | cause-label: x | effect-label: y
      claim: explicit | + | quote: Outro because of this | cause: this | effect: Outro | cause-label: x | effect-label: y
      """, name: "x.claims")
    #expect(throws: GoldProblems.self) { try ClaimsDocument.resolve(file, text: text) }
    do {
      _ = try ClaimsDocument.resolve(file, text: text)
    } catch let error as GoldProblems {
      #expect(
        error.problems.map(\.description) == [
          "x.claims:4: the claim \"We flew because\" is not in the text where it is searched. Copy the words exactly from the stored text (hark export --format json)",
          "x.claims:5: the cause \"e\" is found 7 times where it is searched. Quote more words, or end the quote with @N to take the N-th occurrence",
          "x.claims:6: the claim \"Outro because of this\" is not in the text where it is searched. Copy the words exactly from the stored text (hark export --format json)",
        ])
    }
  }

  @Test("a claims file naming a transcript that is not there is reported with the file and the folder")
  func missingTranscript() throws {
    let folder = try makeTemporaryFolder("claims")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("x.claims")
    try claimsText.write(to: file, atomically: true, encoding: .utf8)
    do {
      _ = try ClaimsEvaluation.validate(claimsFolder: folder.path, transcriptsFolder: folder.path, actor: testActor)
      Issue.record("a missing transcript was accepted")
    } catch let error as GoldProblems {
      #expect(
        error.problems.map(\.description) == [
          "\(file.path): names the transcript t.txt, which is not in \(folder.path)"
        ])
    }
  }

  @Test("every committed claims file resolves against its transcript as hark import stores it")
  func committedClaimsValidate() throws {
    let documents = try ClaimsEvaluation.validate(
      claimsFolder: corpora.appendingPathComponent("corpora/gold/western-sydney").path,
      transcriptsFolder: corpora.appendingPathComponent("third_party/western-sydney-interviews").path, actor: testActor)
    #expect(documents.count == 10)
    #expect(documents.flatMap(\.claims).filter { $0.kind == .explicit }.count == 108)
    #expect(documents.flatMap(\.claims).filter { $0.kind == .implied }.count == 52)
    #expect(documents.map(\.narratorWords).reduce(0, +) == 12_922)
    #expect(documents.allSatisfy { $0.narratorWords >= 1_250 })
  }
}

@Suite("Causal claims: scores")
struct ClaimsScoringTests {
  @Test("labels compare after case, 's, punctuation, stop words and plurals are normalised")
  func labels() {
    #expect(ClaimLabel.normalise("The Depression's effects") == "depression effect")
    #expect(ClaimLabel.normalise("Bus-fares, countries & boxes") == "bus fare country box")
    #expect(ClaimLabel.normalise("glass crisis bus") == "glass crisis bus")
    #expect(ClaimLabel.matches("Rents", side: .cause, ["rent going up", "rent"]))
    #expect(ClaimLabel.matches("~friends", side: .cause, ["no friends"]))
    #expect(!ClaimLabel.matches("friends", side: .cause, ["no friends"]))
    #expect(ClaimLabel.matches("~friends", side: .effect, ["friend"]))
    #expect(ClaimLabel.matches("Work; job", side: .effect, ["jobs"]))
    #expect(!ClaimLabel.matches("going under", side: .effect, ["going"]))
  }

  @Test("a head match: one label is the other with words added in front; the strict rule is unchanged")
  func headLabels() throws {
    #expect(ClaimLabel.matchesHead("rates", side: .cause, ["high rates", "outrageous rates"]))
    #expect(ClaimLabel.matchesHead("outrageous rates", side: .cause, ["rates"]))
    #expect(ClaimLabel.matchesHead("going to Parramatta", side: .effect, ["Parramatta"]))
    #expect(ClaimLabel.matchesHead("~friends", side: .cause, ["no friends"]))
    #expect(!ClaimLabel.matchesHead("going", side: .effect, ["going under"]))
    #expect(!ClaimLabel.matchesHead("shop", side: .effect, ["shop closing"]))
    #expect(!ClaimLabel.matchesHead("the", side: .effect, ["the War"]))
    #expect(!ClaimLabel.matches("rising rent", side: .cause, ["rent"]))
    // Counted apart from the strict score: "rising rent" → "move" is right by head only.
    let document = try ClaimsDocument.resolve(ClaimsFile.parse(claimsText, name: "x.claims"), text: text)
    let evidence = ClaimsEvidence(
      quote: span("We moved because the rent went up."), cause: span("the rent went up"), effect: span("We moved"),
      polarity: 1, causeLabel: "rising rent", effectLabel: "move")
    let s = ClaimsScoring.score([document], ["t.txt": [evidence]])
    #expect([s.explicitFound, s.bothLabelsRight, s.bothLabelsHeadRight] == [1, 0, 1] as [Int])
    #expect(s.headLabelAccuracy == 1.0)
    #expect(s.headEndToEnd == 0.25)
  }

  @Test("an evidence's sign is its polarity, flipped when its effect concept is an opposite")
  func sign() {
    func evidence(_ polarity: Int, _ effect: String) -> ClaimsEvidence {
      ClaimsEvidence(
        quote: GoldSpan(0, 1), cause: nil, effect: nil, polarity: polarity, causeLabel: "x", effectLabel: effect)
    }
    #expect(evidence(1, "sleep").sign == 1)
    #expect(evidence(-1, "sleep").sign == -1)
    #expect(evidence(-1, "~sleep").sign == 1)
    #expect(evidence(1, "~sleep").sign == -1)
  }

  @Test(
    "recall, direction, sign, labels, end to end and link precision count as the guide defines them; outcomes quote")
  func scores() throws {
    let document = try ClaimsDocument.resolve(ClaimsFile.parse(claimsText, name: "x.claims"), text: text)
    let sentence = { (words: String) in span(words) }
    let evidence: [ClaimsEvidence] = [
      // The rent claim: right spans, sign and labels.
      .init(
        quote: sentence("We moved because the rent went up."), cause: span("the rent went up"),
        effect: span("We moved"),
        polarity: 1, causeLabel: "Rents", effectLabel: "move"),
      // The same claim again with wrong labels: it changes nothing.
      .init(
        quote: sentence("We moved because the rent went up."), cause: span("rent"), effect: span("moved"),
        polarity: -1, causeLabel: "went", effectLabel: "we"),
      // The War claim turned round: found, direction wrong, labels right.
      .init(
        quote: sentence("The War started and nobody came."), cause: span("nobody came"),
        effect: span("The War started"),
        polarity: 1, causeLabel: "war", effectLabel: "~people coming"),
      // The implied claim.
      .init(
        quote: sentence("So I was lonely."), cause: nil, effect: span("I was lonely"), polarity: 1, causeLabel: "so",
        effectLabel: "lonely"),
      // The shop claim: direction right; polarity -1 on an opposite effect is sign +; the effect label is wrong.
      .init(
        quote: sentence("The shop shut because of the fire."), cause: span("the fire"), effect: span("The shop shut"),
        polarity: -1, causeLabel: "fire", effectLabel: "~shop"),
      // In the passage, stating no claim.
      .init(
        quote: sentence("We had tea."), cause: span("had"), effect: span("tea"), polarity: 1, causeLabel: "we",
        effectLabel: "tea"),
      // Outside the passage: not counted for precision.
      .init(
        quote: sentence("Outro because of this."), cause: span("Outro"), effect: span("this"), polarity: 1,
        causeLabel: "outro", effectLabel: "this"),
      .init(
        quote: sentence("Intro words."), cause: span("Intro"), effect: span("words"), polarity: 1,
        causeLabel: "intro", effectLabel: "word"),
    ]
    let s = ClaimsScoring.score([document], ["t.txt": evidence, "other.txt": evidence])
    var expected = ClaimsScores()
    expected.documents = 1
    expected.explicitClaims = 4
    expected.explicitFound = 3
    expected.impliedClaims = 1
    expected.impliedFound = 1
    expected.directionRight = 2
    expected.signRight = 2
    expected.bothLabelsRight = 2
    expected.bothLabelsHeadRight = 2
    expected.evidenceInPassages = 6
    expected.evidenceStatingClaim = 5
    #expect(s == expected)
    #expect(s.explicitRecall == 0.75)
    #expect(s.directionAccuracy == 2.0 / 3.0)
    #expect(s.signAccuracy == 1.0)
    #expect(s.labelAccuracy == 2.0 / 3.0)
    #expect(s.endToEnd == 0.5)
    #expect(s.linkPrecision == 5.0 / 6.0)
    #expect(
      ClaimsEvaluation.outcomesDetail(ClaimsScoring.outcomes([document], ["t.txt": evidence]))
        == .array([
          .string(
            "t.txt line 5: explicit, found, direction right, sign right, labels right, evidence Rents → move (+) "
              + "from “the rent went up” → “We moved”; went → we (−) from “rent” → “moved”"),
          .string(
            "t.txt line 6: explicit, found, direction wrong, sign wrong, labels right, evidence war → ~people coming (−) "
              + "from “nobody came” → “The War started”"),
          // An evidence that marked no cause words shows its labels only.
          .string("t.txt line 7: implied, found, direction wrong, sign wrong, labels wrong, evidence so → lonely (+)"),
          .string("t.txt line 8: explicit, not found"),
          .string(
            "t.txt line 9: explicit, found, direction right, sign right, labels wrong, evidence fire → ~shop (+) "
              + "from “the fire” → “The shop shut”"),
        ]))
  }

  @Test("with no evidence every score is 0, not NaN")
  func empty() throws {
    let document = try ClaimsDocument.resolve(ClaimsFile.parse(claimsText, name: "x.claims"), text: text)
    let s = ClaimsScoring.score([document], [:])
    #expect(
      [
        s.explicitRecall, s.impliedRecall, s.directionAccuracy, s.signAccuracy, s.labelAccuracy, s.endToEnd,
        s.linkPrecision, s.headLabelAccuracy, s.headEndToEnd,
      ]
        == [0, 0, 0, 0, 0, 0, 0, 0, 0])
  }
}

@Suite("Causal claims: evaluation run")
struct ClaimsEvaluationTests {
  @Test("a run imports the annotated interviews, codes them with the built plugins and reports every claims key")
  func runReportsEveryKey() throws {
    let result = try ClaimsEvaluation.run(
      claimsFolder: corpora.appendingPathComponent("corpora/gold/western-sydney").path,
      transcriptsFolder: corpora.appendingPathComponent("third_party/western-sydney-interviews").path,
      actor: testActor, inProcess: true)
    #expect(
      result.scores.map(\.key) == [
        "claims_explicit_recall", "claims_implied_recall", "claims_direction_accuracy", "claims_sign_accuracy",
        "claims_labels_accuracy", "claims_end_to_end", "claims_link_precision", "claims_labels_head_accuracy",
        "claims_end_to_end_head",
      ])
    #expect(result.scores.allSatisfy { $0.value.isFinite && (0...1).contains($0.value) })
    #expect(result.detail["coding_run_failures"] == .integer(0))
    guard case .object(let counts)? = result.detail["claims_counts"] else {
      Issue.record("the result has no claims_counts")
      return
    }
    #expect(counts["explicit_claims"] == .integer(108))
    #expect(counts["implied_claims"] == .integer(52))
    #expect(counts["narrator_words"] == .integer(12_922))
  }
}
