// A plugin whose constructor never returns: listing, checking and coding
// each stop it at the describe deadline, name it, and go on.
import Foundation
import HarkStore
import HarkTestSupport
import Testing

@Suite("Plugins that hang while loading")
struct HangingPluginTests {
  /// A plugin folder holding the hostile test plugin built to hang in its constructor.
  func hangingPlugin() throws -> (folder: URL, plugins: URL, path: String) {
    let folder = try makeTemporaryFolder("hark-cli")
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let path = plugins.appendingPathComponent("hangs.so").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "cc", "-shared", "-fPIC", "-DHANG_ON_LOAD", "-I",
      Hark.repository.appendingPathComponent("SDK/Sources/HarkPluginABI/include").path,
      Hark.repository.appendingPathComponent("Tests/Fixtures/CPlugins/hostile.c").path, "-o", path,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return (folder, plugins, path)
  }

  @Test("hark plugins check stops a plugin whose constructor never returns, and fails the check")
  func check() throws {
    let (folder, _, path) = try hangingPlugin()
    let started = Date()
    let result = try Hark.run(["plugins", "check", path, "--timeout", "1"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stdout
        == "FAIL  load and descriptor          \(path): took more than 1 s to load; it was stopped. Check what its initialisers (constructors, static initialisers, hark_plugin_entry) do\n"
    )
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test("hark plugins and hark code name a plugin that hangs while loading, after 20 s, and go on without it")
  func listingAndCoding() throws {
    let (folder, plugins, path) = try hangingPlugin()
    let env = ["HARK_PLUGIN_PATH": plugins.path]
    let warning =
      "warning: \(path): took more than 20 s to load; it was stopped. Check what its initialisers (constructors, static initialisers, hark_plugin_entry) do\n"
    let listed = try Hark.run(["plugins", "--json"], in: folder, environment: env)
    #expect(listed.status == 0)
    #expect(listed.stdout.contains("org.hark.values"))
    #expect(listed.stderr == warning)

    let project = try Hark.project(["amina-mental-health.txt"], in: folder)
    let coded = try Hark.run(
      ["code", "--project", project, "--plugin", "wordcount", "--quiet"], in: folder,
      environment: env)
    #expect(coded.stderr == warning)
    #expect(coded.status == 0)
    #expect(coded.stdout.contains("Word count (C example) 1 documents"))
  }
}
