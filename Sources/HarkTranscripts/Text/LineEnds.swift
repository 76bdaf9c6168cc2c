// Line ends as transcripts write them: LF, CRLF (Windows), lone CR (old Macs) and NEL
// (U+0085, from Latin-1 and mainframe text). Hark stores LF only.

enum LineEnds {
  /// Rewrites every CRLF, CR and NEL in `text` as LF; returns the kinds that were changed
  /// ("CRLF", "CR", "NEL"), or nil when the text had LF line ends already.
  static func normalise(_ text: inout String) -> [String]? {
    // 0x85 also ends other characters' UTF-8 ("Å" is C3 85), so this only rules work out.
    guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x85 }) else { return nil }
    // NEL is the two bytes C2 85 in UTF-8 and CR the byte 0D; no other character holds
    // either sequence, so the work is done on bytes.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var kinds: Set<String> = []
    var afterCR = false
    var afterC2 = false
    for byte in text.utf8 {
      if afterC2 {
        afterC2 = false
        if byte == 0x85 {
          if afterCR { kinds.insert("CR") }
          afterCR = false
          kinds.insert("NEL")
          bytes.append(0x0A)
          continue
        }
        bytes.append(0xC2)
      }
      if byte == 0xC2 {
        if afterCR { kinds.insert("CR") }
        afterCR = false
        afterC2 = true
        continue
      }
      if byte == 0x0D {
        if afterCR { kinds.insert("CR") }
        bytes.append(0x0A)
        afterCR = true
        continue
      }
      if byte == 0x0A, afterCR {
        kinds.insert("CRLF")
        afterCR = false
        continue
      }
      if afterCR { kinds.insert("CR") }
      afterCR = false
      bytes.append(byte)
    }
    if afterC2 { bytes.append(0xC2) }
    if afterCR { kinds.insert("CR") }
    guard !kinds.isEmpty else { return nil }
    text = String(decoding: bytes, as: UTF8.self)
    return ["CRLF", "CR", "NEL"].filter { kinds.contains($0) }
  }
}
