// The stages of `hark-dev bench`. Each runs in a `hark-dev` process of its own, so
// the peak memory it reports (its own and its largest worker's) belongs to
// that stage alone; it reports back as one JSON line on stdout.
import Foundation
import HarkCLI
import HarkHost
import HarkStore
import HarkTranscripts

#if canImport(Glibc)
  import Glibc
#endif

/// What one stage measured.
struct StageResult: Codable {
  /// "import", "import_half", "plugin", "lexical_run", "lexical_run_half", "full_run",
  /// "full_run_in_process" or "per_core".
  var stage: String
  var name: String
  var pluginId: String?
  var words = 0
  var documents = 0
  /// Wall-clock seconds of the measured work.
  var seconds = 0.0
  /// CPU seconds of the measured work: this process and the workers it ended.
  var cpuSeconds = 0.0
  var wordsPerSecond = 0.0
  var peakMemoryMb = 0
  /// The stage process's own peak resident memory as getrusage reports it
  /// (ru_maxrss, kilobytes): the same figure as VmHWM for this process.
  var maxRssKb = 0
  var workerPeakMemoryMb = 0
  /// In a coding run: the longest time one of its write transactions held
  /// the project's write lock (BEGIN IMMEDIATE to COMMIT), measured in the
  /// store, and how many there were.
  var longestWriteSeconds: Double?
  var writeTransactions: Int?
  var failures = 0
  var stored: StoredCounts?
  /// The 1-minute load average when the stage started: the machine may be shared.
  var loadAverage = 0.0
  /// In a coding run: each plugin's seconds from the start of its phase to its end.
  var plugins: [PluginSeconds]?
  var perCore: [PluginTiming]?
  var peerInputs: PeerInputs?

  init(stage: String, name: String, pluginId: String? = nil) {
    self.stage = stage
    self.name = name
    self.pluginId = pluginId
  }
}

struct PluginSeconds: Codable {
  var id: String
  var name: String
  /// True for plugins that wait for the concepts the first phase stored.
  var secondPhase: Bool
  var seconds: Double
  /// Seconds inside the plugin's calls, summed over documents (the threads
  /// of a pass add up): the plugin that holds a shared pass up.
  var pluginSeconds: Double?
}

struct StoredCounts: Codable {
  var codes = 0
  var concepts = 0
  var links = 0
  var scores = 0
}

/// One plugin on one thread, in this process, results not stored.
struct PluginTiming: Codable {
  var id: String
  var name: String
  var words: Int
  /// CPU time of the thread that called the plugin (analyse and finish).
  var cpuSeconds: Double
  var seconds: Double
  var wordsPerSecond: Double
  /// Documents the plugin failed on (left out of the time).
  var failures: Int
}

/// Where a bench keeps its files, all inside the --output folder.
struct BenchFolder {
  let path: String
  func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
  var corpus: String { file("corpus") }
  var imported: String { file("bench.sqlite") }
  /// The first half of the generated documents, imported alone: the same
  /// run on half the corpus shows whether memory grows with it.
  var importedHalf: String { file("half.sqlite") }
  var fullRun: String { file("full.sqlite") }
  var peers: String { file("peers") }
  static let marker = ".hark-bench"
}

enum BenchStage {
  static let sentimentID = "org.hark.sentiment"
  static let themesID = "org.hark.themes"
  /// The plugins that read words alone, no model: what the 1M words/s target
  /// of a coding run applies to. The causal-links plugin runs a transformer
  /// encoder (about 20,000 words/s on two cores) and cannot reach it.
  static let lexicalIDs: Set = [themesID, "org.hark.values", sentimentID]

  struct Settings {
    var folder: BenchFolder
    var workers: Int
    var peers: Bool
    var yakeWords: Int
    var quiet: Bool
  }

