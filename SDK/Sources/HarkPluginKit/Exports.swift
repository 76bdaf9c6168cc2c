@_exported import HarkPluginABI
