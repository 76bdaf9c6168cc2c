// Turns the phrase counts of a corpus into ranked themes with labels and reasons.
import Foundation

/// Ranks the phrases of a corpus as candidate themes. How a phrase becomes
/// a theme, and how themes are ordered:
///
/// 1. Eligible: the phrase occurs in at least `minDocuments` documents.
///    Which phrases were counted at all is the extractor's business: a word
///    alone must be a noun that may stand alone, a longer phrase must end in
///    a noun (see `PhraseExtractor` and corpora/lexicons/themes-generic.txt).
///
/// 2. Nested phrases:
///    - when a longer eligible phrase accounts for at least half the mentions
///      of a shorter one inside it, the shorter one is dropped ("peer" inside
///      "peer support"), unless the longer one starts with a word that says
///      little ("proper supervision" keeps "supervision");
///    - if the shorter one is the head word of that two-word phrase ("list"
///      in "waiting list"), the phrase also takes over the head word's other
///      mentions, which mostly say the same thing for short ("the list");
///    - a word that heads compound nouns, even rare ones, in at least half
///      its mentions is dropped too: it names their category ("group" in
///      "peer group", "men's group", "Tuesday group").
///
/// 3. Score = log₂(1 + mentions) × √spread × weight, where
///    - mentions counts the phrase, plus any head-word mentions it absorbed;
///    - spread = documents with the phrase / all documents
///             + speakers who said it / all speakers (counted per document),
///      so a phrase many people use beats one person repeating it; the
///      square root keeps a specific phrase used in a few documents ahead of
///      a plain noun used everywhere;
///    - weight favours phrases that name something specific:
///
///          three content words                                 1.8
///          two content words ("peer support"), or one word
///            written with a hyphen ("drop-in")                 1.6
///          one topic word or experience ("trust",
///            "loneliness", "being judged")                     1.0
///          one ordinary noun ("doctor", "job")                 0.3
///          one name ("Northgate", "Somali")                    0.25
///          a name of several words ("Town Centre")             half of the above
///
///      A single word whose mentions are only partly topic-word forms gets a
///      weight between 0.3 and 1.0, in proportion.
///
/// 4. The best `maxConcepts` are kept; ties go to the alphabetically first
///    label. Confidence runs from 0.35 to 0.95 with the score relative to
///    the best theme's.
enum ThemeRanking {
  /// A phrase inside a longer one is dropped when the longer one accounts
  /// for at least this share of its mentions ("peer" inside "peer support").
  static let subsumedShare = 0.5

  static let weightThreeWords = 1.8
  static let weightTwoWords = 1.6
  static let weightStrongWord = 1.0
  static let weightOrdinaryWord = 0.3
  static let weightName = 0.25

  /// Scores every phrase found in at least `minDocuments` documents and
  /// returns the best `maxConcepts`.
  static func rank(
    _ phrases: [PackedIDs: PhraseStats], vocabulary: Vocabulary, documents: Int, speakers: Int,
    minDocuments: Int, maxConcepts: Int
  ) -> [Theme] {
    guard documents > 0 else { return [] }
    let eligible = phrases.filter { $0.value.documents >= minDocuments }

    // The longer eligible phrase with the most mentions containing each key.
    // A phrase led by a word that says little ("proper supervision", "same
    // worker") never hides the words inside it.
    var longer: [PackedIDs: (key: PackedIDs, count: Int)] = [:]
    for (key, stats) in eligible {
      let parts = key.ids
      guard parts.count > 1, !startsVaguely(stats, vocabulary) else { continue }
      for sub in subphrases(parts, vocabulary) {
        if let known = longer[sub],
          known.count > stats.count || (known.count == stats.count && known.key < key)
        {
          continue
        }
        longer[sub] = (key, stats.count)
      }
    }
    // Mentions of each eligible word as the head of a compound noun, all
    // together, counting compounds too rare to be concepts themselves.
    var asHead: [PackedIDs: Int] = [:]
    for (key, stats) in phrases where key.count == 2 {
      guard let head = key.ids.last.map({ PackedIDs([$0]) }), eligible[head] != nil,
        firstWordClass(stats, vocabulary)?.isNoun == true
      else { continue }
      asHead[head, default: 0] += stats.count
    }
    var absorbed: [PackedIDs: (count: Int, word: PackedIDs)] = [:]
    var dropped: Set<PackedIDs> = []
    for (key, stats) in eligible {
      // A word used mostly as the head of compounds is their category, not
      // a theme: "group" in "peer group", "men's group", "Tuesday group".
      if let headed = asHead[key], Double(headed) >= subsumedShare * Double(stats.count) {
        dropped.insert(key)
      }
      guard let outer = longer[key], Double(outer.count) >= subsumedShare * Double(stats.count) else {
        continue
      }
      dropped.insert(key)
      let outerParts = outer.key.ids
      if key.count == 1, outerParts.count == 2, outerParts.last == key.ids.first {
        // Only mentions outside the phrase are new; some forms of the head
        // ("support", which is vague) are never counted alone.
        absorbed[outer.key] = (max(0, stats.count - outer.count), key)
      }
    }

    var scored: [(key: PackedIDs, stats: PhraseStats, label: String, forms: [String], score: Double)] = []
    for (key, stats) in eligible where !dropped.contains(key) {
      let forms = surfaceForms(stats.surfaces, vocabulary: vocabulary)
      let parts = key.ids
      // An experience is named by its label; its forms are the words said.
      let isExperience = parts.count == 1 && vocabulary.isExperience(stem: parts[0])
      var label = isExperience ? vocabulary.stems[Int(parts[0])] : forms.first ?? ""
      var words = parts.filter { !vocabulary.isConnector(stem: $0) }.count
      // A word written with a hyphen is a compound of two: "drop-in", "well-being".
      if words == 1 && label.contains("-") && stats.strong * 2 > stats.count { words = 2 }
      var weight: Double
      if words >= 3 {
        weight = weightThreeWords
      } else if words == 2 {
        weight = weightTwoWords
      } else if isName(label) {
        weight = weightName
      } else {
        let strongShare = Double(stats.strong) / Double(max(stats.count, 1))
        weight = weightOrdinaryWord + (weightStrongWord - weightOrdinaryWord) * strongShare
      }
      if words > 1 && isName(label) { weight /= 2 }
      if words > 1, vocabulary.stems[Int(parts[0])] == "same" { label = "the " + label }
      let mentions = stats.count + (absorbed[key]?.count ?? 0)
      let spread =
        Double(stats.documents) / Double(documents) + Double(stats.speakers)
        / Double(max(speakers, 1))
      scored.append((key, stats, label, forms, log2(1 + Double(mentions)) * spread.squareRoot() * weight))
    }
    scored.sort { ($1.score, $0.label, $0.key) < ($0.score, $1.label, $1.key) }
    let best = scored.first?.score ?? 1
    return scored.prefix(maxConcepts).map { entry in
      let times = entry.stats.count == 1 ? "once" : "\(entry.stats.count) times"
      var counts = times
      if let extra = absorbed[entry.key], extra.count > 0 {
        let word =
          surfaceForms(
            eligible[extra.word]?.surfaces ?? [], vocabulary: vocabulary
          ).first ?? ""
        counts += ", and \"\(word)\" alone \(extra.count == 1 ? "once" : "\(extra.count) times")"
      }
      let explanation =
        "recurs in \(entry.stats.documents) of \(documents) documents (\(counts)): "
        + entry.forms.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
      let passages = (entry.stats.passages + entry.stats.spare)
        .prefix(max(entry.stats.passages.count, PhraseTable.minPassages))
        .sorted {
          ($0.document, $0.span.lowerBound) < ($1.document, $1.span.lowerBound)
        }
      return Theme(
        key: entry.key, label: entry.label, score: entry.score,
        confidence: ((0.35 + 0.6 * entry.score / best) * 1000).rounded() / 1000,
        explanation: explanation,
        passages: Array(passages))
    }
  }

