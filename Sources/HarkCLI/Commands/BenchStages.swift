// The stages of `hark bench`. Each runs in a `hark` process of its own, so
// the peak memory it reports (its own and its largest worker's, ru_maxrss)
// belongs to that stage alone; it reports back as one JSON line on stdout.
import Foundation
import GRDB
import HarkCore
import HarkHost
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What one stage measured.
struct StageResult: Codable {
  /// "import", "plugin", "full_run", "full_run_in_process" or "per_core".
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
  var workerPeakMemoryMb = 0
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

/// The files the peers read, and Hark's own timing on exactly that input.
struct PeerInputs: Codable {
  var sentencesFile: String
  /// The sentences the sentiment plugin scored in the full run ("valence" scores).
  var sentences: Int
  var sentenceWords: Int
  /// Valence scores the sentiment plugin emitted in the one-core pass (should equal `sentences`).
  var sentimentScoresPerCore: Int
  var documentsFile: String
  /// Documents in the file (the first ones, until `yakeWords` participant words).
  var documents: Int
  var documentWords: Int
  /// The themes plugin (a fresh instance, analyse and finish) on exactly those documents.
  var themesCpuSeconds: Double
  var themesSeconds: Double
  /// Participant words in the whole corpus (what the themes plugin reads).
  var participantWords: Int
}

/// Where a bench keeps its files, all inside the --output folder.
struct BenchFolder {
  let path: String
  func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
  var corpus: String { file("corpus") }
  var imported: String { file("bench.sqlite") }
  var fullRun: String { file("full.sqlite") }
  var peers: String { file("peers") }
  static let marker = ".hark-bench"
}

enum BenchStage {
  static let sentimentID = "org.hark.sentiment"
  static let themesID = "org.hark.themes"

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
      result = try importCorpus(settings.folder, reporter: reporter)
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
        "unknown bench stage \"\(stage)\"", hint: "Use import, plugin:ID, full_run, full_run_in_process or per_core")
    }
    result.loadAverage = load
    result.wordsPerSecond = Double(result.words) / max(result.seconds, 1e-9)
    let memory = MemoryWatch.shared.stop()
    result.peakMemoryMb = memory.own / 1024
    result.workerPeakMemoryMb = memory.largestWorker / 1024
    return result
  }

  /// Reads, normalises, parses and stores every generated file, one at a time.
  static func importCorpus(_ folder: BenchFolder, reporter: ProgressReporter) throws -> StageResult {
    let corpusFolder = try Demo.findCorpus()
    try ProjectFiles.remove(folder.imported)
    let store = try ProjectStore.create(at: folder.imported)
    try store.importParticipants(
      try ParticipantsCSV.read(
        contentsOf: URL(fileURLWithPath: (corpusFolder as NSString).appendingPathComponent("participants.csv"))))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.corpus).filter {
      $0.hasPrefix("generated-")
    }.sorted().map { (folder.corpus as NSString).appendingPathComponent($0) }
    var result = StageResult(stage: "import", name: "import")
    var unknown = Set<String>()
    let usage = Usage()
    for (k, file) in files.enumerated() {
      let url = URL(fileURLWithPath: file)
      let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url)
      let document = try store.importTranscript(transcript, sourceName: url.lastPathComponent, sourceBytes: bytes)
      result.words += document.words
      unknown.formUnion(document.unknownSpeakers)
      reporter.update("import", done: k + 1, of: files.count)
    }
    (result.seconds, result.cpuSeconds) = usage.elapsed()
    result.documents = files.count
    _ = try store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    if !unknown.isEmpty {
      Terminal.printError("warning: the generated corpus has speakers import did not know: \(unknown.sorted())")
    }
    return result
  }

  /// A coding run on a copy of the imported project; the copy of the full run
  /// with workers is kept (the peers read it), the others are removed.
  static func codingRun(
    _ plugins: [PluginDescriptor], _ settings: Settings, inProcess: Bool, copy name: String,
    progress: @escaping @Sendable (RunEvent) -> Void
  ) throws -> StageResult {
    let path = settings.folder.file(name)
    var result = StageResult(stage: "", name: "")
    do {
      let store = try BenchCorpus.copyProject(settings.folder.imported, to: path)
      var options = RunOptions()
      options.workers = settings.workers
      options.inProcess = inProcess
      let usage = Usage()
      let summary = try CodingRun(store: store, options: options, progress: progress).run(
        plugins.map { PlannedPlugin(descriptor: $0, options: "{}") })
      (result.seconds, result.cpuSeconds) = usage.elapsed()
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
          seconds: $0.seconds)
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
    guard !plugins.isEmpty else { return [] }
    let among = Array(repeating: "?", count: plugins.count).joined(separator: ", ")
    return try store.pool.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT c.label FROM concept c
          JOIN concept_mention m ON m.concept_id = c.id JOIN analysis a ON a.id = m.analysis_id
          WHERE c.merged_into IS NULL AND a.plugin_id IN (\(among))
          GROUP BY c.id ORDER BY count(*) DESC, c.label LIMIT 500
          """, arguments: StatementArguments(plugins))
    }
  }

  static func loadAverage() -> Double {
    var load = [0.0, 0.0, 0.0]
    return getloadavg(&load, 3) > 0 ? load[0] : 0
  }
}

/// Writes what the peers read: every sentence the sentiment plugin scored in
/// the full run, one a line, and the participant text of the first documents
/// as JSON lines ({"id", "words", "text"}) for the keyword extractor.
final class PeerInputWriter {
  let sentencesFile: String
  let documentsFile: String
  let yakeWords: Int
  private let sentences: FileHandle
  private let documents: FileHandle
  private var sentenceBuffer: [UInt8] = []
  private var counts = (sentences: 0, sentenceWords: 0, documents: 0, documentWords: 0, participantWords: 0)
  private var themes = (seconds: 0.0, cpuSeconds: 0.0)
  var sentimentScores = 0

  init(_ folder: BenchFolder, yakeWords: Int) throws {
    try FileManager.default.createDirectory(atPath: folder.peers, withIntermediateDirectories: true)
    sentencesFile = (folder.peers as NSString).appendingPathComponent("sentences.txt")
    documentsFile = (folder.peers as NSString).appendingPathComponent("documents.jsonl")
    self.yakeWords = yakeWords
    for file in [sentencesFile, documentsFile] {
      guard FileManager.default.createFile(atPath: file, contents: nil) else {
        throw HarkError("cannot write the peers' input", subject: file, hint: "Check the --output folder")
      }
    }
    sentences = try FileHandle(forWritingTo: URL(fileURLWithPath: sentencesFile))
    documents = try FileHandle(forWritingTo: URL(fileURLWithPath: documentsFile))
  }

  /// Adds one document; true when it belongs to the keyword extractor's sample.
  func add(_ document: StoredDocument, store: ProjectStore) throws -> Bool {
    let scalars = Array(document.text.unicodeScalars)
    func text(_ start: Int, _ end: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
      return String(view)
    }
    let spans = try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.start, s."end" FROM score s JOIN analysis a ON a.id = s.analysis_id
          WHERE s.document_id = ? AND a.plugin_id = ? AND s.name = 'valence' ORDER BY s.start
          """, arguments: [document.id, BenchStage.sentimentID])
    }
    for span in spans {
      let sentence = text(span["start"], span["end"])
      counts.sentences += 1
      counts.sentenceWords += WordCount.count(sentence)
      // One sentence a line: a line break inside one (a subtitle cue's) is a space.
      sentenceBuffer.append(contentsOf: sentence.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
      sentenceBuffer.append(0x0A)
    }
    if sentenceBuffer.count > 1 << 20 { flushSentences() }

    let said = document.turns.filter { $0.role == "participant" }.map { text($0.start, $0.end) }
    let words = said.reduce(0) { $0 + WordCount.count($1) }
    counts.participantWords += words
    guard counts.documentWords < yakeWords else { return false }
    counts.documents += 1
    counts.documentWords += words
    let line = try JSONSerialization.data(
      withJSONObject: ["id": "D\(document.id)", "words": words, "text": said.joined(separator: "\n\n")],
      options: [.sortedKeys])
    documents.write(line + Data([0x0A]))
    return true
  }

  func addThemesTime(_ elapsed: (Double, Double)) {
    themes.seconds += elapsed.0
    themes.cpuSeconds += elapsed.1
  }

  private func flushSentences() {
    sentences.write(Data(sentenceBuffer))
    sentenceBuffer.removeAll(keepingCapacity: true)
  }

  func close() throws -> PeerInputs {
    flushSentences()
    try sentences.close()
    try documents.close()
    return PeerInputs(
      sentencesFile: sentencesFile, sentences: counts.sentences, sentenceWords: counts.sentenceWords,
      sentimentScoresPerCore: sentimentScores, documentsFile: documentsFile, documents: counts.documents,
      documentWords: counts.documentWords, themesCpuSeconds: themes.cpuSeconds, themesSeconds: themes.seconds,
      participantWords: counts.participantWords)
  }
}

