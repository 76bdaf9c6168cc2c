// Where plugins are looked for: beside hark, in $HARK_PLUGIN_PATH, and in the
// user's plugin folder under the XDG data home.
import Foundation
import HarkHost
import HarkStore
import HarkTestSupport
import Testing

@Suite("Plugin folders")
struct DiscoveryTests {
  @Test("the user's plugin folder is $XDG_DATA_HOME/hark/plugins, searched after HARK_PLUGIN_PATH")
  func xdgDataHome() {
    let folders = PluginDiscovery.folders(environment: [
      "XDG_DATA_HOME": "/data/sam", "HOME": "/home/sam", "HARK_PLUGIN_PATH": "/opt/a:/opt/b",
    ])
    #expect(folders.map(\.path) == [PluginDiscovery.builtInFolder, "/opt/a", "/opt/b", "/data/sam/hark/plugins"])
    #expect(folders.map(\.source) == [.builtIn, .pluginPath, .pluginPath, .user])
  }

  @Test("without XDG_DATA_HOME (or with a relative one) it is ~/.local/share/hark/plugins")
  func homeFallback() {
    #expect(PluginDiscovery.userFolder(environment: ["HOME": "/home/sam"]) == "/home/sam/.local/share/hark/plugins")
    #expect(
      PluginDiscovery.userFolder(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/sam"])
        == "/home/sam/.local/share/hark/plugins")
    #expect(PluginDiscovery.userFolder(environment: [:]) == nil)
  }

  @Test("a plugin in the user's folder is found; a missing user folder is no problem")
  func findsUserPlugins() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let data = folder.appendingPathComponent("data")
    let plugins = data.appendingPathComponent("hark/plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let built = try CPlugin.build("OLD_1_0", source: "abi-versions.c", in: folder)
    try FileManager.default.copyItem(atPath: built, toPath: plugins.appendingPathComponent("libmine.so").path)

    let found = PluginDiscovery.discover(environment: ["XDG_DATA_HOME": data.path])
    #expect(found.problems.map(\.description) == [])
    #expect(found.plugins.filter { $0.path.hasPrefix(plugins.path) }.map(\.id) == ["org.hark.test.abi-versions"])

    let none = PluginDiscovery.discover(environment: ["XDG_DATA_HOME": folder.appendingPathComponent("nothing").path])
    #expect(none.problems.map(\.description) == [])
    #expect(none.plugins.allSatisfy { $0.path.hasPrefix(PluginDiscovery.builtInFolder) })
  }
}
