// Turns the phrase counts of a corpus into ranked themes with labels and reasons.
import Foundation

/// A phrase chosen as a candidate concept.
struct Theme: Equatable {
  var key: String
  var label: String
  var score: Double
  var confidence: Double
  var explanation: String
  var passages: [Passage]
}

enum ThemeRanking {
  /// A phrase inside a longer one is dropped when the longer one accounts
  /// for at least this share of its mentions ("peer" inside "peer support").
  static let subsumedShare = 0.6

  /// Scores every phrase found in at least `minDocuments` documents and
  /// returns the best `maxConcepts`.
  ///
  /// score = log₂(1 + mentions) × (share of documents + share of speakers)
  /// × (1, 1.4, 1.6 for one, two, three content words): spread across
  /// documents and people counts more than repetition, and longer phrases
  /// are more specific. Confidence runs from 0.35 to 0.95 with the score
  /// relative to the best theme.
  static func rank(
    _ phrases: [String: PhraseStats], documents: Int, speakers: Int, minDocuments: Int,
    maxConcepts: Int
  ) -> [Theme] {
    guard documents > 0 else { return [] }
    let eligible = phrases.filter { $0.value.documents >= minDocuments }
    // The most mentions of any longer eligible phrase containing each key.
    var longest: [String: Int] = [:]
    for (key, stats) in eligible {
      let parts = key.split(separator: " ")
      guard parts.count > 1 else { continue }
      for sub in subphrases(parts) { longest[sub] = max(longest[sub] ?? 0, stats.count) }
    }
    var scored: [(key: String, stats: PhraseStats, score: Double)] = []
    for (key, stats) in eligible {
      if let longer = longest[key], Double(longer) >= subsumedShare * Double(stats.count) {
        continue
      }
      let words = key.split(separator: " ").filter { $0 != "of" }.count
      let lengthFactor = words >= 3 ? 1.6 : words == 2 ? 1.4 : 1.0
      let spread =
        Double(stats.documents) / Double(documents) + Double(stats.speakers)
        / Double(max(speakers, 1))
      scored.append((key, stats, log2(1 + Double(stats.count)) * spread * lengthFactor))
    }
    scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
    let best = scored.first?.score ?? 1
    return scored.prefix(maxConcepts).map { entry in
      let forms = surfaceForms(entry.stats.surfaces)
      let times = entry.stats.count == 1 ? "once" : "\(entry.stats.count) times"
      let explanation =
        "recurs in \(entry.stats.documents) of \(documents) documents (\(times)): "
        + forms.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
      let passages = (entry.stats.passages + entry.stats.spare).prefix(PhraseTable.maxPassages)
        .sorted {
          ($0.document, $0.span.lowerBound) < ($1.document, $1.span.lowerBound)
        }
      return Theme(
        key: entry.key, label: forms.first ?? entry.key, score: entry.score,
        confidence: ((0.35 + 0.6 * entry.score / best) * 1000).rounded() / 1000,
        explanation: explanation,
        passages: Array(passages))
    }
  }

  /// Contiguous shorter phrases of `parts` that can be phrases themselves
  /// (not starting or ending with the connector "of").
  private static func subphrases(_ parts: [Substring]) -> [String] {
    var result: [String] = []
    for start in parts.indices {
      for end in (start + 1)...parts.count where end - start < parts.count {
        let slice = parts[start..<end]
        guard slice.first != "of", slice.last != "of" else { continue }
        result.append(slice.joined(separator: " "))
      }
    }
    return result
  }

  /// The ways a phrase was written, most frequent first. Forms that differ
  /// only in capitals count together and show their capitals when at least a
  /// third of the mentions had them ("Jo", not "jo" from the start of a sentence).
  static func surfaceForms(_ surfaces: [String: Int]) -> [String] {
    var groups: [String: (total: Int, display: String, displayCount: Int)] = [:]
    for (form, n) in surfaces {
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
