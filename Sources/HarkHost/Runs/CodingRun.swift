// A coding run: every enabled plugin over every document it has not yet
// analysed with its current version and options. Per-document plugins share
// one pass over the documents on all cores (one worker process per plugin per
// core by default); each corpus plugin runs beside that pass on a thread of
// its own. Plugins that read the project's known concepts come in a second
// phase, after the first has stored the concepts it found.
import Crypto
import Foundation
import HarkStore
import HarkTranscripts
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
  /// The fence around worker processes (limits; which files each may read
  /// is added per plugin). Not used in process.
  public var sandbox = WorkerSandbox()
  /// Who starts the run, as `hark runs` shows it: the caller says, the host never guesses.
  public var startedBy: String

  public init(startedBy: String) { self.startedBy = startedBy }
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
  /// Documents done by a pass: the names of its plugins, done, of how many.
  case progress(String, done: Int, of: Int)
  case pluginFinished(PluginRunSummary)
}

public struct DocumentFailure: Sendable, Equatable {
  public var documentID: DocumentID?
  public var reason: String
}

public struct PluginRunSummary: Sendable {
  public var descriptor: PluginDescriptor
  public var documentsPending = 0
  public var documentsDone = 0
  public var failures: [DocumentFailure] = []
  /// Documents left out because this version with these options failed on
  /// them in an earlier run (tried again only with `retryFailed`).
  public var failedEarlier = 0
  public var counts = FindingCounts()
  public var seconds = 0.0
  /// Seconds spent in this plugin's calls (worker round trips or in-process
  /// calls, with the check of their results), summed over documents: in a
  /// pass shared by several plugins, the one that holds it up.
  public var pluginSeconds = 0.0
  public var words = 0
}

public struct RunSummary: Sendable {
  public var runID: RunID
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
    let runID = try store.startRun(
      isolation: options.inProcess ? "in-process" : "workers", workers: options.workers, actor: options.startedBy)
    let summaries = Mutex([String: PluginRunSummary]())
    for phase in [false, true] {
      // The known concepts and codebook as they are when the phase starts.
      let concepts = try store.knownConceptLabels()
      let codebook = try store.codebook()
      var members: [(context: AnalysisContext, documents: Set<DocumentID>)] = []
      var corpus: [(AnalysisContext, [DocumentID])] = []
      for plugin in plugins where plugin.descriptor.needs.contains("concepts") == phase {
        let d = plugin.descriptor
        let hash = Self.optionsHash(plugin.options)
        var pending = try store.pendingDocuments(
          pluginID: d.id, version: d.version, optionsHash: hash, retryFailed: options.retryFailed)
        var summary = PluginRunSummary(descriptor: d)
        if !options.retryFailed {
          let withFailed = try store.pendingDocuments(
            pluginID: d.id, version: d.version, optionsHash: hash, retryFailed: true)
          summary.failedEarlier = withFailed.count - pending.count
        }
        // A corpus-level plugin's results depend on every document: redo them all.
        if !pending.isEmpty && d.needsCorpus { pending = try store.allDocumentIDs() }
        summary.documentsPending = pending.count
        summaries.withLock { $0[d.id] = summary }
        if pending.isEmpty { continue }
        progress(.pluginStarted(d, documents: pending.count))
        let context = AnalysisContext(
          store: store, plugin: plugin, runID: runID, optionsHash: hash, concepts: concepts, codebook: codebook,
          options: options)
        if d.needsCorpus { corpus.append((context, pending)) } else { members.append((context, Set(pending))) }
      }
      let progress = self.progress
      let phaseStarted = WorkerProcess.monotonic()
      let corpusThreads = corpus.map { context, pending in
        let thread = PassThread {
          let tally = try CorpusPass(context).run(pending, progress: progress)
          summaries.withLock {
            $0[context.plugin.descriptor.id]!.apply(tally, seconds: WorkerProcess.monotonic() - phaseStarted)
          }
        }
        thread.start()
        return thread
      }
      if !members.isEmpty {
        let tallies = DocumentPass(members).run(progress: progress)
        let seconds = WorkerProcess.monotonic() - phaseStarted
        summaries.withLock { all in
          for (k, member) in members.enumerated() {
            all[member.context.plugin.descriptor.id]!.apply(tallies[k], seconds: seconds)
          }
        }
      }
      for thread in corpusThreads { try thread.wait() }
    }
    let finished = summaries.withLock { $0 }
    var ordered: [PluginRunSummary] = []
    for plugin in plugins {
      let summary = finished[plugin.descriptor.id]!
      var record = RunPluginRecord(
        pluginID: plugin.descriptor.id, pluginVersion: plugin.descriptor.version, pluginPath: plugin.descriptor.path,
        options: plugin.options)
      record.documentsDone = summary.documentsDone
      record.documentsFailed = summary.failures.count
      record.counts = summary.counts
      record.seconds = summary.seconds
      try store.recordRunPlugin(runID, record)
      progress(.pluginFinished(summary))
      ordered.append(summary)
    }
    try store.finishRun(runID)
    return RunSummary(runID: runID, plugins: ordered, seconds: WorkerProcess.monotonic() - started)
  }

  /// How a run tells one set of options from another (analyses remember it).
  public static func optionsHash(_ options: String) -> String { String(SHA256.hex(Array(options.utf8)).prefix(16)) }
}

extension PluginRunSummary {
  mutating func apply(_ tally: Tally, seconds: Double) {
    documentsDone = tally.done
    failures = tally.failures
    counts = tally.counts
    words = tally.words
    pluginSeconds = tally.pluginSeconds
    self.seconds = seconds
  }
}

/// A corpus pass on a thread of its own; `wait` rethrows what it threw.
final class PassThread: Sendable {
  private let body: @Sendable () throws -> Void
  private let outcome = Mutex<Result<Void, any Error>?>(nil)
  private let done = DispatchSemaphore(value: 0)

  init(_ body: @escaping @Sendable () throws -> Void) { self.body = body }

  func start() {
    let thread = Thread { [self] in
      let result = Result { try body() }
      outcome.withLock { $0 = result }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  func wait() throws {
    done.wait()
    try outcome.withLock { $0 }!.get()
  }
}

/// Everything a pass needs to analyse documents for one plugin.
struct AnalysisContext: Sendable {
  let store: ProjectStore
  let plugin: PlannedPlugin
  let runID: RunID
  let optionsHash: String
  let concepts: [String]
  let codebook: [(name: String, parent: String, description: String)]
  let options: RunOptions

  /// A document as the plugin receives it, and its word count from the store.
  func load(_ id: DocumentID) throws -> (payload: DocumentPayload, words: Int) {
    let document = try store.documentForAnalysis(id)
    return (DocumentPayload.make(document, concepts: concepts, codebook: codebook), document.words)
  }

  func record(_ id: DocumentID, seconds: Double) -> AnalysisRecord {
    AnalysisRecord(
      documentID: id, pluginID: plugin.descriptor.id, pluginVersion: plugin.descriptor.version,
      optionsHash: optionsHash,
      runID: runID, seconds: seconds)
  }
}

struct Tally: Sendable {
  var done = 0
  var pluginSeconds = 0.0
  var failures: [DocumentFailure] = []
  var counts = FindingCounts()
  var words = 0
}

/// Parses a document id as the host hands it to plugins ("D12").
func documentNumber(_ id: String) -> DocumentID? {
  guard id.hasPrefix("D") else { return nil }
  return Int64(id.dropFirst()).map { DocumentID(rawValue: $0) }
}
