// `hark-dev bench`: throughput and peak memory of import, each plugin and the
// whole coding run on a generated corpus, and the peers side by side.
import ArgumentParser
import Foundation
import HarkCLI
import HarkHost
import HarkStore
import HarkTranscripts

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure import and coding speed (words per second) and peak memory on a generated corpus.",
    discussion: """
      Generates interviews by recombining the sample transcripts' sentences (the same --seed gives the \
      same corpus), then measures, each stage in a fresh process: import; each plugin alone with \
      worker processes; the coding run of the lexical plugins (themes, values, sentiment), results \
      stored, on the corpus and on its first half (peak memory at two sizes); the full coding run \
      with every plugin, with workers and again in-process (the cost of the plugin boundary); and \
      each plugin on one core in-process. Coding runs also report the longest write transaction. --peers also runs VADER and YAKE \
      (scripts/bench-peers.sh installs them from PyPI) on the same sentences and documents.
      """)

  @Option(help: "Words in the generated corpus (at least).") var words = 10_000_000
  @Option(help: "Words per generated document, on average.") var documentWords = 5_000
  @Option(help: "Working folder: generated corpus, projects, the peers' input.") var output = "hark-bench"
  @Option(help: "Worker processes per plugin (default: the number of cores).") var workers: Int?
  @Option(help: "Seed of the corpus generator.") var seed: UInt64 = 2026
  @Flag(help: "Print one JSON object with every figure instead of tables.") var json = false
  @Flag(help: "Also time VADER and YAKE on the same input (runs scripts/bench-peers.sh).") var peers = false
  @Option(help: "Participant words of the documents YAKE analyses (a sample: YAKE is slow).")
  var yakeWords = 300_000
  @Option(help: "The peers script (default: scripts/bench-peers.sh of the Hark repository).")
  var peersScript: String?
  @Flag(help: "Only write the generated corpus into <output>/corpus.") var corpusOnly = false
  @Flag(help: "No progress output.") var quiet = false
  @Option(help: .hidden) var stage: String?

  func validate() throws {
    guard words >= 1 else { throw ValidationError("--words must be at least 1 (got \(words))") }
    guard documentWords >= 10 else {
      throw ValidationError("--document-words must be at least 10 (got \(documentWords))")
    }
    if let workers, workers < 1 { throw ValidationError("--workers must be at least 1 (got \(workers))") }
    guard yakeWords >= 1 else { throw ValidationError("--yake-words must be at least 1 (got \(yakeWords))") }
  }

  var folder: BenchFolder { BenchFolder(path: output) }

  var settings: BenchStage.Settings {
    BenchStage.Settings(
      folder: folder, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount, peers: peers,
      yakeWords: yakeWords, quiet: quiet)
  }

  func run() throws {
    if let stage {
      let result = try BenchStage.run(stage, settings)
      print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
      return
    }
    let peersScript = peers ? try BenchPeers.script(peersScript) : nil
    try prepareFolder()
    var report = BenchReport(seed: seed, workers: settings.workers)
    report.loadAverageStart = BenchStage.loadAverage()

    let started = Usage.monotonic()
    let sample = try BenchCorpus.sample(from: try SampleCorpus.find())
    let generated = try BenchCorpus.generate(
      sample, words: words, documentWords: documentWords, seed: seed, into: folder.corpus)
    report.generateSeconds = Usage.monotonic() - started
    report.documents = generated.files.count
    if corpusOnly {
      print(
        "Generated \(generated.files.count) documents, \(Terminal.thousands(generated.words)) words spoken, "
          + "in \(folder.corpus)")
      return
    }
    note("generated \(generated.files.count) documents in \(Terminal.number(report.generateSeconds, 1)) s")

    report.stages.append(try runStage("import"))
    report.words = report.stages[0].words
    report.stages.append(try runStage("import_half"))
    for plugin in PluginDiscovery.discover().plugins {
      report.stages.append(try runStage("plugin:\(plugin.id)"))
    }
    report.stages.append(try runStage("lexical_run"))
    report.stages.append(try runStage("lexical_run_half"))
    report.stages.append(try runStage("full_run"))
    report.stages.append(try runStage("full_run_in_process"))
    let perCore = try runStage("per_core")
    report.perCore = perCore.perCore ?? []
    report.peakMemoryMb = max(perCore.peakMemoryMb, report.stages.map(\.peakMemoryMb).max() ?? 0)
    report.workerPeakMemoryMb = report.stages.map(\.workerPeakMemoryMb).max() ?? 0
    if let peersScript, let inputs = perCore.peerInputs {
      note("running the peers (\(peersScript))")
      let figures = try BenchPeers.run(peersScript, inputs, folder: folder)
      report.peers = PeerComparison(inputs: inputs, figures: figures, perCore: report.perCore)
    }
    report.loadAverageEnd = BenchStage.loadAverage()
    report.summarise()
    if json {
      let encoder = JSONEncoder()
      encoder.keyEncodingStrategy = .convertToSnakeCase
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      report.printTables(corpus: folder.corpus)
    }
  }

  /// The --output folder, emptied of an earlier bench's files; a folder that
  /// holds anything else is left alone.
  func prepareFolder() throws {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    if fm.fileExists(atPath: output, isDirectory: &isFolder) {
      let contents = try fm.contentsOfDirectory(atPath: output)
      guard isFolder.boolValue, contents.isEmpty || contents.contains(BenchFolder.marker) else {
        throw HarkError(
          "is not a folder an earlier `hark-dev bench` made, and the bench would write its files there",
          subject: output, hint: "Give --output an empty or new folder")
      }
      for name in contents where name != BenchFolder.marker {
        try fm.removeItem(atPath: folder.file(name))
      }
    }
    try fm.createDirectory(atPath: folder.corpus, withIntermediateDirectories: true)
    try Data("made by hark-dev bench\n".utf8).write(to: URL(fileURLWithPath: folder.file(BenchFolder.marker)))
  }

  /// Runs one stage in a fresh `hark-dev bench --stage` process and reads its figures.
  func runStage(_ stage: String) throws -> StageResult {
    note("measuring \(stage)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: LabCommand.executable)
    var arguments = [
      "bench", "--stage", stage, "--output", output, "--workers", "\(settings.workers)", "--yake-words",
      "\(yakeWords)",
    ]
    if peers { arguments.append("--peers") }
    if quiet { arguments.append("--quiet") }
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw HarkError(
        "the bench stage \"\(stage)\" failed (exit status \(process.terminationStatus))", subject: output,
        hint: "Its message is above; the files it worked on are in the folder")
    }
    let lastLine = data.split(separator: 0x0A).last ?? Data()
    do { return try JSONDecoder().decode(StageResult.self, from: Data(lastLine)) } catch {
      throw HarkError(
        "the bench stage \"\(stage)\" reported figures that could not be read: \(String(decoding: lastLine, as: UTF8.self))"
      )
    }
  }

  func note(_ line: String) { if !quiet { Terminal.printError("bench: " + line) } }
}

