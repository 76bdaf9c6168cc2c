// Specifications of the shared text tools: tokenizer, sentence splitter, stemmer.
import HarkPluginKit
import Testing

private func tokens(_ text: String) -> [Token] {
  let bytes = Array(text.utf8)
  return Tokenizer.tokens(bytes, in: 0..<bytes.count)
}

private func sentences(_ text: String) -> [String] {
  let bytes = Array(text.utf8)
  return SentenceSplitter.sentences(bytes, in: 0..<bytes.count).map {
    String(decoding: bytes[$0], as: UTF8.self)
  }
}

/// The shared text tools of HarkPluginKit.
@Suite("Text tools")
enum TextToolsTests {}

extension TextToolsTests {
  @Suite("Tokenizer")
  struct TokenizerTests {
    @Test(
      "gives byte ranges across accents, emoji and dashes, keeping inner apostrophes and hyphens")
    func byteRanges() {
      let result = tokens("Zoë didn't feel well-being 😊 — 3.5 times!")
      #expect(
        result == [
          Token(range: 0..<4, lower: "zoë", kind: .word),
          Token(range: 5..<11, lower: "didn't", kind: .word),
          Token(range: 12..<16, lower: "feel", kind: .word),
          Token(range: 17..<27, lower: "well-being", kind: .word),
          Token(range: 33..<36, lower: "—", kind: .punctuation),
          Token(range: 37..<40, lower: "3.5", kind: .number),
          Token(range: 41..<46, lower: "times", kind: .word),
          Token(range: 46..<47, lower: "!", kind: .punctuation),
        ])
    }

    @Test("straightens curly apostrophes in lower but keeps the original byte range")
    func curlyApostrophe() {
      #expect(
        tokens("I DON’T") == [
          Token(range: 0..<1, lower: "i", kind: .word),
          Token(range: 2..<9, lower: "don't", kind: .word),
        ])
    }

    @Test("treats letters of any script as word characters")
    func otherScripts() {
      #expect(
        tokens("Dziękuję, Łukasz") == [
          Token(range: 0..<10, lower: "dziękuję", kind: .word),
          Token(range: 10..<11, lower: ",", kind: .punctuation),
          Token(range: 12..<19, lower: "łukasz", kind: .word),
        ])
    }

    @Test("splits quotes, trailing apostrophes and loose hyphens off words")
    func edges() {
      #expect(
        tokens("'cause my parents' - 1,000 covid-19") == [
          Token(range: 0..<1, lower: "'", kind: .punctuation),
          Token(range: 1..<6, lower: "cause", kind: .word),
          Token(range: 7..<9, lower: "my", kind: .word),
          Token(range: 10..<17, lower: "parents", kind: .word),
          Token(range: 17..<18, lower: "'", kind: .punctuation),
          Token(range: 19..<20, lower: "-", kind: .punctuation),
          Token(range: 21..<26, lower: "1,000", kind: .number),
          Token(range: 27..<35, lower: "covid-19", kind: .word),
        ])
    }

    @Test("tokenizes only inside the given range")
    func subrange() {
      let bytes = Array("Interviewer: how? Ana: fine thanks".utf8)
      #expect(
        Tokenizer.tokens(bytes, in: 23..<34) == [
          Token(range: 23..<27, lower: "fine", kind: .word),
          Token(range: 28..<34, lower: "thanks", kind: .word),
        ])
    }
  }

}

extension TextToolsTests {
  @Suite("SentenceSplitter")
  struct SentenceSplitterTests {
    @Test("splits on stops and line breaks but not on titles, Latin abbreviations or decimals")
    func abbreviations() {
      #expect(
        sentences(
          "Mr. Patel helped me, e.g. with forms. It cost 3.5 pounds! Really?\nYes, i.e. the form.")
          == [
            "Mr. Patel helped me, e.g. with forms.", "It cost 3.5 pounds!", "Really?",
            "Yes, i.e. the form.",
          ])
    }

