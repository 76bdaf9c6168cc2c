// An English stemmer after the Porter2 ("English Snowball") rules, so that
// "support", "supported", "supporting" and "supportive" count as one idea.

/// Reduces an English word to its stem.
///
/// Follows the published Porter2 steps (regions R1/R2, steps 0–5), with one
/// change: a "-li" left behind by "-ness"/"-ful" ("loneliness" → "loneli") is
/// removed as it would be from "-ly", so "lonely" and "loneliness" share the
/// stem "lone". Words with non-ASCII letters are returned unchanged.
public enum Stemmer {
  public static func stem(_ lowerWord: String) -> String {
    switch withoutInflections(lowerWord) {
    case .finished(let stem): return stem
    case .stemming(var w):
      w.step2()
      w.step3()
      w.step4()
      w.step5()
      return w.string
    }
  }

  /// The word with only its inflections taken off (Porter2 steps 0 to 1c:
  /// plurals, possessives, "-ed", "-ing"), so "listened" and "listening"
  /// give "listen" while "friendly" stays apart from "friend" and
  /// "dependable" from "depends", which `stem(_:)` merges.
  public static func inflectionStem(_ lowerWord: String) -> String {
    switch withoutInflections(lowerWord) {
    case .finished(let stem): return stem
    case .stemming(let w): return w.string
    }
  }

  /// Where steps 0 to 1c leave a word: finished early (an exception, a short
  /// or non-English word, a word listed after step 1a) or still stemming.
  private enum Inflections {
    case finished(String)
    case stemming(Word)
  }

  private static func withoutInflections(_ lowerWord: String) -> Inflections {
    if let exception = exceptions[lowerWord] { return .finished(exception) }
    guard lowerWord.utf8.count > 2, lowerWord.utf8.allSatisfy({ $0 >= UInt8(ascii: "'") && $0 < 0x80 }) else {
      return .finished(lowerWord)
    }
    var w = Word(Array(lowerWord.utf8))
    if w.bytes.first == apostrophe { w.bytes.removeFirst() }
    w.markConsonantY()
    w.computeRegions()
    w.step0()
    w.step1a()
    if afterStep1a.contains(w.string) { return .finished(w.string) }
    w.step1b()
    w.step1c()
    return .stemming(w)
  }

  private static let exceptions: [String: String] = [
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
    "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
    "sky": "sky",
    "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
    "andes": "andes",
  ]

  private static let afterStep1a: Set<String> = [
    "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
  ]
}

private let apostrophe = UInt8(ascii: "'")
/// A "y" that acts as a consonant ("youth", "saying") is written as "Y" while stemming.
private let capitalY = UInt8(ascii: "Y")

private func isVowel(_ c: UInt8) -> Bool {
  switch c {
  case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
    UInt8(ascii: "u"),
    UInt8(ascii: "y"):
    return true
  default: return false
  }
}

private struct Word {
  var bytes: [UInt8]
  var r1 = 0
  var r2 = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var string: String {
    String(decoding: bytes.map { $0 == capitalY ? UInt8(ascii: "y") : $0 }, as: UTF8.self)
  }

  mutating func markConsonantY() {
    if bytes.first == UInt8(ascii: "y") { bytes[0] = capitalY }
    for i in bytes.indices.dropFirst() where bytes[i] == UInt8(ascii: "y") && isVowel(bytes[i - 1]) {
      bytes[i] = capitalY
    }
  }

  mutating func computeRegions() {
    let n = bytes.count
    r1 = n
    for prefix in ["gener", "commun", "arsen"] where hasPrefix(prefix) {
      r1 = prefix.utf8.count
    }
    if r1 == n { r1 = regionStart(after: 0) }
    r2 = regionStart(after: r1)
  }

  /// The index after the first non-vowel that follows a vowel, at or after `start`.
  private func regionStart(after start: Int) -> Int {
    var i = start + 1
    while i < bytes.count {
      if !isVowel(bytes[i]) && isVowel(bytes[i - 1]) { return i + 1 }
      i += 1
    }
    return bytes.count
  }

  func hasPrefix(_ prefix: String) -> Bool { bytes.starts(with: prefix.utf8) }

  func ends(_ suffix: String) -> Bool {
    let s = Array(suffix.utf8)
    return bytes.count >= s.count && Array(bytes[(bytes.count - s.count)...]) == s
  }

  /// The longest of `suffixes` the word ends with.
  func longest(_ suffixes: [String]) -> String? {
    var best: String?
    for s in suffixes where ends(s) && s.utf8.count > (best?.utf8.count ?? 0) { best = s }
    return best
  }

  func inR1(_ suffix: String) -> Bool { bytes.count - suffix.utf8.count >= r1 }
  func inR2(_ suffix: String) -> Bool { bytes.count - suffix.utf8.count >= r2 }

  mutating func replace(_ suffix: String, with replacement: String) {
    bytes.removeLast(suffix.utf8.count)
    bytes.append(contentsOf: replacement.utf8)
  }

  func containsVowel(_ range: Range<Int>) -> Bool { bytes[range].contains(where: isVowel) }

