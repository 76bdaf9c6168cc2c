// Words that change how much a statement counts: negators, intensifiers,
// downtoners, hedges and contrast words, in everyday UK English speech.
//
// Every function takes lowercased words as the tokenizer gives them. Both the
// straight (') and the curly (’) apostrophe are accepted, and so are the
// apostrophe-less spellings people type ("dont", "didnt").

public enum Modifiers {
  /// Whether `lower` negates what follows: "not", "never", "nobody",
  /// "without", "hardly", "didn't", "dont", a bare "n't" …
  public static func isNegator(_ lower: String) -> Bool {
    let word = straightApostrophes(lower)
    if negators.contains(word) { return true }
    // Contractions: "didn't", "wouldn't", and a split-off "n't".
    if word.hasSuffix("n't") { return true }
    // A tokenizer that splits at the apostrophe leaves "didn" + "t".
    return apostropheLessStems.contains(word)
  }

  /// The multiplier of an intensifier (> 1: "really" 1.3, "massively" 1.5) or
  /// a downtoner (< 1: "slightly" 0.6), or nil when `lower` is neither.
  /// Two-word ones ("a bit", "a lot") are in `intensity(_:_:)`.
  public static func intensity(_ lower: String) -> Double? {
    intensifiers[straightApostrophes(lower)]
  }

  /// The multiplier of a two-word intensifier or downtoner: "a bit" 0.7,
  /// "a little" 0.7, "a lot" 1.3, "so much" 1.3; nil otherwise.
  public static func intensity(_ first: String, _ second: String) -> Double? {
    twoWordIntensifiers[straightApostrophes(first) + " " + straightApostrophes(second)]
  }

  /// The multiplier of a hedge ("maybe" 0.6, "probably" 0.8), or nil.
  ///
  /// "sort" and "kind" alone are not hedges ("she was kind" is praise); the
  /// hedges "sort of" and "kind of" are in `hedge(_:_:)`, "sorta"/"kinda" here.
  public static func hedge(_ lower: String) -> Double? {
    hedges[straightApostrophes(lower)]
  }

  /// The multiplier of a two-word hedge: "sort of" 0.7, "kind of" 0.7,
  /// "i think" 0.8, "i guess" 0.7, "i suppose" 0.7 …; nil otherwise.
  public static func hedge(_ first: String, _ second: String) -> Double? {
    twoWordHedges[straightApostrophes(first) + " " + straightApostrophes(second)]
  }

  /// Whether `lower` turns the sentence round ("but", "however", "although"…),
  /// which ends the reach of a negator or modifier before it.
  public static func isContrast(_ lower: String) -> Bool {
    contrasts.contains(lower)
  }

  /// The index of the negator that governs `tokens[i]`, or nil.
  ///
  /// Looks back over at most `window` words. Punctuation, a contrast word
  /// ("but") or a clause opener ("because", "and", "when") ends the search,
  /// so in "I didn't go, but she listened" nothing negates "listened". Light
  /// words that only carry the negation along ("never once made me feel
  /// judged", "didn't really listen") do not count against the window.
  public static func negator(governing i: Int, in tokens: [Token], window: Int = 3) -> Int? {
    guard i > 0, i <= tokens.count else { return nil }
    var counted = 0
    var j = i - 1
    while j >= 0, counted < window {
      let token = tokens[j]
      if token.kind == .punctuation || isContrast(token.lower)
        || clauseOpeners.contains(token.lower)
      {
        return nil
      }
      if isNegator(token.lower) { return j }
      if !transparent.contains(token.lower) { counted += 1 }
      j -= 1
    }
    return nil
  }

  /// Words that start a new clause, beyond which a negator does not reach.
  private static let clauseOpeners: Set<String> = [
    "because", "cos", "and", "when", "until", "till", "which", "who", "if", "since", "after",
    "before",
    "while", "then",
  ]

  /// Words a negation passes through without using up its reach.
  private static let transparent: Set<String> = [
    "once", "ever", "really", "even", "actually", "always", "just", "properly", "exactly", "at",
    "all",
    "made", "make", "makes", "me", "you", "feel", "felt", "feeling", "very", "too", "quite", "that",
    "be", "been", "get", "got", "being",
  ]

  private static func straightApostrophes(_ word: String) -> String {
    guard word.unicodeScalars.contains("\u{2019}") else { return word }
    return String(String.UnicodeScalarView(word.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
  }

  private static let negators: Set<String> = [
    "not", "no", "never", "nothing", "nobody", "noone", "none", "neither", "nor", "nowhere",
    "without", "hardly", "barely", "cannot",
    // Typed without the apostrophe.
    "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "cant", "couldnt", "wouldnt",
    "shouldnt", "wont", "hasnt", "havent", "hadnt", "aint", "mustnt", "neednt",
  ]

  private static let apostropheLessStems: Set<String> = [
    "don", "didn", "doesn", "isn", "wasn", "weren", "aren", "couldn", "wouldn", "shouldn",
    "hasn", "haven", "hadn", "mustn", "needn",
  ]

  private static let intensifiers: [String: Double] = [
    "really": 1.3, "so": 1.25, "very": 1.3, "massively": 1.5, "hugely": 1.5, "absolutely": 1.4,
    "totally": 1.3, "completely": 1.4, "extremely": 1.5, "incredibly": 1.5, "enormously": 1.5,
    "seriously": 1.3, "truly": 1.3, "deeply": 1.4, "properly": 1.2, "such": 1.2, "massive": 1.4,
    "huge": 1.4, "definitely": 1.2, "genuinely": 1.2, "loads": 1.3,
    "slightly": 0.6, "somewhat": 0.7, "fairly": 0.8, "partly": 0.7, "mildly": 0.6,
    "marginally": 0.6, "quite": 0.9,
  ]

  private static let twoWordIntensifiers: [String: Double] = [
    "a bit": 0.7, "a little": 0.7, "a lot": 1.3, "so much": 1.3, "at all": 1.2, "big time": 1.3,
  ]

  private static let hedges: [String: Double] = [
    "maybe": 0.6, "perhaps": 0.6, "possibly": 0.6, "probably": 0.8, "might": 0.6,
    "might've": 0.6, "mightve": 0.6, "apparently": 0.7, "presumably": 0.7, "sometimes": 0.8,
    "likely": 0.8, "sorta": 0.7, "kinda": 0.7,
  ]

  private static let twoWordHedges: [String: Double] = [
    "sort of": 0.7, "kind of": 0.7, "i think": 0.8, "i guess": 0.7, "i suppose": 0.7,
    "i reckon": 0.8, "i believe": 0.8,
  ]

  private static let contrasts: Set<String> = [
    "but", "however", "although", "though", "yet", "whereas", "except", "nevertheless",
    "nonetheless",
  ]
}
