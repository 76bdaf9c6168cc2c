// What Hark knows about a plugin from its descriptor, without running it.

public struct PluginDescriptor: Sendable, Equatable, Codable {
  public var id: String
  public var name: String
  public var version: String
  public var vendor: String
  public var description: String
  public var provides: [String]
  public var needs: [String]
  public var optionsSchema: String
  public var abiMajor: Int
  public var abiMinor: Int
  /// The shared library it was loaded from.
  public var path: String

  public var abi: String { "\(abiMajor).\(abiMinor)" }
  /// Results depend on the whole corpus: one instance sees every document, then finishes.
  public var needsCorpus: Bool { needs.contains("corpus") }
}
