// Turns the phrase counts of a corpus into ranked themes with labels and reasons.
import Foundation

/// Ranks the phrases of a corpus as candidate themes. How a phrase becomes
/// a theme, and how themes are ordered:
///
/// 1. Eligible: the phrase occurs in at least `minDocuments` documents, or
///    at least `minMentions` times in one document (a participant who keeps
///    coming back to something names a concept of their own story), unless
///    it is a name ("Steve"): a character of one story.
///    A corpus of fewer documents than `minDocuments` (one short text) could
///    otherwise give nothing at all: there every phrase the extractor counted
///    is eligible, names only when said `minMentions` times, and the ranking
///    below keeps the best.
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
/// 3. Synonyms: phrases the synonym table knows (corpora/codebooks/
///    concepts.synonyms) become one concept under its canonical label,
///    rarer ones included ("lonely" once, "isolated" once, "loneliness"
///    twice: loneliness, 4 times); a word mostly used inside the phrases of
///    such a group is part of it ("peer" in "peer group", "peer support").
///    A label of several words, or the last part of a hierarchical label
///    ("Support; peer support"), weighs as a phrase of that many words.
///    A name is never looked up, and the explanation lists every word the
///    group took and how often, so a researcher sees why it was grouped.
///
/// 4. Score = log₂(1 + mentions) × √spread × weight, where
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
/// 5. The best `maxConcepts` are kept; ties go to the alphabetically first
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

  /// Scores every eligible phrase and returns the best `maxConcepts`.
  static func rank(
    _ phrases: [PackedIDs: PhraseStats], vocabulary: Vocabulary, documents: Int, speakers: Int,
    minDocuments: Int, minMentions: Int, maxConcepts: Int
  ) -> [Theme] {
    guard documents > 0 else { return [] }
    // A name repeated in one story is a character of it, not a concept.
    let fewDocuments = documents < minDocuments
    let eligible = phrases.filter { key, stats in
      func name() -> Bool { isName(surfaceForms(stats.surfaces, vocabulary: vocabulary).first ?? "") }
      if fewDocuments { return stats.mostInOneDocument >= minMentions || !name() }
      return stats.documents >= minDocuments || (stats.mostInOneDocument >= minMentions && !name())
    }

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

    // Phrases the synonym table knows join one concept under its canonical
    // label ("lonely", "isolation" → "loneliness"); rarer phrases join too,
    // so together they may recur where each alone does not.
    var groups: [String: [PackedIDs]] = [:]
    var grouped: Set<PackedIDs> = []
    for (key, stats) in phrases where !dropped.contains(key) && vocabulary.synonyms.count > 0 {
      // A name ("Warm Hearts Society", "the Depression") is never another word's synonym.
      let base = baseLabel(key, stats, vocabulary)
      guard !isName(base), let canonical = vocabulary.synonyms.lookup(base) else { continue }
      groups[canonical, default: []].append(key)
      grouped.insert(key)
    }
    // A word inside the phrases of a group, mostly used there, is part of
    // that concept: "peer" in "peer group" and "peer support".
    var groupWords: [Int32: Int] = [:]
    for members in groups.values {
      var total = 0
      var words: Set<Int32> = []
      for member in members where member.count > 1 {
        total += phrases[member]!.count
        words.formUnion(member.ids)
      }
      for word in words { groupWords[word, default: 0] += total }
    }
    var candidates: [Candidate] = []
    for (key, stats) in eligible where !dropped.contains(key) && !grouped.contains(key) {
      if key.count == 1, let inGroups = groupWords[key.ids[0]],
        Double(inGroups) >= subsumedShare * Double(stats.count)
      {
        continue
      }
      candidates.append(
        Candidate(key: key, stats: stats, absorbed: absorbed[key]?.count ?? 0, synonymOf: nil))
    }
    for (canonical, members) in groups {
      let sorted = members.sorted { (phrases[$0]!.count, $1) > (phrases[$1]!.count, $0) }
      var stats = phrases[sorted[0]]!
      for member in sorted.dropFirst() { stats = merged(stats, phrases[member]!) }
      guard
        members.contains(where: { eligible[$0] != nil }) || stats.documents >= minDocuments
          || stats.mostInOneDocument >= minMentions
      else { continue }
      candidates.append(
        Candidate(
          key: sorted[0], stats: stats, absorbed: members.reduce(0) { $0 + (absorbed[$1]?.count ?? 0) },
          synonymOf: canonical))
    }

    var scored: [(key: PackedIDs, stats: PhraseStats, label: String, forms: [String], score: Double)] = []
    for candidate in candidates {
      let (key, stats) = (candidate.key, candidate.stats)
      let forms = surfaceForms(stats.surfaces, vocabulary: vocabulary)
      let parts = key.ids
      // An experience or a group of synonyms is named by its label; its
      // forms are the words said.
      let named =
        candidate.synonymOf
        ?? (parts.count == 1 && vocabulary.isExperience(stem: parts[0]) ? vocabulary.stems[Int(parts[0])] : nil)
      var label = named ?? nounForm(forms) ?? forms.first ?? ""
      var words = parts.filter { !vocabulary.isConnector(stem: $0) }.count
      if let named { words = named.split(separator: ";").last?.split(separator: " ").count ?? 1 }
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
      if named == nil, words > 1, vocabulary.stems[Int(parts[0])] == "same" { label = "the " + label }
      let mentions = stats.count + candidate.absorbed
      let spread =
        Double(stats.documents) / Double(documents) + Double(stats.speakers)
        / Double(max(speakers, 1))
      scored.append((key, stats, label, forms, log2(1 + Double(mentions)) * spread.squareRoot() * weight))
    }
    scored.sort { ($1.score, $0.label, $0.key) < ($0.score, $1.label, $1.key) }
    var synonyms: [PackedIDs: String] = [:]
    for candidate in candidates { synonyms[candidate.key] = candidate.synonymOf }
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
      var explanation =
        "recurs in \(entry.stats.documents) of \(documents) documents (\(counts)): "
        + entry.forms.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
      if let canonical = synonyms[entry.key],
        entry.forms.count > 1 || entry.forms.first?.lowercased() != canonical.lowercased()
      {
        // Never a silent grouping: each word said, and how often, is named.
        let said = surfaceCounts(entry.stats.surfaces, vocabulary: vocabulary).map { form, n in
          "\"\(form)\" \(n == 1 ? "once" : "\(n) times")"
        }
        explanation +=
          "; grouped as \"\(canonical)\" by the synonym table: \(said.joined(separator: ", "))"
          + " (split or rename the concept if they mean different things here)"
      }
      let passages = (entry.stats.passages + entry.stats.spare)
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

  /// A phrase or group of synonyms that may become a concept.
  struct Candidate {
    var key: PackedIDs
    var stats: PhraseStats
    /// Mentions of a head word taken over ("list" for "waiting list").
    var absorbed: Int
    /// The canonical label when the phrase (with its synonyms) is named by the synonym table.
    var synonymOf: String?
  }

  /// The label a phrase has before synonyms: an experience's label, or the
  /// way it was written most (a noun form first, see `nounForm`).
  static func baseLabel(_ key: PackedIDs, _ stats: PhraseStats, _ vocabulary: Vocabulary) -> String {
    let parts = key.ids
    if parts.count == 1 && vocabulary.isExperience(stem: parts[0]) { return vocabulary.stems[Int(parts[0])] }
    let forms = surfaceForms(stats.surfaces, vocabulary: vocabulary)
    return nounForm(forms) ?? forms.first ?? ""
  }

  /// Endings that make a word a noun naming a thing or a quality.
  static let nounEndings = ["ity", "ness", "tion", "sion", "ment", "ance", "ence", "ship", "hood", "ism"]

  /// A concept is named by a noun, as a researcher would write it: when a
  /// one-word phrase was said both ways, "electricity" rather than
  /// "electric", "friendliness" rather than "friendly". Nil when the most
  /// said form is a noun already or no form has a noun ending.
  static func nounForm(_ forms: [String]) -> String? {
    guard let first = forms.first, !first.contains(" ") else { return nil }
    func isNoun(_ form: String) -> Bool {
      let lower = form.lowercased()
      return nounEndings.contains { lower.count > $0.count + 2 && lower.hasSuffix($0) }
    }
    guard !isNoun(first) else { return nil }
    return forms.first { !$0.contains(" ") && isNoun($0) }
  }

  /// Two phrases' statistics as one concept's. Documents are counted from
  /// the passages (exact while each phrase was quoted from every document it
  /// is in), and speakers as the larger count plus those of new documents.
  static func merged(_ a: PhraseStats, _ b: PhraseStats) -> PhraseStats {
    var result = a
    result.count += b.count
    result.strong += b.strong
    result.mostInOneDocument = max(a.mostInOneDocument, b.mostInOneDocument)
    let seen = Set(a.passages.map(\.document))
    var shared = 0
    for passage in b.passages {
      if seen.contains(passage.document) {
        shared += 1
        result.spare.append(passage)
      } else {
        result.passages.append(passage)
      }
    }
    result.spare += b.spare
    let complete = a.passages.count == a.documents && b.passages.count == b.documents
    result.documents = complete ? a.documents + b.documents - shared : max(a.documents, b.documents, seen.count)
    result.speakers = max(max(a.speakers, b.speakers), a.speakers + b.speakers - shared)
    for surface in b.surfaces where !result.surfaces.contains(where: { $0.form == surface.form }) {
      result.surfaces.append(surface)
    }
    return result
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
    surfaceCounts(surfaces, vocabulary: vocabulary).map(\.form)
  }

  /// The ways a phrase was written with how often each was, most frequent first (see `surfaceForms`).
  static func surfaceCounts(_ surfaces: [(form: PackedIDs, count: Int)], vocabulary: Vocabulary)
    -> [(form: String, count: Int)]
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
      .map { (form: $0.0, count: $0.1) }
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
