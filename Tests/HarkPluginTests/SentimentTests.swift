// Specifications of the Sentiment plugin: valence per participant sentence, with reasons.
import Foundation
import HarkPluginKit
import HarkSentiment
import Testing

private func scores(_ text: String, _ plugin: SentimentPlugin? = nil) throws -> [ScoreResult] {
  let sink = CollectingSink()
  try (plugin ?? SentimentPlugin(options: PluginOptions())).analyze(
    Document(id: "d", text: text), into: sink)
  return sink.scores
}

/// The score of a one-sentence text, as (value, explanation); the turn's
/// score, which follows it, must have the same value.
private func valence(_ text: String) throws -> (Double, String) {
  let result = try scores(text)
  try #require(result.count == 2)
  #expect(result[0].name == "valence")
  #expect(result[0].span == 0..<text.utf8.count)
  #expect(result[1].name == "turn valence")
  #expect(result[1].value == result[0].value)
  return (result[0].value, result[0].explanation)
}

@Suite("Sentiment plugin")
struct SentimentTests {
  @Test("scores plain praise as the sum of its words")
  func plain() throws {
    let (value, explanation) = try valence("The staff were kind and welcoming.")
    #expect(value == 0.7269)
    #expect(explanation == #"positive: "kind" (+1.9), "welcoming" (+2.2)"#)
  }

  @Test("a negator flips and dampens the word it governs")
  func negated() throws {
    // ×-0.74 since 2.0.0 (it was ×-0.75).
    let (value, explanation) = try valence("I never felt welcome there.")
    #expect(value == -0.2924)
    #expect(explanation == #"negative: "welcome" (+1.6); "never" flips "welcome""#)
    let (helped, why) = try valence("The leaflets didn't help at all.")
    #expect(helped == -0.2235)
    #expect(why == #"negative: "help" (+1.2); "didn't" flips "help""#)
  }

  @Test("intensifiers strengthen and downtoners soften the next word")
  func intensified() throws {
    let (kind, kindWhy) = try valence("She was really kind.")
    #expect(kind == 0.5377)
    #expect(kindWhy == #"positive: "kind" (+1.9); "really" strengthens "kind" (×1.3)"#)
    let (lonely, lonelyWhy) = try valence("I was a bit lonely.")
    #expect(lonely == -0.3549)
    #expect(lonelyWhy == #"negative: "lonely" (-2.1); "a bit" softens "lonely" (×0.7)"#)
  }

  @Test("after \"but\" counts more than before it")
  func contrast() throws {
    let (value, explanation) = try valence("the staff were kind but the wait was awful")
    #expect(value == -0.6757)
    #expect(
      explanation
        == #"negative: "kind" (+1.9), "awful" (-3.0); after "but" counts 1.5×, before it 0.5×"#)
  }

