// Shared by the WebVTT and SRT readers: cleans cue text, finds who speaks, merges
// consecutive cues of one speaker into a turn and rebuilds the stored text.

/// Turns collected from timed cues, in order.
struct CueTurns {
  private struct Paragraph {
    var speaker: String?
    var words: [String]
    var startTime: String
    var endTime: String
  }

  private var paragraphs: [Paragraph] = []

  /// Adds what one speaker said in one cue. A nil speaker continues the previous paragraph,
  /// as does the speaker of that paragraph: consecutive cues by one speaker make one turn.
  mutating func add(speaker: String?, words: String, startTime: String, endTime: String) {
    guard !words.isEmpty else { return }
    if let last = paragraphs.indices.last, speaker == nil || speaker == paragraphs[last].speaker {
      // In place: copying the paragraph out and back copied its words on every cue, which
      // made a long run of one speaker's cues take quadratic time.
      paragraphs[last].words.append(words)
      paragraphs[last].endTime = endTime
    } else {
      paragraphs.append(
        Paragraph(speaker: speaker, words: [words], startTime: startTime, endTime: endTime))
    }
  }

  /// The stored text (`Name: words`, a blank line between paragraphs) and its turns; cue
  /// text before anyone is named is kept as a paragraph without a turn.
  func transcript(title: String, format: TranscriptFormat, name: String) throws
    -> ImportedTranscript
  {
    var text = ""
    var offset = 0
    var turns: [ImportedTurn] = []
    for (index, paragraph) in paragraphs.enumerated() {
      if index > 0 {
        text += "\n\n"
        offset += 2
      }
      // Cue words and names are cut from NFC text (CueText normalises what it changed), so
      // joining them with spaces keeps the text NFC without another pass.
      let words = paragraph.words.joined(separator: " ")
      if let speaker = paragraph.speaker {
        let label = speaker + ": "
        text += label
        offset += label.unicodeScalars.count
        let start = offset
        offset += words.unicodeScalars.count
        turns.append(
          ImportedTurn(
            speaker: speaker, start: start, end: offset, startTime: paragraph.startTime,
            endTime: paragraph.endTime))
      } else {
        offset += words.unicodeScalars.count
      }
      text += words
    }
    guard !turns.isEmpty else { throw ImportProblem.noTurns(name, format: format) }
    return ImportedTranscript(title: title, format: format, text: text + "\n", turns: turns)
  }
}

/// Cue text as spoken: tags removed, entities decoded, speakers found.
enum CueText {
  struct Segment: Equatable {
    /// Who speaks, when a voice tag or a label opens the segment; nil continues the previous speaker.
    var speaker: String?
    var words: String
  }

  /// Splits one cue's text lines into what each speaker said. Voice tags (`<v Name>`,
  /// WebVTT only) name the speaker; in a cue without them, a line may start with a label.
  static func segments(_ content: ScalarLines, lines: ArraySlice<Range<Int>>, webVTT: Bool)
    -> [Segment]
  {
    var linePieces: [[Piece]] = lines.map { pieces(content.scalars, $0, webVTT: webVTT) }
    if !linePieces.contains(where: { $0.contains { $0.speaker != nil } }) {
      for index in linePieces.indices {
        guard let first = linePieces[index].first,
          let label = SpeakerLabel.find(
            in: first.words, line: 0..<first.words.count, style: .caption)
        else { continue }
        linePieces[index][0].speaker = label.speaker
        linePieces[index][0].words.removeFirst(label.wordsStart)
      }
    }
    var segments: [Segment] = []
    var words: [Unicode.Scalar] = []
    var speaker: String?
    var started = false
    var composes = false
    func flush() {
      let collapsed = collapsingBlanks(words)
      guard started, !collapsed.isEmpty else { return }
      let text = String(scalars: collapsed)
      segments.append(
        Segment(speaker: speaker, words: composes ? TranscriptText.normalise(text) : text))
    }
    for piece in linePieces.joined() {
      if piece.speaker != nil {
        flush()
        speaker = piece.speaker
        words = []
        composes = false
      }
      started = true
      words.append(" ")
      words.append(contentsOf: piece.words)
      composes = composes || piece.mayNeedNormalising
    }
    flush()
    return segments
  }

  private struct Piece {
    var speaker: String?
    var words: [Unicode.Scalar]
    /// The source text is NFC, but dropping a tag or decoding an entity can put a combining
    /// mark next to a letter it now composes with.
    var mayNeedNormalising: Bool
  }

