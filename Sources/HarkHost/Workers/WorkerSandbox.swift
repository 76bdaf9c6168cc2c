// What a worker process may touch. The host decides (which files a plugin
// may read, its limits) and passes it on the worker's command line; the
// worker enters the sandbox before it opens the plugin's library, since a
// library's constructors run as it loads.
import Foundation
import HarkStore
import HarkSystem

public struct WorkerSandbox: Sendable, Equatable {
  /// Files the worker may read besides the system's libraries: the plugin's
  /// library and the data files its options name.
  public var readable: [String] = []
  /// Address space (RLIMIT_AS): a plugin asking for more gets no memory.
  public var memoryBytes: UInt64 = 4 << 30
  /// CPU seconds over the worker's whole life (RLIMIT_CPU), a backstop
  /// behind the per-document timeout for a worker that outlives its calls.
  public var cpuSeconds: UInt64 = 4 * 3600
  /// On a kernel without Landlock, run with limits and seccomp only instead
  /// of refusing. Set by `HARK_WITHOUT_LANDLOCK=1`.
  public var withoutLandlock = ProcessInfo.processInfo.environment["HARK_WITHOUT_LANDLOCK"] == "1"
  /// The program serving `hark worker`.
  public var executable = WorkerProcess.executable

  public init() {}

  /// Read access for one plugin: its library, every regular file its
  /// options name (a lexicon, a cue file), every folder they name (a model's
  /// folder) that does not hold the project, and for a built-in plugin the
  /// models folder of the Hark checkout it was built in (`corpora/models`:
  /// the causal encoder's weights, public data files).
  public func granting(
    plugin path: String, options: String, project: String?, builtInFolder: String = PluginDiscovery.builtInFolder
  ) -> WorkerSandbox {
    var sandbox = self
    let library = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    var files = [library.path]
    let forbidden = Set(
      (project.map { p in ["", "-wal", "-shm", "-journal"].map { p + $0 } } ?? []).map(Self.resolved))
    let parsed = try? JSONSerialization.jsonObject(with: Data(options.utf8), options: [.fragmentsAllowed])
    for text in Self.strings(in: parsed) {
      let file = Self.resolved(text)
      var isFolder: ObjCBool = false
      guard !forbidden.contains(file), FileManager.default.fileExists(atPath: file, isDirectory: &isFolder),
        !files.contains(file)
      else { continue }
      // A folder is granted only if the project is not inside it ("/" never is granted).
      if isFolder.boolValue, file == "/" || forbidden.contains(where: { $0.hasPrefix(file + "/") }) { continue }
      files.append(file)
    }
    if library.deletingLastPathComponent().path == Self.resolved(builtInFolder),
      let models = Self.checkoutModels(above: library.deletingLastPathComponent()), !files.contains(models),
      !forbidden.contains(where: { $0.hasPrefix(models + "/") })
    {
      files.append(models)
    }
    sandbox.readable = files
    return sandbox
  }

  /// `corpora/models` of the Hark checkout holding `folder` (the build folder
  /// of the built-in plugins), where the plugins find their model files.
  static func checkoutModels(above folder: URL) -> String? {
    var current = folder
    while true {
      let candidate = current.appendingPathComponent("corpora/models")
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
        return candidate.resolvingSymlinksInPath().path
      }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
  }

  static func resolved(_ path: String) -> String {
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path)
      : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
    return url.standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// Every string in an options object, however deep: plugins name files in
  /// options of their own choosing ("cues", "lexicon", "model"...).
  static func strings(in value: Any?) -> [String] {
    switch value {
    case let text as String: [text]
    case let object as [String: Any]: object.keys.sorted().flatMap { strings(in: object[$0]) }
    case let list as [Any]: list.flatMap { strings(in: $0) }
    default: []
    }
  }

  /// How the host passes the sandbox to `hark worker`.
  var arguments: [String] {
    readable.flatMap { ["--read", $0] } + ["--memory-bytes", String(memoryBytes), "--cpu-seconds", String(cpuSeconds)]
      + (withoutLandlock ? ["--without-landlock"] : [])
  }

  /// The worker side: confines this process for good. Returns nil, or why it
  /// could not, in words for the person running hark.
  public func enter() -> String? {
    var limits = hark_sandbox_limits(
      memory_bytes: memoryBytes, cpu_seconds: cpuSeconds, without_landlock: withoutLandlock ? 1 : 0)
    let capacity = 512
    var error = [CChar](repeating: 0, count: capacity)
    let paths = readable.map { strdup($0) }
    defer { for path in paths { free(path) } }
    let status = paths.map { UnsafePointer($0) }.withUnsafeBufferPointer { list in
      hark_sandbox_enter(list.baseAddress, Int32(list.count), &limits, &error, capacity)
    }
    if status == -2 { return Self.noLandlock }
    if status < 0 {
      return "cannot be sandboxed: "
        + String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return nil
  }

  static let noLandlock =
    "cannot be sandboxed: this kernel has no Landlock, so the plugin could read and change any file you can, "
    + "the project included. Run Hark on Linux 5.13 or later with Landlock enabled (lsm=...,landlock), or, "
    + "only for plugins you trust, set HARK_WITHOUT_LANDLOCK=1 (it keeps the network, process and memory limits, "
    + "but not the fence around your files) or use --in-process"
}
