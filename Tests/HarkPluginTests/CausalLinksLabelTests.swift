import Foundation
import HarkEncoder
import HarkPluginKit
import Testing

@testable import HarkCausalLinks

/// The labels a researcher would write on a map, made from the spans the
/// encoder tags: each test gives a sentence and its tags (1 B-cause, 2
/// I-cause, 3 B-effect, 4 I-effect, 5 B-signal, 6 I-signal, one per word)
/// and the exact link that comes out.
@Suite("Causal links plugin: labels from the encoder's spans")
struct CausalLinksLabelTests {
  /// "cause → effect sign" for each link the encoder's tags give.
  static func labels(_ text: String, tags: [Int]) throws -> [String] {
    let plugin = try CausalLinksPlugin(options: PluginOptions())
    let bytes = Array(text.utf8)
    let tokens = SentenceLinker.joiningClippedWords(Tokenizer.tokens(bytes, in: 0..<bytes.count))
    let context = SentenceContext(
      bytes: bytes, sentence: 0..<bytes.count, tokens: tokens, previousSentence: nil, questionTurn: nil)
    let found = SentenceLinker(lexicon: plugin.lexicon).encoderLinks(
      context, spans: TaggedSpans(words: CausalLinksEncoderTests.words(text), tags: tags), probability: 0.9,
      lowering: SentenceLinker.loweringWords(plugin.lexicon))
    return found.map { "\($0.link.cause) → \($0.link.effect) \($0.link.polarity > 0 ? "+" : "-")" }
  }

  /// Expects exactly `expected`, and shows what came out when it differs.
  static func expectLabels(
    _ text: String, tags: [Int], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let found = try labels(text, tags: tags)
    #expect(found == expected, "\(found)", sourceLocation: sourceLocation)
  }

  @Test("an absence is the cause as the speaker states it, and a proper name keeps its capitals")
  func absence() throws {
    try Self.expectLabels(
      "We had to go to Parramatta because there was no High School", tags: [3, 4, 4, 4, 4, 4, 5, 1, 2, 2, 2, 2],
      ["no High School → going to Parramatta +"])
    try Self.expectLabels(
      "We had plenty to eat because there was always the cow", tags: [3, 4, 4, 4, 4, 5, 1, 2, 2, 2, 2],
      ["cow → plenty to eat +"])
  }

  @Test("'X had to Y' names what had to be done; a noun before a finite verb is never made a gerund")
  func obligationAndSubject() throws {
    // Marked without "My": "father" is the subject of "had to", not a verb ("fathering had" before).
    try Self.expectLabels(
      "My father had to have the house built because there was no house to rent",
      tags: [0, 3, 4, 4, 4, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2], ["no house to rent → house built +"])
    // "parents were …" is no verb phrase ("parentsing were great believers" before).
    try Self.expectLabels(
      "My parents were great believers in school because we all lived on the same level",
      tags: [3, 4, 4, 4, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2, 2, 2],
      ["living on the same level → parents were great believers +"])
  }

  @Test("the pronoun I keeps its capital in a label, wherever it stands")
  func pronounI() throws {
    try Self.expectLabels(
      "The group met weekly so I felt I belonged", tags: [1, 2, 2, 2, 5, 3, 4, 4, 4],
      ["group met weekly → feeling I belonged +"])
  }

  @Test("a subject and its auxiliary with the rest cut off names nothing: no link")
  func clauseFragment() throws {
    // The encoder marked "We had" as the effect: the going is left out. With
    // the effect marked whole, the test `absence` above gets "going to Parramatta".
    try Self.expectLabels(
      "We had to go to Parramatta because there was no High School", tags: [3, 4, 0, 0, 0, 5, 1, 2, 2, 2, 2], [])
    // A subject alone is no effect either.
    try Self.expectLabels("There was a strict policy so we'd", tags: [1, 2, 2, 2, 2, 5, 3], [])
  }

