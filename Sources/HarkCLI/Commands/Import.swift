import ArgumentParser
import Foundation
import HarkStore
import HarkTranscripts

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Import transcripts (.txt .md .vtt .srt .docx), a participants CSV, Mental Modeler maps, REFI-QDA projects (.qdpx) or codebooks (.qdc).",
    discussion: """
      Each file is imported whole or not at all; a file that fails leaves the project as it was \
      and the other files go on. Files over \(TranscriptReader.maximumFileSize / 1_048_576) MiB are refused.
      """)

  @OptionGroup var project: ProjectOption

  @Option(help: "A CSV with columns pseudonym, role (participant|interviewer), group, and any attributes.")
  var participants: String?

  @Option(
    help: """
      The transcripts' text encoding: \(TextEncoding.acceptedNames). Without it each file's is found \
      from its bytes (a byte order mark, UTF-8, UTF-16, else Windows-1252 or Latin-1) and said.
      """)
  var encoding: String?

  @Option(
    help: """
      The narrator of a transcript without speaker labels (one file at a time). Without it the \
      narrator is named after the file: "Nottley" for NOTTLEY_16DEC91.txt.
      """)
  var speaker: String?

  @Argument(help: "Transcript files.")
  var files: [String] = []

  func validate() throws {
    if let encoding, TextEncoding.named(encoding) == nil {
      throw ValidationError(
        "--encoding \(encoding) is not one Hark reads; give one of \(TextEncoding.acceptedNames).")
    }
    if let speaker, speaker.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--speaker needs a name.")
    }
    if speaker != nil, files.count > 1 {
      throw ValidationError(
        "--speaker names the narrator of one transcript; import the files one at a time to name each narrator.")
    }
  }

  func run() throws {
    let store = try project.open()
    if files.isEmpty && participants == nil {
      throw ValidationError("Give transcript files to import, or --participants CSV, or both.")
    }
    if let participants {
      let records = try ParticipantsCSV.read(contentsOf: URL(fileURLWithPath: participants))
      let summary = try store.importParticipants(records)
      print("Participants: \(summary.added) added, \(summary.updated) updated from \(participants)")
    }
    let options = TranscriptReadOptions(
      encoding: encoding.flatMap(TextEncoding.named),
      narrator: speaker?.trimmingCharacters(in: .whitespaces))
    var failed: [(file: String, reason: String)] = []
    for file in files {
      do {
        let url = URL(fileURLWithPath: file)
        if url.pathExtension.lowercased() == "qdpx" {
          try RefiQDACommand.importProject(store, from: file)
          continue
        }
        if url.pathExtension.lowercased() == "qdc" {
          try RefiQDACommand.importCodebook(store, from: file)
          continue
        }
        if MapFilesCommand.isMapFile(file) {
          try MapFilesCommand.importMap(store, from: file)
          continue
        }
        let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url, options: options)
        let document = try store.importTranscript(
          transcript, sourceName: url.lastPathComponent, sourceBytes: bytes, actor: DecisionActor.unannounced)
        print(
          "D\(document.id)  \(document.title)  (\(document.turns) turns, \(Terminal.thousands(document.words)) words)")
        for note in transcript.notes { print("    \(note)") }
        if let guess = document.interviewerGuess { print("    \(guess.note)") }
        if !document.unknownSpeakers.isEmpty {
          print("    speakers not in the participants list: \(document.unknownSpeakers.joined(separator: ", "))")
        }
      } catch {
        failed.append((file, (error as? HarkError)?.problem ?? "\(error)"))
        Terminal.printError("error: \(error)")
      }
    }
    // With one file its own lines say it all; with several, how many went in.
    if files.count > 1 { print("\(files.count - failed.count) of \(files.count) files imported") }
    if !failed.isEmpty {
      let list = failed.map { "  \(($0.file as NSString).lastPathComponent): \($0.reason)" }
      throw HarkError(
        "\(failed.count) of \(files.count) file\(files.count == 1 ? " was" : "s were") not imported "
          + "(each left the project as it was; the error above says what to do):\n" + list.joined(separator: "\n"))
    }
  }
}
