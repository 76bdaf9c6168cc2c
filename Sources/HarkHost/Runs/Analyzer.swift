// One plugin instance, in a worker process or in this process, behind one
// interface. A worker that died or was stopped is replaced on the next call.
import Foundation
import HarkStore

/// Why a call failed, as recorded on the run.
struct AnalysisFailure: Error {
  var reason: String
  /// The instance could not even be opened: no document will fare better.
  var isOpenFailure = false
}

protocol Analyzer {
  func analyze(_ payload: DocumentPayload) throws(AnalysisFailure) -> RawResults
  func finish() throws(AnalysisFailure) -> RawResults
  func stop()
}

final class WorkerAnalyzer: Analyzer {
  let plugin: PlannedPlugin
  let timeout: Double
  let sandbox: WorkerSandbox
  private var worker: WorkerProcess?

  /// `project`: the project's file, which the worker may never read, even
  /// if an option names it.
  init(plugin: PlannedPlugin, timeout: Double, sandbox: WorkerSandbox, project: String?) {
    self.plugin = plugin
    self.timeout = timeout
    self.sandbox = sandbox.granting(plugin: plugin.descriptor.path, options: plugin.options, project: project)
  }

  private func ready() throws(AnalysisFailure) -> WorkerProcess {
    if let worker, worker.isAlive { return worker }
    // Options that do not fit the plugin's schema never start a worker.
    do {
      try OptionsSchema.check(plugin.options, schema: plugin.descriptor.optionsSchema, plugin: plugin.descriptor.id)
    } catch {
      throw AnalysisFailure(reason: "could not open the plugin: \(error)", isOpenFailure: true)
    }
    let fresh: WorkerProcess
    do { fresh = try WorkerProcess(pluginPath: plugin.descriptor.path, sandbox: sandbox) } catch {
      throw AnalysisFailure(reason: "\(error)", isOpenFailure: true)
    }
    do { try fresh.open(optionsJSON: plugin.options, timeout: timeout) } catch {
      fresh.stop()
      throw AnalysisFailure(reason: "could not open the plugin: \(error)", isOpenFailure: true)
    }
    worker = fresh
    return fresh
  }

  func analyze(_ payload: DocumentPayload) throws(AnalysisFailure) -> RawResults {
    let worker = try ready()
    do { return try worker.analyze(payload, timeout: timeout) } catch {
      throw AnalysisFailure(reason: error.description)
    }
  }

  func finish() throws(AnalysisFailure) -> RawResults {
    let worker = try ready()
    do { return try worker.finish(timeout: timeout) } catch { throw AnalysisFailure(reason: error.description) }
  }

  func stop() { worker?.stop() }
}

final class InProcessAnalyzer: Analyzer {
  let plugin: PlannedPlugin
  private var instance: PluginInstance?

  init(plugin: PlannedPlugin) { self.plugin = plugin }

  private func ready() throws(AnalysisFailure) -> PluginInstance {
    if let instance { return instance }
    do {
      let made = try PluginInstance(
        library: try PluginLibrary.load(plugin.descriptor.path), optionsJSON: plugin.options)
      instance = made
      return made
    } catch {
      throw AnalysisFailure(reason: "could not open the plugin: \(error)", isOpenFailure: true)
    }
  }

  func analyze(_ payload: DocumentPayload) throws(AnalysisFailure) -> RawResults {
    let instance = try ready()
    do { return try instance.analyze(payload) } catch { throw AnalysisFailure(reason: "plugin error: \(error)") }
  }

  func finish() throws(AnalysisFailure) -> RawResults {
    let instance = try ready()
    do { return try instance.finish() } catch { throw AnalysisFailure(reason: "plugin error: \(error)") }
  }

  func stop() { instance?.close() }
}

func makeAnalyzer(_ context: AnalysisContext) -> any Analyzer {
  context.options.inProcess
    ? InProcessAnalyzer(plugin: context.plugin)
    : WorkerAnalyzer(
      plugin: context.plugin, timeout: context.options.timeout, sandbox: context.options.sandbox,
      project: context.store.path)
}
