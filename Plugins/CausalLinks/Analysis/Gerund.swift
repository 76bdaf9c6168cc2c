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
    if word.hasSuffix("ing") && word.count > 4 { return word }
    if let irregular = WordLists.irregularGerunds[word] { return irregular }
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
}
