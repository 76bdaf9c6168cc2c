// Shared set-up for the host tests: the package's built plugins, C test
// plugins compiled with cc, and counting rows. Projects and temporary folders
// come from HarkTestSupport.
import Foundation
import HarkHost
import HarkTestSupport
import HarkTranscripts

@testable import HarkStore

enum TestPaths {
  /// The repository root, from this file's location.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The build folder holding hark, the plugins and this test bundle.
  static var binaries: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
  }

  static var misbehaving: String { binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path }

  static func builtIn(_ name: String) -> String { binaries.appendingPathComponent("libHarkPlugin\(name).so").path }
}

enum CPlugin {
  /// Compiles Tests/Fixtures/CPlugins/`source` with -D switches into a .so.
  static func build(_ define: String, _ more: [String] = [], source: String = "garbage.c", in folder: URL) throws
    -> String
  {
    let output = folder.appendingPathComponent("\(define.lowercased()).so").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["cc", "-shared", "-fPIC", "-O0", "-Wall", "-D\(define)"] + more.map { "-D\($0)" } + [
        "-I", TestPaths.repository.appendingPathComponent("SDK/Sources/HarkPluginABI/include").path,
        TestPaths.repository.appendingPathComponent("Tests/Fixtures/CPlugins/\(source)").path, "-o", output, "-lm",
      ]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw HarkError("cc failed for \(define)") }
    return output
  }
}

/// Reading a project back: how many rows a query counts.
enum TestProject {
  static func count(_ store: ProjectStore, _ sql: String) throws -> Int {
    try store.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }
}

extension CodingRun {
  /// Runs one plugin file with options on every document.
  static func runOne(
    _ store: ProjectStore, path: String, options: String, inProcess: Bool = false, timeout: Double = 30,
    workers: Int = 2
  ) throws -> PluginRunSummary {
    var runOptions = RunOptions(startedBy: testActor)
    runOptions.inProcess = inProcess
    runOptions.timeout = timeout
    runOptions.workers = workers
    let descriptor = try PluginLibrary.load(path).descriptor
    return try CodingRun(store: store, options: runOptions).run([
      PlannedPlugin(descriptor: descriptor, options: options)
    ])
    .plugins[0]
  }
}