  @Test("an absence in the effect turns the sign and leaves the label positive")
  func absentEffect() throws {
    try Self.expectLabels(
      "They built Westpoint so there's no Austral Street", tags: [1, 2, 2, 5, 3, 4, 4, 4],
      ["building Westpoint → Austral Street -"])
  }

  @Test("a quality denied is named with its 'not' and the sign is the effect's")
  func deniedQuality() throws {
    try Self.expectLabels(
      "We just didn't have holidays because they just weren't affordable", tags: [3, 4, 4, 4, 4, 5, 1, 2, 2, 2],
      ["not affordable → holidays -"])
  }

  @Test("a person's state is the concept, a thing's state is named with the thing")
  func states() throws {
    try Self.expectLabels(
      "My mother was always busy at home because there were seven children",
      tags: [3, 4, 4, 4, 4, 4, 4, 5, 1, 2, 2, 2], ["seven children → busy +"])
    try Self.expectLabels(
      "We were very lucky because houses were as scarce as hen's teeth", tags: [3, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2, 2],
      ["scarce houses → lucky +"])
    try Self.expectLabels(
      "They sold the house because the rates became so outrageous", tags: [3, 4, 4, 4, 5, 1, 2, 2, 2, 2],
      ["outrageous rates → selling the house +"])
  }

  @Test("what a subject had is the concept: 'my husband had a car' is car")
  func possession() throws {
    try Self.expectLabels(
      "My husband had a car so we had no problems", tags: [1, 2, 2, 2, 2, 5, 3, 4, 4, 4], ["car → problems -"])
    try Self.expectLabels(
      "It was called Factory because Rainers had their tweed factory on five acres",
      tags: [3, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2, 0, 0], ["tweed factory → called Factory +"])
  }

  @Test("a past verb the encoder marked without its subject becomes an activity")
  func pastVerb() throws {
    try Self.expectLabels(
      "I worked with my father and that's how I met my husband", tags: [0, 1, 2, 2, 2, 0, 5, 6, 3, 4, 4, 4],
      ["working with my father → meeting my husband +"])
  }

  @Test(
    "'having a breakdown' names the breakdown; a subject's past verb becomes an activity; 'that' after a preposition points"
  )
  func lightVerbAndPointingThat() throws {
    try Self.expectLabels(
      "My father came down because he was having a nervous breakdown", tags: [3, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2],
      ["nervous breakdown → father coming down +"])
    try Self.expectLabels(
      "He was working in that produce business so I met him", tags: [1, 2, 2, 2, 2, 2, 2, 5, 3, 4, 4],
      ["working in that produce business → meeting him +"])
  }

  @Test("a cue pattern's cause cut before its quality takes the encoder's reading of the whole clause")
  func cutClause() throws {
    #expect(CausalLinksPlugin.endsInLinkingVerb("rates became"))
    #expect(CausalLinksPlugin.endsInLinkingVerb("bus was"))
    #expect(!CausalLinksPlugin.endsInLinkingVerb("outrageous rates"))
    #expect(!CausalLinksPlugin.endsInLinkingVerb("was"))
  }

  @Test("whole-clause spans: a time phrase, 'for her' before a purpose, a relative pronoun and an aside fall away")
  func wholeClauseSpans() throws {
    // The decoded spans are whole clauses; what is not the concept is left out of the label.
    try Self.expectLabels(
      "We were very lucky because at that time houses were as scarce as hen’s teeth",
      tags: [3, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2], ["scarce houses → lucky +"])
    try Self.expectLabels(
      "my mother was always busy at home because there were seven children for her to look after",
      tags: [3, 4, 4, 4, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2, 2, 2, 2], ["seven children → busy +"])
    try Self.expectLabels(
      "which was well known in the district because my parents used to have so many functions there",
      tags: [3, 4, 4, 4, 4, 4, 4, 5, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2], ["functions → known in the district +"])
    try Self.expectLabels(
      "we had dances because the soldiers , you know , moved in", tags: [3, 4, 4, 5, 1, 2, 2, 2, 2, 2, 2, 2],
      ["soldiers moved in → dances +"])
  }
}
