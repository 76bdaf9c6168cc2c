import HarkCausalLinks
import HarkPluginABI
import HarkPluginKit

@_cdecl("hark_plugin_entry")
public func harkPluginEntry() -> UnsafePointer<hark_plugin_descriptor> {
  PluginExport.descriptor(for: CausalLinksPlugin.self)
}
