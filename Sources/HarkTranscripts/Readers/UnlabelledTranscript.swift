// Reads a transcript that names no speakers, as oral histories are often typed: a header
// (interview number, date, name, address), then paragraphs, some opening with a tape time
// ("0.39<TAB>"), the interviewer's questions and the narrator's answers in turn.
//
// Everything becomes the narrator's turn except what can be told apart with little risk:
// - the header block, kept in the text but in no turn;
// - tape notes ("SIDE B", "END OF TAPE", "[BLANK TAPE]"), likewise;
// - interviewer questions: a paragraph of at most `maximumQuestionWords` words whose last
//   sentence ends in "?". Narrators ask questions too, but mostly inside longer answers;
//   interviewers' short non-questions ("Really!") stay with the narrator. The note printed
//   with the import says how many were found so the researcher knows what to check.

enum UnlabelledTranscript {
  /// The speaker written on turns found to be the interviewer's; the store files it under
  /// the interviewer role.
  static let interviewerSpeaker = "Interviewer"
  /// Longer paragraphs ending in "?" are narrators' answers in the transcripts we checked.
  static let maximumQuestionWords = 40
  /// A tape time further down than this many lines does not end a header.
  private static let maximumHeaderLines = 15

  /// Throws only when nothing is left to be anyone's words (a header or tape notes alone).
  static func read(_ content: ScalarLines, text: String, name: String, format: TranscriptFormat, narrator: String?)
    throws -> ImportedTranscript
  {
    let scalars = content.scalars
    let lines = content.lines.map { line -> Line in
      let trimmed = content.trimmed(line)
      let time = TapeTime.find(in: scalars, line: trimmed)
      return Line(trimmed: trimmed, time: time?.written, wordsStart: time?.wordsStart ?? trimmed.lowerBound)
    }
    let headerEnd = headerLength(lines, content)
    let units = paragraphs(lines[headerEnd...], scalars)

    let narratorName = narrator ?? NarratorName.fromFileName(name)
    var turns: [ImportedTurn] = []
    var questions = 0
    var times = 0
    var notes = 0
    for unit in units {
      let words = wordCount(scalars[unit.words])
      if isTapeNote(scalars, unit.words, words: words) {
        notes += 1
        continue
      }
      let isQuestion = words <= maximumQuestionWords && endsWithQuestionMark(scalars, unit.words)
      if isQuestion { questions += 1 }
      if unit.time != nil { times += 1 }
      turns.append(
        ImportedTurn(
          speaker: isQuestion ? interviewerSpeaker : narratorName, start: unit.words.lowerBound,
          end: unit.words.upperBound, startTime: unit.time))
    }

    guard !turns.isEmpty else { throw ImportProblem.noTurns(name, format: format) }
    var said: [String] = []
    said.append(
      "no speaker labels: read as one narrator, \"\(narratorName)\" "
        + (narrator == nil ? "(named after the file; give --speaker NAME to name them)" : "(from --speaker)"))
    said.append(
      "interviewer turns found: \(questions) (paragraphs of at most \(maximumQuestionWords) words ending in \"?\"); "
        + "the other \(turns.count - questions) are the narrator's, so check for interviewer remarks among them")
    if headerEnd > 0 {
      let last = lines[..<headerEnd].lastIndex(where: { !$0.trimmed.isEmpty }).map { $0 + 1 } ?? headerEnd
      said.append("header block: line\(last == 1 ? " 1" : "s 1–\(last)") kept in the text, in no turn")
    }
    if times > 0 { said.append("tape times: \(times) kept as turn start times") }
    if notes > 0 { said.append("tape notes (like SIDE B or END OF TAPE): \(notes) kept in the text, in no turn") }
    return ImportedTranscript(
      title: TranscriptReader.titleFromFileName(name), format: format, text: text, turns: turns, notes: said)
  }

  private struct Line {
    var trimmed: Range<Int>
    var time: String?
    /// After the tape time and its blanks, or the start of the trimmed line.
    var wordsStart: Int
  }

  private struct Paragraph {
    var words: Range<Int>
    var time: String?
  }

  /// The lines before the first tape time when that comes early; otherwise the leading lines
  /// that look like a header (a short title first, then lines mostly in capitals or
  /// "Label: value"), unless that is every line.
  private static func headerLength(_ lines: [Line], _ content: ScalarLines) -> Int {
    if let firstTimed = lines.firstIndex(where: { $0.time != nil }), firstTimed <= maximumHeaderLines {
      return firstTimed
    }
    var end = 0
    while end < lines.count, end < maximumHeaderLines {
      let line = lines[end].trimmed
      guard line.isEmpty || isHeaderLike(content.scalars, line) || (end == 0 && isTitleLike(content.scalars, line))
      else { break }
      end += 1
    }
    while end > 0, lines[end - 1].trimmed.isEmpty { end -= 1 }
    return end == lines.count ? 0 : end
  }

  private static func isHeaderLike(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
    if isMostlyCapitals(scalars[line]) { return true }
    // "Date of interview: 3 May 2024", "Interviewee: R. Smith"
    guard let colon = scalars[line].firstIndex(of: ":"), colon - line.lowerBound <= 30 else { return false }
    return wordCount(scalars[line.lowerBound..<colon]) <= 4
  }

  /// A first line of at most ten words that is not a sentence: "Interview with a carer".
  private static func isTitleLike(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
    wordCount(scalars[line]) <= 10 && !endsSentence(scalars, line)
  }