  /// One line split where voice tags start, with other tags dropped and (WebVTT) entities decoded.
  private static func pieces(_ scalars: [Unicode.Scalar], _ line: Range<Int>, webVTT: Bool)
    -> [Piece]
  {
    var pieces: [Piece] = []
    var speaker: String?
    var buffer: [Unicode.Scalar] = []
    var mayNeedNormalising = false
    var afterMarkup = false
    var index = line.lowerBound
    let end = line.upperBound
    // Where the next ">" and "}" stand, found once and reused: searching the rest of the line
    // at every "<" made a line of unclosed tags take quadratic time.
    var nextAngle = NextScalar(">")
    var nextBrace = NextScalar("}")
    while index < end {
      let scalar = scalars[index]
      if scalar == "<", opensTag(scalars, at: index, end: end),
        let close = nextAngle.index(in: scalars, after: index, end: end)
      {
        let tag = scalars[(index + 1)..<close]
        if webVTT, let voice = voiceName(tag) {
          if speaker != nil || !buffer.isEmpty {
            pieces.append(
              Piece(speaker: speaker, words: buffer, mayNeedNormalising: mayNeedNormalising))
          }
          speaker = voice
          buffer = []
          mayNeedNormalising = false
        }
        index = close + 1
        afterMarkup = true
      } else if webVTT, scalar == "&", let (decoded, after) = entity(scalars, at: index, end: end) {
        buffer.append(decoded)
        mayNeedNormalising = mayNeedNormalising || decoded.value >= 0x300
        index = after
        afterMarkup = true
      } else if !webVTT, scalar == "{", index + 1 < end, scalars[index + 1] == "\\",
        let close = nextBrace.index(in: scalars, after: index, end: end)
      {
        index = close + 1
        afterMarkup = true
      } else {
        buffer.append(scalar)
        mayNeedNormalising = mayNeedNormalising || (afterMarkup && scalar.value >= 0x300)
        afterMarkup = false
        index += 1
      }
    }
    if speaker != nil || !buffer.isEmpty {
      pieces.append(Piece(speaker: speaker, words: buffer, mayNeedNormalising: mayNeedNormalising))
    }
    return pieces
  }

  /// True when the `<` at `start` opens a tag (`<i>`, `</v>`, `<00:00:01.000>`) rather than
  /// standing for itself.
  private static func opensTag(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> Bool {
    guard start + 1 < end else { return false }
    let next = scalars[start + 1]
    return next.properties.isAlphabetic || next == "/" || ("0"..."9").contains(next)
  }

  /// The next place a scalar stands in a line, remembered between questions so that the
  /// line is searched once from left to right.
  private struct NextScalar {
    let wanted: Unicode.Scalar
    /// The last answer: an index, or `end` when there is none further on.
    private var found: Int?

    init(_ wanted: Unicode.Scalar) { self.wanted = wanted }

    mutating func index(in scalars: [Unicode.Scalar], after start: Int, end: Int) -> Int? {
      if let found, found > start { return found < end ? found : nil }
      var index = start + 1
      while index < end, scalars[index] != wanted { index += 1 }
      found = index
      return index < end ? index : nil
    }
  }

  /// The name in a voice tag's contents: `v Name`, `v.loud.slow Name`.
  private static func voiceName(_ tag: ArraySlice<Unicode.Scalar>) -> String? {
    guard tag.first == "v", tag.count > 1 else { return nil }
    let second = tag[tag.startIndex + 1]
    guard second == "." || second.isBlankInLine else { return nil }
    guard let blank = tag.firstIndex(where: { $0.isBlankInLine }) else { return nil }
    let name = collapsingBlanks(tag[blank...])
    return name.isEmpty ? nil : String(scalars: name)
  }

  private static let entities: [String: Unicode.Scalar] = [
    "amp": "&", "lt": "<", "gt": ">", "nbsp": " ", "lrm": "\u{200E}", "rlm": "\u{200F}",
    "quot": "\"",
    "apos": "'",
  ]

  /// `&amp;`, `&#39;`, `&#x2019;` and the other entities WebVTT uses; unknown ones stay as written.
  private static func entity(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> (
    Unicode.Scalar, Int
  )? {
    let limit = min(end, start + 10)
    guard start + 1 < limit, let semicolon = scalars[(start + 1)..<limit].firstIndex(of: ";"),
      semicolon > start + 1
    else { return nil }
    let body = String(scalars: scalars[(start + 1)..<semicolon])
    if let named = entities[body] { return (named, semicolon + 1) }
    guard body.hasPrefix("#") else { return nil }
    let digits = body.dropFirst()
    let value =
      digits.hasPrefix("x") || digits.hasPrefix("X")
      ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
    guard let value, value != 0, let decoded = Unicode.Scalar(value) else { return nil }
    return (decoded, semicolon + 1)
  }

  /// Runs of blanks and line breaks become one space; none at either end.
  static func collapsingBlanks<Scalars: Collection<Unicode.Scalar>>(_ text: Scalars) -> [Unicode
    .Scalar]
  {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(text.count)
    var pendingSpace = false
    for scalar in text {
      if scalar.isBlankInLine || scalar == "\n" {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(scalar)
      }
    }
    return result
  }
}
