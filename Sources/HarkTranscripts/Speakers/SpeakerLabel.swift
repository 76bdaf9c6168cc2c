// Recognises the "Name:" that opens a speaker turn, in the spellings transcripts use.

/// A speaker label found at the start of a line.
struct SpeakerLabel: Equatable {
  var speaker: String
  /// Scalar offset where the words start: after the label and the blanks that follow it.
  var wordsStart: Int
  /// A time written before the label ("[00:01:23] Sam: ..."), without its brackets.
  var time: String?

  enum Style {
    /// `Name: text`, optionally after a time in brackets.
    case plain
    /// Plain, plus `**Name:**`, `**Name**:`, `__Name:__`, `__Name__:`.
    case markdown
    /// Subtitle and caption lines: `Name:`, `- Name:`, `>> Name:`, `[Name] text`.
    case caption
  }

  /// A name is at most this many scalars long.
  static let maximumNameLength = 40

  /// The label at the start of `line` in `scalars`, or nil when the line does not open a turn.
  static func find(in scalars: [Unicode.Scalar], line: Range<Int>, style: Style) -> SpeakerLabel? {
    let end = line.upperBound
    var index = skipBlanks(scalars, from: line.lowerBound, to: end)
    var time: String?
    if style != .caption, let (written, after) = bracketedTime(scalars, at: index, end: end) {
      time = written
      index = skipBlanks(scalars, from: after, to: end)
    }
    guard index < end else { return nil }
    switch style {
    case .plain:
      break
    case .markdown:
      if let (name, after) = markdownLabel(scalars, at: index, end: end) {
        return SpeakerLabel(
          speaker: name, wordsStart: skipBlanks(scalars, from: after, to: end), time: time)
      }
    case .caption:
      if scalars[index] == ">", index + 1 < end, scalars[index + 1] == ">" {
        index = skipBlanks(scalars, from: index + 2, to: end)
      } else if scalars[index] == "-" || scalars[index] == "\u{2013}", index + 1 < end,
        scalars[index + 1].isBlankInLine
      {
        index = skipBlanks(scalars, from: index + 1, to: end)
      } else if let (name, after) = bracketedName(scalars, at: index, end: end) {
        return SpeakerLabel(
          speaker: name, wordsStart: skipBlanks(scalars, from: after, to: end), time: nil)
      }
    }
    guard let (name, after) = colonLabel(scalars, at: index, end: end) else { return nil }
    return SpeakerLabel(
      speaker: name, wordsStart: skipBlanks(scalars, from: after, to: end), time: time)
  }

  /// True when `name` can be a speaker: 1 to 4 words, starting with a capital (or caseless)
  /// letter, no sentence punctuation, not a metadata word like "Note" or "Date".
  static func isName(_ name: ArraySlice<Unicode.Scalar>) -> Bool {
    guard (1...maximumNameLength).contains(name.count), let first = name.first,
      first.properties.isAlphabetic, !first.properties.isLowercase
    else { return false }
    var words = 0
    var wordStart = name.startIndex
    var index = name.startIndex
    while index <= name.endIndex {
      if index == name.endIndex || name[index].isBlankInLine {
        if wordStart < index {
          words += 1
          guard words <= 4, isNameWord(name[wordStart..<index]) else { return false }
        }
        wordStart = index + 1
      } else if !isNameScalar(name[index]) {
        return false
      }
      index += 1
    }
    return !notNames.contains(String(scalars: name).lowercased())
  }

