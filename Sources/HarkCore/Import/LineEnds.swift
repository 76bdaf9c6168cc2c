// Line ends as transcripts write them: LF, CRLF (Windows), lone CR (old Macs) and NEL
// (U+0085, from Latin-1 and mainframe text). Hark stores LF only.

enum LineEnds {
  /// Rewrites every CRLF, CR and NEL in `text` as LF; returns the kinds that were changed
  /// ("CRLF", "CR", "NEL"), or nil when the text had LF line ends already.
  static func normalise(_ text: inout String) -> [String]? {
    guard text.utf8.contains(0x0D) || text.unicodeScalars.contains("\u{85}") else { return nil }
    var result = String.UnicodeScalarView()
    var changed: Set<String> = []
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r":
        if previousWasCR { changed.insert("CR") }
        result.append("\n")
        previousWasCR = true
        continue
      case "\n":
        if previousWasCR {
          changed.insert("CRLF")
          previousWasCR = false
          continue
        }
        result.append(scalar)
      case "\u{85}":
        if previousWasCR { changed.insert("CR") }
        changed.insert("NEL")
        result.append("\n")
      default:
        if previousWasCR { changed.insert("CR") }
        result.append(scalar)
      }
      previousWasCR = false
    }
    if previousWasCR { changed.insert("CR") }
    text = String(result)
    return ["CRLF", "CR", "NEL"].filter { changed.contains($0) }
  }
}
