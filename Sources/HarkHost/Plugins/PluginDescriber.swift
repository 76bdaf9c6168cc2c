// Reading a plugin's descriptor in a separate process (`hark worker
// --describe`), so a library that crashes as it loads cannot take the
// listing, a coding run or the conformance check down with it.
import Foundation
import HarkCore

public enum PluginDescriber {
  /// The descriptor of the plugin at `path`, read by a short-lived worker.
  public static func describe(_ path: String, timeout: Double = 20) throws -> PluginDescriptor {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: WorkerProcess.executable)
    process.arguments = ["worker", "--describe", "--plugin", path]
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw HarkError(
        "cannot start a process to read the plugin (\(error))", subject: path,
        hint: "Set HARK_WORKER_EXECUTABLE to the hark binary")
    }
    let deadline = Date().addingTimeInterval(timeout)
    let data = output.fileHandleForReading.readDataToEndOfFile()
    while process.isRunning && Date() < deadline { usleep(1_000) }
    if process.isRunning {
      process.terminate()
      throw HarkError("took more than \(Int(timeout)) s to load", subject: path, hint: "Check what its initialisers do")
    }
    if process.terminationReason == .uncaughtSignal {
      let signal = process.terminationStatus
      throw HarkError(
        "crashes as it loads (signal \(signal), \(WorkerProcess.signalName(signal)))", subject: path,
        hint: "Its initialisers or its hark_plugin_entry crash; fix them, then run `hark plugins check \(path)`")
    }
    let answer = try? JSONDecoder().decode(DescribeAnswer.self, from: data)
    if let descriptor = answer?.descriptor { return descriptor }
    if let error = answer?.error { throw error.harkError }
    throw HarkError("gave no description (exit status \(process.terminationStatus))", subject: path)
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

  /// The worker side: load in this process and print the answer as JSON.
  public static func answer(_ path: String) -> Int32 {
    var answer = DescribeAnswer()
    do {
      answer.descriptor = try PluginLibrary.load(path).descriptor
    } catch let error as HarkError {
      answer.error = ErrorParts(subject: error.subject, problem: error.problem, hint: error.hint)
    } catch {
      answer.error = ErrorParts(subject: path, problem: "\(error)", hint: nil)
    }
    let data = (try? JSONEncoder().encode(answer)) ?? Data()
    FileHandle.standardOutput.write(data)
    return answer.descriptor == nil ? 1 : 0
  }
}
