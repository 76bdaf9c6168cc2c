// Prefers a project concept's own label when a link's phrase names it:
// "the Thursday peer group" → "peer group". The project's concepts come with
// every document, hundreds of them, so their stems are worked out once and
// looked up by stem.
import HarkPluginKit

/// The plugin instance's index of known concepts; one thread uses it at a time.
final class KnownConcepts {
  private var list: [String] = []
  private var stemsOf: [[String]] = []
  /// Concept positions by the first of their stems.
  private var byStem: [String: [Int]] = [:]
  /// Stems of every label seen, kept across documents.
  private var cache: [String: [String]] = [:]

  /// A project concept whose words all appear in the label, the one with most
  /// words (the first listed on a tie), or the label itself.
  func prefer(_ label: String, among known: [String]) -> String {
    guard !known.isEmpty else { return label }
    // "feeling less lonely" is not "loneliness": words that turn a label round stay.
    guard !label.split(separator: " ").contains(where: { Self.turning.contains(String($0)) }) else { return label }
    let stems = Set(stemsOfLabel(label))
    guard !stems.isEmpty else { return label }
    if known != list { rebuild(known) }
    var best: (index: Int, count: Int)?
    for stem in stems {
      for k in byStem[stem] ?? [] where Set(stemsOf[k]).isSubset(of: stems) {
        let count = stemsOf[k].count
        if best == nil || count > best!.count || count == best!.count && k < best!.index { best = (k, count) }
      }
    }
    return best.map { list[$0.index] } ?? label
  }

  private static let turning: Set<String> = ["less", "no", "not", "never", "without", "fewer", "~"]

  private func rebuild(_ known: [String]) {
    list = known
    stemsOf = known.map { stemsOfLabel($0.lowercased()) }
    byStem = [:]
    for (k, stems) in stemsOf.enumerated() {
      if let first = stems.first { byStem[first, default: []].append(k) }
    }
  }

  private func stemsOfLabel(_ text: String) -> [String] {
    if let known = cache[text] { return known }
    let bytes = Array(text.utf8)
    let stems = Tokenizer.tokens(bytes, in: 0..<bytes.count)
      .filter { $0.kind != .punctuation && !WordLists.functionWords.contains($0.key) && $0.lower != "~" }
      .map { Stemmer.stem($0.lower) }
    // A bound on memory when a project names very many concepts over a run.
    if cache.count > 100_000 { cache.removeAll() }
    cache[text] = stems
    return stems
  }
}
