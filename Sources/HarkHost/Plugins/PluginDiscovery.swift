// Finding plugins: the ones this package builds (libHarkPlugin*.so beside the
// hark executable), every .so in the folders of $HARK_PLUGIN_PATH, then every
// .so in the user's plugin folder ($XDG_DATA_HOME/hark/plugins, else
// ~/.local/share/hark/plugins).
// Listing loads a library and reads its descriptor; it never analyses.
import Foundation
import HarkStore
import HarkTranscripts

public struct DiscoveredPlugins: Sendable {
  public var plugins: [PluginDescriptor]
  /// Files that looked like plugins but could not be loaded, with the reason.
  public var problems: [HarkError]
}

public enum PluginDiscovery {
  /// Where a folder searched comes from: it decides which files count and
  /// whether a missing folder is worth a warning.
  public enum Source: Sendable, Equatable {
    /// Beside the hark executable: only libHarkPlugin*.so.
    case builtIn
    /// Named in $HARK_PLUGIN_PATH: a missing one is reported.
    case pluginPath
    /// The user's plugin folder: searched when it exists.
    case user
  }

  /// Folders searched, in order: built-in first, then $HARK_PLUGIN_PATH,
  /// then the user's plugin folder. A plugin id found earlier wins.
  public static func folders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [(
    path: String, source: Source
  )] {
    var folders: [(String, Source)] = [(builtInFolder, .builtIn)]
    for part in (environment["HARK_PLUGIN_PATH"] ?? "").split(separator: ":") where !part.isEmpty {
      folders.append((String(part), .pluginPath))
    }
    if let user = userFolder(environment: environment) { folders.append((user, .user)) }
    return folders
  }

  /// The user's plugin folder, as the XDG base directory rules place data:
  /// $XDG_DATA_HOME/hark/plugins when XDG_DATA_HOME is an absolute path,
  /// else $HOME/.local/share/hark/plugins; nil without either.
  public static func userFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return (data as NSString).appendingPathComponent("hark/plugins")
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return (home as NSString).appendingPathComponent(".local/share/hark/plugins")
    }
    return nil
  }

  /// The folder holding the hark executable (and the package's built plugins).
  public static var builtInFolder: String {
    URL(fileURLWithPath: WorkerProcess.executable).deletingLastPathComponent().path
  }

  public static func discover(environment: [String: String] = ProcessInfo.processInfo.environment) -> DiscoveredPlugins
  {
    var found = DiscoveredPlugins(plugins: [], problems: [])
    var seen: Set<String> = []
    var seenFiles: Set<String> = []
    for (folder, source) in folders(environment: environment) {
      let builtIn = source == .builtIn
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        if source == .pluginPath {
          found.problems.append(
            HarkError(
              "is not a folder that can be read", subject: folder, hint: "Fix HARK_PLUGIN_PATH (folders separated by :)"
            ))
        }
        continue
      }
      for name in names.sorted() where name.hasSuffix(".so") && (!builtIn || name.hasPrefix("libHarkPlugin")) {
        let path = (folder as NSString).appendingPathComponent(name)
        // The same library reached twice (a folder named twice, a link) is listed once.
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard seenFiles.insert(resolved).inserted else { continue }
        do {
          // Built-in plugins ship with hark and load here; others are read in a
          // separate process first, so one that crashes as it loads is reported.
          let descriptor = builtIn ? try PluginLibrary.load(path).descriptor : try PluginDescriber.describe(path)
          if seen.insert(descriptor.id).inserted {
            found.plugins.append(descriptor)
          } else {
            found.problems.append(
              HarkError(
                "has the id \(descriptor.id), which an earlier plugin already uses; it is ignored",
                subject: path,
                hint: "Give each plugin its own reverse-DNS id"))
          }
        } catch let error as HarkError {
          found.problems.append(error)
        } catch {
          found.problems.append(HarkError("\(error)", subject: path))
        }
      }
    }
    return found
  }
}
