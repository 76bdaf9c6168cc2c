import HarkTranscripts
import Testing

@Suite("Taking the speaker who asks as the interviewer when nothing names one")
struct InterviewerGuessTests {
  /// Ruth asks short questions; Amina answers at length and asks once.
  static let interview: [(speaker: String, text: Substring)] = [
    ("Ruth", "Thanks for coming in. What has helped you most?"),
    ("Amina", "Jo, my support worker, because she kept turning up when nobody else did, every single week."),
    ("Ruth", "What did she do that mattered?"),
    ("Amina", "She rang when I missed a session. Who does that? Nobody had ever noticed before she did."),
    ("Ruth", "And what would you change?"),
    ("Amina", "The letters. They read like threats, and they put people off coming back to the hub at all."),
    ("Ruth", "Thank you."),
  ]

  @Test("the speaker who asks in more turns, in short turns, is taken, with the counts")
  func clearInterview() {
    let guess = InterviewerGuess.guess(turns: Self.interview, candidates: ["Ruth", "Amina"], hasInterviewer: false)
    #expect(guess == InterviewerGuess(speaker: "Ruth", questionTurns: 3, turns: 4))
    #expect(
      guess?.note
        == "Ruth taken as the interviewer (a question in 3 of 4 turns, and short turns); "
        + "if that is wrong, import a participants list (--participants) giving Ruth's role")
  }

  @Test("no guess when a turn already belongs to a named interviewer")
  func knownInterviewer() {
    #expect(InterviewerGuess.guess(turns: Self.interview, candidates: ["Amina"], hasInterviewer: true) == nil)
  }

  @Test("only speakers no participant row names can be taken")
  func notACandidate() {
    #expect(InterviewerGuess.guess(turns: Self.interview, candidates: ["Amina"], hasInterviewer: false) == nil)
  }

  @Test("a monologue has no interviewer")
  func oneSpeaker() {
    let turns = Self.interview.filter { $0.speaker == "Ruth" }
    #expect(InterviewerGuess.guess(turns: turns, candidates: ["Ruth"], hasInterviewer: false) == nil)
  }

  @Test("no guess when the others ask nearly as often")
  func bothAsk() {
    let turns: [(speaker: String, text: Substring)] = [
      ("Ann", "Where?"), ("Bo", "Why do you ask me that, when you know where it was and who was there?"),
      ("Ann", "When?"), ("Bo", "Was it Tuesday or was it the Wednesday after the meeting at the centre?"),
      ("Ann", "Who?"), ("Bo", "Who else would it be, if not the woman from the council with the forms?"),
    ]
    #expect(InterviewerGuess.guess(turns: turns, candidates: ["Ann", "Bo"], hasInterviewer: false) == nil)
  }

  @Test("no guess when the one who asks also talks at length")
  func longQuestions() {
    let turns: [(speaker: String, text: Substring)] = [
      ("Ann", "I have been thinking about the centre for a long while now, and what do you make of it?"),
      ("Bo", "It helps."),
      ("Ann", "They changed the opening hours again last month and nobody told us, so why would they?"),
      ("Bo", "No idea."),
      ("Ann", "It was the same with the buses, which stopped running past the school, so who decided?"),
      ("Bo", "The council."),
    ]
    #expect(InterviewerGuess.guess(turns: turns, candidates: ["Ann", "Bo"], hasInterviewer: false) == nil)
  }

  @Test("fewer than three questions are too few to judge by")
  func tooFewQuestions() {
    let turns = Array(Self.interview.prefix(4))
    #expect(InterviewerGuess.guess(turns: turns, candidates: ["Ruth", "Amina"], hasInterviewer: false) == nil)
  }

  @Test("turns are read from an imported transcript's text by code point offsets")
  func fromTranscript() {
    var text = ""
    var turns: [ImportedTurn] = []
    for turn in Self.interview {
      let label = "\(turn.speaker) 💬: "
      let start = text.unicodeScalars.count + label.unicodeScalars.count
      text += label + turn.text
      turns.append(ImportedTurn(speaker: turn.speaker, start: start, end: text.unicodeScalars.count))
      text += "\n"
    }
    let transcript = ImportedTranscript(title: "Amina", format: .text, text: text, turns: turns)
    #expect(
      InterviewerGuess.guess(in: transcript, candidates: ["Ruth", "Amina"], hasInterviewer: false)
        == InterviewerGuess(speaker: "Ruth", questionTurns: 3, turns: 4))
  }
}
