// What one plugin found in one document, checked and in code point offsets:
// the unit the store writes in one transaction.

public struct CodeFinding: Sendable, Equatable {
  public var code: String
  /// Where in the document, in code points (the SDK's `span`).
  public var span: Range<Int>
  public var confidence: Double
  public var explanation: String
  public init(code: String, span: Range<Int>, confidence: Double, explanation: String) {
    self.code = code
    self.span = span
    self.confidence = confidence
    self.explanation = explanation
  }
}

public struct ConceptFinding: Sendable, Equatable {
  public var label: String
  /// Where in the document, in code points (the SDK's `span`).
  public var span: Range<Int>
  public var confidence: Double
  public var explanation: String
  public init(label: String, span: Range<Int>, confidence: Double, explanation: String) {
    self.label = label
    self.span = span
    self.confidence = confidence
    self.explanation = explanation
  }
}

public struct LinkFinding: Sendable, Equatable {
  public var cause: String
  public var effect: String
  public var polarity: Int
  public var strength: Double
  public var confidence: Double
  /// Where the quote is in the document, in code points (the SDK's `span`).
  public var span: Range<Int>
  /// Where in the document the cause and the effect were found, in code
  /// points, when the plugin said: the SDK's `causeSpan`/`effectSpan`, stored
  /// and exported as `cause_start`/`cause_end` and `effect_start`/`effect_end`
  /// (`ResultField`).
  public var causeSpan: Range<Int>?
  public var effectSpan: Range<Int>?
  public var explanation: String
  public init(
    cause: String, effect: String, polarity: Int, strength: Double, confidence: Double, span: Range<Int>,
    causeSpan: Range<Int>? = nil, effectSpan: Range<Int>? = nil, explanation: String
  ) {
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

public struct ScoreFinding: Sendable, Equatable {
  public var name: String
  /// Where in the document, in code points (the SDK's `span`).
  public var span: Range<Int>
  public var value: Double
  public var explanation: String
  public init(name: String, span: Range<Int>, value: Double, explanation: String) {
    self.name = name
    self.span = span
    self.value = value
    self.explanation = explanation
  }
}

public struct Findings: Sendable, Equatable {
  public var codes: [CodeFinding] = []
  public var concepts: [ConceptFinding] = []
  public var links: [LinkFinding] = []
  public var scores: [ScoreFinding] = []
  public init() {}
  public var isEmpty: Bool { codes.isEmpty && concepts.isEmpty && links.isEmpty && scores.isEmpty }
  /// How many results of every kind.
  public var count: Int { codes.count + concepts.count + links.count + scores.count }
}
