// Speaker lines as transcription services export them, where the time sits beside the name
// instead of a colon after it:
//   Otter.ai and similar:  "Speaker 1  00:01:23" or "Amina  0:03" on a line of its own,
//                          the words on the lines below;
//   Rev:                   "Amina (00:01:23):" followed by the words, on the line or below.

enum ServiceExportLabel {
  /// The label opening `line`, or nil. The name must pass `SpeakerLabel.isName` and the time
  /// `SpeakerLabel.isClockTime`, so ordinary lines of talk are not taken for labels.
  static func find(in scalars: [Unicode.Scalar], line: Range<Int>) -> SpeakerLabel? {
    let end = line.upperBound
    guard !line.isEmpty else { return nil }
    if let rev = revStyle(scalars, line: line) { return rev }
    // Name, blanks, time, end of line.
    var timeStart = end
    while timeStart > line.lowerBound, !scalars[timeStart - 1].isBlankInLine { timeStart -= 1 }
    guard timeStart > line.lowerBound, SpeakerLabel.isClockTime(scalars[timeStart..<end]) else { return nil }
    var nameEnd = timeStart
    while nameEnd > line.lowerBound, scalars[nameEnd - 1].isBlankInLine { nameEnd -= 1 }
    guard SpeakerLabel.isName(scalars[line.lowerBound..<nameEnd]) else { return nil }
    return SpeakerLabel(
      speaker: String(scalars: scalars[line.lowerBound..<nameEnd]), wordsStart: end,
      time: String(scalars: scalars[timeStart..<end]))
  }

  /// "Name (00:01:23):" or "Name [00:01:23]:", the colon optional when nothing follows.
  private static func revStyle(_ scalars: [Unicode.Scalar], line: Range<Int>) -> SpeakerLabel? {
    let end = line.upperBound
    let limit = min(end, line.lowerBound + SpeakerLabel.maximumNameLength + 2)
    var open = line.lowerBound
    while open < limit, scalars[open] != "(" && scalars[open] != "[" { open += 1 }
    guard open < limit, open > line.lowerBound, scalars[open - 1].isBlankInLine,
      let (time, after) = SpeakerLabel.bracketedTime(scalars, at: open, end: end)
    else { return nil }
    var nameEnd = open
    while nameEnd > line.lowerBound, scalars[nameEnd - 1].isBlankInLine { nameEnd -= 1 }
    guard SpeakerLabel.isName(scalars[line.lowerBound..<nameEnd]) else { return nil }
    var wordsStart = after
    if wordsStart < end, scalars[wordsStart] == ":" {
      wordsStart += 1
    } else if wordsStart != end {
      return nil
    }
    return SpeakerLabel(
      speaker: String(scalars: scalars[line.lowerBound..<nameEnd]),
      wordsStart: SpeakerLabel.skipBlanks(scalars, from: wordsStart, to: end), time: time)
  }
}