/// Every figure of one bench, in the shape `--json` prints.
struct BenchReport: Encodable {
  var words = 0
  var documents = 0
  var seed: UInt64
  var cores = ProcessInfo.processInfo.activeProcessorCount
  var workers: Int
  var loadAverageStart = 0.0
  var loadAverageEnd = 0.0
  var generateSeconds = 0.0
  var stages: [StageResult] = []
  var perCore: [PluginTiming] = []
  var peakMemoryMb = 0
  var workerPeakMemoryMb = 0
  var memoryTargetMb = 500
  var peers: PeerComparison?
  // Flat keys for a closing note to quote.
  var importWordsPerSecond = 0.0
  /// Themes, values and sentiment with workers, results stored: what the
  /// 1M words/s target applies to.
  var lexicalRunWordsPerSecond = 0.0
  var lexicalRunCpuSeconds = 0.0
  /// ru_maxrss of the lexical run on the whole corpus and on its first half.
  var lexicalRunMaxRssKb = 0
  var lexicalRunHalfMaxRssKb = 0
  /// Every plugin with workers, the causal-links model included.
  var fullRunWordsPerSecond = 0.0
  var fullRunInProcessWordsPerSecond = 0.0
  /// Wall time of the full run with workers over the same run in-process.
  var boundaryCost = 0.0
  /// The longest write transaction of any coding run (seconds holding the lock).
  var longestWriteSeconds = 0.0
  var sentimentVsVader: Double?
  var themesVsYake: Double?

  init(seed: UInt64, workers: Int) {
    self.seed = seed
    self.workers = workers
  }

  func stage(_ name: String) -> StageResult? { stages.first { $0.stage == name } }

  mutating func summarise() {
    importWordsPerSecond = stage("import")?.wordsPerSecond ?? 0
    fullRunWordsPerSecond = stage("full_run")?.wordsPerSecond ?? 0
    lexicalRunWordsPerSecond = stage("lexical_run")?.wordsPerSecond ?? 0
    lexicalRunCpuSeconds = stage("lexical_run")?.cpuSeconds ?? 0
    lexicalRunMaxRssKb = stage("lexical_run")?.maxRssKb ?? 0
    lexicalRunHalfMaxRssKb = stage("lexical_run_half")?.maxRssKb ?? 0
    longestWriteSeconds = stages.compactMap(\.longestWriteSeconds).max() ?? 0
    fullRunInProcessWordsPerSecond = stage("full_run_in_process")?.wordsPerSecond ?? 0
    if let isolated = stage("full_run"), let inProcess = stage("full_run_in_process") {
      boundaryCost = isolated.seconds / max(inProcess.seconds, 1e-9)
    }
    sentimentVsVader = peers?.sentimentVsVader
    themesVsYake = peers?.themesVsYake
  }