  static func run(_ stage: String, _ settings: Settings) throws -> StageResult {
    let reporter = ProgressReporter(quiet: settings.quiet)
    let progress: @Sendable (RunEvent) -> Void = { event in
      if case .progress(let label, let done, let total) = event { reporter.update(label, done: done, of: total) }
    }
    let load = loadAverage()
    MemoryWatch.shared.start()
    var result: StageResult
    switch stage {
    case "import":
      result = try importCorpus(settings.folder, into: settings.folder.imported, reporter: reporter)
    case "import_half":
      result = try importCorpus(settings.folder, into: settings.folder.importedHalf, half: true, reporter: reporter)
      result.stage = stage
      result.name = "import, first half"
    case "lexical_run", "lexical_run_half":
      let half = stage == "lexical_run_half"
      let plugins = PluginDiscovery.discover().plugins.filter { lexicalIDs.contains($0.id) }
      result = try codingRun(
        plugins, settings, inProcess: false, from: half ? settings.folder.importedHalf : settings.folder.imported,
        copy: half ? "lexical-half.sqlite" : "lexical.sqlite", progress: progress)
      result.stage = stage
      result.name = half ? "lexical run, half the corpus" : "lexical run, workers"
    case "full_run", "full_run_in_process":
      let inProcess = stage == "full_run_in_process"
      let plugins = PluginDiscovery.discover().plugins
      result = try codingRun(
        plugins, settings, inProcess: inProcess, copy: inProcess ? "full-in-process.sqlite" : "full.sqlite",
        progress: progress)
      result.stage = stage
      result.name = inProcess ? "full run, in-process" : "full run, workers"
    case "per_core":
      result = try perCore(settings, reporter: reporter)
    case let other where other.hasPrefix("plugin:"):
      let id = String(other.dropFirst("plugin:".count))
      guard let plugin = PluginDiscovery.discover().plugins.first(where: { $0.id == id }) else {
        throw HarkError("no plugin with the id \(id)", hint: "Run `hark plugins` to list them")
      }
      result = try codingRun([plugin], settings, inProcess: false, copy: "plugin-\(id).sqlite", progress: progress)
      result.stage = "plugin"
      result.name = plugin.name
      result.pluginId = id
    default:
      throw HarkError(
        "unknown bench stage \"\(stage)\"",
        hint:
          "Use import, import_half, plugin:ID, lexical_run, lexical_run_half, full_run, full_run_in_process or per_core"
      )
    }
    result.loadAverage = load
    result.wordsPerSecond = Double(result.words) / max(result.seconds, 1e-9)
    let memory = MemoryWatch.shared.stop()
    result.peakMemoryMb = memory.own / 1024
    result.workerPeakMemoryMb = memory.largestWorker / 1024
    result.maxRssKb = Usage.peakMemoryKB(RUSAGE_SELF)
    return result
  }

