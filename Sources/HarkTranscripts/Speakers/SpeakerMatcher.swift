// Ties the speaker labels written in transcripts to the pseudonyms in the participants list.

/// Finds which participant a transcript's speaker label refers to.
public enum SpeakerMatcher {
  /// Matches a speaker label from a transcript to a participant pseudonym: exact, then
  /// case-insensitive, then first word ("Sam Okafor" -> "Sam"), ignoring surrounding
  /// punctuation/markdown ("**Sam:**", "[Sam]", ">> SAM"); nil when none.
  ///
  /// When several pseudonyms differ only in case, an exact match wins; otherwise the first
  /// in `pseudonyms` order is returned.
  public static func match(_ speaker: String, among pseudonyms: [String]) -> String? {
    let label = bareLabel(speaker)
    guard !label.isEmpty else { return nil }
    if let found = find(label, in: pseudonyms) { return found }
    let firstWord = String(label.prefix { !$0.isWhitespace })
    if firstWord != label, let found = find(bareLabel(firstWord), in: pseudonyms) { return found }
    return nil
  }

  /// True for labels that mean the interviewer when no participant matches: "Interviewer",
  /// "Facilitator", "INT", "I", "Q", "Researcher", "Moderator" (case-insensitive).
  ///
  /// A numbered or annotated form of the longer words counts too ("Interviewer 2",
  /// "Facilitator (Ruth)"); the short ones must stand alone, because "I" or "Q" followed by
  /// more words is more likely a name or a sentence.
  public static func looksLikeInterviewer(_ speaker: String) -> Bool {
    let label = bareLabel(speaker).lowercased()
    if interviewerLabels.contains(label) || interviewerWords.contains(label) { return true }
    let firstWord = String(label.prefix { !$0.isWhitespace })
    return interviewerWords.contains(bareLabel(firstWord))
  }

  private static let interviewerWords: Set<String> = [
    "interviewer", "facilitator", "researcher", "moderator",
  ]
  private static let interviewerLabels: Set<String> = ["int", "i", "q"]

  private static func find(_ label: String, in pseudonyms: [String]) -> String? {
    if let exact = pseudonyms.first(where: { bareLabel($0) == label }) { return exact }
    let lowered = label.lowercased()
    return pseudonyms.first { bareLabel($0).lowercased() == lowered }
  }

  /// The label without whitespace, punctuation or markup around it.
  static func bareLabel(_ text: String) -> String {
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, isWrapping(scalars[start]) { start = scalars.index(after: start) }
    while end > start, isWrapping(scalars[scalars.index(before: end)]) {
      end = scalars.index(before: end)
    }
    return String(scalars[start..<end])
  }

  private static func isWrapping(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isWhitespace { return true }
    switch scalar.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol,
      .modifierSymbol:
      return true
    default:
      return false
    }
  }
}
