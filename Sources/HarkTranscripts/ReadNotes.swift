// What an import assumed about a file, in the words the import prints under each document.

enum ReadNotes {
  static func encoding(_ decoded: DecodedBytes) -> String {
    var note = "encoding: \(decoded.encoding.displayName)"
    if decoded.hadByteOrderMark {
      note += decoded.detected ? " (from its byte order mark)" : " (as asked; the byte order mark removed)"
    } else {
      note += decoded.detected ? " (detected)" : " (as asked)"
    }
    if decoded.encoding != .utf8 {
      note += "; converted to UTF-8"
      if decoded.convertedCharacters > 0 {
        let count = decoded.convertedCharacters
        note += ", \(count) character\(count == 1 ? "" : "s") outside ASCII"
      }
      if decoded.detected, !decoded.hadByteOrderMark { note += "; if any look wrong, give --encoding" }
    }
    return note
  }

  static func lineEnds(_ kinds: [String]) -> String {
    "line ends: \(kinds.joined(separator: ", ")) changed to LF"
  }
}