  /// Reads, normalises, parses and stores every generated file (or the
  /// first half of them), one at a time.
  static func importCorpus(_ folder: BenchFolder, into path: String, half: Bool = false, reporter: ProgressReporter)
    throws -> StageResult
  {
    let corpusFolder = try SampleCorpus.find()
    try ProjectFiles.remove(path)
    let store = try ProjectStore.create(at: path)
    try store.importParticipants(
      try ParticipantsCSV.read(
        contentsOf: URL(fileURLWithPath: (corpusFolder as NSString).appendingPathComponent("participants.csv"))))
    let all = try FileManager.default.contentsOfDirectory(atPath: folder.corpus).filter {
      $0.hasPrefix("generated-")
    }.sorted().map { (folder.corpus as NSString).appendingPathComponent($0) }
    let files = half ? Array(all.prefix((all.count + 1) / 2)) : all
    var result = StageResult(stage: "import", name: "import")
    var unknown = Set<String>()
    let usage = Usage()
    let actor = ActorName.fromEnvironment().name
    for (k, file) in files.enumerated() {
      let url = URL(fileURLWithPath: file)
      let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url)
      let document = try store.importTranscript(
        transcript, sourceName: url.lastPathComponent, sourceBytes: bytes, actor: actor)
      result.words += document.words
      unknown.formUnion(document.unknownSpeakers)
      reporter.update("import", done: k + 1, of: files.count)
    }
    (result.seconds, result.cpuSeconds) = usage.elapsed()
    result.documents = files.count
    try store.checkpoint()
    if !unknown.isEmpty {
      Terminal.printError("warning: the generated corpus has speakers import did not know: \(unknown.sorted())")
    }
    return result
  }

  /// A coding run on a copy of the imported project; the copy of the full run
  /// with workers is kept (the peers read it), the others are removed.
  static func codingRun(
    _ plugins: [PluginDescriptor], _ settings: Settings, inProcess: Bool, from imported: String? = nil,
    copy name: String, progress: @escaping @Sendable (RunEvent) -> Void
  ) throws -> StageResult {
    let path = settings.folder.file(name)
    var result = StageResult(stage: "", name: "")
    do {
      let store = try BenchCorpus.copyProject(imported ?? settings.folder.imported, to: path)
      var options = RunOptions(startedBy: ActorName.fromEnvironment().name)
      options.workers = settings.workers
      options.inProcess = inProcess
      let usage = Usage()
      let summary = try CodingRun(store: store, options: options, progress: progress).run(
        plugins.map { PlannedPlugin(descriptor: $0, options: "{}") })
      (result.seconds, result.cpuSeconds) = usage.elapsed()
      result.longestWriteSeconds = store.writeTimes.longest
      result.writeTransactions = store.writeTimes.count
      result.documents = summary.plugins.map(\.documentsDone).max() ?? 0
      result.words = summary.plugins.map(\.words).max() ?? 0
      result.failures = summary.failures
      var stored = StoredCounts()
      for plugin in summary.plugins {
        stored.codes += plugin.counts.codes
        stored.concepts += plugin.counts.concepts
        stored.links += plugin.counts.links
        stored.scores += plugin.counts.scores
        for failure in plugin.failures.prefix(3) {
          Terminal.printError("warning: \(plugin.descriptor.name) failed: \(failure.reason)")
        }
      }
      result.stored = stored
      result.plugins = summary.plugins.map {
        PluginSeconds(
          id: $0.descriptor.id, name: $0.descriptor.name, secondPhase: $0.descriptor.needs.contains("concepts"),
          seconds: $0.seconds, pluginSeconds: $0.pluginSeconds)
      }
    }
    if path != settings.folder.fullRun { try ProjectFiles.remove(path) }
    return result
  }

  /// Every plugin on one thread of this process, through its C entry point
  /// like a worker calls it, over the documents of the full run's project;
  /// only the plugin calls are timed and nothing is stored. With peers, also
  /// writes the sentences and documents they read.
  static func perCore(_ settings: Settings, reporter: ProgressReporter) throws -> StageResult {
    let store = try ProjectStore(path: settings.folder.fullRun)
    let codebook = try store.codebook()
    let plugins = PluginDiscovery.discover().plugins
    // Each plugin gets what it got in the full run: the concepts found before
    // its phase (none for the first phase).
    let needsConcepts = plugins.map { $0.needs.contains("concepts") }
    let concepts = try conceptsFound(by: plugins.filter { !$0.needs.contains("concepts") }.map(\.id), in: store)
    let instances = try plugins.map {
      try PluginInstance(library: try PluginLibrary.load($0.path), optionsJSON: "{}")
    }
    var cpu = [Double](repeating: 0, count: plugins.count)
    var wall = [Double](repeating: 0, count: plugins.count)
    var failures = [Int](repeating: 0, count: plugins.count)
    let peers = settings.peers ? try PeerInputWriter(settings.folder, yakeWords: settings.yakeWords) : nil
    let themesIndex = plugins.firstIndex { $0.id == themesID }
    let sentimentIndex = plugins.firstIndex { $0.id == sentimentID }
    let sample =
      settings.peers && themesIndex != nil
      ? try PluginInstance(library: try PluginLibrary.load(plugins[themesIndex!].path), optionsJSON: "{}") : nil
    let valence = Array("valence".utf8)
    var result = StageResult(stage: "per_core", name: "one core, in-process")
    let ids = try store.allDocumentIDs()
    for (n, id) in ids.enumerated() {
      let document = try store.documentForAnalysis(id)
      let payload = DocumentPayload.make(document, concepts: [], codebook: codebook)
      let payloadWithConcepts = DocumentPayload.make(document, concepts: concepts, codebook: codebook)
      result.words += document.words
      for (k, instance) in instances.enumerated() {
        let clock = ThreadClock()
        let found: RawResults
        do { found = try instance.analyze(needsConcepts[k] ? payloadWithConcepts : payload) } catch {
          // Counted and told, as a run would; the other documents go on.
          failures[k] += 1
          Terminal.printError("warning: \(plugins[k].name) failed on D\(id): \(error)")
          continue
        }
        let (seconds, cpuSeconds) = clock.elapsed()
        wall[k] += seconds
        cpu[k] += cpuSeconds
        if k == sentimentIndex { peers?.sentimentScores += found.scores.count(where: { $0.name == valence }) }
      }
      if let peers, try peers.add(document, store: store), let sample {
        let clock = ThreadClock()
        _ = try sample.analyze(payload)
        peers.addThemesTime(clock.elapsed())
      }
      reporter.update("one core", done: n + 1, of: ids.count)
    }
    for (k, instance) in instances.enumerated() {
      let clock = ThreadClock()
      _ = try instance.finish()
      let (seconds, cpuSeconds) = clock.elapsed()
      wall[k] += seconds
      cpu[k] += cpuSeconds
    }
    if let sample, let peers {
      let clock = ThreadClock()
      _ = try sample.finish()
      peers.addThemesTime(clock.elapsed())
    }
    result.documents = ids.count
    result.perCore = plugins.indices.map { k in
      PluginTiming(
        id: plugins[k].id, name: plugins[k].name, words: result.words, cpuSeconds: cpu[k], seconds: wall[k],
        wordsPerSecond: Double(result.words) / max(cpu[k], 1e-9), failures: failures[k])
    }
    result.failures = failures.reduce(0, +)
    result.seconds = wall.reduce(0, +)
    result.cpuSeconds = cpu.reduce(0, +)
    if let writer = peers { result.peerInputs = try writer.close() }
    return result
  }

  /// Concepts the given plugins stored, most mentioned first, as the host lists
  /// known concepts to the plugins of a run's second phase.
  static func conceptsFound(by plugins: [String], in store: ProjectStore) throws -> [String] {
    try store.conceptLabels(foundBy: plugins)
  }

  static func loadAverage() -> Double {
    var load = [0.0, 0.0, 0.0]
    return getloadavg(&load, 3) > 0 ? load[0] : 0
  }
}
