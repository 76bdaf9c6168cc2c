// Reads .txt and Markdown transcripts: the file's own text is stored, and turns point into it.

package enum PlainTextReader {
  /// Reads normalised `text`. A turn starts at a line with a speaker label and runs to the
  /// last non-blank line before the next label (or, in Markdown, the next heading or rule).
  /// A file with no label at all is read as one narrator's (`UnlabelledTranscript`).
  package static func read(_ text: String, name: String, markdown: Bool, narrator: String? = nil) throws
    -> ImportedTranscript
  {
    let content = ScalarLines(text)
    let scalars = content.scalars
    let style: SpeakerLabel.Style = markdown ? .markdown : .plain
    var turns: [ImportedTurn] = []
    var open: OpenTurn?
    var headingTitle: String?
    var firstLineTitle: String?
    var seenText = false

    for line in content.lines {
      let trimmed = content.trimmed(line)
      if trimmed.isEmpty { continue }
      let isFirst = !seenText
      seenText = true
      if markdown, let level = headingLevel(scalars, trimmed) {
        open?.close(into: &turns)
        open = nil
        let heading = headingText(content, trimmed, level: level)
        if level == 1, headingTitle == nil { headingTitle = heading }
        if isFirst { firstLineTitle = heading }
        continue
      }
      if markdown, isThematicBreak(scalars, trimmed) {
        open?.close(into: &turns)
        open = nil
        continue
      }
      let isBullet = markdown && startsWithBullet(scalars, trimmed)
      if !isBullet,
        let label = SpeakerLabel.find(in: scalars, line: trimmed, style: style)
          ?? ServiceExportLabel.find(in: scalars, line: trimmed)
      {
        open?.close(into: &turns)
        open = OpenTurn(label: label, lineEnd: trimmed.upperBound)
      } else if open != nil {
        open!.extend(to: trimmed)
      } else if isFirst, !isBullet {
        firstLineTitle = content.string(trimmed)
      }
    }
    open?.close(into: &turns)

    guard !turns.isEmpty else {
      return try UnlabelledTranscript.read(
        content, text: text, name: name, format: markdown ? .markdown : .text, narrator: narrator)
    }
    let title = headingTitle ?? firstLineTitle ?? TranscriptReader.titleFromFileName(name)
    return ImportedTranscript(
      title: title, format: markdown ? .markdown : .text, text: text, turns: turns)
  }

  /// A turn whose end is still growing while its continuation lines are read.
  private struct OpenTurn {
    var speaker: String
    var time: String?
    /// Nil until the first words: a label alone on its line waits for the next line.
    var start: Int?
    var end = 0

    init(label: SpeakerLabel, lineEnd: Int) {
      speaker = label.speaker
      time = label.time
      if label.wordsStart < lineEnd {
        start = label.wordsStart
        end = lineEnd
      }
    }

    mutating func extend(to line: Range<Int>) {
      if start == nil { start = line.lowerBound }
      end = line.upperBound
    }

    /// Adds the turn unless it has no words.
    func close(into turns: inout [ImportedTurn]) {
      guard let start else { return }
      turns.append(ImportedTurn(speaker: speaker, start: start, end: end, startTime: time))
    }
  }

  /// `#` to `######` followed by a blank or the end: an ATX heading.
  private static func headingLevel(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
    var index = line.lowerBound
    while index < line.upperBound, scalars[index] == "#" { index += 1 }
    let level = index - line.lowerBound
    guard (1...6).contains(level), index == line.upperBound || scalars[index].isBlankInLine else {
      return nil
    }
    return level
  }

  private static func headingText(_ content: ScalarLines, _ line: Range<Int>, level: Int) -> String {
    var end = line.upperBound
    while end > line.lowerBound + level, content.scalars[end - 1] == "#" { end -= 1 }
    return content.string(content.trimmed((line.lowerBound + level)..<end))
  }

  /// `---`, `***` or `___` (three or more, blanks allowed between).
  private static func isThematicBreak(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
    let first = scalars[line.lowerBound]
    guard first == "-" || first == "*" || first == "_" else { return false }
    var count = 0
    for scalar in scalars[line] {
      if scalar == first {
        count += 1
      } else if !scalar.isBlankInLine {
        return false
      }
    }
    return count >= 3
  }

  /// `- `, `* `, `+ `, `1. ` or `1) `.
  private static func startsWithBullet(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
    let first = scalars[line.lowerBound]
    let next = line.lowerBound + 1
    if first == "-" || first == "*" || first == "+" {
      return next == line.upperBound || scalars[next].isBlankInLine
    }
    var index = line.lowerBound
    while index < line.upperBound, index - line.lowerBound < 9, ("0"..."9").contains(scalars[index]) { index += 1 }
    guard index > line.lowerBound, index < line.upperBound,
      scalars[index] == "." || scalars[index] == ")"
    else {
      return false
    }
    return index + 1 == line.upperBound || scalars[index + 1].isBlankInLine
  }
}
