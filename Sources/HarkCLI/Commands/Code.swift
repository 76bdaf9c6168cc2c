import ArgumentParser
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

struct Code: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every enabled plugin over every document it has not yet analysed.",
    discussion: """
      Resumable: each document's results are stored as they finish, so after a kill the next run \
      picks up where it stopped, and a run with nothing new to do does nothing. A plugin that crashes, \
      hangs or emits garbage fails on that document only; the summary says what failed.
      """)

  @OptionGroup var project: ProjectOption

  @Flag(help: "Run trusted plugins inside this process instead of sandboxed worker processes (no sandbox, no timeout).")
  var inProcess = false

  @Option(help: "Worker processes per plugin (default: the number of cores).")
  var workers: Int?

  @Option(help: "Seconds one document may take before its worker is stopped.")
  var timeout = 60.0

  @Flag(help: "Try again documents a plugin failed on in earlier runs.")
  var retryFailed = false

  @Option(name: .customLong("plugin"), help: "Only this plugin (repeatable).")
  var only: [String] = []

  @Flag(help: "No progress output.")
  var quiet = false

  func run() throws {
    let store = try project.open()
    let summary = try CodeRunner.run(
      store: store, inProcess: inProcess, workers: workers, timeout: timeout, retryFailed: retryFailed, only: only,
      quiet: quiet)
    CodeRunner.printSummary(summary)
    if summary.failures > 0 { throw ExitCode(3) }
  }
}

enum CodeRunner {
  static func run(
    store: ProjectStore, inProcess: Bool = false, workers: Int? = nil, timeout: Double = 60, retryFailed: Bool = false,
    only: [String] = [], quiet: Bool = false
  ) throws -> RunSummary {
    let found = PluginDiscovery.discover()
    for problem in found.problems { Terminal.printError("warning: \(problem)") }
    var planned: [PlannedPlugin] = []
    for plugin in found.plugins {
      if !only.isEmpty && !only.contains(where: { plugin.id == $0 || plugin.id.hasSuffix("." + $0) }) { continue }
      let setting = try store.pluginSetting(plugin.id)
      if setting.enabled || !only.isEmpty {
        planned.append(PlannedPlugin(descriptor: plugin, options: setting.options))
      }
    }
    if planned.isEmpty {
      throw HarkError("no plugins to run", hint: "Run `hark plugins` to see what is found and enabled")
    }
    var options = RunOptions(startedBy: DecisionActor.unannounced)
    options.inProcess = inProcess
    if let workers {
      guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
      options.workers = workers
    }
    guard timeout > 0 else { throw ValidationError("--timeout must be a number of seconds above 0") }
    options.timeout = timeout
    options.retryFailed = retryFailed
    let reporter = ProgressReporter(quiet: quiet)
    return try CodingRun(store: store, options: options) { event in
      switch event {
      case .pluginStarted: break
      case .progress(let label, let done, let total): reporter.update(label, done: done, of: total)
      case .pluginFinished: break
      }
    }.run(planned)
  }

  static func printSummary(_ summary: RunSummary) {
    print("Coding run R\(summary.runID) (\(Terminal.number(summary.seconds, 1)) s):")
    for p in summary.plugins {
      defer {
        // Not "up to date": these documents have no results from this plugin.
        if p.failedEarlier > 0 {
          print(
            "      \(p.failedEarlier == 1 ? "1 document" : "\(p.failedEarlier) documents") failed in an earlier run and "
              + "\(p.failedEarlier == 1 ? "was" : "were") not tried again; `hark runs` shows why, "
              + "`hark code --retry-failed` tries again")
        }
      }
      if p.documentsPending == 0 && p.failures.isEmpty {
        print(
          "  \(Terminal.pad(p.descriptor.name, 22)) "
            + (p.failedEarlier == 0 ? "up to date, nothing new to do" : "nothing new to do"))
        continue
      }
      var found: [String] = []
      if p.counts.codes > 0 { found.append("\(p.counts.codes) codes") }
      if p.counts.concepts > 0 { found.append("\(p.counts.concepts) concept mentions") }
      if p.counts.links > 0 { found.append("\(p.counts.links) link quotes") }
      if p.counts.scores > 0 { found.append("\(p.counts.scores) scores") }
      print(
        "  \(Terminal.pad(p.descriptor.name, 22)) \(p.documentsDone) documents, \(found.isEmpty ? "nothing found" : found.joined(separator: ", "))"
          + (p.failures.isEmpty ? "" : ", \(p.failures.count) failed"))
      for failure in p.failures {
        print("      failed on \(failure.documentID.map { "D\($0)" } ?? "the corpus"): \(failure.reason)")
      }
    }
  }
}

struct Worker: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve one plugin to a coding run over stdin/stdout (used by hark itself).", shouldDisplay: false)

  @Option(help: "The plugin library.") var plugin: String
  @Flag(help: "Answer with the plugin's descriptor as JSON and exit.") var describe = false
  @Option(name: .customLong("read"), help: "A file the sandboxed worker may read (repeatable).")
  var readable: [String] = []
  @Option(help: "The worker's address space limit in bytes.") var memoryBytes: UInt64?
  @Option(help: "The worker's CPU time limit in seconds.") var cpuSeconds: UInt64?
  @Flag(help: "Where the kernel has no Landlock, run with the other limits only.") var withoutLandlock = false

  func run() throws {
    var sandbox = WorkerSandbox()
    sandbox.readable = readable
    if let memoryBytes { sandbox.memoryBytes = memoryBytes }
    if let cpuSeconds { sandbox.cpuSeconds = cpuSeconds }
    sandbox.withoutLandlock = sandbox.withoutLandlock || withoutLandlock
    let status =
      describe
      ? WorkerMain.describe(pluginPath: plugin, sandbox: sandbox) : WorkerMain.run(pluginPath: plugin, sandbox: sandbox)
    if status != 0 { throw ExitCode(status) }
  }
}