  private static func isMostlyCapitals(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    var letters = 0
    var capitals = 0
    for scalar in text where scalar.properties.isAlphabetic {
      letters += 1
      if scalar.properties.isUppercase { capitals += 1 }
    }
    return letters >= 2 && capitals * 10 >= letters * 8
  }

  /// Paragraphs: separated by blank lines, and also where a line opens with a tape time, or
  /// where a line follows one ending in "?" (scanned transcripts often put the answer on the
  /// next line), or where a short question follows a finished sentence. A tape note line is
  /// a paragraph of its own.
  private static func paragraphs(_ lines: ArraySlice<Line>, _ scalars: [Unicode.Scalar]) -> [Paragraph] {
    var result: [Paragraph] = []
    var open: Paragraph?
    var previousEnd: Int?
    func close() {
      if let paragraph = open, !paragraph.words.isEmpty { result.append(paragraph) }
      open = nil
    }
    for line in lines {
      let words = line.wordsStart..<line.trimmed.upperBound
      if line.trimmed.isEmpty {
        close()
        previousEnd = nil
        continue
      }
      if !words.isEmpty, isTapeNote(scalars, words, words: wordCount(scalars[words])) {
        // A tape note stands alone even when typed against the talk around it.
        close()
        result.append(Paragraph(words: words, time: line.time))
        previousEnd = nil
        continue
      }
      if let previous = previousEnd, open != nil {
        let previousLine = open!.words.lowerBound..<previous
        let startsNew =
          line.time != nil || endsWithQuestionMark(scalars, previousLine)
          || (endsSentence(scalars, previousLine) && endsWithQuestionMark(scalars, words)
            && wordCount(scalars[words]) <= maximumQuestionWords)
        if startsNew { close() }
      }
      if open == nil {
        open = Paragraph(words: words, time: line.time)
      } else if open!.words.isEmpty {
        // A tape time alone on its line: the words start on this line.
        open!.words = words
      } else {
        open!.words = open!.words.lowerBound..<words.upperBound
      }
      previousEnd = words.upperBound
    }
    close()
    return result.filter { !$0.words.isEmpty }
  }

  /// "SIDE B", "END OF TAPE 2", "[BLANK TAPE TO 5.11]", "TAPE 2 - SECOND INTERVIEW RECORDED …":
  /// a short line in capitals, a line in capitals about the tape, or a note wholly in square
  /// brackets; not anyone's words.
  private static func isTapeNote(_ scalars: [Unicode.Scalar], _ range: Range<Int>, words: Int) -> Bool {
    guard !range.isEmpty else { return true }
    if scalars[range.lowerBound] == "[", scalars[range.upperBound - 1] == "]" { return true }
    guard isMostlyCapitals(scalars[range]), !endsWithQuestionMark(scalars, range),
      scalars[range].allSatisfy({ !$0.properties.isLowercase })
    else { return false }
    // Longer lines in capitals are notes only when they speak of the tape.
    let written = String(scalars: scalars[range])
    return words <= 6 || written.contains("TAPE") || written.contains("SIDE ")
  }

  /// True when the text's last character, after closing quotes and brackets, is "?".
  static func endsWithQuestionMark(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    lastMark(scalars, range) == "?"
  }

  private static func endsSentence(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    guard let mark = lastMark(scalars, range) else { return false }
    return mark == "." || mark == "!" || mark == "?" || mark == "\u{2026}"
  }

  private static func lastMark(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Unicode.Scalar? {
    var index = range.upperBound
    while index > range.lowerBound, closers.contains(scalars[index - 1]) || scalars[index - 1].isBlankInLine {
      index -= 1
    }
    return index > range.lowerBound ? scalars[index - 1] : nil
  }

  private static let closers: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{BB}"]

  /// Words as runs of non-blank characters.
  static func wordCount(_ text: ArraySlice<Unicode.Scalar>) -> Int {
    var count = 0
    var inWord = false
    for scalar in text {
      let blank = scalar.properties.isWhitespace
      if !blank && !inWord { count += 1 }
      inWord = !blank
    }
    return count
  }
}

/// A tape counter at the start of a paragraph: minutes and seconds as "0.39", "12:05",
/// "0. 55" or "0 05", followed by a tab or at least two blanks.
enum TapeTime {
  static func find(in scalars: [Unicode.Scalar], line: Range<Int>) -> (written: String, wordsStart: Int)? {
    let end = line.upperBound
    var index = line.lowerBound
    let minutesStart = index
    while index < end, index - minutesStart < 3, isDigit(scalars[index]) { index += 1 }
    guard index > minutesStart, index < end else { return nil }
    let separator = scalars[index]
    guard separator == "." || separator == ":" || separator == " " else { return nil }
    index += 1
    if separator != " ", index < end, scalars[index] == " " { index += 1 }
    guard index + 2 <= end, isDigit(scalars[index]), isDigit(scalars[index + 1]) else { return nil }
    index += 2
    let timeEnd = index
    var blanks = 0
    var sawTab = false
    while index < end, scalars[index].isBlankInLine {
      if scalars[index] == "\t" { sawTab = true }
      blanks += 1
      index += 1
    }
    guard index == end || sawTab || blanks >= 2 else { return nil }
    return (String(scalars: scalars[line.lowerBound..<timeEnd]), index)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