  /// Whether the first `n` letters end in a short syllable.
  func endsInShortSyllable(_ n: Int) -> Bool {
    if n == 2 { return isVowel(bytes[0]) && !isVowel(bytes[1]) }
    guard n >= 3 else { return false }
    let last = bytes[n - 1]
    return !isVowel(bytes[n - 3]) && isVowel(bytes[n - 2]) && !isVowel(last)
      && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != capitalY
  }

  var isShort: Bool { r1 >= bytes.count && endsInShortSyllable(bytes.count) }

  mutating func step0() {
    if let s = longest(["'s'", "'s", "'"]) { bytes.removeLast(s.utf8.count) }
  }

  mutating func step1a() {
    guard let s = longest(["sses", "ied", "ies", "us", "ss", "s"]) else { return }
    switch s {
    case "sses": replace(s, with: "ss")
    case "ied", "ies": replace(s, with: bytes.count > 4 ? "i" : "ie")
    // A vowel before the letter ahead of the "s"; step 0 can leave a lone
    // "s" ("S's"), which has no such letter.
    case "s": if bytes.count >= 2 && containsVowel(0..<(bytes.count - 2)) { bytes.removeLast() }
    default: break
    }
  }

  mutating func step1b() {
    guard let s = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
    if s == "eed" || s == "eedly" {
      if inR1(s) { replace(s, with: "ee") }
      return
    }
    guard containsVowel(0..<(bytes.count - s.utf8.count)) else { return }
    bytes.removeLast(s.utf8.count)
    if ends("at") || ends("bl") || ends("iz") {
      bytes.append(UInt8(ascii: "e"))
    } else if let last = bytes.last, bytes.count >= 2, bytes[bytes.count - 2] == last,
      Array("bdfgmnprt".utf8).contains(last)
    {
      bytes.removeLast()
    } else if isShort {
      bytes.append(UInt8(ascii: "e"))
    }
  }

  mutating func step1c() {
    let n = bytes.count
    guard n > 2, bytes[n - 1] == UInt8(ascii: "y") || bytes[n - 1] == capitalY,
      !isVowel(bytes[n - 2])
    else { return }
    bytes[n - 1] = UInt8(ascii: "i")
  }

  private static let step2Rules: [String: String] = [
    "tional": "tion", "enci": "ence", "anci": "ance", "abli": "able", "entli": "ent", "izer": "ize",
    "ization": "ize", "ational": "ate", "ation": "ate", "ator": "ate", "alism": "al", "aliti": "al",
    "alli": "al", "fulness": "ful", "ousli": "ous", "ousness": "ous", "iveness": "ive",
    "iviti": "ive",
    "biliti": "ble", "bli": "ble", "ogi": "og", "fulli": "ful", "lessli": "less", "li": "",
  ]
  private static let step2Suffixes = Array(step2Rules.keys)

  mutating func step2() {
    guard let s = longest(Self.step2Suffixes), inR1(s) else { return }
    if s == "ogi" {
      guard bytes.count > 3, bytes[bytes.count - 4] == UInt8(ascii: "l") else { return }
    }
    if s == "li" { return removeLiEnding() }
    replace(s, with: Self.step2Rules[s]!)
  }

  /// Drops "li" in R1 after a letter that can end a word before "-ly" ("lonel-y").
  private mutating func removeLiEnding() {
    guard ends("li"), inR1("li"), bytes.count > 2,
      Array("cdeghkmnrt".utf8).contains(bytes[bytes.count - 3])
    else { return }
    bytes.removeLast(2)
  }

  private static let step3Rules: [String: String] = [
    "tional": "tion", "ational": "ate", "alize": "al", "icate": "ic", "iciti": "ic", "ical": "ic",
    "ful": "", "ness": "", "ative": "",
  ]
  private static let step3Suffixes = Array(step3Rules.keys)

  mutating func step3() {
    guard let s = longest(Self.step3Suffixes), inR1(s) else { return }
    if s == "ative" {
      if inR2(s) { bytes.removeLast(s.utf8.count) }
      return
    }
    replace(s, with: Self.step3Rules[s]!)
    // Hark's change to Porter2: "loneliness" → "loneli" → "lone", like "lonely".
    if s == "ness" || s == "ful" { removeLiEnding() }
  }

  private static let step4Suffixes = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
    "iti", "ous",
    "ive", "ize", "ion",
  ]

  mutating func step4() {
    guard let s = longest(Self.step4Suffixes), inR2(s) else { return }
    if s == "ion" {
      guard bytes.count > 3,
        bytes[bytes.count - 4] == UInt8(ascii: "s") || bytes[bytes.count - 4] == UInt8(ascii: "t")
      else { return }
    }
    bytes.removeLast(s.utf8.count)
  }

  mutating func step5() {
    if ends("e") {
      if inR2("e") || (inR1("e") && !endsInShortSyllable(bytes.count - 1)) { bytes.removeLast() }
    } else if ends("ll"), inR2("l") {
      bytes.removeLast()
    }
  }
}
