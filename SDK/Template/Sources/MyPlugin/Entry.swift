// The one symbol the host looks up after dlopen. PluginExport turns the Swift
// type into the C descriptor of hark_plugin.h; change only the type name.
import HarkPluginABI
import HarkPluginKit

@_cdecl("hark_plugin_entry")
public func harkPluginEntry() -> UnsafePointer<hark_plugin_descriptor> {
  PluginExport.descriptor(for: HopeWordsPlugin.self)
}
