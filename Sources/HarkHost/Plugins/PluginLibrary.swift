// Loading a plugin's shared library and checking its descriptor before
// touching anything else. Libraries are never unloaded: the Swift runtime keeps
// pointers into a library's protocol conformances, which dlclose would leave
// dangling, so they are opened with RTLD_NODELETE.
import Foundation
import HarkPluginABI
import HarkStore
import HarkTranscripts
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A loaded plugin library: its checked descriptor and the C entry points.
public final class PluginLibrary: @unchecked Sendable {
  public let descriptor: PluginDescriptor
  let c: UnsafePointer<hark_plugin_descriptor>

  private init(descriptor: PluginDescriptor, c: UnsafePointer<hark_plugin_descriptor>) {
    self.descriptor = descriptor
    self.c = c
  }

  private static let loaded = Mutex<[String: PluginLibrary]>([:])

  /// The smallest descriptor this host accepts: every field of ABI 1.0, as
  /// frozen in the header (not this host's own, possibly larger, struct).
  static let minimumDescriptorSize = Int(HARK_PLUGIN_DESCRIPTOR_SIZE_1_0)

  /// The smallest descriptor, code, concept, link and score result accepted.
  public static let minimumSizes = [
    HARK_PLUGIN_DESCRIPTOR_SIZE_1_0, HARK_CODE_RESULT_SIZE_1_0, HARK_CONCEPT_RESULT_SIZE_1_0,
    HARK_LINK_RESULT_SIZE_1_0, HARK_SCORE_RESULT_SIZE_1_0,
  ].map { Int($0) }

  /// The values `provides` and `needs` may name (the header's HARK_PROVIDES_*
  /// and HARK_NEEDS_* constants).
  public static let knownProvides = [
    HARK_PROVIDES_CODES, HARK_PROVIDES_CONCEPTS, HARK_PROVIDES_LINKS, HARK_PROVIDES_SCORES,
  ]
  public static let knownNeeds = [HARK_NEEDS_TURNS, HARK_NEEDS_CODEBOOK, HARK_NEEDS_CONCEPTS, HARK_NEEDS_CORPUS]

  /// The longest descriptor string read (the options schema may be long); a
  /// string with no NUL within it is reported as missing its terminator.
  static let descriptorStringBytes = 1 << 20

  /// Loads (once per process) and checks the plugin at `path`.
  public static func load(_ path: String) throws -> PluginLibrary {
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    if let library = loaded.withLock({ $0[resolved] }) { return library }
    let library = try open(resolved, shownAs: path)
    loaded.withLock { $0[resolved] = library }
    return library
  }

