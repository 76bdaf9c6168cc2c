// Finding a gold file's quotes in a transcript as stored: the validator.
// Every problem is collected, so one run lists all a file needs fixing.
import Foundation
import HarkStore
import HarkTranscripts

/// A code point range `[start, end)` in a document's stored text.
public struct GoldSpan: Sendable, Hashable, Comparable {
  public var start: Int
  public var end: Int
  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }
  /// True when the two ranges share at least one code point.
  public func overlaps(_ other: GoldSpan) -> Bool { start < other.end && other.start < end }
  public func contains(_ offset: Int) -> Bool { start <= offset && offset < end }
  public static func < (a: GoldSpan, b: GoldSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// A turn of a transcript as stored, and whether a participant said it.
public struct GoldTurnSpan: Sendable, Equatable {
  public var span: GoldSpan
  public var isParticipant: Bool
  public init(_ span: GoldSpan, isParticipant: Bool) {
    self.span = span
    self.isParticipant = isParticipant
  }
}

/// The text and turns the plugins see for one transcript.
public struct GoldTranscript: Sendable, Equatable {
  /// The transcript's file name ("amina-mental-health.txt").
  public var source: String
  public var text: String
  public var turns: [GoldTurnSpan]
  public init(source: String, text: String, turns: [GoldTurnSpan]) {
    self.source = source
    self.text = text
    self.turns = turns
  }

  /// Reads a transcript file as import does; a turn is a participant's when its
  /// speaker matches a participant (not an interviewer) of `participants`.
  public static func read(path: String, participants: [ParticipantRecord]) throws -> GoldTranscript {
    let transcript = try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path))
    let pseudonyms = participants.map(\.pseudonym)
    let roles = Dictionary(participants.map { ($0.pseudonym, $0.role) }, uniquingKeysWith: { a, _ in a })
    let turns = transcript.turns.map { turn in
      let match = SpeakerMatcher.match(turn.speaker, among: pseudonyms)
      return GoldTurnSpan(
        GoldSpan(turn.start, turn.end), isParticipant: match.flatMap { roles[$0] } == .participant)
    }
    return GoldTranscript(source: (path as NSString).lastPathComponent, text: transcript.text, turns: turns)
  }
}

/// A gold file with every quote found: what the scorer compares with.
public struct GoldDocument: Sendable, Equatable {
  public struct Turn: Sendable, Equatable {
    public var span: GoldSpan
    public var sentiment: Int
    public init(span: GoldSpan, sentiment: Int) {
      self.span = span
      self.sentiment = sentiment
    }
  }
  public struct Value: Sendable, Equatable {
    public var code: String
    public var span: GoldSpan
    public init(code: String, span: GoldSpan) {
      self.code = code
      self.span = span
    }
  }
  public struct Link: Sendable, Equatable {
    public var cause: GoldSpan
    public var effect: GoldSpan
    public var polarity: Int
    /// The sentence stated in `in:`, or nil for the default (see `GoldScoring.causalSentences`).
    public var sentence: GoldSpan?
    public init(cause: GoldSpan, effect: GoldSpan, polarity: Int, sentence: GoldSpan? = nil) {
      self.cause = cause
      self.effect = effect
      self.polarity = polarity
      self.sentence = sentence
    }
  }

  public var source: String
  public var split: GoldFile.Split
  public var concepts: [GoldFile.Concept]
  public var turns: [Turn]
  public var values: [Value]
  public var links: [Link]
  /// Every turn of the transcript (both roles), to split into sentences.
  public var allTurns: [GoldTurnSpan]
  public var text: String

  public init(
    source: String, split: GoldFile.Split, text: String, allTurns: [GoldTurnSpan], concepts: [GoldFile.Concept] = [],
    turns: [Turn] = [], values: [Value] = [], links: [Link] = []
  ) {
    self.source = source
    self.split = split
    self.text = text
    self.allTurns = allTurns
    self.concepts = concepts
    self.turns = turns
    self.values = values
    self.links = links
  }

