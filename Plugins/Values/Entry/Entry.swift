import HarkPluginABI
import HarkPluginKit
import HarkValues

@_cdecl("hark_plugin_entry")
public func harkPluginEntry() -> UnsafePointer<hark_plugin_descriptor> {
  PluginExport.descriptor(for: ValuesPlugin.self)
}