/// Wall and CPU time (this process and the children it has reaped) since
/// creation, less what the memory watch itself spent.
struct Usage {
  private let wall = Usage.monotonic()
  private let cpu = Usage.cpuSeconds() - MemoryWatch.shared.cpuSeconds

  func elapsed() -> (seconds: Double, cpuSeconds: Double) {
    (Usage.monotonic() - wall, Usage.cpuSeconds() - MemoryWatch.shared.cpuSeconds - cpu)
  }

  static func cpuSeconds() -> Double {
    var total = 0.0
    for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
      var usage = rusage()
      getrusage(who.rawValue, &usage)
      total += seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
    return total
  }

  static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

  static func monotonic() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// ru_maxrss: the peak resident memory of this process, or of its largest reaped child.
  static func peakMemoryKB(_ who: __rusage_who) -> Int {
    var usage = rusage()
    getrusage(who.rawValue, &usage)
    return Int(usage.ru_maxrss)
  }
}

/// Peak resident memory (VmHWM in /proc) of this process and of the largest
/// worker it starts, the workers read every 20 ms while they live. Not
/// ru_maxrss: a process started with posix_spawn shares its parent's memory
/// until it execs, and Linux then counts the parent's peak in the child's.
final class MemoryWatch: Sendable {
  static let shared = MemoryWatch()