  /// Finds every quote of `file` in `transcript`. Throws `GoldProblems` listing
  /// each quote that is missing or ambiguous, each participant turn without a
  /// sentiment, and each code not in `knownCodes` (when given).
  public static func resolve(_ file: GoldFile, in transcript: GoldTranscript, knownCodes: Set<String>? = nil) throws
    -> GoldDocument
  {
    var problems: [HarkError] = []
    func report(_ line: Int?, _ what: String, hint: String? = nil) {
      problems.append(HarkError(what, subject: file.name, line: line, hint: hint))
    }
    if file.transcript != transcript.source {
      report(nil, "names the transcript \(file.transcript) but was checked against \(transcript.source)")
    }
    let text = Array(transcript.text.unicodeScalars)
    let knownLower = knownCodes.map { Set($0.map { $0.lowercased() }) }
    var document = GoldDocument(
      source: transcript.source, split: file.split, text: transcript.text, allTurns: transcript.turns,
      concepts: file.concepts)
    var annotated: [Int: Int] = [:]  // turn index → line of its turn: line

    // A quote searched in one turn, which must resolve to exactly one place.
    func unique(_ quote: GoldQuote, within scope: GoldSpan, what: String, line: Int) -> GoldSpan? {
      let hits = find(quote, in: text, within: scope)
      if let n = quote.occurrence {
        guard n <= hits.count else {
          report(line, "\(what): \(quote.shown) occurs \(hits.count) times in its turn, not \(n)")
          return nil
        }
        return hits[n - 1]
      }
      switch hits.count {
      case 1: return hits[0]
      case 0:
        report(
          line, "\(what): the quote \(quote.shown) is not in this turn of \(transcript.source)",
          hint: "Copy the words exactly from the stored text of the turn")
      default:
        report(
          line, "\(what): the quote \(quote.shown) occurs \(hits.count) times in its turn",
          hint: "Quote more words, or add @N to take the N-th occurrence")
      }
      return nil
    }

    // A cause or effect: in its own turn, else in the nearest earlier turn that holds it.
    func reaching(_ quote: GoldQuote, from index: Int, what: String, line: Int) -> GoldSpan? {
      for candidate in stride(from: index, through: 0, by: -1) {
        let scope = transcript.turns[candidate].span
        if !find(quote, in: text, within: scope).isEmpty {
          return unique(quote, within: scope, what: what, line: line)
        }
      }
      report(
        line, "\(what): the quote \(quote.shown) is not in this turn or any earlier one of \(transcript.source)",
        hint: "Copy the words exactly from the stored text")
      return nil
    }

    for turn in file.turns {
      let holders = transcript.turns.indices.filter {
        transcript.turns[$0].isParticipant && !find(turn.quote, in: text, within: transcript.turns[$0].span).isEmpty
      }
      guard holders.count == 1 else {
        if holders.isEmpty {
          let inInterviewer = transcript.turns.contains {
            !$0.isParticipant && !find(turn.quote, in: text, within: $0.span).isEmpty
          }
          report(
            turn.line,
            inInterviewer
              ? "the turn quote \(turn.quote.shown) is in an interviewer turn; only participant turns are annotated"
              : "the turn quote \(turn.quote.shown) is not in any participant turn of \(transcript.source)",
            hint: "Copy the words exactly from the stored text (hark export --format json shows it)")
        } else {
          report(
            turn.line, "the turn quote \(turn.quote.shown) is in \(holders.count) participant turns",
            hint: "Quote more words, so that only one turn holds them")
        }
        continue
      }
      let index = holders[0]
      if let earlier = annotated[index] {
        report(
          turn.line, "annotates the same turn as line \(earlier)", hint: "Give each participant turn one turn: line")
        continue
      }
      annotated[index] = turn.line
      let turnSpan = transcript.turns[index].span
      document.turns.append(Turn(span: turnSpan, sentiment: turn.sentiment))

      for value in turn.values {
        if let knownLower, !knownLower.contains(value.code.lowercased()) {
          report(
            value.line, "the code \"\(value.code)\" is not in the codebook",
            hint: "Use a code: name from corpora/codebooks/values.codebook")
        }
        if let span = unique(value.quote, within: turnSpan, what: "value \"\(value.code)\"", line: value.line) {
          document.values.append(Value(code: value.code, span: span))
        }
      }
      for link in turn.links {
        let cause = reaching(link.cause, from: index, what: "link cause", line: link.line)
        let effect = reaching(link.effect, from: index, what: "link effect", line: link.line)
        var sentence: GoldSpan?
        if let quote = link.sentence {
          sentence = unique(quote, within: turnSpan, what: "link sentence (in:)", line: link.line)
          if sentence == nil { continue }
        }
        if let cause, let effect {
          document.links.append(Link(cause: cause, effect: effect, polarity: link.polarity, sentence: sentence))
        }
      }
    }
    for (index, turn) in transcript.turns.enumerated() where turn.isParticipant && annotated[index] == nil {
      let cut = min(turn.span.end, turn.span.start + 50)
      let opening = String(String.UnicodeScalarView(text[turn.span.start..<cut])) + (cut < turn.span.end ? "…" : "")
      report(
        nil, "participant turn \(index + 1) (\"\(opening)\") has no turn: line",
        hint: "Every participant turn needs a sentiment: add turn: N | words from it")
    }
    guard problems.isEmpty else { throw GoldProblems(problems: problems) }
    return document
  }

  /// Every place `quote` starts within `scope`, as spans.
  static func find(_ quote: GoldQuote, in text: [Unicode.Scalar], within scope: GoldSpan) -> [GoldSpan] {
    let needle = Array(quote.text.unicodeScalars)
    guard !needle.isEmpty, scope.end - scope.start >= needle.count else { return [] }
    var hits: [GoldSpan] = []
    var i = scope.start
    while i + needle.count <= scope.end {
      if text[i] == needle[0] && text[i..<(i + needle.count)].elementsEqual(needle) {
        hits.append(GoldSpan(i, i + needle.count))
      }
      i += 1
    }
    return hits
  }
}

/// Everything wrong with a gold file, one problem a line.
public struct GoldProblems: Error, CustomStringConvertible, Sendable, Equatable {
  public var problems: [HarkError]
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
