// Shared set-up for the host tests: real projects in temporary folders, the
// package's built plugins, and C test plugins compiled with cc.
import Foundation
import HarkHost
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

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
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

enum TestProject {
  /// A project with `count` one-interview documents; document i's participant says `lines[i]`.
  static func make(_ lines: [String], in folder: URL) throws -> ProjectStore {
    let store = try ProjectStore.create(at: folder.appendingPathComponent("test.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Amina", role: .participant, group: "people using services"),
    ])
    for (i, line) in lines.enumerated() {
      let question = "What helped?"
      let text = "Ruth: \(question)\nAmina: \(line)\n"
      let qStart = 6
      let aStart = qStart + question.unicodeScalars.count + 1 + 7
      let transcript = ImportedTranscript(
        title: "Interview \(i + 1)", format: .text, text: text,
        turns: [
          ImportedTurn(speaker: "Ruth", start: qStart, end: qStart + question.unicodeScalars.count),
          ImportedTurn(speaker: "Amina", start: aStart, end: aStart + line.unicodeScalars.count),
        ])
      _ = try store.importTranscript(
        transcript, sourceName: "interview-\(i + 1).txt", sourceBytes: Data(text.utf8),
        actor: ActorName.fromEnvironment().name)
    }
    return store
  }

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
    var runOptions = RunOptions(startedBy: ActorName.fromEnvironment().name)
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
