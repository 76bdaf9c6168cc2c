// Words that change how much the sentiment words near them count: negators,
// intensifiers and downtoners, hedges, contrast words, and the small words a
// negation reaches through. They live here, not in the lexicon file, so a
// researcher's own lexicon keeps them.

/// One valence shifter: a word or phrase and what it does.
struct Shifter: Sendable {
  var term: String
  var roles: ShifterRoles
  var boost = 0.0
  var hedge = 1.0
}

enum ValenceShifters {
  static let all: [Shifter] =
    negators.map { Shifter(term: $0, roles: .negator) }
    + boosters.map { Shifter(term: $0.0, roles: .booster, boost: $0.1) }
    + hedges.map { Shifter(term: $0.0, roles: .hedge, hedge: $0.1) }
    + turning.map { Shifter(term: $0, roles: .turning) }
    + [Shifter(term: "yet", roles: [.turning, .turningAtClauseStart])]
    + concessive.map { Shifter(term: $0, roles: .concessive) }
    + clauseOpeners.map { Shifter(term: $0, roles: .clauseOpener) }
    + transparent.map { Shifter(term: $0, roles: .transparent) }
    + [
      Shifter(term: "least", roles: .least),
      // Phrases that only block their words: "at least" is not "least", and
      // "kind" in "what kind" is not praise.
      Shifter(term: "at least", roles: []),
    ]

  /// Words ending in "n't" are negators too; the scanner marks them.
  static let negators = [
    "not", "no", "never", "nothing", "nobody", "noone", "none", "neither", "nor", "nowhere",
    "without", "hardly", "barely", "scarcely", "cannot", "nt",
    // Typed without the apostrophe.
    "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "cant", "couldnt", "wouldnt",
    "shouldnt", "wont", "hasnt", "havent", "hadnt", "aint", "mustnt", "neednt", "dnt", "dun",
    // What is left when an odd apostrophe ("don´t") splits the word.
    "don", "didn", "doesn", "isn", "wasn", "weren", "aren", "couldn", "wouldn", "shouldn",
    "hasn", "haven", "hadn", "mustn", "needn",
  ]

  /// Intensifiers (> 0) and downtoners (< 0): 0.3 makes the term after them count 1.3×.
  static let boosters: [(String, Double)] = [
    ("absolutely", 0.35), ("amazingly", 0.3), ("awfully", 0.3), ("completely", 0.3),
    ("considerably", 0.25), ("decidedly", 0.2), ("deeply", 0.3), ("effing", 0.3),
    ("enormously", 0.35), ("entirely", 0.25), ("especially", 0.25), ("exceptionally", 0.35),
    ("extremely", 0.4), ("extraordinarily", 0.35), ("fabulously", 0.3), ("flipping", 0.25),
    ("flippin", 0.25), ("freaking", 0.3), ("freakin", 0.3), ("fricking", 0.3), ("frickin", 0.3),
    ("frigging", 0.3), ("friggin", 0.3), ("fucking", 0.35), ("fuckin", 0.35), ("fully", 0.2),
    ("greatly", 0.3), ("hella", 0.3), ("highly", 0.3), ("hugely", 0.35), ("incredibly", 0.35),
    ("intensely", 0.3), ("insanely", 0.35), ("majorly", 0.3), ("massively", 0.35),
    ("particularly", 0.2), ("purely", 0.15), ("really", 0.3), ("rly", 0.3), ("realy", 0.3),
    ("remarkably", 0.3), ("ridiculously", 0.35), ("seriously", 0.3), ("so", 0.25),
    ("substantially", 0.25), ("super", 0.3), ("terribly", 0.3), ("thoroughly", 0.3),
    ("totally", 0.3), ("tremendously", 0.35), ("truly", 0.3), ("uber", 0.3),
    ("unbelievably", 0.35), ("unusually", 0.25), ("utterly", 0.35), ("very", 0.3), ("vry", 0.3),
    ("damn", 0.25), ("damned", 0.25), ("bloody", 0.3), ("mega", 0.3), ("such", 0.2),
    ("pretty", 0.15), ("genuinely", 0.2), ("definitely", 0.2), ("properly", 0.2),
    ("massive", 0.3), ("huge", 0.3), ("loads", 0.3), ("real", 0.2), ("most", 0.25),
    ("more", 0.15), ("too", 0.2), ("sooo", 0.35), ("soo", 0.3), ("way", 0.2),
    ("so much", 0.3), ("a lot", 0.3), ("big time", 0.3), ("at all", 0.2), ("so very", 0.4),
    // Downtoners.
    ("almost", -0.25), ("slightly", -0.4), ("somewhat", -0.3), ("fairly", -0.2),
    ("partly", -0.3), ("partially", -0.3), ("mildly", -0.4), ("marginally", -0.4),
    ("moderately", -0.2), ("occasionally", -0.3), ("quite", -0.1), ("rather", -0.1),
    ("less", -0.3), ("a bit", -0.3), ("a little", -0.3), ("a tad", -0.3), ("little", -0.3),
    ("a little bit", -0.35),
  ]

  /// Hedges: the sentence they are in counts this much.
  static let hedges: [(String, Double)] = [
    ("maybe", 0.6), ("perhaps", 0.6), ("possibly", 0.6), ("probably", 0.8), ("might", 0.7),
    ("might've", 0.7), ("mightve", 0.7), ("apparently", 0.7), ("presumably", 0.7),
    ("sometimes", 0.8), ("likely", 0.8), ("sorta", 0.7), ("kinda", 0.7), ("sort of", 0.7),
    ("kind of", 0.7), ("i think", 0.85), ("i guess", 0.75), ("i suppose", 0.75),
    ("i reckon", 0.85), ("i believe", 0.85),
  ]

  /// After these the sentence turns: what follows is the point.
  static let turning = ["but", "however", "nevertheless", "nonetheless"]

  /// These open a concession: the clause they open matters less.
  static let concessive = ["although", "though", "whereas", "even though", "despite"]

  /// A negator does not reach past the start of a new clause.
  static let clauseOpeners = [
    "because", "cos", "cuz", "coz", "and", "when", "until", "till", "which", "who", "if", "since",
    "after", "before", "while", "then", "except",
  ]

  /// A negation passes through these without using up its reach:
  /// "never once made me feel judged", "didn't really listen".
  static let transparent = [
    "once", "ever", "really", "even", "actually", "always", "just", "properly", "exactly", "at",
    "all", "made", "make", "makes", "me", "you", "feel", "felt", "feeling", "very", "too",
    "quite", "that", "be", "been", "get", "got", "being", "so", "seem", "seems", "seemed",
  ]
}