  /// A label that is a name: each word capitalised but not an acronym
  /// ("Northgate", "Town Centre"; not "GP" or "GP surgery").
  static func isName(_ label: String) -> Bool {
    label.split(separator: " ").allSatisfy { word in
      guard let first = word.unicodeScalars.first, first.properties.isUppercase else { return false }
      return word.unicodeScalars.contains { $0.properties.isLowercase }
    }
  }

  /// Whether the phrase's most common form starts with a vague describing word.
  private static func startsVaguely(_ stats: PhraseStats, _ vocabulary: Vocabulary) -> Bool {
    firstWordClass(stats, vocabulary) == .vagueDescribing
  }

  /// The class of the first word of the phrase's most common form.
  private static func firstWordClass(_ stats: PhraseStats, _ vocabulary: Vocabulary) -> WordClass? {
    guard let top = stats.surfaces.max(by: { $0.count < $1.count }),
      let first = top.form.ids.first
    else { return nil }
    return vocabulary.wordClass(of: vocabulary.forms[Int(first)].lowercased())
  }

  /// Contiguous shorter phrases of `parts` that can be phrases themselves
  /// (not starting or ending with a connector such as "of").
  private static func subphrases(_ parts: [Int32], _ vocabulary: Vocabulary) -> [PackedIDs] {
    var result: [PackedIDs] = []
    for start in parts.indices {
      for end in (start + 1)...parts.count where end - start < parts.count {
        let slice = parts[start..<end]
        guard let first = slice.first, let last = slice.last,
          !vocabulary.isConnector(stem: first), !vocabulary.isConnector(stem: last)
        else { continue }
        result.append(PackedIDs(slice))
      }
    }
    return result
  }

  /// The ways a phrase was written, most frequent first. Forms that differ
  /// only in capitals count together and show their capitals when at least a
  /// third of the mentions had them ("Jo", not "jo" from the start of a sentence).
  static func surfaceForms(_ surfaces: [(form: PackedIDs, count: Int)], vocabulary: Vocabulary)
    -> [String]
  {
    var groups: [String: (total: Int, display: String, displayCount: Int)] = [:]
    for (packed, n) in surfaces {
      let form = packed.ids.map { vocabulary.forms[Int($0)] }.joined(separator: " ")
      let lower = form.lowercased()
      var group = groups[lower] ?? (0, lower, 0)
      group.total += n
      if form != lower && n > group.displayCount {
        group.display = form
        group.displayCount = n
      }
      groups[lower] = group
    }
    return groups.values
      .map { group in
        (
          group.displayCount * 3 >= group.total ? group.display : group.display.lowercased(),
          group.total
        )
      }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
      .map(\.0)
  }
}

/// A phrase chosen as a candidate concept.
struct Theme: Equatable {
  var key: PackedIDs
  var label: String
  var score: Double
  var confidence: Double
  var explanation: String
  var passages: [Passage]
}
