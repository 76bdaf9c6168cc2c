// Unit tests of the plugin's logic, without a host: build a Document, collect
// what the plugin emits, compare it exactly. Run with
// `swift test --package-path SDK/Template`.
import HarkPluginKit
import Testing

@testable import MyPlugin

/// Runs the plugin on `text` (one participant turn unless `turns` are given).
private func codes(_ text: String, turns: [Turn]? = nil, options: PluginOptions = PluginOptions())
  throws
  -> [CodeResult]
{
  let plugin = try HopeWordsPlugin(options: options)
  let sink = CollectingSink()
  try plugin.analyze(Document(id: "D1", text: text, turns: turns), into: sink)
  return sink.codes
}

@Test("codes the sentence that mentions a hope word, quoting it by UTF-8 byte offsets")
func codesHopeSentence() throws {
  // "Zoë" and the emoji are multi-byte: the second sentence starts at byte 26, not at character 22.
  let text = "Zoë was kind to me 💛. I'm hopeful about next year."
  #expect(
    try codes(text) == [
      CodeResult(
        code: "hope", span: 26..<54, confidence: 0.75,
        explanation: "The speaker uses the hope word \"hopeful\".")
    ])
}

@Test("a sentence with two hope words is coded once, with both words named")
func twoWordsOneCode() throws {
  #expect(
    try codes("I'm looking forward to the future.") == [
      CodeResult(
        code: "hope", span: 0..<34, confidence: 0.9,
        explanation: "The speaker uses the hope words \"looking forward\" and \"future\".")
    ])
}

@Test("a negated mention is not coded")
func negatedIsNotCoded() throws {
  #expect(try codes("There's no hope for people like me.").isEmpty)
}

@Test("a hedge lowers the confidence and the explanation names it")
func hedgeLowersConfidence() throws {
  let found = try codes("Maybe there is a future for me.")
  #expect(found.map(\.confidence) == [0.45])
  #expect(
    found.map(\.explanation) == [
      "The speaker uses the hope word \"future\". \"Maybe\" makes it sound less certain, so the confidence is lower."
    ])
}

@Test("the explanation says which negated mention did not count")
func negatedMentionExplained() throws {
  #expect(
    try codes("I had no future then, but now I have dreams.").map(\.explanation) == [
      "The speaker uses the hope word \"dreams\". \"no future\" did not count, because it says the opposite."
    ])
}

@Test("interviewer turns are skipped")
func interviewerTurnsSkipped() throws {
  let question = "What are your hopes?"
  let answer = "Getting my own flat."
  let text = question + "\n" + answer
  let turns = [
    Turn(span: 0..<question.utf8.count, speaker: "Interviewer", role: .interviewer),
    Turn(span: (question.utf8.count + 1)..<text.utf8.count, speaker: "Sam", role: .participant),
  ]
  #expect(try codes(text, turns: turns).isEmpty)
}

@Test("the words option replaces the built-in list and matches other endings")
func wordsOptionReplacesList() throws {
  let options = PluginOptions(["words": ["plan"]])
  #expect(try codes("I hope so. We're planning a trip.", options: options).map(\.span) == [11..<33])
}

@Test("an unknown option is refused with a message that names the only option")
func unknownOptionRefused() {
  #expect {
    _ = try HopeWordsPlugin(options: PluginOptions(["word": ["hope"]]))
  } throws: { error in
    String(describing: error)
      == "unknown option \"word\" for the Hope words plugin. The only option is \"words\", "
      + "an array of words or phrases, e.g. {\"words\": [\"hope\", \"look forward\"]}."
  }
}

@Test("a long list of matched words is shortened in the explanation")
func longListShortened() {
  #expect(quotedList(["a", "b", "c", "d", "e"]) == "\"a\", \"b\", \"c\" and 2 more")
}
