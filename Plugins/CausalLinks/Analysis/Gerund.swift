// Turns a verb into its "-ing" form, so that labels name activities:
// "I'd have lost the tenancy" → "losing tenancy".

enum Gerund {
  /// The "-ing" form of a verb: "get" → "getting", "relapsed" → "relapsing".
  static func of(_ word: String, thirdPerson: Bool) -> String? {
    guard word.count >= 2,
      word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" })
    else {
      return nil
    }
    // A word that cannot be a verb has no "-ing" form: an adverb in "-ly"
    // ("eventually"), a number ("seven"), "always".
    if notVerbs.contains(word) || WordLists.numberWords.contains(word) { return nil }
    if word.hasSuffix("ly") && word.count > 4 && !verbsInLy.contains(word) { return nil }
    if word.hasSuffix("ing") && word.count > 4 { return word }
    if let irregular = WordLists.irregularGerunds[word] ?? irregularPasts[word] { return irregular }
    if word.hasSuffix("ied") && word.count > 4 { return String(word.dropLast(3)) + "ying" }
    if word.hasSuffix("ed") && word.count > 4 && !WordLists.baseEndingInEd.contains(word) {
      return String(word.dropLast(2)) + "ing"
    }
    var base = word
    if thirdPerson && word.count > 3 {
      if word.hasSuffix("ies") {
        base = String(word.dropLast(3)) + "y"
      } else if ["ches", "shes", "sses", "xes"].contains(where: { word.hasSuffix($0) }) {
        base = String(word.dropLast(2))
      } else if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") {
        base = String(word.dropLast())
      }
    }
    if let irregular = WordLists.irregularGerunds[base] { return irregular }
    if base.hasSuffix("ie") { return String(base.dropLast(2)) + "ying" }
    if ["ee", "oe", "ye"].contains(where: { base.hasSuffix($0) }) { return base + "ing" }
    if base.hasSuffix("e") && base.count > 2 { return String(base.dropLast()) + "ing" }
    // One short syllable ending consonant-vowel-consonant doubles: "get" → "getting".
    let letters = Array(base.unicodeScalars)
    let vowels = Set("aeiou".unicodeScalars)
    var groups = 0
    for (k, letter) in letters.enumerated()
    where vowels.contains(letter) && (k == 0 || !vowels.contains(letters[k - 1])) {
      groups += 1
    }
    let n = letters.count
    if n >= 3, groups == 1, !vowels.contains(letters[n - 1]),
      !"wxy".unicodeScalars.contains(letters[n - 1]),
      vowels.contains(letters[n - 2]), !vowels.contains(letters[n - 3])
    {
      return base + String(letters[n - 1]) + "ing"
    }
    return base + "ing"
  }

  /// Verbs that end in "-ly": "I had to apply", "we could rely on".
  static let verbsInLy: Set<String> = [
    "apply", "reply", "rely", "supply", "multiply", "comply", "imply", "ally", "bully", "rally", "tally", "fly",
    "applies", "replies", "relies", "supplies", "flies", "bullies",
  ]

  /// Short words that sit where a verb would and are never one.
  static let notVerbs: Set<String> = [
    "always", "also", "just", "still", "even", "only", "both", "all", "each", "never", "ever", "often", "soon",
    "then", "now", "here", "there", "very", "too", "quite", "rather", "almost", "again", "perhaps", "maybe",
    "already", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "mostly", "once",
  ]

  /// Irregular past forms the shared list lacks: "it grew" → "growing", not "grewing".
  static let irregularPasts: [String: String] = [
    "grew": "growing", "grown": "growing", "blew": "blowing", "blown": "blowing", "built": "building",
    "threw": "throwing", "thrown": "throwing", "drew": "drawing", "drawn": "drawing", "flew": "flying",
    "flown": "flying", "rode": "riding", "ridden": "riding", "drove": "driving", "driven": "driving",
    "chose": "choosing", "chosen": "choosing", "rose": "rising", "risen": "rising", "sold": "selling",
    "taught": "teaching", "caught": "catching", "fought": "fighting", "sought": "seeking", "meant": "meaning",
    "sang": "singing", "sung": "singing", "swam": "swimming", "wore": "wearing", "worn": "wearing",
    "tore": "tearing", "torn": "tearing", "froze": "freezing", "frozen": "freezing", "hid": "hiding",
    "hidden": "hiding", "shook": "shaking", "shaken": "shaking", "stole": "stealing", "stolen": "stealing",
    "bitten": "biting", "beat": "beating", "beaten": "beating", "dug": "digging",
    "hung": "hanging", "lent": "lending", "bent": "bending", "sent": "sending", "lit": "lighting",
    "fled": "fleeing", "bred": "breeding", "dealt": "dealing", "struck": "striking", "stuck": "sticking",
    "swung": "swinging", "forgave": "forgiving", "forgiven": "forgiving",
    "understood": "understanding", "upset": "upsetting", "shot": "shooting", "slid": "sliding",
    "spread": "spreading", "split": "splitting", "let": "letting", "set": "setting", "put": "putting",
    "cut": "cutting", "hit": "hitting", "shut": "shutting", "hurt": "hurting", "cost": "costing",
  ]
}
