// `hark demo`: the sample corpus from transcripts to candidate map, in one go.
import ArgumentParser
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import the sample corpus, code it with every plugin, and show the candidate map.")

  @Option(help: "Where to write the demo project and exports.") var output = "hark-demo"
  @Option(help: "The corpus folder (default: corpora/ of the Hark checkout).") var corpus: String?
  @Flag(help: "Run plugins in this process instead of worker processes.") var inProcess = false

  func run() throws {
    let corpusFolder = try corpus ?? SampleCorpus.find()
    let fm = FileManager.default
    try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
    let projectPath = (output as NSString).appendingPathComponent("demo.sqlite")
    // Only the demo's own files are replaced, so the demo can be run again.
    try ProjectFiles.remove(projectPath)
    let store = try ProjectStore.create(at: projectPath)

    let participantsFile = (corpusFolder as NSString).appendingPathComponent("participants.csv")
    try store.importParticipants(try ParticipantsCSV.read(contentsOf: URL(fileURLWithPath: participantsFile)))
    let transcripts = (corpusFolder as NSString).appendingPathComponent("transcripts")
    let files = try fm.contentsOfDirectory(atPath: transcripts).filter { name in
      TranscriptFormat.allCases.contains { name.lowercased().hasSuffix("." + $0.rawValue) }
    }.sorted()
    print("Hark demo — \(files.count) appreciative-inquiry transcripts from \(transcripts)")
    for name in files {
      let url = URL(fileURLWithPath: (transcripts as NSString).appendingPathComponent(name))
      let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url)
      _ = try store.importTranscript(
        transcript, sourceName: name, sourceBytes: bytes, actor: DecisionActor.unannounced)
    }
    let codebook = (corpusFolder as NSString).appendingPathComponent("codebooks/values.codebook")
    if fm.fileExists(atPath: codebook) {
      let options = try JSONSerialization.data(
        withJSONObject: ["codebook": codebook], options: [.withoutEscapingSlashes])
      try store.setPlugin("org.hark.values", options: String(decoding: options, as: UTF8.self))
    }
    let summary = try CodeRunner.run(store: store, inProcess: inProcess, quiet: !Terminal.errorIsInteractive)
    print("")
    CodeRunner.printSummary(summary)
    try DemoReport.print(store)

    let exports: [(Export.Format, String)] = [
      (.json, "demo.json"), (.csv, "demo-links.csv"), (.graphml, "demo.graphml"),
      (.mentalModeler, "demo-mental-modeler.csv"),
    ]
    print("")
    print("Written:")
    print("  project        \(projectPath)")
    for (format, name) in exports {
      let path = (output as NSString).appendingPathComponent(name)
      try Export.write(store, format: format, to: path, links: .notRejected)
      print("  \(Terminal.pad(format.rawValue, 14)) \(path)")
    }
    print("")
    print("Next: hark links --project \(projectPath)   ·   hark links review --project \(projectPath)")
    if summary.failures > 0 { throw ExitCode(3) }
  }
}

enum DemoReport {
  static func print(_ store: ProjectStore) throws {
    let corpus = try store.corpusSummary()
    Swift.print("")
    Swift.print("\(corpus.documents) documents, \(Terminal.thousands(corpus.words)) words; participants by group:")
    Swift.print("  " + corpus.peopleByGroup.map { "\($0.group) \($0.people)" }.joined(separator: " · "))

    let concepts = try store.concepts().filter { $0.mentions > 0 }
    Swift.print("")
    Swift.print("Top concepts (of \(concepts.count)) — documents, participants:")
    for c in concepts.prefix(12) {
      Swift.print(
        "  C\(Terminal.pad(c.id.description, 5)) \(Terminal.pad(c.label, 30)) \(c.documents) docs, \(c.sources) people")
    }

    let links = try store.links(status: .candidate)
    let evidence = Dictionary(grouping: try store.evidence(), by: \.linkID)
    Swift.print("")
    Swift.print("Top candidate links (of \(links.count)) — sources, quotes:")
    for l in links.prefix(10) {
      Swift.print(
        "  L\(Terminal.pad(l.id.description, 5)) \(describe(l))   [\(plural(l.sources, "source")), \(plural(l.citations, "quote"))]"
      )
      if let e = evidence[l.id]?.first {
        let who = [e.participant, e.group].compactMap { $0 }.joined(separator: ", ")
        Swift.print("         “\(Terminal.clip(e.quote, 110))” — \(who)")
      }
    }
    let codes = try store.codeFrequencies(limit: 10)
    if !codes.isEmpty {
      Swift.print("")
      Swift.print("Most frequent codes:")
      Swift.print(
        "  " + codes.map { "\($0.name) \($0.codings)" }.joined(separator: " · "))
    }
  }
}

/// A project file together with SQLite's -wal and -shm companions.
package enum ProjectFiles {
  /// Removes the project at `path` and its companions, where they exist.
  package static func remove(_ path: String) throws {
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      try FileManager.default.removeItem(atPath: path + suffix)
    }
  }
}

/// The sample corpus of a checkout, which the demo and the developer tools read.
package enum SampleCorpus {
  /// corpora/ in the current folder or above the hark executable (a checkout).
  package static func find() throws -> String {
    var candidates = [FileManager.default.currentDirectoryPath]
    var url = URL(fileURLWithPath: WorkerProcess.executable).deletingLastPathComponent()
    for _ in 0..<6 {
      candidates.append(url.path)
      url = url.deletingLastPathComponent()
    }
    for folder in candidates {
      let corpus = (folder as NSString).appendingPathComponent("corpora")
      if FileManager.default.fileExists(atPath: (corpus as NSString).appendingPathComponent("participants.csv")) {
        return corpus
      }
    }
    throw HarkError(
      "cannot find the sample corpus (corpora/participants.csv)",
      hint: "Run from the Hark checkout, or pass --corpus DIR")
  }
}
