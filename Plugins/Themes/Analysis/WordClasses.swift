// What each word may do in a candidate concept, read from a file in the
// format of corpora/lexicons/themes-generic.txt, plus rules on word endings.
import HarkPluginKit

/// The part a word may play in a key phrase. Without a part-of-speech tagger
/// these classes stand in for "noun", "adjective or verb" and "topic word".
enum WordClass: Sendable {
  /// Never part of a phrase: function words, fillers, light verbs.
  case stop
  /// A noun too general to name a theme or make a phrase specific: "people", "time".
  case vague
  /// A noun for the setting of a story: "door", "bus", "phone".
  case scenery
  /// An adjective, verb or adverb that says something: "mental", "missed", "lonely".
  case describing
  /// An adjective that says little: "good", "same", "different".
  case vagueDescribing
  /// A word ending in "-ing" that is not known to be a noun: "waiting", "mentoring".
  case gerund
  /// Any other word: taken for a noun that may be a theme, with less weight.
  case ordinary
  /// A topic word: a theme on its own, at full weight: "trust", "loneliness".
  case theme

  /// Whether a word of this class may be a concept by itself.
  var mayStandAlone: Bool { self == .ordinary || self == .theme }

  /// Whether words of this class are taken for nouns, which may end a
  /// phrase of several words.
  var isNoun: Bool {
    switch self {
    case .vague, .scenery, .gerund, .ordinary, .theme: true
    case .stop, .describing, .vagueDescribing: false
    }
  }

  /// Whether a phrase with a word of this class is specific enough to be a concept.
  var isSpecific: Bool {
    switch self {
    case .scenery, .describing, .gerund, .ordinary, .theme: true
    case .stop, .vague, .vagueDescribing: false
    }
  }
}

/// The word lists of the Themes plugin, and the rules that classify any word.
struct WordClasses: Sendable {
  /// Words named in a section of the file, with their class.
  var listed: [String: WordClass] = [:]
  /// Words that count as mentions of an experience, with its label:
  /// "judged" → "being judged".
  var experiences: [String: String] = [:]

  /// The built-in lists: the text of corpora/lexicons/themes-generic.txt.
  static let builtIn: WordClasses = {
    do {
      return try WordClasses(parsing: defaultWordClassesText, source: "built-in word classes")
    } catch {
      fatalError("the built-in word classes of the Themes plugin do not parse: \(error)")
    }
  }()

  init() {}

  /// Reads the sections of `text`; `source` names the file in errors.
  init(parsing text: String, source: String) throws {
    let sections: [String: WordClass?] = [
      "vague": .vague, "scenery": .scenery, "describing": .describing,
      "vague describing": .vagueDescribing, "nouns": .ordinary, "themes": .theme, "experiences": nil,
    ]
    var section: (name: String, wordClass: WordClass?)?
    var lineOf: [String: (line: Int, section: String)] = [:]
    var number = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      let line = String(rawLine.prefix { $0 != "#" }).trimmed
      if line.isEmpty { continue }
      if line.hasPrefix("[") && line.hasSuffix("]") {
        let name = String(line.dropFirst().dropLast()).trimmed.lowercased()
        guard let wordClass = sections[name] else {
          throw PluginError(
            "\(source), line \(number): unknown section \"[\(name)]\". "
              + "Use one of [vague], [scenery], [describing], [vague describing], [nouns], [themes], [experiences]."
          )
        }
        section = (name, wordClass)
        continue
      }
      guard let current = section else {
        throw PluginError(
          "\(source), line \(number): \"\(line)\" comes before any section. "
            + "Start the list with a heading such as [scenery].")
      }
      var words: [String]
      var label: String?
      if current.wordClass == nil {
        guard let colon = line.firstIndex(of: ":") else {
          throw PluginError(
            "\(source), line \(number): an experience is written \"label: word word\", "
              + "as in \"being judged: judged judging\"; got \"\(line)\".")
        }
        label = String(line[..<colon]).trimmed
        words = line[line.index(after: colon)...].split(separator: " ").map(String.init)
        guard label?.isEmpty == false, !words.isEmpty else {
          throw PluginError(
            "\(source), line \(number): an experience needs a label and at least one word, "
              + "as in \"being judged: judged judging\"; got \"\(line)\".")
        }
      } else {
        words = line.split(separator: " ").map(String.init)
        guard words.count == 1 else {
          throw PluginError(
            "\(source), line \(number): one word a line, got \"\(line)\". "
              + "Write a word of several parts with hyphens, as the text does (\"drop-in\").")
        }
      }
      for word in words.map({ $0.lowercased() }) {
        if let earlier = lineOf[word] {
          throw PluginError(
            "\(source), line \(number): \"\(word)\" is already in [\(earlier.section)] "
              + "on line \(earlier.line). Keep each word in one section.")
        }
        lineOf[word] = (number, current.name)
        if let wordClass = current.wordClass {
          listed[word] = wordClass
        } else if let label {
          experiences[word] = label
        }
      }
    }
  }

  /// Endings of abstract nouns, which name topics: "loneliness", "isolation".
  private static let abstractEndings = [
    "ness", "ity", "ety", "ism", "ment", "tion", "sion", "ence", "ance", "ship", "hood",
  ]

  /// The class of a lowercased word, given the stopwords in force.
  func classify(_ lower: String, stopwords: Set<String>) -> WordClass {
    if stopwords.contains(lower) || lower.utf8.count < 2 || lower.hasPrefix("'") { return .stop }
    if let known = listed[lower] { return known }
    // Contractions are function words: "who've", "they'd", "shouldn't".
    if lower.contains("'")
      && ["'ve", "'re", "'ll", "'d", "n't", "'m"].contains(where: { lower.hasSuffix($0) })
    {
      return .stop
    }
    // "carer's" is a carer; "someone's" is as empty as "someone".
    if lower.hasSuffix("'s") {
      let base = String(lower.dropLast(2))
      return base.utf8.count < 2 ? .stop : classify(base, stopwords: stopwords)
    }
    if lower.contains("-") { return classifyCompound(lower, stopwords: stopwords) }
    guard lower.utf8.first.map({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) == true
    else { return .ordinary }
    let length = lower.utf8.count
    if length > 4 && lower.hasSuffix("ly") { return .vagueDescribing }
    if length > 4 && lower.hasSuffix("ed") && !lower.hasSuffix("eed") { return .describing }
    if length > 5 && lower.hasSuffix("ful") { return .describing }
    if length > 5 && lower.hasSuffix("ing") { return .gerund }
    if length > 5 && Self.abstractEndings.contains(where: { lower.hasSuffix($0) }) { return .theme }
    return .ordinary
  }

  /// "drop-in" and "follow-up" are nouns although they end in a stopword;
  /// "part-time" takes the class of "time" unless listed; long chains
  /// ("not-leaving-the-flat") are one-off coinages, not concepts.
  private func classifyCompound(_ lower: String, stopwords: Set<String>) -> WordClass {
    let parts = lower.split(separator: "-").map(String.init)
    guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) else {
      return .stop
    }
    let classes = parts.map { classify($0, stopwords: stopwords) }
    if classes.allSatisfy({ $0 == .stop }) { return .stop }
    return classes.last == .stop ? .ordinary : classes[classes.count - 1]
  }
}

extension String {
  fileprivate var trimmed: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
