import Foundation
import HarkEncoder
import HarkPluginKit
import Testing

@testable import HarkCausalLinks

/// How the causal-links plugin turns the encoder's tags into links, finds
/// its encoder and refuses bad options.
@Suite("Causal links plugin: encoder")
struct CausalLinksEncoderTests {
  static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func error(_ options: PluginOptions) -> String {
    do {
      _ = try CausalLinksPlugin(options: options)
      return "no error"
    } catch { return "\(error)" }
  }

  @Test("without the encoder option the plugin finds corpora/models/causal-encoder of its checkout")
  func defaultFolder() throws {
    let plugin = try CausalLinksPlugin(options: PluginOptions())
    #expect(
      URL(fileURLWithPath: plugin.encoder.folder).resolvingSymlinksInPath().path
        == Self.checkout.appendingPathComponent("corpora/models/causal-encoder").resolvingSymlinksInPath().path)
  }

  @Test("an unknown or retired option, and an encoder folder that is not there, are errors saying what to do")
  func options() {
    #expect(
      Self.error(PluginOptions(["cue": "x"]))
        == "unknown option \"cue\" for the Causal links plugin. Its options are \"cues\" (a file path) and "
        + "\"encoder\" (a folder).")
    #expect(
      Self.error(PluginOptions(["signals": true]))
        == "unknown option \"signals\" for the Causal links plugin (\"signals\" was retired in version 2.0.0). "
        + "Its options are \"cues\" (a file path) and \"encoder\" (a folder).")
    #expect(
      Self.error(PluginOptions(["encoder": "/nonexistent/encoder"]))
        == "the causal encoder folder /nonexistent/encoder does not exist or is not a folder. Restore the folder "
        + "from the Hark repository (git checkout -- corpora/models/causal-encoder), or give the causal-links "
        + "plugin's \"encoder\" option a folder written by the training script.")
  }

  static func words(_ text: String) -> [EncoderWord] {
    let bytes = Array(text.utf8)
    var words: [EncoderWord] = []
    var start: Int?
    for i in 0...bytes.count {
      if i == bytes.count || bytes[i] == 32 {
        if let s = start { words.append(EncoderWord(range: s..<i, pieces: [1])) }
        start = nil
      } else if start == nil {
        start = i
      }
    }
    return words
  }

  @Test("tags become spans: B- opens, I- of the same kind continues, a change of kind closes")
  func spans() {
    let text = "the tablets stopped me going under , honestly"
    let tags = [0, 1, 5, 3, 4, 4, 0, 0]
    let spans = TaggedSpans(words: Self.words(text), tags: tags)
    let bytes = Array(text.utf8)
    func quote(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
    #expect(spans.causes.map(quote) == ["tablets"])
    #expect(spans.signals.map(quote) == ["stopped"])
    #expect(spans.effects.map(quote) == ["me going under"])
    // An I- tag with nothing open opens a span; two B- tags make two spans.
    let other = "a b c d"
    let second = TaggedSpans(words: Self.words(other), tags: [2, 1, 1, 4])
    func quoteOther(_ r: Range<Int>) -> String { String(decoding: Array(other.utf8)[r], as: UTF8.self) }
    #expect(second.causes.map(quoteOther) == ["a", "b", "c"])
    #expect(second.effects.map(quoteOther) == ["d"])
    // One effect: every cause is paired with it.
    #expect(second.pairs.map { quoteOther($0.cause) + ">" + quoteOther($0.effect) } == ["a>d", "b>d", "c>d"])
  }

  static func link(_ text: String, tags: [Int], probability: Double = 0.9) throws -> [String] {
    let plugin = try CausalLinksPlugin(options: PluginOptions())
    let bytes = Array(text.utf8)
    let tokens = SentenceLinker.joiningClippedWords(Tokenizer.tokens(bytes, in: 0..<bytes.count))
    let context = SentenceContext(
      bytes: bytes, sentence: 0..<bytes.count, tokens: tokens, previousSentence: nil, questionTurn: nil)
    let linker = SentenceLinker(lexicon: plugin.lexicon)
    let found = linker.encoderLinks(
      context, spans: TaggedSpans(words: Self.words(text), tags: tags), probability: probability,
      lowering: SentenceLinker.loweringWords(plugin.lexicon))
    return found.map {
      "\($0.link.cause) → \($0.link.effect) \($0.link.polarity > 0 ? "+" : "-") c=\($0.link.confidence) | "
        + $0.link.explanation
    }
  }

  @Test("a lowering signal turns the sign: 'the tablets stopped me going under' is tablets → (−) going under")
  func loweringSignal() throws {
    #expect(
      try Self.link("The tablets stopped me going under", tags: [1, 2, 5, 3, 4, 4])
        == [
          "tablets → going under - c=0.9 | causal encoder: a causal claim (probability 0.9); it marked cause "
            + "\"The tablets\", effect \"me going under\", signal \"stopped\"; \"stopped\" lowers the effect (−); "
            + "strength 0.6"
        ])
  }

  @Test("cause and effect come in the speaker's words in the right direction; a negated effect turns the sign")
  func negatedEffect() throws {
    let found = try Self.link("I didn't eat properly because of the bus fares", tags: [3, 4, 4, 4, 5, 6, 1, 2, 2])
    #expect(
      found
        == [
          "bus fares → eating properly - c=0.9 | causal encoder: a causal claim (probability 0.9); it marked cause "
            + "\"the bus fares\", effect \"I didn't eat properly\", signal \"because of\"; \"eating properly\" is "
            + "negated, so the polarity turns; \"properly\" strengthens (0.72)"
        ], "\(found)")
  }

  @Test("a negation just before the marked effect turns the sign; one inside the cause does not")
  func negationBeforeEffect() throws {
    let found = try Self.link("You can't sort your head out in a doorway", tags: [0, 0, 3, 4, 4, 4, 1, 2, 2])
    #expect(
      found
        == [
          "doorway → sort your head out - c=0.9 | causal encoder: a causal claim (probability 0.9); it marked cause "
            + "\"in a doorway\", effect \"sort your head out\"; \"sort your head out\" is negated, so the polarity "
            + "turns; strength 0.6"
        ], "\(found)")
    let inCause = try Self.link("Not having a phone meant losing the bed", tags: [1, 2, 2, 2, 5, 3, 4, 4])
    #expect(inCause.map { String($0.prefix { $0 != "|" }) } == ["phone → bed + c=0.9 "], "\(inCause)")
  }

  @Test("the cue decides the direction: tags turned round across 'because' are read with the cause after it")
  func cueTurnsTags() throws {
    // The encoder marked the cause before "because" and the effect after it.
    let found = try Self.link("We moved house because the rent went up", tags: [1, 2, 2, 5, 3, 4, 4, 4])
    #expect(
      found
        == [
          "rent went up → moving house + c=0.9 | causal encoder: a causal claim (probability 0.9); it marked cause "
            + "\"the rent went up\", effect \"We moved house\", signal \"because\"; \"because\" says which side is the "
            + "cause, so the marked words are read in its direction; strength 0.6"
        ], "\(found)")
  }

  @Test("in a chain the spans on either side of 'so' are its cause and effect, whatever their tags")
  func chainAroundSo() throws {
    // "nobody owned him so he just stays here and we feed him": the middle clause is tagged cause only, for the
    // second claim, so the tags alone pair nothing with it; "so" makes it the effect of the first ("he" and
    // "stays here" are one clause the encoder opened twice). The tags' own pairs come first and stay.
    let text = "nobody owned him so he just stays here and we feed him"
    let found = try Self.link(text, tags: [1, 2, 2, 5, 1, 0, 1, 2, 0, 0, 3, 4])
    #expect(
      found.map { String($0.prefix { $0 != "|" }) }
        == [
          "nobody owning him → feeding him + c=0.9 ", "stays → feeding him + c=0.9 ",
          "nobody owning him → staying + c=0.9 ",
        ],
      "\(found)")
    let spans = TaggedSpans(words: Self.words(text), tags: [1, 2, 2, 5, 1, 0, 1, 2, 0, 0, 3, 4])
    let bytes = Array(text.utf8)
    let pairs = SentenceLinker.cuePairs(spans, Tokenizer.tokens(bytes, in: 0..<bytes.count), bytes: bytes)
    func quote(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
    #expect(
      pairs.map { quote($0.cause) + " > " + quote($0.effect) }
        == [
          "nobody owned him > feed him", "he > feed him", "stays here > feed him",
          "nobody owned him > he just stays here",
        ])
  }

  @Test("'which she didn't … because' denies the effect: the cause lowers it")
  func relativeClauseDenial() throws {
    let text = "She talks to me now , which she didn't for a long time , because I'd let her down"
    let found = try Self.link(text, tags: [3, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 1, 2, 2, 2])
    #expect(
      found
        == [
          "letting her down → she talks - c=0.9 | causal encoder: a causal claim (probability 0.9); it marked cause "
            + "\"I'd let her down\", effect \"She talks to me\", signal \"because\"; \"which … didn't\" before "
            + "\"because\" denies the effect, and the cause explains that, so it lowers the effect (−); strength 0.6"
        ], "\(found)")
    // Without the relative clause the cause raises the effect.
    let plain = try Self.link("She talks to me now because I stopped drinking", tags: [3, 4, 4, 4, 0, 5, 1, 2, 2])
    #expect(plain.map { String($0.prefix { $0 != "|" }) } == ["stopping drinking → she talks + c=0.9 "], "\(plain)")
  }

  @Test("a pair whose words make no label gives no link")
  func noLabel() throws {
    #expect(try Self.link("It was that", tags: [1, 5, 3]) == [])
  }
}
