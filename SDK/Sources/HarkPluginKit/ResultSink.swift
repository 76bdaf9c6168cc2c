// Where a plugin sends its results. Offsets are UTF-8 byte offsets.
import HarkPluginABI

public struct CodeResult: Sendable, Equatable {
  public var document: String?
  public var code: String
  public var span: Range<Int>
  public var confidence: Double
  public var explanation: String
  public init(document: String? = nil, code: String, span: Range<Int>, confidence: Double, explanation: String) {
    self.document = document
    self.code = code
    self.span = span
    self.confidence = confidence
    self.explanation = explanation
  }
}

public struct ConceptResult: Sendable, Equatable {
  public var document: String?
  public var label: String
  public var span: Range<Int>
  public var confidence: Double
  public var explanation: String
  public init(document: String? = nil, label: String, span: Range<Int>, confidence: Double, explanation: String) {
    self.document = document
    self.label = label
    self.span = span
    self.confidence = confidence
    self.explanation = explanation
  }
}

public struct LinkResult: Sendable, Equatable {
  public var document: String?
  public var cause: String
  public var effect: String
  /// +1 when the cause increases the effect, -1 when it decreases it.
  public var polarity: Int
  public var strength: Double
  public var confidence: Double
  /// The evidence: the quote a panel reads.
  public var span: Range<Int>
  public var causeSpan: Range<Int>?
  public var effectSpan: Range<Int>?
  public var explanation: String
  public init(
    document: String? = nil, cause: String, effect: String, polarity: Int, strength: Double,
    confidence: Double, span: Range<Int>, causeSpan: Range<Int>? = nil, effectSpan: Range<Int>? = nil,
    explanation: String
  ) {
    self.document = document
    self.cause = cause
    self.effect = effect
    self.polarity = polarity
    self.strength = strength
    self.confidence = confidence
    self.span = span
    self.causeSpan = causeSpan
    self.effectSpan = effectSpan
    self.explanation = explanation
  }
}

public struct ScoreResult: Sendable, Equatable {
  public var document: String?
  public var name: String
  public var span: Range<Int>
  /// In -1 ... 1.
  public var value: Double
  public var explanation: String
  public init(document: String? = nil, name: String, span: Range<Int>, value: Double, explanation: String) {
    self.document = document
    self.name = name
    self.span = span
    self.value = value
    self.explanation = explanation
  }
}

/// Receives results. `emit` returns false when the host refused the result.
public protocol ResultSink: AnyObject {
  @discardableResult func emit(_ code: CodeResult) -> Bool
  @discardableResult func emit(_ concept: ConceptResult) -> Bool
  @discardableResult func emit(_ link: LinkResult) -> Bool
  @discardableResult func emit(_ score: ScoreResult) -> Bool
  func log(_ message: String, level: Int32)
}

extension ResultSink {
  public func log(_ message: String) { log(message, level: 1) }
}

/// Keeps every result in memory: for unit tests and `hark plugins run`.
public final class CollectingSink: ResultSink {
  public var codes: [CodeResult] = []
  public var concepts: [ConceptResult] = []
  public var links: [LinkResult] = []
  public var scores: [ScoreResult] = []
  public var messages: [String] = []
  public init() {}
  public func emit(_ code: CodeResult) -> Bool {
    codes.append(code)
    return true
  }
  public func emit(_ concept: ConceptResult) -> Bool {
    concepts.append(concept)
    return true
  }
  public func emit(_ link: LinkResult) -> Bool {
    links.append(link)
    return true
  }
  public func emit(_ score: ScoreResult) -> Bool {
    scores.append(score)
    return true
  }
  public func log(_ message: String, level: Int32) { messages.append(message) }
}
