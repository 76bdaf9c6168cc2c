import Foundation
import HarkStore
import HarkTranscripts
import Testing

@testable import HarkEval
@testable import HarkHost

@Suite("Causal News Corpus evaluation")
struct CausalNewsTests {
  // MARK: - Files

  @Test("CSV: the BOM is skipped, quoted fields keep commas, doubled quotes and line breaks, CRLF ends rows")
  func csv() throws {
    let text = "\u{FEFF}index,text,label\r\n1,\"He said \"\"no\"\", then left\",0\r\n2,\"two\nlines\",1\r\n"
    let table = try CSVReader.parse(text, file: "dev_subtask1.csv")
    #expect(table.columns == ["index", "text", "label"])
    #expect(table.rows == [["1", "He said \"no\", then left", "0"], ["2", "two\nlines", "1"]])
    #expect(table.lines == [2, 3])
    #expect(try table.column("label") == 2)
  }

  @Test("a row with the wrong number of fields is an error naming the file and the line")
  func malformedRow() throws {
    let text = "index,text,label\n1,\"a, b\",1\n2,c\n"
    let error = #expect(throws: HarkError.self) { try CSVReader.parse(text, file: "train_subtask1.csv") }
    #expect(
      error?.description
        == "train_subtask1.csv:3: has 2 fields where the header has 3 (index, text, label). "
        + "Check the quoting of this row: a comma inside a field needs quotes")
  }

  @Test("an unclosed quote is an error naming the line where the field opened")
  func unclosedQuote() throws {
    let error = #expect(throws: HarkError.self) {
      try CSVReader.parse("index,text,label\n1,\"open,0\n", file: "dev.csv")
    }
    #expect(
      error?.description
        == "dev.csv:2: a quoted field opened here is never closed. Check for a missing closing quote (\")")
  }

  @Test("a missing column is an error listing the columns the file has")
  func missingColumn() throws {
    let table = try CSVReader.parse("index,text\n1,a\n", file: "dev.csv")
    let error = #expect(throws: HarkError.self) { try table.column("label") }
    #expect(error?.description.hasPrefix("dev.csv:1: has no column \"label\" (its columns are index, text)") == true)
  }

  @Test("the grouped files' relation lists are Python string lists with either quote and escapes")
  func pythonList() throws {
    #expect(
      try PythonStringList.parse(#"['a b', "it's", 'don\'t']"#, file: "g.csv", line: 2) == ["a b", "it's", "don't"])
    #expect(try PythonStringList.parse("[]", file: "g.csv", line: 2) == [])
    #expect(throws: (any Error).self) { try PythonStringList.parse("['open", file: "g.csv", line: 2) }
  }

  // MARK: - Marked text

  @Test("marked text becomes tokens, cause/effect tags and signal tags, and spans")
  func markedText() {
    let tags = RelationTags(marked: "<ARG1>Two people died</ARG1> <SIG0>after</SIG0> <ARG0>the blast</ARG0> .")
    #expect(tags.tokens == ["Two", "people", "died", "after", "the", "blast", "."])
    #expect(tags.causeEffect == ["B-E", "I-E", "I-E", "O", "B-C", "I-C", "O"])
    #expect(tags.signal == ["O", "O", "O", "B-S", "O", "O", "O"])
    #expect(
      tags.spans == [
        TaggedSpan(label: "E", first: 0, last: 2), TaggedSpan(label: "C", first: 4, last: 5),
        TaggedSpan(label: "S", first: 3, last: 3),
      ])
  }

  @Test("a signal inside the cause is read on its own line of tags")
  func signalInsideCause() {
    let tags = RelationTags(marked: "<ARG0><SIG0>To</SIG0> protest</ARG0> , <ARG1>they marched</ARG1>")
    #expect(tags.tokens == ["To", "protest", ",", "they", "marched"])
    #expect(tags.causeEffect == ["B-C", "I-C", "O", "B-E", "I-E"])
    #expect(tags.signal == ["B-S", "O", "O", "O", "O"])
  }

  @Test("as in the corpus's scorer, a one-token cause runs on to the next tagged token")
  func oneTokenQuirk() {
    let tags = RelationTags(marked: "<ARG0>Protests</ARG0> forced <ARG1>a shutdown</ARG1>")
    #expect(tags.causeEffect == ["B-C", "I-C", "B-E", "I-E"])
    #expect(
      tags.spans == [TaggedSpan(label: "C", first: 0, last: 1), TaggedSpan(label: "E", first: 2, last: 3)])
  }

  @Test("an I- tag without a B- before it starts no span (strict IOB2)")
  func strictSpans() {
    #expect(
      RelationTags.spans(["O", "I-C", "I-C", "B-E", "I-E", "I-C"]) == [TaggedSpan(label: "E", first: 3, last: 4)])
  }

  @Test("byte ranges of a prediction become marked text over the space-separated tokens")
  func markup() {
    let text = "Two people died after the blast ."
    #expect(
      RelationMarkup.mark(text, cause: 22..<31, effect: 0..<15, signal: 16..<21)
        == "<ARG1>Two people died</ARG1> <SIG0>after</SIG0> <ARG0>the blast</ARG0> .")
    // Where the effect takes in the cause, the cause keeps its tokens.
    #expect(
      RelationMarkup.mark(text, cause: 22..<31, effect: 0..<31, signal: nil)
        == "<ARG1>Two people died after</ARG1> <ARG0>the blast</ARG0> .")
  }

  // MARK: - FairEval

  static func counts(_ reference: [String], _ prediction: [String]) -> FairEvaluation {
    var evaluation = FairEvaluation()
    evaluation.add(reference: reference, prediction: prediction)
    return evaluation
  }

  @Test("identical spans are true positives: F1 1")
  func exactMatch() {
    let e = Self.counts(["B-C", "I-C", "O", "B-E", "I-E"], ["B-C", "I-C", "O", "B-E", "I-E"])
    #expect(e.overall == FairCounts(tp: 2))
    #expect(e.overall.f1 == 1)
  }

  @Test("a boundary error counts half a false positive and half a false negative")
  func boundaryError() {
    let e = Self.counts(["B-C", "I-C", "O", "B-E", "I-E", "I-E"], ["B-C", "I-C", "O", "B-E", "I-E", "O"])
    #expect(e.overall == FairCounts(tp: 1, be: 1))
    #expect(abs(e.overall.precision - 2.0 / 3) < 1e-12)
    #expect(abs(e.overall.recall - 2.0 / 3) < 1e-12)
    #expect(abs(e.overall.f1 - 2.0 / 3) < 1e-12)
    #expect(e.perLabel["C"] == FairCounts(tp: 1))
    #expect(e.perLabel["E"] == FairCounts(be: 1))
  }

  @Test("same tokens with the other label is a labelling error; overlapping ones a labelling-boundary error")
  func labelErrors() {
    #expect(Self.counts(["B-C", "I-C", "O"], ["B-E", "I-E", "O"]).overall == FairCounts(le: 1))
    let e = Self.counts(["B-C", "I-C", "I-C"], ["O", "B-E", "I-E"])
    #expect(e.overall == FairCounts(lbe: 1))
    #expect(e.perLabel["C"] == FairCounts(lbe: 1))
  }

  @Test("as in FairEval's loop, the annotation after a matched one is skipped in that pass")
  func skippedAfterMatch() {
    // Annotated causes at tokens 0–1 and 3–4, predicted 0–2 and 3–5; the effect 7–8 matches.
    let e = Self.counts(
      ["B-C", "I-C", "O", "B-C", "I-C", "O", "O", "B-E", "I-E"],
      ["B-C", "I-C", "I-C", "B-C", "I-C", "I-C", "O", "B-E", "I-E"])
    #expect(e.overall == FairCounts(tp: 1, fp: 1, fn: 1, be: 1))
    #expect(abs(e.overall.f1 - 0.4) < 1e-12)
  }

  @Test("several relations: the best pairing counts, extra predictions are cut, missing ones are empty")
  func relationPairing() {
    let text = "w0 w1 w2 w3 w4 w5 w6 w7"
    let first = "<ARG0>w0 w1</ARG0> <ARG1>w2 w3</ARG1> w4 w5 w6 w7"
    let second = "w0 w1 w2 w3 <ARG0>w4 w5</ARG0> <ARG1>w6 w7</ARG1>"
    let junk = "<ARG0>w0 w1 w2 w3 w4 w5 w6</ARG0> w7"
    let e = CausalSpanScore.evaluate(
      texts: [text, "x0 x1", "y0 y1"],
      annotated: [[first, second], [], ["<ARG0>y0</ARG0> <ARG1>y1</ARG1>"]],
      predicted: [[second, first, junk], ["<ARG0>x0</ARG0> x1"], []])
    #expect(e.overall == FairCounts(tp: 4, fn: 2))
    #expect(abs(e.overall.f1 - 0.8) < 1e-12)
  }

  @Test("permutations come in itertools order")
  func permutationOrder() {
    #expect(
      CausalSpanScore.permutations(of: [0, 1, 2]) == [
        [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0],
      ])
  }

  // MARK: - The plugin's results

  @Test("a sentence is causal when the plugin gives a 'causal claim' code; link k takes signal k")
  func readingResults() {
    let text = "Two people died after the blast ."
    var results = RawResults()
    func code(_ name: String, _ span: Range<Int>) -> RawCode {
      RawCode(
        document: [], code: Array(name.utf8), start: UInt32(span.lowerBound), end: UInt32(span.upperBound),
        confidence: 0.8, explanation: [])
    }
    results.codes = [code("causal claim", 0..<33), code("causal signal", 16..<21)]
    results.links = [
      RawLink(
        document: [], cause: Array("blast".utf8), effect: Array("dying".utf8), polarity: 1, strength: 0.6,
        confidence: 0.5, start: 0, end: 33, causeSpan: RawSpan(start: 22, end: 31),
        effectSpan: RawSpan(start: 0, end: 15),
        explanation: [])
    ]
    let reading = CausalNewsEvaluation.SentenceReader.reading(text, results)
    #expect(reading.causal)
    #expect(reading.relations == ["<ARG1>Two people died</ARG1> <SIG0>after</SIG0> <ARG0>the blast</ARG0> ."])
    #expect(!CausalNewsEvaluation.SentenceReader.reading(text, RawResults()).causal)
  }

  @Test("a link takes the signal inside, between or beside its spans, not another link's; a link may have none")
  func signalPairing() {
    // "Roads shut as police came , forcing a halt": link 1 = effect 0..<10, signal "as", cause 14..<25;
    // link 2 = cause 0..<25, effect 28..<42 with "forcing" inside it; link 3 has no signal.
    let text = "Roads shut as police came , forcing a halt"
    func link(_ cause: Range<Int>, _ effect: Range<Int>) -> RawLink {
      RawLink(
        document: [], cause: [], effect: [], polarity: 1, strength: 0.6, confidence: 0.5, start: 0, end: 42,
        causeSpan: RawSpan(start: UInt32(cause.lowerBound), end: UInt32(cause.upperBound)),
        effectSpan: RawSpan(start: UInt32(effect.lowerBound), end: UInt32(effect.upperBound)), explanation: [])
    }
    func signal(_ span: Range<Int>) -> RawCode {
      RawCode(
        document: [], code: Array("causal signal".utf8), start: UInt32(span.lowerBound), end: UInt32(span.upperBound),
        confidence: 0.5, explanation: [])
    }
    var results = RawResults()
    results.links = [link(14..<25, 0..<10), link(0..<25, 28..<42), link(38..<42, 28..<35)]
    results.codes = [signal(28..<35), signal(11..<13)]
    let reading = CausalNewsEvaluation.SentenceReader.reading(text, results)
    #expect(
      reading.relations == [
        "<ARG1>Roads shut</ARG1> <SIG0>as</SIG0> <ARG0>police came</ARG0> , forcing a halt",
        "<ARG0>Roads shut as police came</ARG0> , <ARG1><SIG0>forcing</SIG0> a halt</ARG1>",
        "Roads shut as police came , <ARG1>forcing</ARG1> a <ARG0>halt</ARG0>",
      ])
  }
}
