// Exports in each format, and the plugin author's commands.
import Foundation
import HarkCore
import Testing

@Suite("Exports")
struct ExportCommandTests {
  func export(_ format: String) throws -> String {
    let (folder, path) = try KnownProject.make()
    let output = folder.appendingPathComponent("out").path
    let result = try Hark.run(["export", "--project", path, "--format", format, "--output", output], in: folder)
    #expect(result.stdout == "Wrote \(output) (\(format), 3 links: not-rejected)\n")
    // Decoded by hand: Foundation would drop a byte order mark.
    return String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
  }

  @Test("CSV: one row per quote with the link's numbers and who said it")
  func csv() throws {
    #expect(
      try export("csv") == """
        link,cause,effect,polarity,strength,weight,status,sources,quotes,document,participant,group,start,end,quote,explanation
        L2,waiting list,anxiety,+,0.8,0.8,candidate,1,1,Interview 1,Amina,people using services,68,107,The waiting list made my anxiety worse.,"pattern ""X made Y worse\"\"\"
        L1,peer group,less alone,+,0.6,0.6,candidate,1,1,Interview 1,Amina,people using services,26,67,The peer group helped me feel less alone.,"pattern ""X helped me Y\"\"\"
        L3,peer group,hope,+,0.6,0.6,candidate,1,1,Interview 2,Grace,carers,26,50,Peer groups gave me hope,"pattern ""X gave me Y\"\"\"

        """)
  }

  @Test("exporting into a folder that does not exist is refused")
  func missingFolder() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(
      ["export", "--project", path, "--format", "json", "--output", "/nonexistent/dir/x.json"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr == "Error: /nonexistent/dir: the folder does not exist. Create it first\n")
  }
}

@Suite("Command-line validation")
struct ValidationCommandTests {
  @Test("exporting onto a folder is refused with the path")
  func exportOntoFolder() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(["export", "--project", path, "--format", "csv", "--output", folder.path], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(folder.path): is a folder. Give a file name for the export, e.g. \(folder.path)/export.json\n")
  }

  @Test("a timeout of zero seconds is refused before anything runs")
  func zeroTimeout() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(["code", "--project", path, "--timeout", "0"], in: folder)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: --timeout must be a number of seconds above 0\n"))
  }

  @Test("a plugin folder named twice in HARK_PLUGIN_PATH lists each plugin once, without warnings")
  func duplicateFolder() throws {
    let folder = try Hark.temporaryFolder()
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: plugins.appendingPathComponent("misbehaving.so").path,
      withDestinationPath: Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path)
    let result = try Hark.run(
      ["plugins", "--json"], in: folder, environment: ["HARK_PLUGIN_PATH": "\(plugins.path):\(plugins.path)"])
    #expect(result.stderr == "")
    #expect(result.stdout.components(separatedBy: "org.hark.test.misbehaving").count == 2)
  }
}

@Suite("Plugin author commands")
struct PluginCommandTests {
  func pluginFolder() throws -> (URL, [String: String]) {
    let folder = try Hark.temporaryFolder()
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: plugins.appendingPathComponent("misbehaving.so").path,
      withDestinationPath: Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path)
    return (folder, ["HARK_PLUGIN_PATH": plugins.path])
  }

  @Test(
    "plugins run reads JSON lines and prints each result with code point offsets and its quote, and the plugin's log")
  func runJSONLines() throws {
    let (folder, env) = try pluginFolder()
    let input =
      #"{"id": "a", "text": "Zoë 💛 said the group helped."}"# + "\n" + #"{"id": "b", "text": "Nothing."}"# + "\n"
    let result = try Hark.run(["plugins", "run", "misbehaving"], in: folder, environment: env, input: input)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        {"document":"a","kind":"log","message":"analysing a (32 bytes)"}
        {"code":"test","confidence":1,"document":"a","end":28,"explanation":"first participant turn","kind":"code","quote":"Zoë 💛 said the group helped.","start":0}
        {"document":"b","kind":"log","message":"analysing b (8 bytes)"}
        {"code":"test","confidence":1,"document":"b","end":8,"explanation":"first participant turn","kind":"code","quote":"Nothing.","start":0}

        """)
  }

  @Test("plugins run reports a crashing plugin as a failure line and exits 2")
  func runCrash() throws {
    let (folder, env) = try pluginFolder()
    let result = try Hark.run(
      ["plugins", "run", "misbehaving", "--options", #"{"mode": "abort"}"#], in: folder, environment: env,
      input: "Hello")
    #expect(result.status == 2)
    #expect(
      result.stdout.hasPrefix(
        #"{"document":"stdin","kind":"failure","reason":"crashed: killed by signal 6 (SIGABRT, abort)"#))
  }

  @Test("plugins check passes a well-behaved plugin on every awkward document")
  func checkPasses() throws {
    let (folder, _) = try pluginFolder()
    let path = Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path
    let result = try Hark.run(["plugins", "check", path], in: folder)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map { String($0.prefix(34)) }
    let checks = [
      "load and descriptor", "provides", "options schema", "empty document", "one word", "accents and emoji",
      "1 MB of talk",
      "CRLF line ends", "only interviewer turns", "finish (corpus pass)",
    ]
    #expect(
      lines == checks.map { "PASS  " + $0.padding(toLength: 28, withPad: " ", startingAt: 0) } + [
        "org.hark.test.misbehaving passes e"
      ])
  }

  @Test("plugins check names the awkward document a plugin crashes on and exits 1")
  func checkFails() throws {
    let (folder, _) = try pluginFolder()
    let path = Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path
    let result = try Hark.run(["plugins", "check", path, "--options", #"{"mode": "segv", "on": "Zoë"}"#], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "FAIL  accents and emoji            crashed: killed by signal 11 (SIGSEGV, segmentation fault)"))
    #expect(result.stdout.contains("PASS  1 MB of talk"))
    #expect(result.stdout.hasSuffix("1 check(s) failed.\n"))
  }
}

@Suite("Plugins that crash as they load")
struct CrashOnLoadTests {
  func crashingPlugin() throws -> (URL, URL) {
    let folder = try Hark.temporaryFolder()
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "cc", "-shared", "-fPIC", "-DCRASH_ON_LOAD", "-I",
      Hark.repository.appendingPathComponent("Sources/HarkPluginABI/include").path,
      Hark.repository.appendingPathComponent("Tests/Fixtures/CPlugins/garbage.c").path, "-o",
      plugins.appendingPathComponent("crashes.so").path, "-lm",
    ]
    try process.run()
    process.waitUntilExit()
    return (folder, plugins)
  }

  @Test("listing plugins survives a library whose entry crashes, and names it")
  func listing() throws {
    let (folder, plugins) = try crashingPlugin()
    let result = try Hark.run(["plugins", "--json"], in: folder, environment: ["HARK_PLUGIN_PATH": plugins.path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("org.hark.values"))
    let path = plugins.appendingPathComponent("crashes.so").path
    #expect(
      result.stderr
        == "warning: \(path): crashes as it loads (signal 11, SIGSEGV, segmentation fault). Its initialisers or its hark_plugin_entry crash; fix them, then run `hark plugins check \(path)`\n"
    )
  }

  @Test("the conformance check reports a crash on load as a failed check")
  func check() throws {
    let (folder, plugins) = try crashingPlugin()
    let path = plugins.appendingPathComponent("crashes.so").path
    let result = try Hark.run(["plugins", "check", path], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("FAIL  load and descriptor          \(path): crashes as it loads (signal 11"))
  }
}
