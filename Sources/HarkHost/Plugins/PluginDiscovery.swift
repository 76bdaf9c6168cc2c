// Finding plugins: the ones this package builds (libHarkPlugin*.so beside the
// hark executable) and every .so in the folders of $HARK_PLUGIN_PATH.
// Listing loads a library and reads its descriptor; it never analyses.
import Foundation
import HarkCore

public struct DiscoveredPlugins: Sendable {
  public var plugins: [PluginDescriptor]
  /// Files that looked like plugins but could not be loaded, with the reason.
  public var problems: [HarkError]
}

public enum PluginDiscovery {
  /// Folders searched, in order: built-in first, then $HARK_PLUGIN_PATH.
  public static func folders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [(
    path: String, builtIn: Bool
  )] {
    var folders: [(String, Bool)] = [(builtInFolder, true)]
    for part in (environment["HARK_PLUGIN_PATH"] ?? "").split(separator: ":") where !part.isEmpty {
      folders.append((String(part), false))
    }
    return folders
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
    for (folder, builtIn) in folders(environment: environment) {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        if !builtIn {
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
