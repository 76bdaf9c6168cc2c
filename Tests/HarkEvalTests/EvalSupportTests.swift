import HarkEval
import HarkHost
import Testing

@Suite("Evaluation statistics")
struct EvalSupportTests {
  @Test("precision, recall, F1 and MCC follow from the confusion counts")
  func confusion() {
    let c = Confusion(truePositives: 6, falsePositives: 2, falseNegatives: 4, trueNegatives: 8)
    #expect(c.precision == 0.75)
    #expect(c.recall == 0.6)
    #expect(abs(c.f1 - 2 * 0.75 * 0.6 / 1.35) < 1e-12)
    // (6·8 − 2·4) / √(8·10·10·12) = 40 / √9600
    #expect(abs(c.mcc - 40 / 9600.0.squareRoot()) < 1e-12)
  }

  @Test("an empty prediction scores 0, not NaN")
  func emptyPrediction() {
    let c = Confusion(truePositives: 0, falsePositives: 0, falseNegatives: 5, trueNegatives: 5)
    #expect(c.precision == 0)
    #expect(c.f1 == 0)
    #expect(c.mcc == 0)
  }

  @Test("Pearson's r of perfectly and inversely related values is 1 and -1, and 0 without variance")
  func pearson() {
    #expect(abs(Stats.pearson([1, 2, 3], [2, 4, 6]) - 1) < 1e-12)
    #expect(abs(Stats.pearson([1, 2, 3], [3, 2, 1]) + 1) < 1e-12)
    #expect(Stats.pearson([1, 1, 1], [1, 2, 3]) == 0)
    #expect(abs(Stats.pearson([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-12)
  }

  @Test("macro F1 averages the per-class F1 of every class that occurs")
  func macroF1() {
    let result = Stats.macroF1(predicted: [1, 1, 0, -1], actual: [1, 0, 0, -1])
    // class -1: F1 1; class 0: P 1, R 0.5, F1 2/3; class 1: P 0.5, R 1, F1 2/3
    #expect(abs(result.macroF1 - (1 + 2.0 / 3 + 2.0 / 3) / 3) < 1e-12)
    #expect(result.accuracy == 0.75)
    #expect(result.perClass.map(\.label) == [-1, 0, 1])
  }

  @Test("the neutral band decides the sentiment class")
  func polarityClass() {
    #expect(Stats.polarityClass(0.05, neutralBand: 0.05) == 0)
    #expect(Stats.polarityClass(0.051, neutralBand: 0.05) == 1)
    #expect(Stats.polarityClass(-0.2, neutralBand: 0.05) == -1)
  }

  @Test("a one-turn document puts the question in an interviewer turn before the participant's words")
  func oneTurnDocument() {
    let document = PluginUnderTest.oneTurn("It helped.", question: "What helped?")
    #expect(String(decoding: document.text, as: UTF8.self) == "What helped?\nIt helped.")
    #expect(
      document.turns == [
        PayloadTurn(start: 0, end: 12, speaker: 1, role: 2), PayloadTurn(start: 13, end: 23, speaker: 0, role: 1),
      ])
  }

  @Test("an unknown plugin id is a clear error naming the id")
  func unknownPlugin() {
    #expect(throws: (any Error).self) { try PluginUnderTest(id: "org.example.nowhere") }
    do {
      _ = try PluginUnderTest(id: "org.example.nowhere")
    } catch {
      #expect("\(error)".contains("no plugin with the id org.example.nowhere was found"))
    }
  }
}