  @Test("a concessive \"although\" clause counts less than the main clause, wherever it stands")
  func concession() throws {
    let (first, firstWhy) = try valence("Although the wait was awful, the staff were lovely.")
    #expect(first == 0.5267)
    #expect(
      firstWhy
        == #"positive: "awful" (-3.0), "lovely" (+2.6); the "although" clause counts 0.5×, the rest 1.5×"#
    )
    let (last, lastWhy) = try valence("The staff were lovely, although the wait was awful.")
    #expect(last == 0.5267)
    #expect(
      lastWhy
        == #"positive: "lovely" (+2.6), "awful" (-3.0); after "although" counts 0.5×, before it 1.5×"#
    )
  }

  @Test("care-service words and test results are not sentiment")
  func domainNeutral() throws {
    let (positive, positiveWhy) = try valence("I tested positive last week.")
    #expect(positive == 0)
    #expect(positiveWhy == #"neutral: no sentiment words; "tested positive" is not sentiment"#)
    let (care, careWhy) = try valence("My care coordinator and my support worker were patient.")
    #expect(care == 0)
    #expect(careWhy == "neutral: no sentiment words")
  }

  @Test("phrases outrank their words")
  func phrases() throws {
    let (down, downWhy) = try valence("They let me down.")
    #expect(down == -0.5423)
    #expect(downWhy == #"negative: "let me down" (-2.5)"#)
    let (notBad, notBadWhy) = try valence("Not bad at all.")
    #expect(notBad == 0.296)
    #expect(notBadWhy == #"positive: "Not bad" (+1.2)"#)
  }

  @Test("capitals and exclamation marks add emphasis")
  func emphasis() throws {
    // Capitals add a fixed amount in the direction of the word (it was ×1.25 before 2.0.0).
    let (value, explanation) = try valence("It was AWFUL, honestly!!")
    #expect(value == -0.7415)
    #expect(
      explanation
        == #"negative: "AWFUL" (-3.0); "AWFUL" in capitals adds emphasis; "!" adds emphasis"#)
  }

  @Test("stretched words and emoticons count, with emphasis")
  func onlineWriting() throws {
    let (value, explanation) = try valence("Sooo goood :)))")
    #expect(value == 0.8208)
    #expect(
      explanation
        == #"positive: "goood" (+1.9), ":)))" (+2.0); "Sooo" strengthens "goood" (×1.46); "#
        + #""goood" stretched out adds emphasis; ":)))" stretched out adds emphasis"#)
    let (emoji, emojiWhy) = try valence("Loved it 😍")
    #expect(emoji == 0.836)
    #expect(emojiWhy == #"positive: "Loved it" (+2.9), "😍" (+3.0)"#)
  }

  @Test("an emoticon is never negated by the words before it")
  func emoticonsKeepTheirSign() throws {
    let (value, explanation) = try valence("Still no cheque :(")
    #expect(value == -0.4588)
    #expect(explanation == #"negative: ":(" (-2.0)"#)
    // "thanks:)" and a web address: an emoticon after a word, none inside "http://".
    let (thanks, thanksWhy) = try valence("thanks:) http://example.org/x")
    #expect(thanks == 0.6597)
    #expect(thanksWhy == #"positive: "thanks" (+1.4), ":)" (+2.0)"#)
  }

  @Test("an emoticon after a sentence's full stop counts for that sentence")
  func emoticonAfterStop() throws {
    #expect(
      try scores("Thanks. :)") == [
        ScoreResult(
          name: "valence", span: 0..<7, value: 0.6597,
          explanation: #"positive: "Thanks" (+1.4), ":)" (+2.0)"#),
        ScoreResult(
          name: "turn valence", span: 0..<10, value: 0.6597,
          explanation: "positive overall, from 1 sentence: 1 positive"),
      ])
  }

  @Test("a transcriber's note in brackets, like (laughs), is not the speaker's sentiment")
  func transcriberNotes() throws {
    let (value, explanation) = try valence("It was lovely (laughs) [crying]")
    #expect(value == 0.5574)
    #expect(explanation == #"positive: "lovely" (+2.6)"#)
  }

  @Test("\"least\" flips the word after it, \"at least\" does not")
  func least() throws {
    let (least, leastWhy) = try valence("The least helpful visit.")
    #expect(least == -0.357)
    #expect(leastWhy == #"negative: "helpful" (+2.0); "least" flips "helpful""#)
    let (atLeast, atLeastWhy) = try valence("At least it helped.")
    #expect(atLeast == 0.3818)
    #expect(atLeastWhy == #"positive: "helped" (+1.6)"#)
  }

  @Test("an intensifier reaches only the nearest term; one that is also a word counts alone")
  func intensifierReach() throws {
    let (fun, funWhy) = try valence("really good fun")
    #expect(fun == 0.7558)
    #expect(funWhy == #"positive: "good" (+1.9), "fun" (+2.0); "really" strengthens "good" (×1.3)"#)
    let (pretty, prettyWhy) = try valence("It was pretty good.")
    #expect(pretty == 0.4914)
    #expect(prettyWhy == #"positive: "good" (+1.9); "pretty" strengthens "good" (×1.15)"#)
    let (alone, aloneWhy) = try valence("She is pretty.")
    #expect(alone == 0.4019)
    #expect(aloneWhy == #"positive: "pretty" (+1.7)"#)
  }

  @Test("a curly apostrophe matches like a straight one")
  func curlyApostrophe() throws {
    let (value, explanation) = try valence("I don’t like it.")
    #expect(value == -0.4215)
    #expect(explanation == #"negative: "don’t like" (-1.8)"#)
  }

  @Test("a turn's score sums its sentences before scaling")
  func turnValence() throws {
    #expect(
      try scores("It was lovely. The staff were kind. The bus was there.") == [
        ScoreResult(
          name: "valence", span: 0..<14, value: 0.5574, explanation: #"positive: "lovely" (+2.6)"#),
        ScoreResult(
          name: "valence", span: 15..<35, value: 0.4404, explanation: #"positive: "kind" (+1.9)"#),
        ScoreResult(
          name: "valence", span: 36..<54, value: 0, explanation: "neutral: no sentiment words"),
        ScoreResult(
          name: "turn valence", span: 0..<54, value: 0.7579,
          explanation: "positive overall, from 3 sentences: 2 positive, 1 neutral"),
      ])
  }

  @Test("hedges scale the whole sentence down")
  func hedged() throws {
    let (value, explanation) = try valence("Maybe it helped.")
    #expect(value == 0.2406)
    #expect(explanation == #"positive: "helped" (+1.6); hedged by "Maybe" (×0.6)"#)
  }

  @Test("scores every participant sentence and nothing an interviewer says")
  func interviewerTurns() throws {
    let text = "Ruth: Was the group good? Was it lovely?\nAmina: It was lovely. Bus was late."
    let interviewer = 6..<40
    let participant = 48..<76
    let document = Document(
      id: "a", text: text,
      turns: [
        Turn(span: interviewer, speaker: "Ruth", role: .interviewer),
        Turn(span: participant, speaker: "Amina", role: .participant),
      ])
    let sink = CollectingSink()
    try SentimentPlugin(options: PluginOptions()).analyze(document, into: sink)
    #expect(
      sink.scores == [
        ScoreResult(
          name: "valence", span: 48..<62, value: 0.5574, explanation: #"positive: "lovely" (+2.6)"#),
        // "late" is a mild negative since 2.0.0.
        ScoreResult(
          name: "valence", span: 63..<76, value: -0.128, explanation: #"negative: "late" (-0.5)"#),
        ScoreResult(
          name: "turn valence", span: participant, value: 0.4767,
          explanation: "positive overall, from 2 sentences: 1 positive, 1 negative"),
      ])
    #expect(document.slice(48..<62) == "It was lovely.")
  }

  @Test("reads its lexicon from the file named by the option \"lexicon\"")
  func lexiconOption() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hark-sentiment-\(UUID()).tsv"
    ).path
    try "# my words\nmeh\t-1\nlush\t2.5\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let plugin = try SentimentPlugin(options: PluginOptions(["lexicon": path]))
    #expect(
      try scores("It was meh. Lovely though.", plugin) == [
        ScoreResult(
          name: "valence", span: 0..<11, value: -0.25, explanation: #"negative: "meh" (-1.0)"#),
        ScoreResult(
          name: "valence", span: 12..<26, value: 0, explanation: "neutral: no sentiment words"),
        ScoreResult(
          name: "turn valence", span: 0..<26, value: -0.25,
          explanation: "negative overall, from 2 sentences: 1 negative, 1 neutral"),
      ])
  }

  @Test("accented words stay whole, and their capitals count as capitals")
  func accentedWords() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hark-sentiment-\(UUID()).tsv"
    ).path
    try "élégant\t2\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let plugin = try SentimentPlugin(options: PluginOptions(["lexicon": path]))
    let result = try scores("Zoë was ÉLÉGANT.", plugin)
    #expect(result.first?.value == 0.5719)
    #expect(
      result.first?.explanation
        == #"positive: "ÉLÉGANT" (+2.0); "ÉLÉGANT" in capitals adds emphasis"#)
  }

  @Test("a broken lexicon file is reported with its path and line")
  func lexiconErrors() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hark-sentiment-\(UUID()).tsv"
    ).path
    try "good\t2\nbad\tlots\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect {
      try SentimentPlugin(options: PluginOptions(["lexicon": path]))
    } throws: { error in
      String(describing: error)
        == "the sentiment lexicon \"\(path)\", line 2: the valence \"lots\" is not a number from -4 to 4."
    }
    try "good\t2\nr.i.p\t-2\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect {
      try SentimentPlugin(options: PluginOptions(["lexicon": path]))
    } throws: { error in
      String(describing: error)
        == "the sentiment lexicon \"\(path)\", line 2: the term \"r.i.p\" cannot match any text: "
        + "write words (with ' or - inside them), one emoticon such as :) or <3, or one emoji."
    }
    #expect {
      try SentimentPlugin(options: PluginOptions(["lexicon": "/nonexistent/words.tsv"]))
    } throws: { error in
      String(describing: error).hasPrefix(
        "the sentiment lexicon \"/nonexistent/words.tsv\" could not be read")
    }
  }

  @Test("the built-in lexicon is corpora/lexicons/sentiment.tsv, with over 4,000 terms")
  func builtInLexicon() throws {
    let tsv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../corpora/lexicons/sentiment.tsv")
    let file = try String(contentsOf: tsv, encoding: .utf8)
    #expect(
      SentimentLexicon.builtInText.trimmingCharacters(in: .newlines)
        == file.trimmingCharacters(in: .newlines))
    #expect(SentimentLexicon.builtIn.count > 4000)
    #expect(SentimentLexicon.builtIn.valence(of: "over the moon") == 3.2)
    #expect(SentimentLexicon.builtIn.valence(of: ":-)") == 2.0)
    #expect(SentimentLexicon.builtIn.valence(of: "❤️") == 2.8)
    // Care itself is not sentiment in this setting.
    for word in ["care", "patient", "support", "support worker", "recovery", "health"] {
      #expect(SentimentLexicon.builtIn.valence(of: word) == nil, "\(word)")
    }
    #expect(SentimentLexicon.builtIn.valence(of: "positive test") == 0)
  }

  @Test("describes itself as org.hark.sentiment providing scores")
  func info() {
    let info = SentimentPlugin.info
    #expect(
      [info.id, info.name, info.version, info.vendor] == [
        "org.hark.sentiment", "Sentiment", "2.0.0", "Hark project",
      ])
    #expect(info.provides == ["scores"])
    #expect(info.needs == ["turns"])
  }
}
