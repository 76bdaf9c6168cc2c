import ArgumentParser
import Foundation
import HarkCore

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Import transcripts (.txt .md .vtt .srt .docx), a participants CSV, Mental Modeler maps, REFI-QDA projects (.qdpx) or codebooks (.qdc).",
    discussion: """
      Each file is imported whole or not at all; a file that fails leaves the project as it was
      and the other files go on. Files over \(TranscriptReader.maximumFileSize / 1_048_576) MiB are refused.
      """)

  @OptionGroup var project: ProjectOption

  @Option(help: "A CSV with columns pseudonym, role (participant|interviewer), group, and any attributes.")
  var participants: String?

  @Argument(help: "Transcript files.")
  var files: [String] = []

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
    var failed = 0
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
        let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url)
        let document = try store.importTranscript(transcript, sourceName: url.lastPathComponent, sourceBytes: bytes)
        print(
          "D\(document.id)  \(document.title)  (\(document.turns) turns, \(Terminal.thousands(document.words)) words)")
        if !document.unknownSpeakers.isEmpty {
          print("    speakers not in the participants list: \(document.unknownSpeakers.joined(separator: ", "))")
        }
      } catch {
        failed += 1
        Terminal.printError("error: \(error)")
      }
    }
    if failed > 0 {
      throw HarkError("\(failed) of \(files.count) files were not imported (see above); the others were")
    }
  }
}
