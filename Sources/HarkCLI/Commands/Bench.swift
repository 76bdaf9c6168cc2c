// `hark bench`: throughput and peak memory on a generated corpus made by
// recombining the sample transcripts' sentences.
import ArgumentParser
import Foundation
import HarkCore
import HarkHost

#if canImport(Glibc)
  import Glibc
#endif

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure import and coding speed (words per second) and peak memory on a generated corpus.")

  @Option(help: "Words in the generated corpus.") var words = 2_000_000
  @Option(help: "Words per generated document.") var documentWords = 5_000
  @Option(help: "Working folder (generated corpus and projects).") var output = "hark-bench"
  @Option(help: "Worker processes per plugin (default: the number of cores).") var workers: Int?
  @Option(help: "Random seed of the generator.") var seed: UInt64 = 2026

  func run() throws {
    let fm = FileManager.default
    let corpusFolder = try Demo.findCorpus()
    if fm.fileExists(atPath: output) { try fm.removeItem(atPath: output) }
    let generated = (output as NSString).appendingPathComponent("corpus")
    try fm.createDirectory(atPath: generated, withIntermediateDirectories: true)

    var clock = Date()
    let sample = try BenchCorpus.sample(from: corpusFolder)
    let files = try BenchCorpus.generate(
      sample, words: words, documentWords: documentWords, seed: seed, into: generated)
    print(
      "Generated \(files.count) documents, \(Terminal.thousands(words)) words, in \(Terminal.number(Date().timeIntervalSince(clock), 1)) s"
    )

    // Import: read, normalise, parse turns, store; one file at a time.
    let importPath = (output as NSString).appendingPathComponent("bench.sqlite")
    let store = try ProjectStore.create(at: importPath)
    try store.importParticipants(
      try ParticipantsCSV.read(
        contentsOf: URL(fileURLWithPath: (corpusFolder as NSString).appendingPathComponent("participants.csv"))))
    clock = Date()
    var imported = 0
    for file in files {
      let url = URL(fileURLWithPath: file)
      let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url)
      let document = try store.importTranscript(transcript, sourceName: url.lastPathComponent, sourceBytes: bytes)
      imported += document.words
    }
    let importSeconds = Date().timeIntervalSince(clock)
    _ = try store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    var rows: [(String, Int, Double)] = [("import", imported, importSeconds)]

    let plugins = PluginDiscovery.discover().plugins
    var options = RunOptions()
    if let workers { options.workers = workers }
    print("Coding with \(options.workers) worker processes per plugin")
    // Each plugin alone, on its own copy of the imported project.
    for plugin in plugins {
      let copy = try BenchCorpus.copyProject(
        importPath, to: (output as NSString).appendingPathComponent("\(plugin.id).sqlite"))
      let summary = try CodingRun(store: copy, options: options).run([PlannedPlugin(descriptor: plugin, options: "{}")])
      let p = summary.plugins[0]
      rows.append((plugin.name, p.words, summary.seconds))
      if p.failures.count > 0 {
        print("  \(plugin.name): \(p.failures.count) failures, first: \(p.failures[0].reason)")
      }
    }
    // The whole coding run: every plugin, results stored.
    let full = try BenchCorpus.copyProject(importPath, to: (output as NSString).appendingPathComponent("full.sqlite"))
    let summary = try CodingRun(store: full, options: options).run(
      plugins.map { PlannedPlugin(descriptor: $0, options: "{}") })
    rows.append(("full coding run", imported, summary.seconds))

    print("")
    print("\(Terminal.pad("stage", 24)) \(Terminal.pad("words", 12)) \(Terminal.pad("seconds", 9)) words/second")
    for (name, count, seconds) in rows {
      print(
        "\(Terminal.pad(name, 24)) \(Terminal.pad(Terminal.thousands(count), 12)) \(Terminal.pad(Terminal.number(seconds, 2), 9)) \(Terminal.thousands(Int(Double(count) / max(seconds, 1e-9))))"
      )
    }
    var me = rusage()
    getrusage(RUSAGE_SELF.rawValue, &me)
    print("")
    print("peak memory: hark \(me.ru_maxrss / 1024) MB; largest worker \(WorkerProcess.peakWorkerMemory / 1024) MB")
    print(
      "(\(summary.plugins.reduce(0) { $0 + $1.failures.count }) failures in the full run; corpus and projects in \(output))"
    )
  }
}