  private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return "'\u{2019}-.()".unicodeScalars.contains(scalar)
    }
  }

  private static func isNameWord(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = word.first else { return false }
    if first == "(" { return word.last == ")" && !word.dropFirst().dropLast().contains("(") }
    if word.contains("(") || word.contains(")") { return false }
    let text = String(scalars: word)
    if let dot = word.firstIndex(of: ".") {
      // Only titles and initials end in a dot ("Dr.", "J."); elsewhere a dot ends a sentence.
      guard dot == word.endIndex - 1 else { return false }
      let stem = text.dropLast()
      guard stem.count == 1 || abbreviations.contains(stem.lowercased()) else { return false }
    }
    if first.properties.isLowercase { return particles.contains(text) }
    return first.properties.isAlphabetic || first.properties.numericType == .decimal
  }

  /// Lower-case words that belong inside names ("Sam de Souza").
  private static let particles: Set<String> = [
    "de", "da", "del", "della", "di", "do", "dos", "du", "van", "von", "der", "den", "ter", "la",
    "le", "bin", "bint",
    "ibn", "al", "el", "ap",
  ]
  private static let abbreviations: Set<String> = [
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "rev", "revd", "fr", "sr", "jr", "cllr", "sgt",
  ]
  /// Labels that introduce notes and metadata, never a speaker.
  private static let notNames: Set<String> = [
    "note", "notes", "nb", "ps", "date", "time", "place", "location", "venue", "setting",
    "duration", "length",
    "present", "attendees", "recorded", "recording", "transcript", "transcribed by", "transcriber",
    "title",
    "subject", "topic", "re", "fwd", "update", "edit", "source", "ref", "email", "e-mail", "tel",
    "phone",
    "website", "url", "link", "http", "https", "warning", "tip", "example", "summary", "agenda",
    "keywords", "tags",
    "language", "kind",
  ]
  /// Bracketed sound descriptions in subtitles, never a speaker.
  private static let soundTags: Set<String> = [
    "laughs", "laughter", "laughing", "music", "applause", "inaudible", "crosstalk", "cross talk",
    "pause",
    "silence", "sighs", "sigh", "coughs", "cough", "noise", "background noise", "indistinct",
    "unintelligible",
    "unclear", "overlapping", "overtalk", "phone rings", "phone ringing", "door", "knocking",
    "music playing",
  ]

  static func skipBlanks(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end, scalars[index].isBlankInLine { index += 1 }
    return index
  }

  /// `Name:` followed by a blank or the end of the line.
  private static func colonLabel(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> (
    String, Int
  )? {
    let limit = min(end, start + maximumNameLength + 2)
    var colon = start
    while colon < limit, scalars[colon] != ":" { colon += 1 }
    guard colon < limit, colon + 1 == end || scalars[colon + 1].isBlankInLine else { return nil }
    var nameEnd = colon
    while nameEnd > start, scalars[nameEnd - 1].isBlankInLine { nameEnd -= 1 }
    guard isName(scalars[start..<nameEnd]) else { return nil }
    return (String(scalars: scalars[start..<nameEnd]), colon + 1)
  }

  /// `**Name:**`, `**Name**:`, `__Name:__` or `__Name__:`, followed by a blank or the end.
  private static func markdownLabel(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> (
    String, Int
  )? {
    guard start + 1 < end, scalars[start] == scalars[start + 1],
      scalars[start] == "*" || scalars[start] == "_"
    else { return nil }
    let marker = scalars[start]
    let innerStart = start + 2
    let limit = min(end - 1, innerStart + maximumNameLength + 2)
    var close = innerStart
    while close < limit, !(scalars[close] == marker && scalars[close + 1] == marker) { close += 1 }
    guard close < limit else { return nil }
    var nameEnd = close
    var after = close + 2
    if nameEnd > innerStart, scalars[nameEnd - 1] == ":" {
      nameEnd -= 1
    } else if after < end, scalars[after] == ":" {
      after += 1
    } else {
      return nil
    }
    guard after == end || scalars[after].isBlankInLine else { return nil }
    while nameEnd > innerStart, scalars[nameEnd - 1].isBlankInLine { nameEnd -= 1 }
    guard isName(scalars[innerStart..<nameEnd]) else { return nil }
    return (String(scalars: scalars[innerStart..<nameEnd]), after)
  }

  /// `[Name]` followed by a blank or the end, when it is not a sound like `[Laughs]`.
  private static func bracketedName(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> (
    String, Int
  )? {
    guard scalars[start] == "[" else { return nil }
    let limit = min(end, start + maximumNameLength + 2)
    var close = start + 1
    while close < limit, scalars[close] != "]" { close += 1 }
    guard close < limit, close + 1 == end || scalars[close + 1].isBlankInLine else { return nil }
    let name = scalars[(start + 1)..<close]
    let text = String(scalars: name)
    guard isName(name), !soundTags.contains(text.lowercased()) else { return nil }
    return (text, close + 1)
  }

  /// A clock or media time in square or round brackets: `[00:01:23]`, `[1:23]`, `(00:01:23.5)`.
  static func bracketedTime(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> (String, Int)? {
    guard start < end, scalars[start] == "[" || scalars[start] == "(" else { return nil }
    let closer: Unicode.Scalar = scalars[start] == "[" ? "]" : ")"
    let limit = min(end, start + 16)
    var close = start + 1
    while close < limit, scalars[close] != closer { close += 1 }
    guard close < limit, isClockTime(scalars[(start + 1)..<close]) else { return nil }
    return (String(scalars: scalars[(start + 1)..<close]), close + 1)
  }

  /// `H:MM`, `HH:MM:SS`, `MM:SS.mmm` and the like: 1–2 digits, then one or two `:NN` groups,
  /// then an optional fraction after `.` or `,`.
  static func isClockTime(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    var groups: [Int] = [0]
    var fractionDigits: Int?
    for scalar in text {
      if ("0"..."9").contains(scalar) {
        if fractionDigits != nil { fractionDigits! += 1 } else { groups[groups.count - 1] += 1 }
      } else if scalar == ":", fractionDigits == nil {
        groups.append(0)
      } else if scalar == "." || scalar == ",", fractionDigits == nil {
        fractionDigits = 0
      } else {
        return false
      }
    }
    guard (2...3).contains(groups.count), (1...3).contains(groups[0]),
      groups.dropFirst().allSatisfy({ $0 == 2 })
    else { return false }
    if let fractionDigits { return (1...3).contains(fractionDigits) }
    return true
  }
}
