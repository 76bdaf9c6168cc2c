// Turns a Swift `AnalysisPlugin` type into the C descriptor of hark_plugin.h.
//
// Each plugin library links its own copy of this module, so the globals below
// are per plugin. A plugin's entry file is three lines:
//
//     @_cdecl("hark_plugin_entry")
//     public func harkPluginEntry() -> UnsafePointer<hark_plugin_descriptor> {
//       PluginExport.descriptor(for: MyPlugin.self)
//     }
import HarkPluginABI
import Synchronization

public enum PluginExport {
  private static let state = Mutex<ExportState?>(nil)

  struct ExportState: @unchecked Sendable {
    let type: any AnalysisPlugin.Type
    let descriptor: UnsafeMutablePointer<hark_plugin_descriptor>
  }

  /// The descriptor for `type`, built once and never freed.
  public static func descriptor(for type: any AnalysisPlugin.Type) -> UnsafePointer<hark_plugin_descriptor> {
    let exported: ExportState = state.withLock { state in
      if let state { return state }
      let info = type.info
      let d = UnsafeMutablePointer<hark_plugin_descriptor>.allocate(capacity: 1)
      d.initialize(to: hark_plugin_descriptor())
      d.pointee.struct_size = UInt32(MemoryLayout<hark_plugin_descriptor>.size)
      d.pointee.abi_major = UInt16(HARK_PLUGIN_ABI_MAJOR)
      d.pointee.abi_minor = UInt16(HARK_PLUGIN_ABI_MINOR)
      d.pointee.id = permanent(info.id)
      d.pointee.name = permanent(info.name)
      d.pointee.version = permanent(info.version)
      d.pointee.vendor = permanent(info.vendor)
      d.pointee.description = permanent(info.description)
      d.pointee.provides = permanent(info.provides.joined(separator: ","))
      d.pointee.needs = permanent(info.needs.joined(separator: ","))
      d.pointee.options_schema = permanent(info.optionsSchema)
      d.pointee.open = openInstance
      d.pointee.analyze = analyzeDocument
      d.pointee.finish = finishCorpus
      d.pointee.close = closeInstance
      d.pointee.get_extension = nil
      let made = ExportState(type: type, descriptor: d)
      state = made
      return made
    }
    return UnsafePointer(exported.descriptor)
  }

  static var pluginType: (any AnalysisPlugin.Type)? { state.withLock { $0?.type } }
}

/// A C string that lives as long as the process.
private func permanent(_ string: String) -> UnsafePointer<CChar> {
  let bytes = Array(string.utf8CString)
  let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
  p.initialize(from: bytes, count: bytes.count)
  return UnsafePointer(p)
}

/// Copies `message` into a caller-provided buffer, truncated and NUL-terminated.
func writeError(_ message: String, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int) {
  guard let buffer, capacity > 0 else { return }
  var bytes = Array(message.utf8)
  if bytes.count > capacity - 1 {
    bytes = Array(bytes.prefix(capacity - 1))
    // Never cut a multi-byte character in half.
    while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
    if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
  }
  for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
  buffer[bytes.count] = 0
}

final class InstanceBox {
  let plugin: any AnalysisPlugin
  init(_ plugin: any AnalysisPlugin) { self.plugin = plugin }
}

private func box(_ instance: OpaquePointer?) -> InstanceBox? {
  guard let instance else { return nil }
  return Unmanaged<InstanceBox>.fromOpaque(UnsafeRawPointer(instance)).takeUnretainedValue()
}

private let openInstance: @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int) -> OpaquePointer? =
  {
    options, buffer, capacity in
    guard let type = PluginExport.pluginType else {
      writeError("plugin descriptor was not initialised", buffer, capacity)
      return nil
    }
    do {
      let parsed = try PluginOptions(json: options.map { String(cString: $0) } ?? "{}")
      let plugin = try type.init(options: parsed)
      return OpaquePointer(Unmanaged.passRetained(InstanceBox(plugin)).toOpaque())
    } catch {
      writeError(String(describing: error), buffer, capacity)
      return nil
    }
  }

private let analyzeDocument:
  @convention(c) (
    OpaquePointer?, UnsafePointer<hark_document>?, UnsafePointer<hark_sink>?, UnsafeMutablePointer<CChar>?, Int
  ) -> Int32 = { instance, document, sink, buffer, capacity in
    guard let plugin = box(instance)?.plugin, let document, let sink else {
      writeError("analyze called with a null instance, document or sink", buffer, capacity)
      return Int32(HARK_ERROR.rawValue)
    }
    do {
      try plugin.analyze(Document(document), into: CSink(sink))
      return Int32(HARK_OK.rawValue)
    } catch {
      writeError(String(describing: error), buffer, capacity)
      return Int32(HARK_ERROR.rawValue)
    }
  }

private let finishCorpus:
  @convention(c) (OpaquePointer?, UnsafePointer<hark_sink>?, UnsafeMutablePointer<CChar>?, Int) -> Int32 = {
    instance, sink, buffer, capacity in
    guard let plugin = box(instance)?.plugin, let sink else {
      writeError("finish called with a null instance or sink", buffer, capacity)
      return Int32(HARK_ERROR.rawValue)
    }
    do {
      try plugin.finish(into: CSink(sink))
      return Int32(HARK_OK.rawValue)
    } catch {
      writeError(String(describing: error), buffer, capacity)
      return Int32(HARK_ERROR.rawValue)
    }
  }

private let closeInstance: @convention(c) (OpaquePointer?) -> Void = { instance in
  guard let instance else { return }
  Unmanaged<InstanceBox>.fromOpaque(UnsafeRawPointer(instance)).release()
}
