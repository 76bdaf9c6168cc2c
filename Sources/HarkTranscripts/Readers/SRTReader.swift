// Reads SubRip (.srt) subtitles: numbered blocks of a timing line and text lines.

enum SRTReader {
  /// Reads normalised `text`. A block's number may be missing; text after a blank line inside
  /// a subtitle is kept with that subtitle rather than dropped. A file without any subtitle
  /// fails on its first line, which is then neither a number nor a timing line.
  static func read(_ text: String, name: String) throws -> ImportedTranscript {
    let content = ScalarLines(text)
    let lines = content.lines
    var turns = CueTurns()
    var lastTiming: CueTiming?
    var index = 0
    while index < lines.count {
      if content.isBlank(lines[index]) {
        index += 1
        continue
      }
      let blockStart = index
      while index < lines.count, !content.isBlank(lines[index]) { index += 1 }
      let first = content.trimmed(lines[blockStart])

      let textStart: Int
      let timing: CueTiming
      if content.containsArrow(first) {
        guard let parsed = CueTiming(content, lines[blockStart]) else {
          throw ImportProblem.badTiming(
            name, line: blockStart + 1, found: content.string(first), format: .srt)
        }
        timing = parsed
        textStart = blockStart + 1
      } else if content.scalars[first].allSatisfy({ ("0"..."9").contains($0) }) {
        let timingLine = blockStart + 1
        guard timingLine < index, let parsed = CueTiming(content, lines[timingLine]) else {
          let found =
            timingLine < lines.count ? content.string(content.trimmed(lines[timingLine])) : ""
          throw ImportProblem.badTiming(name, line: timingLine + 1, found: found, format: .srt)
        }
        timing = parsed
        textStart = timingLine + 1
      } else if let lastTiming {
        timing = lastTiming
        textStart = blockStart
      } else {
        throw ImportProblem.unexpectedSRTLine(
          name, line: blockStart + 1, found: content.string(first))
      }
      lastTiming = timing
      for segment in CueText.segments(content, lines: lines[textStart..<index], webVTT: false) {
        turns.add(
          speaker: segment.speaker, words: segment.words, startTime: timing.start,
          endTime: timing.end)
      }
    }
    return try turns.transcript(
      title: TranscriptReader.titleFromFileName(name), format: .srt, name: name)
  }
}