  func printTables(corpus: String) {
    print(
      "Hark bench: \(Terminal.thousands(documents)) generated interviews (txt, md, vtt, srt), "
        + "\(Terminal.thousands(words)) words imported, seed \(seed)")
    print(
      "\(cores) cores, \(workers) workers per plugin; load average \(Terminal.number(loadAverageStart)) at the start, "
        + "\(Terminal.number(loadAverageEnd)) at the end")
    print("")
    print(
      row(["stage", "words", "seconds", "cpu s", "words/s", "hark MB", "worker MB"], widths: [40, 12, 9, 9, 12, 9, 9]))
    for stage in stages {
      let name = stage.stage == "plugin" ? "plugin \(stage.name), workers" : stage.name
      print(
        row(
          [
            name, Terminal.thousands(stage.words), Terminal.number(stage.seconds), Terminal.number(stage.cpuSeconds),
            Terminal.thousands(Int(stage.wordsPerSecond)), "\(stage.peakMemoryMb)",
            stage.workerPeakMemoryMb > 0 ? "\(stage.workerPeakMemoryMb)" : "-",
          ], widths: [40, 12, 9, 9, 12, 9, 9]))
    }
    print("")
    printRunSummary()
    print(
      "plugin boundary: the full run with worker processes takes \(Terminal.number(boundaryCost))x "
        + "the time of the same run in-process")
    for run in stages where run.stage.hasPrefix("full_run") {
      let phases = [false, true].map { second in
        (run.plugins ?? []).filter { $0.secondPhase == second }.map { "\($0.name) \(Terminal.number($0.seconds))" }
          .joined(separator: ", ")
      }
      print("\(run.name), seconds from the start of each phase: \(phases[0]); then \(phases[1])")
      let inside = (run.plugins ?? []).sorted { ($0.pluginSeconds ?? 0) > ($1.pluginSeconds ?? 0) }.map {
        "\($0.name) \(Terminal.number($0.pluginSeconds ?? 0))"
      }
      print("\(run.name), seconds inside each plugin's calls, all threads: \(inside.joined(separator: ", "))")
    }
    if let full = stage("full_run"), let stored = full.stored {
      print(
        "full run stored \(Terminal.thousands(stored.codes)) codes, \(Terminal.thousands(stored.concepts)) concepts, "
          + "\(Terminal.thousands(stored.links)) links, \(Terminal.thousands(stored.scores)) scores; "
          + plural(full.failures, "failure"))
    }
    print(
      "peak memory: hark \(peakMemoryMb) MB, largest worker \(workerPeakMemoryMb) MB "
        + "(target \(memoryTargetMb) MB: \(max(peakMemoryMb, workerPeakMemoryMb) <= memoryTargetMb ? "within" : "ABOVE"))"
    )
    print("")
    print("Each plugin on one core, in-process through its C entry point, results not stored (thread CPU time):")
    print(row(["plugin", "words", "cpu s", "words/s"], widths: [40, 12, 9, 12]))
    for timing in perCore {
      print(
        row(
          [
            timing.name, Terminal.thousands(timing.words), Terminal.number(timing.cpuSeconds),
            Terminal.thousands(Int(timing.wordsPerSecond)),
          ], widths: [40, 12, 9, 12]))
    }
    if let peers {
      print("")
      peers.printTable()
    }
    print("")
    print("(corpus in \(corpus); the full run's project beside it)")
  }
}

extension BenchReport {
  /// The coding-run figures a closing note quotes, said plainly: which set
  /// the 1M words/s target applies to, memory at two sizes, the longest lock.
  func printRunSummary() {
    guard let lexical = stage("lexical_run") else { return }
    let half = stage("lexical_run_half")
    print(
      "coding run, results stored: lexical plugins (themes, values, sentiment) "
        + "\(Terminal.thousands(Int(lexical.wordsPerSecond))) words/s "
        + "(\(Terminal.thousands(Int(Double(lexical.words) / max(lexical.cpuSeconds, 1e-9)))) words per CPU second; "
        + "target 1,000,000 words/s: \(lexical.wordsPerSecond >= 1_000_000 ? "reached" : "NOT reached"))")
    if let full = stage("full_run") {
      print(
        "  every plugin \(Terminal.thousands(Int(full.wordsPerSecond))) words/s: the causal-links plugin runs a "
          + "transformer encoder (about 20,000 words/s on two cores), so a run with it cannot reach 1M words/s")
    }
    if let half {
      print(
        "  peak memory (ru_maxrss) of the lexical run: \(lexical.maxRssKb / 1024) MB on \(Terminal.thousands(lexical.words)) "
          + "words, \(half.maxRssKb / 1024) MB on \(Terminal.thousands(half.words)) words")
    }
    let longest = stages.compactMap { stage in stage.longestWriteSeconds.map { (stage.name, $0) } }
      .max { $0.1 < $1.1 }
    if let (name, seconds) = longest {
      print(
        "  longest write transaction of any coding run: \(Terminal.number(seconds * 1000, 1)) ms (\(name)); "
          + "another process waits at most that long for the lock")
    }
  }
}

/// Columns padded to the given widths; numbers after the first column right-aligned.
func row(_ cells: [String], widths: [Int]) -> String {
  var line = ""
  for (k, cell) in cells.enumerated() {
    let width = k < widths.count ? widths[k] : cell.count
    if k == 0 {
      line += Terminal.pad(cell, width)
    } else {
      line += " " + String(repeating: " ", count: max(0, width - cell.count)) + cell
    }
  }
  return line
}
