import HarkTranscripts
import Testing

@Suite("Matching transcript speakers to participants")
struct SpeakerMatcherTests {
  let pseudonyms = ["Ruth", "Sam", "Priya", "Grace"]

  @Test("an exact name matches")
  func exact() {
    #expect(SpeakerMatcher.match("Ruth", among: pseudonyms) == "Ruth")
  }

  @Test("letter case does not matter")
  func caseInsensitive() {
    #expect(SpeakerMatcher.match("PRIYA", among: pseudonyms) == "Priya")
    #expect(SpeakerMatcher.match("grace", among: pseudonyms) == "Grace")
  }

  @Test("a full name matches the pseudonym of its first word")
  func firstWord() {
    #expect(SpeakerMatcher.match("Sam Okafor", among: pseudonyms) == "Sam")
    #expect(SpeakerMatcher.match("RUTH SMITH", among: pseudonyms) == "Ruth")
    #expect(SpeakerMatcher.match("Sam (interviewer)", among: pseudonyms) == "Sam")
  }

  @Test("punctuation and markdown around the label are ignored")
  func markup() {
    #expect(SpeakerMatcher.match("**Sam:**", among: pseudonyms) == "Sam")
    #expect(SpeakerMatcher.match("[Grace]", among: pseudonyms) == "Grace")
    #expect(SpeakerMatcher.match(" __Ruth__: ", among: pseudonyms) == "Ruth")
    #expect(SpeakerMatcher.match(">> PRIYA:", among: pseudonyms) == "Priya")
  }

  @Test("no match gives nil, including names that only start like a pseudonym")
  func noMatch() {
    #expect(SpeakerMatcher.match("Ruthie", among: pseudonyms) == nil)
    #expect(SpeakerMatcher.match("Okafor Sam", among: pseudonyms) == nil)
    #expect(SpeakerMatcher.match("", among: pseudonyms) == nil)
    #expect(SpeakerMatcher.match("Sam", among: []) == nil)
  }

  @Test("an exact match wins over one that differs in case")
  func exactBeforeCaseInsensitive() {
    #expect(SpeakerMatcher.match("Sam", among: ["SAM", "Sam"]) == "Sam")
    #expect(SpeakerMatcher.match("sam", among: ["SAM", "Sam"]) == "SAM")
  }

  @Test("interviewer labels are recognised in any case, the long ones also numbered")
  func interviewerLabels() {
    for label in [
      "Interviewer", "FACILITATOR", "int", "I", "q", "Researcher", "moderator", "**Q:**",
      "Interviewer 2",
    ] {
      #expect(SpeakerMatcher.looksLikeInterviewer(label), "\(label)")
    }
    for label in ["Ruth", "Iris", "Q Smith", "Interviewee", "Participant", ""] {
      #expect(!SpeakerMatcher.looksLikeInterviewer(label), "\(label)")
    }
  }
}
