// Results exactly as a plugin emitted them: strings as raw bytes (not yet
// known to be UTF-8), offsets as UTF-8 byte offsets, numbers unchecked.
// They cross the worker pipe in this form (each type's wire codec is beside
// it) and are checked by the host.

public struct RawCode: Sendable, Equatable {
  public var document: [UInt8]
  public var code: [UInt8]
  public var start: UInt32
  public var end: UInt32
  public var confidence: Double
  public var explanation: [UInt8]
}

extension RawCode: WireCodable {
  func encode(into w: inout WireWriter) {
    w.raw(document)
    w.raw(code)
    w.u32(start)
    w.u32(end)
    w.f64(confidence)
    w.raw(explanation)
  }

  init(wire r: inout WireReader) throws {
    self.init(
      document: try r.raw(), code: try r.raw(), start: try r.u32(), end: try r.u32(), confidence: try r.f64(),
      explanation: try r.raw())
  }
}

public struct RawConcept: Sendable, Equatable {
  public var document: [UInt8]
  public var label: [UInt8]
  public var start: UInt32
  public var end: UInt32
  public var confidence: Double
  public var explanation: [UInt8]
}

extension RawConcept: WireCodable {
  func encode(into w: inout WireWriter) {
    w.raw(document)
    w.raw(label)
    w.u32(start)
    w.u32(end)
    w.f64(confidence)
    w.raw(explanation)
  }

  init(wire r: inout WireReader) throws {
    self.init(
      document: try r.raw(), label: try r.raw(), start: try r.u32(), end: try r.u32(), confidence: try r.f64(),
      explanation: try r.raw())
  }
}

public struct RawLink: Sendable, Equatable {
  public var document: [UInt8]
  public var cause: [UInt8]
  public var effect: [UInt8]
  public var polarity: Int32
  public var strength: Double
  public var confidence: Double
  public var start: UInt32
  public var end: UInt32
  /// Where the cause and the effect are, named as the SDK and `LinkFinding`
  /// name them; `0..<0` when the plugin did not say.
  public var causeSpan: RawSpan
  public var effectSpan: RawSpan
  public var explanation: [UInt8]
}

/// A span as a plugin emitted it: UTF-8 byte offsets, unchecked. Not a
/// `Range`: a plugin may give an end before the start, which a `Range`
/// cannot hold and the validator must report.
public struct RawSpan: Sendable, Equatable {
  public var start: UInt32
  public var end: UInt32
  public init(start: UInt32, end: UInt32) {
    self.start = start
    self.end = end
  }
}

extension RawLink: WireCodable {
  func encode(into w: inout WireWriter) {
    w.raw(document)
    w.raw(cause)
    w.raw(effect)
    w.i32(polarity)
    w.f64(strength)
    w.f64(confidence)
    for v in [start, end, causeSpan.start, causeSpan.end, effectSpan.start, effectSpan.end] { w.u32(v) }
    w.raw(explanation)
  }

  init(wire r: inout WireReader) throws {
    self.init(
      document: try r.raw(), cause: try r.raw(), effect: try r.raw(), polarity: try r.i32(), strength: try r.f64(),
      confidence: try r.f64(), start: try r.u32(), end: try r.u32(),
      causeSpan: RawSpan(start: try r.u32(), end: try r.u32()),
      effectSpan: RawSpan(start: try r.u32(), end: try r.u32()),
      explanation: try r.raw())
  }
}

public struct RawScore: Sendable, Equatable {
  public var document: [UInt8]
  public var name: [UInt8]
  public var start: UInt32
  public var end: UInt32
  public var value: Double
  public var explanation: [UInt8]
}

extension RawScore: WireCodable {
  func encode(into w: inout WireWriter) {
    w.raw(document)
    w.raw(name)
    w.u32(start)
    w.u32(end)
    w.f64(value)
    w.raw(explanation)
  }

  init(wire r: inout WireReader) throws {
    self.init(
      document: try r.raw(), name: try r.raw(), start: try r.u32(), end: try r.u32(), value: try r.f64(),
      explanation: try r.raw())
  }
}

public struct RawResults: Sendable, Equatable {
  public var codes: [RawCode] = []
  public var concepts: [RawConcept] = []
  public var links: [RawLink] = []
  public var scores: [RawScore] = []
  public var log: [String] = []
  /// Results past `HostLimits.resultsPerDocument` are dropped and counted here.
  public var dropped = 0
  /// Results the sink refused (a NULL pointer, a struct too short), first few
  /// only: the document fails, though the plugin may have gone on.
  public var refused: [String] = []

  public init() {}

  public var count: Int { codes.count + concepts.count + links.count + scores.count }
}

public enum HostLimits {
  /// More results than this from one call fails the document: a runaway plugin.
  public static let resultsPerDocument = 1_000_000
  public static let labelBytes = 300
  public static let explanationBytes = 4_000
  /// The most bytes read of any string a result points to: one with no NUL
  /// within it is refused as missing its terminator.
  public static let stringBytes = 1 << 16
  public static let logLines = 200
  /// The largest message a worker may send: a plugin flooding its pipe is
  /// stopped here instead of growing the host without bound.
  public static let messageBytes = 256 << 20
}
