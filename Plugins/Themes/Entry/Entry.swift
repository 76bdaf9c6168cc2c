// Exports the Themes plugin as the C entry point of libHarkPluginThemes.
import HarkPluginABI
import HarkPluginKit
import HarkThemes

@_cdecl("hark_plugin_entry")
public func harkPluginEntry() -> UnsafePointer<hark_plugin_descriptor> {
  PluginExport.descriptor(for: ThemesPlugin.self)
}
