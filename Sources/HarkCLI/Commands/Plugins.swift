import ArgumentParser
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

struct Plugins: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List, try, check and configure analysis plugins.",
    subcommands: [
      ListPlugins.self, RunPlugin.self, CheckPlugin.self, EnablePlugin.self, DisablePlugin.self, ConfigurePlugin.self,
    ],
    defaultSubcommand: ListPlugins.self)
}

/// Finds a discovered plugin by id (or a unique suffix such as "themes").
func findPlugin(_ name: String) throws -> PluginDescriptor {
  let found = PluginDiscovery.discover().plugins
  if let exact = found.first(where: { $0.id == name }) { return exact }
  let matches = found.filter { $0.id.hasSuffix("." + name) || $0.path == name }
  if matches.count == 1 { return matches[0] }
  throw HarkError(
    "no plugin \"\(name)\"" + (matches.count > 1 ? " (several match)" : ""),
    hint: "Known: \(found.map(\.id).joined(separator: ", ")); run `hark plugins`")
}

struct ListPlugins: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the plugins found (without running them).")

  @Flag(help: "Print descriptors as a JSON array.")
  var json = false

  @Option(help: "Show which plugins are enabled in this project.")
  var project: String?

  func run() throws {
    let found = PluginDiscovery.discover()
    if json {
      let items: [[String: Any]] = found.plugins.map {
        [
          "id": $0.id, "name": $0.name, "version": $0.version, "vendor": $0.vendor, "abi": $0.abi,
          "provides": $0.provides,
          "needs": $0.needs, "description": $0.description, "path": $0.path,
        ]
      }
      let data = try JSONSerialization.data(
        withJSONObject: items, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      let store = try project.map { try ProjectStore(path: $0) }
      for p in found.plugins {
        var state = ""
        if let store { state = try store.pluginSetting(p.id).enabled ? "  [enabled]" : "  [disabled]" }
        print("\(p.id)  \(p.version)  \(p.name) — provides \(p.provides.joined(separator: ", "))\(state)")
        print("    \(p.description)")
        print("    \(p.path)")
      }
      if found.plugins.isEmpty {
        print("No plugins found in: \(PluginDiscovery.folders().map(\.path).joined(separator: ", "))")
      }
    }
    for problem in found.problems { Terminal.printError("warning: \(problem)") }
  }
}

/// What enable and disable share: a project and a plugin id.
struct PluginSwitch: ParsableArguments {
  @OptionGroup var project: ProjectOption
  @Argument(help: "Plugin id.") var id: String

  func set(enabled: Bool) throws {
    let plugin = try findPlugin(id)
    try project.open().setPlugin(plugin.id, enabled: enabled)
    print("\(plugin.id) \(enabled ? "enabled" : "disabled")")
  }
}

struct EnablePlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enable", abstract: "Use a plugin in this project's coding runs.")
  @OptionGroup var plugin: PluginSwitch
  func run() throws { try plugin.set(enabled: true) }
}

struct DisablePlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disable", abstract: "Leave a plugin out of coding runs.")
  @OptionGroup var plugin: PluginSwitch
  func run() throws { try plugin.set(enabled: false) }
}

struct ConfigurePlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "configure", abstract: "Set a plugin's options (a JSON object) for this project.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Plugin id.") var id: String
  @Argument(help: "Options as a JSON object, e.g. '{\"codebook\": \"my.codebook\"}'.") var options: String
  func run() throws {
    let plugin = try findPlugin(id)
    guard let data = options.data(using: .utf8), (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
      throw HarkError("options must be a JSON object", subject: plugin.id, hint: "For example '{\"minDocuments\": 3}'")
    }
    // The same check a coding run makes before opening the plugin.
    do { try OptionsSchema.check(options, schema: plugin.optionsSchema, plugin: plugin.id) } catch {
      throw HarkError("\(error)", hint: "Its options in this project were left as they were")
    }
    try project.open().setPlugin(plugin.id, options: options)
    print("\(plugin.id) options set to \(options)")
  }
}