  private static func open(_ path: String, shownAs shown: String) throws -> PluginLibrary {
    guard FileManager.default.fileExists(atPath: path) else {
      throw HarkError(
        "no such plugin file", subject: shown, hint: "Check the path, or run `hark plugins` to list what is found")
    }
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
      let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
      let notLibrary =
        reason.contains("invalid ELF header") || reason.contains("file too short") || reason.contains("not an ELF")
      throw HarkError(
        notLibrary ? "is not a shared library (\(reason))" : "cannot be loaded (\(reason))", subject: shown,
        hint: notLibrary
          ? "A plugin is a .so built as a dynamic library; see docs/writing-plugins.md"
          : "Check that the libraries it depends on are installed")
    }
    guard let symbol = dlsym(handle, HARK_PLUGIN_ENTRY_SYMBOL) else {
      throw HarkError(
        "has no `\(HARK_PLUGIN_ENTRY_SYMBOL)` symbol, so it is not a Hark plugin", subject: shown,
        hint:
          "Define it with HARK_EXPORT from hark_plugin.h in C or C++, or with @_cdecl(\"hark_plugin_entry\") in Swift")
    }
    let entry = unsafeBitCast(symbol, to: hark_plugin_entry_fn.self)
    guard let c = entry() else {
      throw HarkError("`hark_plugin_entry` returned NULL", subject: shown, hint: "It must return its static descriptor")
    }
    return PluginLibrary(descriptor: try check(c, path: path, shownAs: shown), c: c)
  }

  /// Checks struct size and ABI major first, then the fields themselves.
  static func check(_ c: UnsafePointer<hark_plugin_descriptor>, path: String, shownAs shown: String) throws
    -> PluginDescriptor
  {
    // struct_size and the ABI numbers sit at the front of every version.
    let size = Int(c.pointee.struct_size)
    if size < 8 {
      throw HarkError(
        "descriptor is \(size) bytes, too short to hold even its ABI version", subject: shown,
        hint: "Set struct_size = sizeof(hark_plugin_descriptor) and rebuild against hark_plugin.h")
    }
    let major = Int(c.pointee.abi_major)
    let minor = Int(c.pointee.abi_minor)
    if major != Int(HARK_PLUGIN_ABI_MAJOR) {
      throw HarkError(
        "was built for plugin ABI \(major).\(minor), but this Hark speaks ABI \(HARK_PLUGIN_ABI_MAJOR).\(HARK_PLUGIN_ABI_MINOR)",
        subject: shown, hint: "Rebuild the plugin against this Hark's hark_plugin.h")
    }
    if size < minimumDescriptorSize {
      throw HarkError(
        "descriptor is \(size) bytes, shorter than the \(minimumDescriptorSize) bytes of ABI \(HARK_PLUGIN_ABI_MAJOR).0",
        subject: shown, hint: "Set struct_size = sizeof(hark_plugin_descriptor) and rebuild against hark_plugin.h")
    }
    // Only the fields the plugin's struct holds are read: a plugin built for
    // an older minor has a shorter descriptor, and fields it lacks stay zero.
    let d = CStruct.read(UnsafeRawPointer(c), claimed: size, as: hark_plugin_descriptor.self)
    func text(_ p: UnsafePointer<CChar>?, _ field: String, required: Bool = true) throws -> String {
      guard let p else {
        if required { throw HarkError("descriptor field `\(field)` is NULL", subject: shown, hint: "Fill it in") }
        return ""
      }
      switch CStruct.string(p, limit: descriptorStringBytes) {
      case .text(let s): return s
      case .unterminated:
        throw HarkError(
          "descriptor field `\(field)` has no NUL terminator within \(descriptorStringBytes) bytes", subject: shown,
          hint: "End every string with a NUL byte (in Rust write c\"…\", not \"…\".as_ptr())")
      case .invalid(let offset, let before):
        throw HarkError(
          "descriptor field `\(field)` is not valid UTF-8 at byte \(offset) (after \"\(before)\")", subject: shown,
          hint:
            "Use UTF-8 text; if the text should have ended before that byte, it lacks its NUL terminator (in Rust write c\"…\", not \"…\".as_ptr())"
        )
      }
    }
    let id = try text(d.id, "id")
    guard PluginID.isValid(id) else {
      throw HarkError(
        "plugin id \"\(id)\" is not a reverse-DNS name", subject: shown,
        hint: "Use lowercase dot-separated words such as \"org.example.my-plugin\"")
    }
    guard d.open != nil, d.analyze != nil, d.close != nil else {
      let missing = [("open", d.open == nil), ("analyze", d.analyze == nil), ("close", d.close == nil)].filter(\.1).map(
        \.0)
      throw HarkError(
        "descriptor function \(missing.map { "`\($0)`" }.joined(separator: ", ")) is NULL", subject: shown,
        hint: "Every plugin implements open, analyze and close")
    }
    func list(_ p: UnsafePointer<CChar>?, _ field: String, known: [String]) throws -> [String] {
      let values = try text(p, field, required: false).split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      for value in values where !known.contains(value) {
        let shownValue = value.count > 40 ? String(value.prefix(40)) + "…" : value
        throw HarkError(
          "plugin \(id) says it \(field) \"\(shownValue)\", which Hark does not know", subject: shown,
          hint:
            "`\(field)` is a comma-separated list of \(known.map { "\"\($0)\"" }.joined(separator: ", ")) (the header's HARK_\(field.uppercased())_* constants)"
        )
      }
      return values
    }
    return PluginDescriptor(
      id: id, name: try text(d.name, "name"), version: try text(d.version, "version"),
      vendor: try text(d.vendor, "vendor", required: false),
      description: try text(d.description, "description", required: false),
      provides: try list(d.provides, "provides", known: knownProvides),
      needs: try list(d.needs, "needs", known: knownNeeds),
      optionsSchema: try text(d.options_schema, "options_schema", required: false),
      abiMajor: major, abiMinor: minor, path: path)
  }
}

public enum PluginID {
  /// Reverse-DNS: at least two dot-separated parts of [a-z0-9-_].
  public static func isValid(_ id: String) -> Bool {
    let parts = id.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2, id.utf8.count <= 200 else { return false }
    return parts.allSatisfy { part in
      !part.isEmpty
        && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
    }
  }
}