  private let largest = Atomic<Int>(0)
  private let running = Atomic<Bool>(false)
  private let stopped = DispatchSemaphore(value: 0)
  /// CPU the watching thread has used, in microseconds.
  private let spent = Atomic<Int>(0)

  var cpuSeconds: Double { Double(spent.load(ordering: .relaxed)) / 1e6 }

  func start() {
    guard !running.exchange(true, ordering: .relaxed) else { return }
    let thread = Thread { [self] in
      let clock = ThreadClock()
      // A child just started may not have exec'd yet and still show this
      // process's memory: a worker is read from its second sighting on.
      var seen = Set<Int>()
      while running.load(ordering: .relaxed) {
        for pid in Self.children() where !seen.insert(pid).inserted {
          if let peak = Self.peakKB("/proc/\(pid)/status") { largest.max(peak, ordering: .relaxed) }
        }
        spent.store(Int(clock.elapsed().cpuSeconds * 1e6), ordering: .relaxed)
        usleep(20_000)
      }
      stopped.signal()
    }
    thread.start()
  }

  /// Stops watching: this process's peak and the largest worker's, in kilobytes.
  func stop() -> (own: Int, largestWorker: Int) {
    if running.exchange(false, ordering: .relaxed) { stopped.wait() }
    let own = Self.peakKB("/proc/self/status") ?? Usage.peakMemoryKB(RUSAGE_SELF)
    return (own, largest.load(ordering: .relaxed))
  }

  /// Processes started by any thread of this one.
  static func children() -> [Int] {
    guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return [] }
    return tasks.flatMap { task -> [Int] in
      guard let text = try? String(contentsOfFile: "/proc/self/task/\(task)/children", encoding: .utf8) else {
        return []
      }
      return text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
  }

  /// VmHWM of a /proc status file, in kilobytes.
  static func peakKB(_ statusFile: String) -> Int? {
    guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
  }
}

/// Wall and CPU time of the calling thread since creation: the CPU time is
/// the fair figure on a machine others are using at the same time.
struct ThreadClock {
  private let wall = Usage.monotonic()
  private let cpu = ThreadClock.cpuSeconds()

  func elapsed() -> (seconds: Double, cpuSeconds: Double) {
    (Usage.monotonic() - wall, ThreadClock.cpuSeconds() - cpu)
  }

  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
