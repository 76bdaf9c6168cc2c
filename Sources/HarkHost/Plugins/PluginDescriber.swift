// Reading a plugin's descriptor in a separate, sandboxed process (`hark
// worker --describe`), so a library that crashes, hangs or misbehaves as it
// loads cannot take the listing, a coding run or the conformance check down
// with it, nor reach the user's files.
import Foundation
import HarkStore
import HarkTranscripts

public enum PluginDescriber {
  /// The descriptor of the plugin at `path`, read by a short-lived sandboxed
  /// worker. The deadline holds even while the library's constructors hang.
  public static func describe(_ path: String, timeout: Double = 20, sandbox: WorkerSandbox = WorkerSandbox())
    throws -> PluginDescriptor
  {
    var limits = sandbox.granting(plugin: path, options: "{}", project: nil)
    limits.cpuSeconds = UInt64(timeout.rounded(.up)) + 1
    let worker: WorkerProcess
    do { worker = try WorkerProcess(pluginPath: path, sandbox: limits, describe: true) } catch {
      throw HarkError(
        "cannot start a process to read the plugin (\(error))", subject: path,
        hint: "Set HARK_WORKER_EXECUTABLE to the hark binary")
    }
    defer { worker.stop() }
    let data: [UInt8]
    do { data = try worker.description(timeout: timeout) } catch {
      switch error {
      case .timedOut:
        throw HarkError(
          "took more than \(WorkerProcess.format(timeout)) s to load; it was stopped", subject: path,
          hint: "Check what its initialisers (constructors, static initialisers, hark_plugin_entry) do")
      case .sandbox(let message):
        throw HarkError(message, subject: path)
      case .crashed where (worker.ended?.signal ?? 0) != 0:
        let signal = worker.ended!.signal
        throw HarkError(
          "crashes as it loads (signal \(signal), \(WorkerProcess.signalName(signal)))", subject: path,
          hint: "Its initialisers or its hark_plugin_entry crash; fix them, then run `hark plugins check \(path)`")
      default:
        throw HarkError(
          "gave no description (\(worker.ended.map { "exit status \($0.status)" } ?? "\(error)"))", subject: path)
      }
    }
    let answer = try? JSONDecoder().decode(DescribeAnswer.self, from: Data(data))
    if let descriptor = answer?.descriptor { return descriptor }
    if let error = answer?.error { throw error.harkError }
    throw HarkError("gave no description it could read", subject: path)
  }

  /// What `hark worker --describe` prints: a descriptor or the error.
  struct DescribeAnswer: Codable {
    var descriptor: PluginDescriptor?
    var error: ErrorParts?
  }

  struct ErrorParts: Codable {
    var subject: String?
    var problem: String
    var hint: String?
    var harkError: HarkError { HarkError(problem, subject: subject, hint: hint) }
  }

  /// The worker side: load in this process; the answer as JSON, and the exit status.
  static func answer(_ path: String) -> ([UInt8], Int32) {
    var answer = DescribeAnswer()
    do {
      answer.descriptor = try PluginLibrary.load(path).descriptor
    } catch let error as HarkError {
      answer.error = ErrorParts(subject: error.subject, problem: error.problem, hint: error.hint)
    } catch {
      answer.error = ErrorParts(subject: path, problem: "\(error)", hint: nil)
    }
    let data = (try? JSONEncoder().encode(answer)) ?? Data()
    return (Array(data), answer.descriptor == nil ? 1 : 0)
  }
}
