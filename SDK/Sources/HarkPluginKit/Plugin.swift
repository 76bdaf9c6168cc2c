// The Swift face of the plugin ABI: what a plugin author implements.
import HarkPluginABI

/// What a plugin says about itself; becomes the C descriptor.
public struct PluginInfo: Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var vendor: String
  public var description: String
  /// Any of "codes", "concepts", "links", "scores".
  public var provides: [String]
  /// Any of "turns", "codebook", "concepts", "corpus".
  public var needs: [String]
  /// JSON Schema of the options object.
  public var optionsSchema: String

  public init(
    id: String, name: String, version: String, vendor: String, description: String,
    provides: [String], needs: [String] = [], optionsSchema: String = #"{"type":"object"}"#
  ) {
    self.id = id
    self.name = name
    self.version = version
    self.vendor = vendor
    self.description = description
    self.provides = provides
    self.needs = needs
    self.optionsSchema = optionsSchema
  }
}

/// An analysis plugin. The host creates one instance per worker and calls
/// `analyze` once per document, then `finish` once. One thread at a time.
public protocol AnalysisPlugin: AnyObject {
  static var info: PluginInfo { get }
  init(options: PluginOptions) throws
  func analyze(_ document: Document, into sink: any ResultSink) throws
  /// Corpus-level pass after every document; the default does nothing.
  func finish(into sink: any ResultSink) throws
}

extension AnalysisPlugin {
  public func finish(into sink: any ResultSink) throws {}
}

/// An error a plugin reports; its message reaches the run's failure record.
public struct PluginError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
