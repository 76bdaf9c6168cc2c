// Who asked the questions, when nothing says who the interviewer is.
//
// A labelled transcript often names its interviewer ("Ruth:") and comes
// without a participants list. Left as an unknown speaker, the interviewer's
// questions would be coded, themed and linked as if a participant had said
// them ("Is there anything you'd like to add?" becomes a concept "add").
// The shape of an interview gives the interviewer away: one speaker asks
// in more of their turns than anyone else, and their turns are short where
// the others' are long. When the shape is that clear, that speaker is taken as
// the interviewer and the import says so, with the evidence; a participants
// list imported later (or before) overrides the guess.

/// The speaker taken as the interviewer of one transcript, and why.
public struct InterviewerGuess: Sendable, Equatable {
  public var speaker: String
  /// The speaker's turns with a question mark in them, and all their turns.
  public var questionTurns: Int
  public var turns: Int

  public init(speaker: String, questionTurns: Int, turns: Int) {
    self.speaker = speaker
    self.questionTurns = questionTurns
    self.turns = turns
  }

  /// What an import prints about the guess.
  public var note: String {
    "\(speaker) taken as the interviewer (a question in \(questionTurns) of \(turns) turns, and short turns); "
      + "if that is wrong, import a participants list (--participants) giving \(speaker)'s role"
  }

  /// Fewer question turns than this are too few to judge by.
  static let minimumQuestions = 3
  /// The least share of the interviewer's turns that ask.
  static let minimumShare = 0.3
  /// Every other speaker asks in at most this part of the interviewer's share.
  static let othersAtMost = 0.8
  /// The interviewer's turns are at most this part as long, in words, as
  /// any other speaker's on average (questions are short, answers long).
  static let turnLengthAtMost = 0.5

  /// The interviewer among `candidates` (speakers no participant row or
  /// label names), from every turn of the transcript as (speaker, text);
  /// nil when the transcript has one speaker, when a turn already belongs
  /// to a known interviewer (`hasInterviewer`), or when the shape is not
  /// clear.
  public static func guess(
    turns: [(speaker: String, text: Substring)], candidates: Set<String>, hasInterviewer: Bool
  ) -> InterviewerGuess? {
    guard !hasInterviewer, !candidates.isEmpty else { return nil }
    var order: [String] = []
    var tally: [String: (turns: Int, questions: Int, words: Int)] = [:]
    for turn in turns {
      if tally[turn.speaker] == nil { order.append(turn.speaker) }
      var entry = tally[turn.speaker] ?? (0, 0, 0)
      entry.turns += 1
      if turn.text.contains("?") { entry.questions += 1 }
      entry.words += turn.text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).count
      tally[turn.speaker] = entry
    }
    guard order.count >= 2 else { return nil }
    func share(_ speaker: String) -> Double {
      let entry = tally[speaker]!
      return Double(entry.questions) / Double(entry.turns)
    }
    // The candidate who asks most often; the first to speak wins a tie.
    guard let asker = order.filter(candidates.contains).max(by: { share($0) < share($1) }) else { return nil }
    let entry = tally[asker]!
    func turnLength(_ speaker: String) -> Double {
      let entry = tally[speaker]!
      return Double(entry.words) / Double(entry.turns)
    }
    let others = order.filter { $0 != asker }
    guard entry.questions >= minimumQuestions, share(asker) >= minimumShare,
      others.allSatisfy({ share($0) <= share(asker) * othersAtMost }),
      others.allSatisfy({ turnLength(asker) <= turnLength($0) * turnLengthAtMost })
    else { return nil }
    return InterviewerGuess(speaker: asker, questionTurns: entry.questions, turns: entry.turns)
  }

  /// The guess for an imported transcript, its turns read from its text.
  public static func guess(
    in transcript: ImportedTranscript, candidates: Set<String>, hasInterviewer: Bool
  ) -> InterviewerGuess? {
    guard !hasInterviewer, !candidates.isEmpty else { return nil }
    let scalars = transcript.text.unicodeScalars
    let count = scalars.count
    // Turns come in text order, so each one is found by walking on from the last.
    var position = (offset: 0, index: scalars.startIndex)
    func index(_ offset: Int) -> String.Index {
      let offset = min(max(offset, 0), count)
      if offset < position.offset { position = (0, scalars.startIndex) }
      position = (offset, scalars.index(position.index, offsetBy: offset - position.offset))
      return position.index
    }
    let turns = transcript.turns.map { turn -> (speaker: String, text: Substring) in
      let start = index(turn.start)
      return (turn.speaker, Substring(transcript.text[start..<index(max(turn.end, turn.start))]))
    }
    return guess(turns: turns, candidates: candidates, hasInterviewer: hasInterviewer)
  }
}
