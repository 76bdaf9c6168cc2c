// Exports the Sentiment plugin as the C entry point of libHarkPluginSentiment.
import HarkPluginABI
import HarkPluginKit
import HarkSentiment

@_cdecl("hark_plugin_entry")
public func harkPluginEntry() -> UnsafePointer<hark_plugin_descriptor> {
  PluginExport.descriptor(for: SentimentPlugin.self)
}
