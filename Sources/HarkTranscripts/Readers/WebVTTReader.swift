// Reads WebVTT captions as Zoom and Microsoft Teams write them.

enum WebVTTReader {
  /// Reads normalised `text`. NOTE, STYLE and REGION blocks are skipped, except that a
  /// `Title: ...` line in a NOTE block gives the transcript's title.
  static func read(_ text: String, name: String) throws -> ImportedTranscript {
    let content = ScalarLines(text)
    let lines = content.lines
    guard let header = lines.first, startsWithWord("WEBVTT", content, header) else {
      throw ImportProblem.missingWebVTTHeader(name)
    }
    var index = 1
    // The header block runs to the first blank line; a cue right under it is still read.
    while index < lines.count, !content.isBlank(lines[index]), !content.containsArrow(lines[index]) {
      index += 1
    }

    var turns = CueTurns()
    var title: String?
    var cueCount = 0
    while index < lines.count {
      if content.isBlank(lines[index]) {
        index += 1
        continue
      }
      let blockStart = index
      while index < lines.count, !content.isBlank(lines[index]) { index += 1 }
      let block = lines[blockStart..<index]
      let first = block.first!

      if startsWithWord("NOTE", content, first) {
        if title == nil { title = noteTitle(content, block) }
        continue
      }
      if startsWithWord("STYLE", content, first) || startsWithWord("REGION", content, first) {
        continue
      }

      // An optional cue identifier comes before the timing line.
      var timingIndex = blockStart
      if !content.containsArrow(first) {
        timingIndex += 1
        guard timingIndex < index else {
          throw ImportProblem.badTiming(
            name, line: blockStart + 1, found: content.string(content.trimmed(first)),
            format: .webVTT)
        }
      }
      guard let timing = CueTiming(content, lines[timingIndex]) else {
        throw ImportProblem.badTiming(
          name, line: timingIndex + 1, found: content.string(content.trimmed(lines[timingIndex])),
          format: .webVTT)
      }
      cueCount += 1
      for segment in CueText.segments(
        content, lines: lines[(timingIndex + 1)..<index], webVTT: true)
      {
        turns.add(
          speaker: segment.speaker, words: segment.words, startTime: timing.start,
          endTime: timing.end)
      }
    }
    guard cueCount > 0 else { throw ImportProblem.noCues(name, format: .webVTT) }
    return try turns.transcript(
      title: title ?? TranscriptReader.titleFromFileName(name), format: .webVTT, name: name)
  }

  /// True when the line is `word` alone or followed by a blank ("WEBVTT - Zoom", "NOTE text").
  private static func startsWithWord(_ word: String, _ content: ScalarLines, _ line: Range<Int>)
    -> Bool
  {
    let after = line.lowerBound + word.unicodeScalars.count
    return content.has(word, at: line.lowerBound, before: line.upperBound)
      && (after == line.upperBound || content.scalars[after].isBlankInLine)
  }

  private static func noteTitle(_ content: ScalarLines, _ block: ArraySlice<Range<Int>>) -> String? {
    for (position, line) in block.enumerated() {
      // The first line's text follows "NOTE ".
      let start = position == 0 ? line.lowerBound + 4 : line.lowerBound
      let trimmed = content.trimmed(start..<line.upperBound)
      if content.has("Title:", at: trimmed.lowerBound, before: trimmed.upperBound) {
        let value = content.string(content.trimmed((trimmed.lowerBound + 6)..<trimmed.upperBound))
        if !value.isEmpty { return value }
      }
    }
    return nil
  }
}

/// A cue's `start --> end` line; the times are kept as written.
struct CueTiming {
  var start: String
  var end: String

  /// Parses `00:00:01.000 --> 00:00:04.200` (WebVTT) or `00:00:01,000 --> 00:00:04,200` (SRT),
  /// hours optional, with cue settings or SRT coordinates allowed after the end time.
  init?(_ content: ScalarLines, _ line: Range<Int>) {
    let scalars = content.scalars
    var fields: [Range<Int>] = []
    var index = line.lowerBound
    while index < line.upperBound, fields.count < 3 {
      while index < line.upperBound, scalars[index].isBlankInLine { index += 1 }
      let fieldStart = index
      while index < line.upperBound, !scalars[index].isBlankInLine { index += 1 }
      if fieldStart < index { fields.append(fieldStart..<index) }
    }
    guard fields.count == 3, fields[1].count == 3, content.containsArrow(fields[1]),
      Self.isTime(scalars[fields[0]]), Self.isTime(scalars[fields[2]])
    else { return nil }
    start = content.string(fields[0])
    end = content.string(fields[2])
  }

  private static func isTime(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    text.contains { $0 == "." || $0 == "," } && SpeakerLabel.isClockTime(text)
  }
}
