// A small project built through the store's own API: short interviews in
// which Ruth asks "What helped?" and one participant answers, then each
// interview's plugin findings from one coding run. The store, map, exchange,
// CLI, host and web tests all start from it, so there is one copy to keep in
// step with the importer's offsets.
import Foundation
import HarkStore
import HarkTranscripts

public enum InterviewProject {
  /// One interview: who answers and what they said, and what a plugin found in it.
  public struct Interview: Sendable {
    public var speaker: String
    public var said: String
    public var findings: Findings

    public init(_ speaker: String, _ said: String, findings: Findings = Findings()) {
      self.speaker = speaker
      self.said = said
      self.findings = findings
    }
  }

  /// The project `p.sqlite` in `folder`: participants Ruth (interviewer),
  /// Amina (people using services) and Grace (carers); interview k as
  /// document Dk titled "Interview k" from "ik.txt", its text
  /// "Ruth: What helped?\nSPEAKER: SAID\n"; then one in-process run (R1)
  /// in which plugin org.test.links version 1 found each interview's findings.
  public static func make(in folder: URL, _ interviews: [Interview]) throws -> ProjectStore {
    let (store, documents) = try importInterviews(in: folder, interviews)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    try store.writeCorpusAnalysis(
      zip(documents, interviews).map { document, interview in
        (
          AnalysisRecord(
            documentID: document, pluginID: "org.test.links", pluginVersion: "1", optionsHash: "h", runID: run,
            seconds: 0), interview.findings
        )
      })
    return store
  }

  /// The same project before any coding run, Amina answering in every
  /// interview (interview k says `lines[k - 1]`): where tests that run
  /// plugins themselves start, with no run or analysis of their own to count.
  public static func imported(in folder: URL, aminaSays lines: [String]) throws -> ProjectStore {
    try importInterviews(in: folder, lines.map { Interview("Amina", $0) }).store
  }

  /// The participants and the interviews' transcripts, with turn offsets in
  /// Unicode scalars as the store keeps them.
  static func importInterviews(in folder: URL, _ interviews: [Interview]) throws -> (
    store: ProjectStore, documents: [DocumentID]
  ) {
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Amina", role: .participant, group: "people using services"),
      ParticipantRecord(pseudonym: "Grace", role: .participant, group: "carers"),
    ])
    var documents: [DocumentID] = []
    for (i, interview) in interviews.enumerated() {
      let text = "Ruth: What helped?\n\(interview.speaker): \(interview.said)\n"
      let start = 19 + interview.speaker.unicodeScalars.count + 2
      documents.append(
        try store.importTranscript(
          ImportedTranscript(
            title: "Interview \(i + 1)", format: .text, text: text,
            turns: [
              ImportedTurn(speaker: "Ruth", start: 6, end: 18),
              ImportedTurn(speaker: interview.speaker, start: start, end: start + interview.said.unicodeScalars.count),
            ]), sourceName: "i\(i + 1).txt", sourceBytes: Data(text.utf8), actor: testActor
        ).id)
    }
    return (store, documents)
  }
}
