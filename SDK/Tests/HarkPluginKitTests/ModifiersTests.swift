import HarkPluginKit
import Testing

@Suite("Modifiers")
struct ModifiersTests {
  private func tokens(_ text: String) -> [Token] {
    let bytes = Array(text.utf8)
    return Tokenizer.tokens(bytes, in: 0..<bytes.count)
  }

  private func index(of word: String, in tokens: [Token]) -> Int {
    tokens.firstIndex { $0.lower == word }!
  }

  @Test("plain negators, contractions with either apostrophe, and apostrophe-less spellings")
  func negators() {
    for word in [
      "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly",
      "barely",
      "don't", "didn't", "wasn't", "couldn't", "won't", "can't", "isn't", "didn’t", "n't", "dont",
      "didnt",
    ] {
      #expect(Modifiers.isNegator(word), "\(word) should negate")
    }
    for word in ["now", "know", "note", "nothingness", "listened", "but"] {
      #expect(!Modifiers.isNegator(word), "\(word) should not negate")
    }
  }

  @Test("intensifiers raise and downtoners lower, one and two words")
  func intensity() {
    #expect(Modifiers.intensity("really") == 1.3)
    #expect(Modifiers.intensity("so") == 1.25)
    #expect(Modifiers.intensity("massively") == 1.5)
    #expect(Modifiers.intensity("absolutely") == 1.4)
    #expect(Modifiers.intensity("slightly") == 0.6)
    #expect(Modifiers.intensity("somewhat") == 0.7)
    #expect(Modifiers.intensity("support") == nil)
    #expect(Modifiers.intensity("a", "bit") == 0.7)
    #expect(Modifiers.intensity("a", "lot") == 1.3)
    #expect(Modifiers.intensity("a", "cup") == nil)
  }

  @Test("hedges weaken; 'kind' and 'sort' alone are not hedges, 'kind of' is")
  func hedges() {
    #expect(Modifiers.hedge("maybe") == 0.6)
    #expect(Modifiers.hedge("perhaps") == 0.6)
    #expect(Modifiers.hedge("probably") == 0.8)
    #expect(Modifiers.hedge("might") == 0.6)
    #expect(Modifiers.hedge("kinda") == 0.7)
    #expect(Modifiers.hedge("kind") == nil)
    #expect(Modifiers.hedge("sort") == nil)
    #expect(Modifiers.hedge("kind", "of") == 0.7)
    #expect(Modifiers.hedge("sort", "of") == 0.7)
    #expect(Modifiers.hedge("i", "think") == 0.8)
    #expect(Modifiers.hedge("i", "know") == nil)
  }

  @Test("contrast words")
  func contrasts() {
    for word in ["but", "however", "although", "though", "yet", "whereas"] {
      #expect(Modifiers.isContrast(word))
    }
    #expect(!Modifiers.isContrast("and"))
  }

  @Test("a negator governs a word up to three words later")
  func governsWithinWindow() {
    let t = tokens("Nobody ever listened to me")
    #expect(Modifiers.negator(governing: index(of: "listened", in: t), in: t) == 0)
    let u = tokens("I wasn't listened to")
    #expect(Modifiers.negator(governing: index(of: "listened", in: u), in: u) == 1)
    let far = tokens("I didn't think the new worker listened")
    #expect(Modifiers.negator(governing: index(of: "listened", in: far), in: far) == nil)
  }

  @Test("light words like 'once made me feel' do not use up the window")
  func transparentWords() {
    let t = tokens("Jo never once made me feel judged")
    #expect(Modifiers.negator(governing: index(of: "judged", in: t), in: t) == 1)
  }

  @Test("punctuation, contrast words and clause openers end a negator's reach")
  func scopeEnds() {
    let comma = tokens("No, she listened")
    #expect(Modifiers.negator(governing: index(of: "listened", in: comma), in: comma) == nil)
    let but = tokens("I didn't go but she listened")
    #expect(Modifiers.negator(governing: index(of: "listened", in: but), in: but) == nil)
    let because = tokens("I never went because it helped")
    #expect(Modifiers.negator(governing: index(of: "helped", in: because), in: because) == nil)
    #expect(Modifiers.negator(governing: 0, in: because) == nil)
  }
}
