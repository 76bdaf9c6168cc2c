// What every evaluator shares: the result shape `hark-dev eval` prints, the
// statistics, and a built plugin loaded through the real plugin boundary.
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

/// One evaluator's outcome.
public struct EvalResult: Sendable {
  /// The evaluator's name as printed ("Causal News Corpus v2").
  public var name: String
  /// Headline numbers, in 0...1 where a key promises it; `hark-dev eval --json`
  /// prints them as flat top-level keys, in this order.
  public var scores: [(key: String, value: Double)]
  /// Lines for people: what was measured on which split, and how.
  public var report: [String]
  /// Anything else worth keeping (counts, per-split figures), as JSON-ready values.
  public var detail: [String: EvalValue]

  public init(
    name: String, scores: [(key: String, value: Double)] = [], report: [String] = [], detail: [String: EvalValue] = [:]
  ) {
    self.name = name
    self.scores = scores
    self.report = report
    self.detail = detail
  }
}

/// A JSON value in an evaluator's detail.
public indirect enum EvalValue: Sendable, Equatable {
  case number(Double)
  case integer(Int)
  case string(String)
  case array([EvalValue])
  case object([String: EvalValue])

  /// Plain Foundation objects, for JSONSerialization.
  public var json: Any {
    switch self {
    case .number(let value): value.isFinite ? value : NSNull()
    case .integer(let value): value
    case .string(let value): value
    case .array(let values): values.map(\.json)
    case .object(let values): values.mapValues(\.json)
    }
  }
}

/// Counts of a binary decision or a span match.
public struct Confusion: Sendable, Equatable {
  public var truePositives = 0
  public var falsePositives = 0
  public var falseNegatives = 0
  public var trueNegatives = 0

  public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
    self.truePositives = truePositives
    self.falsePositives = falsePositives
    self.falseNegatives = falseNegatives
    self.trueNegatives = trueNegatives
  }

  /// Counts one decision.
  public mutating func add(predicted: Bool, actual: Bool) {
    switch (predicted, actual) {
    case (true, true): truePositives += 1
    case (true, false): falsePositives += 1
    case (false, true): falseNegatives += 1
    case (false, false): trueNegatives += 1
    }
  }

  /// 0 when nothing was predicted (not NaN), so an empty run scores 0.
  public var precision: Double { Stats.ratio(truePositives, truePositives + falsePositives) }
  public var recall: Double { Stats.ratio(truePositives, truePositives + falseNegatives) }
  public var f1: Double { Stats.harmonic(precision, recall) }

  /// Matthews correlation coefficient; 0 when a margin is empty.
  public var mcc: Double {
    let (tp, fp, fn, tn) = (
      Double(truePositives), Double(falsePositives), Double(falseNegatives), Double(trueNegatives)
    )
    let denominator = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)).squareRoot()
    return denominator == 0 ? 0 : (tp * tn - fp * fn) / denominator
  }

  public static func + (a: Confusion, b: Confusion) -> Confusion {
    Confusion(
      truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
      falseNegatives: a.falseNegatives + b.falseNegatives, trueNegatives: a.trueNegatives + b.trueNegatives)
  }
}

public enum Stats {
  /// `part / whole`, or 0 when `whole` is 0.
  public static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

  /// F1 of a precision and a recall; 0 when both are 0.
  public static func harmonic(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }

  /// Pearson's r; 0 when either side has no variance or there are fewer than two pairs.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "pearson needs paired values")
    let n = Double(x.count)
    guard x.count >= 2 else { return 0 }
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in x.indices {
      let (dx, dy) = (x[i] - mx, y[i] - my)
      sxy += dx * dy
      sxx += dx * dx
      syy += dy * dy
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / (sxx * syy).squareRoot()
  }

  /// The class of a signed value with a neutral band: -1, 0 or +1.
  public static func polarityClass(_ value: Double, neutralBand: Double) -> Int {
    value > neutralBand ? 1 : value < -neutralBand ? -1 : 0
  }

  /// Macro-averaged F1 over the classes that occur in either list, and accuracy.
  public static func macroF1<Label: Hashable & Comparable>(predicted: [Label], actual: [Label]) -> (
    macroF1: Double, accuracy: Double, perClass: [(label: Label, confusion: Confusion)]
  ) {
    precondition(predicted.count == actual.count, "macroF1 needs paired labels")
    let labels = Set(predicted).union(actual).sorted()
    var perClass: [(Label, Confusion)] = []
    for label in labels {
      var confusion = Confusion()
      for i in predicted.indices { confusion.add(predicted: predicted[i] == label, actual: actual[i] == label) }
      perClass.append((label, confusion))
    }
    let correct = predicted.indices.filter { predicted[$0] == actual[$0] }.count
    let macro = perClass.isEmpty ? 0 : perClass.map(\.1.f1).reduce(0, +) / Double(perClass.count)
    return (macro, ratio(correct, predicted.count), perClass.map { (label: $0.0, confusion: $0.1) })
  }
}

/// A built plugin, found the way `hark` finds plugins and loaded into this
/// process with `dlopen`: what is measured is exactly what a coding run calls.
public final class PluginUnderTest {
  public let descriptor: PluginDescriptor
  private let instance: PluginInstance

  /// Loads the plugin `id` (or the last part of it, "sentiment") with these options.
  public init(id: String, options: String = "{}") throws {
    let plugins = PluginDiscovery.discover().plugins
    guard let found = plugins.first(where: { $0.id == id || $0.id.hasSuffix(".\(id)") }) else {
      throw HarkError(
        "no plugin with the id \(id) was found beside hark (\(PluginDiscovery.builtInFolder)) or in HARK_PLUGIN_PATH",
        hint: "Build the plugins first: swift build (or ./hark, which builds them)")
    }
    descriptor = found
    instance = try PluginInstance(library: try PluginLibrary.load(found.path), optionsJSON: options)
  }

  /// Analyses one document.
  public func analyze(_ document: DocumentPayload) throws -> RawResults { try instance.analyze(document) }

  /// Analyses `text` as one participant turn, after an optional interviewer
  /// question (a turn of its own, before it). Offsets in the results are
  /// UTF-8 byte offsets into `PluginUnderTest.oneTurn(...).text`.
  public func analyze(participantSays text: String, question: String? = nil) throws -> RawResults {
    try instance.analyze(Self.oneTurn(text, question: question))
  }

  /// A document of one participant turn, after an optional interviewer turn.
  /// The participant's words start at byte `question.utf8.count + 1` when there is a question.
  public static func oneTurn(_ text: String, question: String? = nil, id: String = "D1") -> DocumentPayload {
    var bytes: [UInt8] = []
    var turns: [PayloadTurn] = []
    var speakers = [PayloadSpeaker(name: "Participant", role: 1, group: "")]
    if let question {
      speakers.append(PayloadSpeaker(name: "Interviewer", role: 2, group: ""))
      bytes.append(contentsOf: question.utf8)
      turns.append(PayloadTurn(start: 0, end: UInt32(bytes.count), speaker: 1, role: 2))
      bytes.append(0x0A)
    }
    let start = UInt32(bytes.count)
    bytes.append(contentsOf: text.utf8)
    turns.append(PayloadTurn(start: start, end: UInt32(bytes.count), speaker: 0, role: 1))
    return DocumentPayload(id: id, title: "", text: bytes, turns: turns, speakers: speakers)
  }

  deinit { instance.close() }
}
