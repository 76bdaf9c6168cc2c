// `hark plugins check PATH`: the conformance check (`ConformanceCheck` in
// HarkHost) on a plugin author's own library, one line per check.
import ArgumentParser
import HarkHost

struct CheckPlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Load a plugin, feed it awkward documents in a worker, and validate everything it emits.")

  @Argument(help: "Path to the plugin's shared library (.so).") var path: String
  @Option(help: "Options as a JSON object.") var options = "{}"
  @Option(help: "Seconds loading (at most 20) and each document may take.") var timeout = 60.0

  func run() throws {
    var failures = 0
    let descriptor = ConformanceCheck.run(path: path, options: options, timeout: timeout) { outcome in
      if !outcome.passed { failures += 1 }
      print("\(outcome.passed ? "PASS" : "FAIL")  \(Terminal.pad(outcome.name, 28)) \(outcome.detail)")
    }
    guard let descriptor else { throw ExitCode(1) }
    print(failures == 0 ? "\(descriptor.id) passes every check." : "\(failures) check(s) failed.")
    if failures > 0 { throw ExitCode(1) }
  }
}