/// The generator: sentences of the sample corpus, recombined at random into
/// interviews of the same shape (interviewer question, participant answer).
enum BenchCorpus {
  struct Sample {
    var questions: [String]
    var sentences: [String]
    var speakers: [String]
  }

  static func sample(from corpus: String) throws -> Sample {
    let folder = (corpus as NSString).appendingPathComponent("transcripts")
    var sample = Sample(questions: [], sentences: [], speakers: [])
    let participants = try ParticipantsCSV.read(
      contentsOf: URL(fileURLWithPath: (corpus as NSString).appendingPathComponent("participants.csv")))
    sample.speakers = participants.filter { $0.role == .participant }.map(\.pseudonym)
    let interviewers = Set(participants.filter { $0.role == .interviewer }.map(\.pseudonym))
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
      guard TranscriptFormat.allCases.contains(where: { name.hasSuffix("." + $0.rawValue) }) else { continue }
      let transcript = try TranscriptReader.read(
        contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
      let scalars = Array(transcript.text.unicodeScalars)
      for turn in transcript.turns {
        var said = String.UnicodeScalarView()
        said.append(contentsOf: scalars[turn.start..<turn.end])
        let text = String(said).replacingOccurrences(of: "\n", with: " ")
        if interviewers.contains(SpeakerMatcher.match(turn.speaker, among: Array(interviewers)) ?? "") {
          sample.questions.append(text)
        } else {
          sample.sentences.append(contentsOf: splitSentences(text))
        }
      }
    }
    guard !sample.sentences.isEmpty, !sample.questions.isEmpty else {
      throw HarkError("the sample corpus has no turns to recombine", subject: folder)
    }
    return sample
  }

  static func splitSentences(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for ch in text {
      current.append(ch)
      if ch == "." || ch == "?" || ch == "!" {
        let s = current.trimmingCharacters(in: .whitespaces)
        if s.count > 3 { out.append(s) }
        current = ""
      }
    }
    let rest = current.trimmingCharacters(in: .whitespaces)
    if rest.count > 3 { out.append(rest) }
    return out
  }

  /// Writes documents of about `documentWords` words until `words` are written.
  static func generate(_ sample: Sample, words: Int, documentWords: Int, seed: UInt64, into folder: String) throws
    -> [String]
  {
    var random = SplitMix64(seed: seed)
    var files: [String] = []
    var written = 0
    while written < words {
      let speaker = sample.speakers[random.next(sample.speakers.count)]
      var text = "Generated interview \(files.count + 1)\n\n"
      var count = 0
      let target = min(documentWords, words - written)
      while count < target {
        text += "Interviewer: \(sample.questions[random.next(sample.questions.count)])\n\n"
        var answer: [String] = []
        for _ in 0..<(3 + random.next(6)) { answer.append(sample.sentences[random.next(sample.sentences.count)]) }
        let said = answer.joined(separator: " ")
        text += "\(speaker): \(said)\n\n"
        count += WordCount.count(said)
      }
      let path = (folder as NSString).appendingPathComponent(String(format: "generated-%05d.txt", files.count + 1))
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      files.append(path)
      written += WordCount.count(text)
    }
    return files
  }

  static func copyProject(_ path: String, to copy: String) throws -> ProjectStore {
    try ProjectFiles.remove(copy)
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    return try ProjectStore(path: copy)
  }
}

/// A small deterministic generator (SplitMix64), so a seed gives the same corpus.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// A project file together with SQLite's -wal and -shm companions.
enum ProjectFiles {
  /// Removes the project at `path` and its companions, where they exist.
  static func remove(_ path: String) throws {
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      try FileManager.default.removeItem(atPath: path + suffix)
    }
  }
}
