// Runs the real `hark` binary, as a user would.
import Foundation

struct Output {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum Hark {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static var binaries: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
  }
  static var executable: String { binaries.appendingPathComponent("hark").path }
  /// The developer tools (`hark-dev`: eval, bench, bench-map), built beside `hark`.
  static var developerTools: String { binaries.appendingPathComponent("hark-dev").path }
  static var corpus: URL { repository.appendingPathComponent("corpora") }

  @discardableResult
  static func run(
    _ arguments: [String], in folder: URL, environment: [String: String] = [:], input: String? = nil,
    program: String = executable
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["HARK_USER"] = "tester"
    env.removeValue(forKey: "HARK_PROJECT")
    env.removeValue(forKey: "HARK_PLUGIN_PATH")
    // No plugins from the user's own folder: an empty one inside the test's.
    env["XDG_DATA_HOME"] = folder.appendingPathComponent("xdg-data").path
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A project with the sample participants and the given corpus transcripts.
  static func project(_ transcripts: [String], in folder: URL) throws -> String {
    let path = folder.appendingPathComponent("p.sqlite").path
    try run(["init", path], in: folder)
    let files = transcripts.map { corpus.appendingPathComponent("transcripts/\($0)").path }
    let result = try run(
      ["import", "--project", path, "--participants", corpus.appendingPathComponent("participants.csv").path] + files,
      in: folder)
    precondition(result.status == 0, result.stderr)
    return path
  }
}
