// A coding run: every enabled plugin over every document it has not yet
// analysed with its current version and options. Plugins run one after
// another, each on all cores (one worker process per core by default).
import Foundation
import HarkCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

public struct RunOptions: Sendable {
  /// Run plugins inside this process (trusted plugins; a crash ends the run).
  public var inProcess = false
  public var workers = ProcessInfo.processInfo.activeProcessorCount
  /// Seconds one document may take before its worker is stopped.
  public var timeout = 60.0
  /// Try again documents a plugin failed on before.
  public var retryFailed = false
  public init() {}
}

public struct PlannedPlugin: Sendable {
  public var descriptor: PluginDescriptor
  public var options: String
  public init(descriptor: PluginDescriptor, options: String) {
    self.descriptor = descriptor
    self.options = options
  }
}

public enum RunEvent: Sendable {
  case pluginStarted(PluginDescriptor, documents: Int)
  case documentFinished(PluginDescriptor, done: Int, of: Int, failed: Bool)
  case pluginFinished(PluginRunSummary)
}

public struct DocumentFailure: Sendable, Equatable {
  public var documentID: Int64?
  public var reason: String
}

public struct PluginRunSummary: Sendable {
  public var descriptor: PluginDescriptor
  public var documentsPending = 0
  public var documentsDone = 0
  public var failures: [DocumentFailure] = []
  public var counts = FindingCounts()
  public var seconds = 0.0
  public var words = 0
}

public struct RunSummary: Sendable {
  public var runID: Int64
  public var plugins: [PluginRunSummary]
  public var seconds: Double
  public var failures: Int { plugins.reduce(0) { $0 + $1.failures.count } }
}

public final class CodingRun: Sendable {
  let store: ProjectStore
  let options: RunOptions
  let progress: @Sendable (RunEvent) -> Void

  public init(store: ProjectStore, options: RunOptions, progress: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
    self.store = store
    self.options = options
    self.progress = progress
  }

  public func run(_ plugins: [PlannedPlugin]) throws -> RunSummary {
    // One coding run per project at a time: an exclusive flock on the project
    // file itself (independent of SQLite's own fcntl locks on Linux).
    let lock = open(store.path, O_RDONLY | O_CLOEXEC)
    guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
      if lock >= 0 { close(lock) }
      throw HarkError(
        "another coding run is working on this project", subject: store.path,
        hint: "Wait for it to finish (`hark runs` shows it), then run `hark code` again")
    }
    defer {
      flock(lock, LOCK_UN)
      close(lock)
    }
    let started = WorkerProcess.monotonic()
    let runID = try store.startRun(isolation: options.inProcess ? "in-process" : "workers", workers: options.workers)
    // Plugins that read the project's known concepts run after those that propose them.
    let ordered = plugins.enumerated().sorted { a, b in
      let (ca, cb) = (a.element.descriptor.needs.contains("concepts"), b.element.descriptor.needs.contains("concepts"))
      return ca == cb ? a.offset < b.offset : !ca
    }.map(\.element)
    var summaries: [PluginRunSummary] = []
    for plugin in ordered {
      let summary = try runPlugin(plugin, runID: runID)
      var record = RunPluginRecord(
        pluginID: plugin.descriptor.id, pluginVersion: plugin.descriptor.version, pluginPath: plugin.descriptor.path,
        options: plugin.options)
      record.documentsDone = summary.documentsDone
      record.documentsFailed = summary.failures.count
      record.counts = summary.counts
      record.seconds = summary.seconds
      try store.recordRunPlugin(runID, record)
      progress(.pluginFinished(summary))
      summaries.append(summary)
    }
    try store.finishRun(runID)
    return RunSummary(runID: runID, plugins: summaries, seconds: WorkerProcess.monotonic() - started)
  }

  static func optionsHash(_ options: String) -> String { String(SHA256.hex(Array(options.utf8)).prefix(16)) }

  private func runPlugin(_ plugin: PlannedPlugin, runID: Int64) throws -> PluginRunSummary {
    let d = plugin.descriptor
    let hash = Self.optionsHash(plugin.options)
    var pending = try store.pendingDocuments(
      pluginID: d.id, version: d.version, optionsHash: hash, retryFailed: options.retryFailed)
    var summary = PluginRunSummary(descriptor: d)
    if pending.isEmpty { return summary }
    // A corpus-level plugin's results depend on every document: redo them all.
    if d.needsCorpus { pending = try store.allDocumentIDs() }
    summary.documentsPending = pending.count
    progress(.pluginStarted(d, documents: pending.count))
    let context = AnalysisContext(
      store: store, plugin: plugin, runID: runID, optionsHash: hash, concepts: try store.knownConceptLabels(),
      codebook: try store.codebook(), options: options)
    let started = WorkerProcess.monotonic()
    let tally =
      d.needsCorpus
      ? try CorpusPass(context).run(pending, progress: progress)
      : DocumentPass(context).run(pending, progress: progress)
    summary.documentsDone = tally.done
    summary.failures = tally.failures
    summary.counts = tally.counts
    summary.words = tally.words
    summary.seconds = WorkerProcess.monotonic() - started
    return summary
  }
}

/// Everything a pass needs to analyse documents for one plugin.
struct AnalysisContext: Sendable {
  let store: ProjectStore
  let plugin: PlannedPlugin
  let runID: Int64
  let optionsHash: String
  let concepts: [String]
  let codebook: [(name: String, parent: String, description: String)]
  let options: RunOptions

  /// A document as the plugin receives it, and its word count from the store.
  func load(_ id: Int64) throws -> (payload: DocumentPayload, words: Int) {
    let document = try store.documentForAnalysis(id)
    return (DocumentPayload.make(document, concepts: concepts, codebook: codebook), document.words)
  }

  func record(_ id: Int64, seconds: Double) -> AnalysisRecord {
    AnalysisRecord(
      documentID: id, pluginID: plugin.descriptor.id, pluginVersion: plugin.descriptor.version,
      optionsHash: optionsHash,
      runID: runID, seconds: seconds)
  }
}

struct Tally: Sendable {
  var done = 0
  var failures: [DocumentFailure] = []
  var counts = FindingCounts()
  var words = 0
}

/// Parses a document id as the host hands it to plugins ("D12").
func documentNumber(_ id: String) -> Int64? {
  guard id.hasPrefix("D") else { return nil }
  return Int64(id.dropFirst())
}
