// Source text from other tools, normalised the way Hark stores text (no BOM,
// LF line ends, NFC), with a map from the tool's code point offsets to Hark's.
import Crypto
import Foundation
import HarkStore
import HarkTranscripts

struct RefiText {
  /// The text as Hark stores it.
  let text: String
  /// Code points in the text as the other tool counted them (after a BOM).
  let originalCount: Int
  /// Hark's offset for each original character boundary; nil when nothing changed.
  private let boundaries: [Int32]?
  /// For an original offset inside a character (a CRLF, or a letter and its
  /// accent that NFC joins), the original offset of that character's start.
  private let characterStart: [Int32]?

  init(_ original: String) {
    var source = original
    if source.unicodeScalars.first == "\u{FEFF}" { source.unicodeScalars.removeFirst() }
    originalCount = source.unicodeScalars.count
    if !source.utf8.contains(0x0D) && !TranscriptText.mayNeedNFC(source) {
      text = source
      boundaries = nil
      characterStart = nil
      return
    }
    // Character by character, so every original offset on a character boundary
    // has an exact place; NFC does not join across grapheme clusters.
    var out = String.UnicodeScalarView()
    var map = [Int32](repeating: 0, count: originalCount + 1)
    var starts = [Int32](repeating: 0, count: originalCount + 1)
    var position = 0
    for character in source {
      let scalars = character.unicodeScalars
      let normalised: String.UnicodeScalarView
      if scalars.first == "\r" {
        normalised = "\n".unicodeScalars
      } else {
        let piece = String(character)
        normalised =
          TranscriptText.mayNeedNFC(piece) ? piece.precomposedStringWithCanonicalMapping.unicodeScalars : scalars
      }
      for offset in 0..<scalars.count {
        map[position + offset] = Int32(out.count)
        starts[position + offset] = Int32(position)
      }
      position += scalars.count
      out.append(contentsOf: normalised)
    }
    map[position] = Int32(out.count)
    starts[position] = Int32(position)
    text = String(out)
    boundaries = map
    characterStart = starts
  }

  /// Hark's half-open range for the tool's `start..<end`; a bound inside a
  /// character widens to take the whole character.
  func range(_ start: Int, _ end: Int) -> Range<Int> {
    guard let boundaries, let characterStart else { return start..<end }
    let lower = Int(boundaries[Int(characterStart[start])])
    let endStart = Int(characterStart[end])
    let upper = endStart == end ? Int(boundaries[end]) : Int(boundaries[nextBoundary(after: end)])
    return lower..<upper
  }

  private func nextBoundary(after offset: Int) -> Int {
    var next = offset
    while next < originalCount, Int(characterStart![next]) != next { next += 1 }
    return next
  }
}

/// GUIDs that stay the same for the same item across exports of one project:
/// derived from the project's creation time, the kind of item and its id.
struct RefiGUID {
  let project: String

  func make(_ kind: String, _ id: CustomStringConvertible) -> String {
    let digest = Array(SHA256.hex(Array("hark-refi-qda\u{0}\(project)\u{0}\(kind)\u{0}\(id)".utf8)).prefix(32))
    var hex = digest.map { String($0) }
    // Shaped as a name-based (version 5 style) UUID with the RFC 4122 variant.
    hex[12] = "5"
    hex[16] = ["8", "9", "a", "b"][Int(hex[16], radix: 16)! % 4]
    let s = hex.joined()
    let parts = [
      s.prefix(8), s.dropFirst(8).prefix(4), s.dropFirst(12).prefix(4), s.dropFirst(16).prefix(4), s.suffix(12),
    ]
    return parts.joined(separator: "-")
  }
}
