// Hostile plugins against the worker sandbox: each attack is refused by the
// kernel, the document fails with the refusal as its recorded reason, and
// the project, $HOME, the network and the host are untouched.
import Foundation
import HarkHost
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Worker sandbox against hostile plugins")
struct SandboxTests {
  let folder: URL
  let plugin: String
  let store: ProjectStore

  init() throws {
    folder = try makeTemporaryFolder("hark-tests")
    plugin = try CPlugin.build("HOSTILE", source: "hostile.c", in: folder)
    store = try InterviewProject.imported(in: folder, aminaSays: ["The bus fares kept me home."])
  }

  /// Runs the hostile plugin (described in its own sandboxed worker, never
  /// loaded here) over the one document.
  func attack(_ options: String, timeout: Double = 20, sandbox: WorkerSandbox = WorkerSandbox()) throws
    -> PluginRunSummary
  {
    var runOptions = RunOptions(startedBy: testActor)
    runOptions.timeout = timeout
    runOptions.workers = 1
    runOptions.sandbox = sandbox
    let descriptor = try PluginDescriber.describe(plugin)
    return try CodingRun(store: store, options: runOptions).run([
      PlannedPlugin(descriptor: descriptor, options: options)
    ]).plugins[0]
  }

  /// What a plugin must not change: the transcripts and every table's rows.
  func snapshot() throws -> [String] {
    try store.pool.read { db in
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT IN ('analysis', 'analysis_failure', 'coding_run', 'run_plugin', 'run_failure')
            AND name NOT LIKE 'sqlite_%' ORDER BY name
          """)
      return try tables.flatMap { table in
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
        let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
        return try String.fetchAll(db, sql: "SELECT \(row) FROM \"\(table)\"").map { "\(table) \($0)" }
      }
    }
  }

  func expectOneFailure(_ summary: PluginRunSummary, _ reason: String) throws {
    #expect(summary.documentsDone == 0)
    #expect(summary.failures.map(\.documentID) == [1])
    #expect(summary.failures.map(\.reason) == [reason])
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding") == 0)
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis_failure WHERE document_id = 1") == 1)
  }

  @Test("a plugin cannot write the project file: refused, and every table but the run's own records is unchanged")
  func writeProject() throws {
    let before = try snapshot()
    let summary = try attack(#"{"mode": "write-file", "target": "\#(store.path)"}"#)
    try expectOneFailure(summary, "plugin error: open for writing: Permission denied")
    #expect(try snapshot() == before)
    #expect(try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
    #expect(bytes.range(of: Data("HOSTILE PLUGIN WAS HERE".utf8)) == nil)
  }

  @Test("a plugin cannot read the project file, even when its options name it")
  func readProject() throws {
    let summary = try attack(#"{"mode": "read-file", "target": "\#(store.path)"}"#)
    try expectOneFailure(summary, "plugin error: open for reading: Permission denied")
  }

  @Test("a plugin can read a data file its options name, and nothing beside it")
  func readNamedFile() throws {
    let lexicon = folder.appendingPathComponent("lexicon.tsv")
    try Data("bus fares\t-0.5\n".utf8).write(to: lexicon)
    let named = try attack(#"{"mode": "read-file", "target": "\#(lexicon.path)"}"#)
    #expect(named.failures.map(\.reason) == ["plugin error: read: bus fares\t-0.5"])
    // The file beside it is not named, so it stays out of reach.
    let beside = folder.appendingPathComponent("notes.txt")
    try Data("private notes\n".utf8).write(to: beside)
    let unnamed = try attack(#"{"mode": "read-file", "target": "\#(lexicon.path)", "sibling": "notes.txt"}"#)
    #expect(unnamed.failures.map(\.reason) == ["plugin error: open for reading: Permission denied"])
  }

  @Test("a built-in plugin reads the lexicon its options name from inside the sandbox")
  func builtInReadsNamedLexicon() throws {
    let lexicon = folder.appendingPathComponent("lexicon.tsv")
    try Data("biscuits\t0.9\n".utf8).write(to: lexicon)
    let descriptor = try PluginLibrary.load(TestPaths.builtIn("Sentiment")).descriptor
    let trial = PluginTrial(descriptor: descriptor, options: #"{"lexicon": "\#(lexicon.path)"}"#)
    defer { trial.stop() }
    let findings = try trial.analyze(.adHoc(id: "D1", text: "The biscuits.")).get()
    #expect(findings.scores.map(\.explanation).first == "positive: \"biscuits\" (+0.9)")
  }

  @Test("a folder the options name is readable; a folder holding the project is not granted")
  func readNamedFolder() throws {
    let data = folder.appendingPathComponent("model")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data("weights\n".utf8).write(to: data.appendingPathComponent("weights.bin"))
    let granted = try attack(
      #"{"mode": "read-file", "target": "\#(data.path)/none", "sibling": "weights.bin", "folder": "\#(data.path)"}"#)
    #expect(granted.failures.map(\.reason) == ["plugin error: read: weights"])
    // The project file lies in `folder`: naming that folder grants nothing.
    try Data("private notes\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let refused = try attack(
      #"{"mode": "read-file", "target": "\#(folder.path)/none", "sibling": "notes.txt", "folder": "\#(folder.path)"}"#)
    #expect(refused.failures.map(\.reason) == ["plugin error: open for reading: Permission denied"])
  }

  @Test("a built-in plugin may read the checkout's corpora/models; a plugin from elsewhere may not")
  func modelsFolder() throws {
    let builtIn = TestPaths.builtIn("CausalLinks")
    let folder = URL(fileURLWithPath: builtIn).deletingLastPathComponent().path
    let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().resolvingSymlinksInPath()
    let granted = WorkerSandbox().granting(plugin: builtIn, options: "{}", project: nil, builtInFolder: folder)
    #expect(granted.readable.count == 2)
    #expect(granted.readable.last == checkout.appendingPathComponent("corpora/models").path)
    let other = WorkerSandbox().granting(plugin: plugin, options: "{}", project: nil, builtInFolder: folder)
    #expect(other.readable == [URL(fileURLWithPath: plugin).resolvingSymlinksInPath().path])
  }

  @Test("the causal-links plugin loads its encoder inside the sandbox and reads a sentence")
  func causalLinksInSandbox() throws {
    let descriptor = try PluginLibrary.load(TestPaths.builtIn("CausalLinks")).descriptor
    let trial = PluginTrial(descriptor: descriptor)
    defer { trial.stop() }
    let findings = try trial.analyze(.adHoc(id: "D1", text: "The tablets stopped me going under.")).get()
    #expect(findings.links.map { "\($0.cause) → \($0.effect) \($0.polarity)" } == ["tablets → going under -1"])
  }

  @Test("a plugin cannot list the host's open files in /proc")
  func hostDescriptors() throws {
    let summary = try attack(#"{"mode": "host-fds"}"#)
    try expectOneFailure(summary, "plugin error: list the host's descriptors: Permission denied")
  }

  @Test("a plugin cannot create a file in $HOME")
  func writeHome() throws {
    let name = "hark-sandbox-test-\(UUID().uuidString)"
    let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
    let path = (home as NSString).appendingPathComponent(name)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let summary = try attack(#"{"mode": "write-home", "target": "\#(name)"}"#)
    try expectOneFailure(summary, "plugin error: create in $HOME: Permission denied")
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("a constructor that writes to $HOME while the plugin is listed writes nothing")
  func writeHomeWhileLoading() throws {
    let name = "hark-sandbox-test-\(UUID().uuidString)"
    let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
    let path = (home as NSString).appendingPathComponent(name)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let loader = try CPlugin.build("WRITE_HOME_ON_LOAD=\"\(name)\"", source: "hostile.c", in: folder)
    #expect(try PluginDescriber.describe(loader).id == "org.hark.test.hostile")
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("a plugin cannot open a network connection")
  func connect() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try withUnsafeMutablePointer(to: &address) { pointer in
      try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
        guard bind(listener, raw, length) == 0, listen(listener, 8) == 0, getsockname(listener, raw, &length) == 0
        else { throw HarkError("cannot listen on 127.0.0.1") }
      }
    }
    let port = UInt16(bigEndian: address.sin_port)
    let summary = try attack(#"{"mode": "connect", "port": "\#(port)"}"#)
    try expectOneFailure(summary, "plugin error: socket: Operation not permitted")
    #expect(accept(listener, nil, nil) == -1 && errno == EAGAIN)
  }

  @Test("a plugin whose constructor never returns is stopped at the describe deadline")
  func hangWhileLoading() throws {
    let hanging = try CPlugin.build("HANG_ON_LOAD", source: "hostile.c", in: folder)
    let started = Date()
    let error = #expect(throws: HarkError.self) { _ = try PluginDescriber.describe(hanging, timeout: 1) }
    #expect(
      error?.description
        == "\(hanging): took more than 1 s to load; it was stopped. Check what its initialisers (constructors, static initialisers, hark_plugin_entry) do"
    )
    #expect(Date().timeIntervalSince(started) < 5)
  }

  @Test("a coding run with a plugin whose constructor never returns fails it at the timeout and finishes")
  func hangWhileLoadingInRun() throws {
    var descriptor = try PluginDescriber.describe(plugin)
    descriptor.path = try CPlugin.build("HANG_ON_LOAD", source: "hostile.c", in: folder)
    var options = RunOptions(startedBy: testActor)
    options.timeout = 1
    let summary = try CodingRun(store: store, options: options).run([
      PlannedPlugin(descriptor: descriptor, options: "{}")
    ]).plugins[0]
    #expect(summary.failures.map(\.documentID) == [nil])
    #expect(
      summary.failures.map(\.reason) == ["could not open the plugin: timed out after 1 s; the worker was stopped"])
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 0)
  }

  @Test("a plugin cannot send a signal to the host")
  func signalHost() throws {
    let summary = try attack(#"{"mode": "signal"}"#)
    try expectOneFailure(summary, "plugin error: signal the host: Operation not permitted")
  }

  @Test("a plugin runs with no_new_privs, not dumpable, and without capabilities even when hark runs as root")
  func privileges() throws {
    let summary = try attack(#"{"mode": "privileges"}"#)
    try expectOneFailure(summary, "plugin error: no_new_privs 1, dumpable 0, capabilities none")
  }

  @Test("a plugin can read but not set the host's resource limits")
  func limitHost() throws {
    let summary = try attack(#"{"mode": "limit-host"}"#)
    try expectOneFailure(summary, "plugin error: set the host's limit: Operation not permitted")
  }

  @Test("a plugin cannot start a process, and its document fails at once, not at the timeout")
  func fork() throws {
    let started = Date()
    let summary = try attack(#"{"mode": "fork"}"#, timeout: 20)
    try expectOneFailure(summary, "plugin error: fork: Operation not permitted")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test("a plugin flooding its pipe is stopped at the message limit")
  func flood() throws {
    let summary = try attack(#"{"mode": "flood"}"#)
    try expectOneFailure(
      summary,
      "garbage from the worker: the worker sent a message of 2147483632 bytes, more than the limit of 256 MB; the worker was stopped"
    )
  }

  @Test("a plugin asking for 20 GB gets no more than the worker's memory limit")
  func allocate() throws {
    let summary = try attack(#"{"mode": "allocate"}"#)
    #expect(summary.documentsDone == 0)
    let reason = try #require(summary.failures.first?.reason)
    let prefix = "plugin error: out of memory after "
    let suffix = " MB of the 20480 MB it asked for"
    #expect(reason.hasPrefix(prefix) && reason.hasSuffix(suffix))
    let megabytes = Int(reason.dropFirst(prefix.count).dropLast(suffix.count)) ?? -1
    #expect(megabytes > 0 && megabytes < 4096)
  }

  @Test("a plugin that computes past the worker's CPU time is ended by the kernel, before the call's deadline")
  func cpuTime() throws {
    var sandbox = WorkerSandbox()
    sandbox.cpuSeconds = 1
    let started = Date()
    let summary = try attack(#"{"mode": "spin"}"#, timeout: 30, sandbox: sandbox)
    try expectOneFailure(summary, "crashed: killed by signal 24 (SIGXCPU, the worker used up its CPU time)")
    #expect(Date().timeIntervalSince(started) < 20)
  }

  /// The worker as on a kernel without Landlock (see Fixtures/Launchers).
  func withoutLandlock() throws -> WorkerSandbox {
    let launcher = folder.appendingPathComponent("without-landlock").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "cc", "-Wall", "-DHARK=\"\(WorkerProcess.executable)\"",
      TestPaths.repository.appendingPathComponent("Tests/Fixtures/Launchers/without-landlock.c").path, "-o", launcher,
    ]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw HarkError("cc failed for without-landlock.c") }
    var sandbox = WorkerSandbox()
    sandbox.executable = launcher
    sandbox.withoutLandlock = false
    return sandbox
  }

  @Test("without Landlock, workers are refused with what to do, and nothing is analysed")
  func noLandlockRefused() throws {
    let sandbox = try withoutLandlock()
    let error = #expect(throws: HarkError.self) { _ = try PluginDescriber.describe(plugin, sandbox: sandbox) }
    #expect(error?.description == "\(plugin): \(noLandlockMessage)")
    let summary = try attack(#"{"mode": "write-home", "target": "x"}"#, sandbox: sandbox)
    #expect(summary.failures.map(\.documentID) == [nil])
    #expect(summary.failures.map(\.reason) == ["could not open the plugin: \(noLandlockMessage)"])
    #expect(try TestProject.count(store, "SELECT count(*) FROM analysis") == 0)
  }

  @Test("without Landlock and with HARK_WITHOUT_LANDLOCK, workers still have no network and cannot signal the host")
  func noLandlockAllowed() throws {
    var sandbox = try withoutLandlock()
    sandbox.withoutLandlock = true
    let summary = try attack(#"{"mode": "connect", "port": "9"}"#, sandbox: sandbox)
    try expectOneFailure(summary, "plugin error: socket: Operation not permitted")
    let signalled = try attack(#"{"mode": "signal"}"#, sandbox: sandbox)
    #expect(signalled.failures.map(\.reason) == ["plugin error: signal the host: Operation not permitted"])
  }

  let noLandlockMessage =
    "cannot be sandboxed: this kernel has no Landlock, so the plugin could read and change any file you can, "
    + "the project included. Run Hark on Linux 5.13 or later with Landlock enabled (lsm=...,landlock), or, "
    + "only for plugins you trust, set HARK_WITHOUT_LANDLOCK=1 (it keeps the network, process and memory limits, "
    + "but not the fence around your files) or use --in-process"
}
