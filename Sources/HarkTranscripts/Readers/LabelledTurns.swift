// Speaker turns of a short text given outside a project (`hark plugins run`):
// when the text opens with a speaker label ("Ann: …"), its turns are read the
// way `hark import` reads a plain-text transcript, so a label is never part of
// the words a plugin analyses.

public enum LabelledTurns {
  /// The turns of `text` (normalised: NFC, LF line ends), in code points, when
  /// its first non-blank line opens with a speaker label, in any spelling a
  /// plain-text transcript may use ("Ann:", "[00:01:23] Ann:", "Ann (00:01:23):",
  /// "Speaker 1  00:01" on a line of its own). Nil when it does not: then the
  /// whole text is one turn, and nothing before a first label is lost.
  public static func read(_ text: String) -> [ImportedTurn]? {
    // Every label spelling holds a colon on the first non-blank line: most
    // texts are settled without looking at scalars.
    guard firstLineHasColon(text) else { return nil }
    let content = ScalarLines(text)
    guard let first = content.lines.lazy.map({ content.trimmed($0) }).first(where: { !$0.isEmpty }),
      SpeakerLabel.find(in: content.scalars, line: first, style: .plain) != nil
        || ServiceExportLabel.find(in: content.scalars, line: first) != nil,
      let transcript = try? PlainTextReader.read(text, name: "text", markdown: false)
    else { return nil }
    return transcript.turns
  }

  private static func firstLineHasColon(_ text: String) -> Bool {
    var seenText = false
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: ":"): return true
      case UInt8(ascii: "\n"): if seenText { return false }
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
      default: seenText = true
      }
    }
    return false
  }
}
