// Specifications of the VADER tweets evaluation: reading the file, the
// splits, the text score and the agreement measures.
import Foundation
import HarkEval
import HarkStore
import HarkTranscripts
import Testing

@Suite("VADER tweets evaluation")
struct VaderTweetsTests {
  @Test("reads id, mean and text from CRLF lines, keeping tabs inside the text")
  func parse() throws {
    let file = "1\t2.726315789\tSo lucky.\r\n2\t-0.5\tWell\tthen :(\r\n\r\n"
    #expect(
      try VaderTweetsEvaluation.parse(file, file: "tweets.txt") == [
        .init(id: 1, mean: 2.726315789, text: "So lucky."),
        .init(id: 2, mean: -0.5, text: "Well\tthen :("),
      ])
    // Plain LF, a byte-order mark and no newline at the end read the same.
    #expect(
      try VaderTweetsEvaluation.parse("\u{FEFF}7\t1\tYay\n8\t-1\tBoo", file: "t.txt") == [
        .init(id: 7, mean: 1, text: "Yay"), .init(id: 8, mean: -1, text: "Boo"),
      ])
  }

  @Test("a malformed line is an error naming the file and the line")
  func malformedLine() {
    let file = "1\t2.0\tfine\r\n2 -1.5 no tabs\r\n"
    #expect {
      try VaderTweetsEvaluation.parse(file, file: "tweets_GroundTruth.txt")
    } throws: { error in
      String(describing: error)
        == "tweets_GroundTruth.txt:2: expected 3 tab-separated fields, found 1: \"2 -1.5 no tabs\". "
        + "Each line is an id, a tab, the raters' mean (-4 to 4), a tab and the text, "
        + "as in vaderSentiment's tweets_GroundTruth.txt"
    }
    #expect {
      try VaderTweetsEvaluation.parse("1\t2.0\tfine\n2\tgreat\ttext\n", file: "t.txt")
    } throws: { error in
      (error as? HarkError)?.problem == "the mean \"great\" is not a number from -4 to 4"
        && (error as? HarkError)?.line == 2
    }
    #expect {
      try VaderTweetsEvaluation.parse("x1\t2.0\tfine\n", file: "t.txt")
    } throws: { error in
      (error as? HarkError)?.problem == "the id \"x1\" is not a whole number"
    }
  }

  @Test("odd ids are the tuning split and even ids are held out")
  func splits() {
    let tweets = (1...4).map { VaderTweetsEvaluation.Tweet(id: $0, mean: 0, text: "") }
    #expect(tweets.filter(VaderTweetsEvaluation.isHeldOut).map(\.id) == [2, 4])
  }

  @Test("Twitter's HTML escapes are decoded, unknown ones are left alone")
  func unescape() {
    #expect(
      VaderTweetsEvaluation.unescaped("a &amp; b &lt;3 &gt;:( &quot;x&quot; it&#39;s &amp;lt; &nope; & end")
        == "a & b <3 >:( \"x\" it's &lt; &nope; & end")
  }

  @Test("a text's score is the turn valence, else the mean of the sentence valences")
  func textScore() {
    #expect(
      VaderTweetsEvaluation.textScore([("valence", 0.2), ("valence", 0.6), ("turn valence", 0.7)]) == 0.7)
    #expect(VaderTweetsEvaluation.textScore([("valence", 0.2), ("valence", 0.6)]) == 0.4)
    #expect(VaderTweetsEvaluation.textScore([]) == 0)
  }

  @Test("agreement is Pearson r, and 3-class F1 with ±0.05 on the value and on the mean ÷ 4")
  func agreement() {
    // Means ÷ 4: 1, 0.025 (neutral), -0.5, 0.75; plugin classes: +, +, -, 0.
    let result = VaderTweetsEvaluation.agreement(means: [4, 0.1, -2, 3], plugin: [0.9, 0.3, -0.4, 0.05])
    #expect(result.count == 4)
    // Positive: P 1/2, R 1/2, F1 1/2; neutral: P 0, R 0, F1 0; negative: F1 1.
    #expect(abs(result.macroF1 - 0.5) < 1e-12)
    #expect(result.accuracy == 0.5)
    // Means 1, 2, 3, 4 against 1, 3, 2, 4: r = 0.8 exactly.
    let r = VaderTweetsEvaluation.agreement(means: [1, 2, 3, 4], plugin: [0.1, 0.3, 0.2, 0.4])
    #expect(abs(r.pearson - 0.8) < 1e-12)
    #expect(r.macroF1 == 1)
  }

  @Test("runs the built plugin on every text and reports the held-out split as vader_tweets_r")
  func run() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hark-vader-\(UUID()).txt").path
    try "1\t3.1\tWhat a lovely day\r\n2\t2.9\tI love it &lt;3\r\n3\t-2.5\tawful\r\n4\t-3.0\tI hate it :(\r\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try VaderTweetsEvaluation.run(file: path)
    #expect(
      result.scores.map(\.key) == [
        "vader_tweets_r", "vader_tweets_f1_3class", "vader_tweets_accuracy_3class", "vader_tweets_r_tuning",
        "vader_tweets_r_all",
      ])
    // Two held-out texts, one clearly positive and one clearly negative: r is 1.
    #expect(abs(result.scores[0].value - 1) < 1e-9)
    #expect(result.scores[1].value == 1)
    #expect(result.scores[2].value == 1)
    guard case .object(let heldOut) = result.detail["held_out"] else {
      Issue.record("no held-out detail")
      return
    }
    #expect(heldOut["texts"] == .integer(2))
  }
}
