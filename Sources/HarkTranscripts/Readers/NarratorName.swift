// The name an unlabelled transcript's narrator gets when the user gives none: the person the
// file is named after. Oral-history and fieldwork files are usually named by surname or
// pseudonym plus a date or number ("NOTTLEY_16DEC91.txt", "amina-2024-03.txt",
// "P07_interview.txt"), and that word is what a researcher puts in participants.csv.

enum NarratorName {
  /// The first word of the file name that can name a person: split at `_`, `-`, `.` and
  /// blanks; words starting with a digit (dates, numbers) and words that describe the file
  /// ("interview", "transcript", "edited", "fromscan") are passed over. An all-capitals word
  /// is written with one capital ("NOTTLEY" -> "Nottley", "McELVEY" -> "McElvey"), a
  /// lower-case one with a capital first ("amina" -> "Amina"). When no
  /// word fits, the whole file name without its extension.
  static func fromFileName(_ name: String) -> String {
    let stem = TranscriptReader.titleFromFileName(name)
    let words = stem.split(whereSeparator: { "_-. \t".contains($0) })
    for word in words {
      guard let first = word.unicodeScalars.first, first.properties.isAlphabetic else { continue }
      guard !fileWords.contains(word.lowercased()) else { continue }
      return capitalised(String(word))
    }
    return stem
  }

  /// Words in file names that say what the file is, not who speaks.
  private static let fileWords: Set<String> = [
    "interview", "interviews", "transcript", "transcripts", "transcription", "recording", "audio",
    "session", "edited", "corrected", "fromscan", "from", "scan", "scanned", "final", "draft", "copy",
    "clean", "verbatim", "notes", "oral", "history", "the", "with", "and", "part", "tape", "side",
  ]

  private static func capitalised(_ word: String) -> String {
    let letters = word.filter(\.isLetter)
    let lower = letters.filter(\.isLowercase)
    // "McELVEY": a Mc or Mac prefix in capitals-and-lowercase with the rest in capitals.
    for prefix in ["Mc", "Mac"] where word.hasPrefix(prefix) {
      let rest = word.dropFirst(prefix.count)
      if rest.count > 1, rest.allSatisfy({ !$0.isLowercase }) {
        return prefix + rest.prefix(1) + rest.dropFirst().lowercased()
      }
    }
    if lower.count == letters.count { return word.prefix(1).uppercased() + word.dropFirst() }
    guard lower.isEmpty, letters.count > 1 else { return word }
    return word.prefix(1) + word.dropFirst().lowercased()
  }
}