    @Test("keeps closing quotes with the sentence and ends at etc. only before a capital")
    func quotesAndEtc() {
      #expect(
        sentences("She said \"great.\" Then forms etc. were sorted. Bills, letters etc. The end")
          == [
            "She said \"great.\"", "Then forms etc. were sorted.", "Bills, letters etc.", "The end",
          ])
    }

    @Test("reads an ellipsis before a lowercase word as a pause")
    func ellipsis() {
      #expect(
        sentences("I was… you know… lost... Then I found the group…") == [
          "I was… you know… lost...", "Then I found the group…",
        ])
    }

    @Test("trims white space, drops pieces with no words and returns exact byte ranges")
    func trimmedRanges() {
      let text = "  Zoë came!  \n\n ... \n Good 👍 "
      let bytes = Array(text.utf8)
      #expect(SentenceSplitter.sentences(bytes, in: 0..<bytes.count) == [2..<12, 23..<32])
    }

    @Test("treats CR LF as a line break and trims a byte-order mark")
    func crlfAndBOM() {
      let bytes = Array("\u{FEFF}Hi there\r\nBye\u{00A0}".utf8)
      #expect(SentenceSplitter.sentences(bytes, in: 0..<bytes.count) == [3..<11, 13..<16])
      #expect(
        Tokenizer.tokens(bytes, in: 0..<bytes.count).map(\.range) == [3..<5, 6..<11, 13..<16])
    }

    @Test("does not split web addresses and keeps to the given range")
    func addressesAndRange() {
      let bytes = Array("Q: ok? A: see hark.org for help. Thanks".utf8)
      #expect(SentenceSplitter.sentences(bytes, in: 7..<39) == [7..<32, 33..<39])
    }
  }

}

extension TextToolsTests {
  @Suite("Stemmer")
  struct StemmerTests {
    @Test(
      "gives inflections and derivations of one idea the same stem",
      arguments: [
        (["lonely", "loneliness"], "lone"),
        (["support", "supported", "supporting", "supportive", "supports", "supporter"], "support"),
        (["listen", "listened", "listening", "listens"], "listen"),
        (["care", "caring", "cared"], "care"),
        (["happy", "happiness"], "happi"),
        (["friendly", "friendliness"], "friend"),
        (["connection", "connected", "connecting"], "connect"),
      ])
    func sameStem(words: [String], stem: String) {
      #expect(words.map(Stemmer.stem) == Array(repeating: stem, count: words.count))
    }

    @Test("follows the published Porter2 examples")
    func porter2Examples() {
      let words = [
        "consign", "consigned", "consigning", "consignment", "generously", "communities", "skies",
        "dying", "hopping", "hoped", "agreed", "news", "ies",
      ]
      #expect(
        words.map(Stemmer.stem) == [
          "consign", "consign", "consign", "consign", "generous", "communiti", "sky", "die", "hop",
          "hope", "agre",
          "news", "ie",
        ])
    }

    @Test("an inflection stem takes off only plurals, possessives, -ed and -ing")
    func inflectionStem() {
      let words = [
        "listened", "listening", "listens", "hoped", "friends", "friend's", "friendly", "dependable",
        "depends", "continuity", "continued", "cried", "hopping",
      ]
      #expect(
        words.map(Stemmer.inflectionStem) == [
          "listen", "listen", "listen", "hope", "friend", "friend", "friendli", "dependable", "depend",
          "continuiti", "continu", "cri", "hop",
        ])
    }

    @Test("leaves short and non-English words alone")
    func unchanged() {
      #expect(["a", "is", "zoë", "dziękuję"].map(Stemmer.stem) == ["a", "is", "zoë", "dziękuję"])
    }

    @Test("a possessive of a lone letter or a short word leaves what is left: s's, a's, 's's")
    func possessivesOfShortWords() {
      #expect(["s's", "a's", "'s's", "us's"].map(Stemmer.stem) == ["s", "a", "s", "us"])
    }
  }
}
