// The sentence model: a logistic regression that says how likely a sentence
// states a cause and its effect, from words, word pairs and classes of cue
// words. Fitted by hark-train-causal on the Causal News Corpus train split;
// the file format is described at the top of corpora/models/causal-sentence.tsv.
import Foundation
import HarkPluginKit

/// What the model reads: each feature is a template and up to two parts
/// (words, class names or small labels). Its name in the model file is
/// "template:part part"; at run time the same feature is a 64-bit key mixed
/// from the parts' `WordKey`s, so scoring a sentence builds no strings.
public enum SentenceFeatures {
  /// Templates: a word, two adjacent words, a cue class anywhere, a class
  /// at the start / middle / end, a class after a comma, a class after
  /// "to", "to" before a class word, a preposition before an "-ing" word, a
  /// comma before an "-ing" word, and the number of commas (0 to 4 or more).
  public enum Template: String, CaseIterable, Sendable {
    case word = "w"
    case pair = "b"
    case cueClass = "c"
    case classAt = "cp"
    case classAfterComma = "cc"
    case classAfterTo = "ct"
    case toBeforeClass = "tc"
    case prepositionIng = "pi"
    case commaIng = "ci"
    case commas = "nc"
    case bias = "bias"

    var seed: UInt64 { WordKey(rawValue).raw }
  }

  /// A part of a feature: a token of the sentence or a fixed label.
  public enum Part {
    case token(Int)
    case label(String, WordKey)
  }

  /// Mixes a template and parts into one key; the same for names and tokens.
  @inline(__always)
  static func mix(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
    var h = template &* 0x9E37_79B9_7F4A_7C15
    h = (h ^ a) &* 0xFF51_AFD7_ED55_8CCD
    h = (h ^ (h >> 29) ^ b) &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 32
    return h == 0 ? 1 : h
  }

  static let numberPart = WordKey("<num>")
  static let positions = ["start", "mid", "end"].map { ($0, WordKey($0)) }
  static let commaCounts = (0...4).map { ("\($0)", WordKey("\($0)")) }
  static let prepositionsBeforeIng = WordSet(["by", "for", "after", "while", "on", "in", "before", "without"])
  static let comma = WordKey(",")
  static let to = WordKey("to")

  /// The text of a token as a part name: lowercased; numbers are "<num>".
  static func partName(_ token: Token) -> String { token.kind == .number ? "<num>" : token.lower }

  @inline(__always)
  static func partKey(_ token: Token) -> UInt64 { token.kind == .number ? numberPart.raw : token.key.raw }

  static func isIng(_ token: Token) -> Bool {
    let bytes = token.lower.utf8
    return token.kind == .word && bytes.count > 4 && bytes.suffix(3).elementsEqual("ing".utf8)
  }

  /// Calls `visit` once per feature occurrence (the caller removes repeats).
  static func visit(
    _ tokens: [Token], classes: CueClasses, _ visit: (Template, Part?, Part?) -> Void
  ) {
    let n = tokens.count
    visit(.bias, nil, nil)
    var commas = 0
    for i in 0..<n {
      let token = tokens[i]
      visit(.word, .token(i), nil)
      if i + 1 < n { visit(.pair, .token(i), .token(i + 1)) }
      if token.key == comma { commas += 1 }
      if let c = classes.classOf(token.key) {
        let label = Part.label(classes.names[c], classes.keys[c])
        visit(.cueClass, label, nil)
        let position = i < 2 ? 0 : (i >= n - 3 ? 2 : 1)
        visit(.classAt, label, .label(positions[position].0, positions[position].1))
        if i > 0, tokens[i - 1].key == comma { visit(.classAfterComma, label, nil) }
        if i > 0, tokens[i - 1].key == to { visit(.classAfterTo, label, nil) }
      }
      if token.key == to, i + 1 < n, let c = classes.classOf(tokens[i + 1].key) {
        visit(.toBeforeClass, .label(classes.names[c], classes.keys[c]), nil)
      }
      if i + 1 < n, prepositionsBeforeIng.contains(token.key), isIng(tokens[i + 1]) {
        visit(.prepositionIng, .token(i), nil)
      }
      if i > 0, tokens[i - 1].key == comma, isIng(token) { visit(.commaIng, nil, nil) }
    }
    let bucket = commaCounts[min(commas, 4)]
    visit(.commas, .label(bucket.0, bucket.1), nil)
  }

  /// The features of a sentence as keys, each once.
  public static func keys(_ tokens: [Token], classes: CueClasses, into keys: inout [UInt64]) {
    keys.removeAll(keepingCapacity: true)
    visit(tokens, classes: classes) { template, a, b in
      func raw(_ part: Part?) -> UInt64 {
        switch part {
        case .token(let i): partKey(tokens[i])
        case .label(_, let key): key.raw
        case nil: 0
        }
      }
      keys.append(mix(template.seed, raw(a), raw(b)))
    }
    keys.sort()
    var last: UInt64 = 0
    var unique = 0
    for key in keys where key != last {
      keys[unique] = key
      unique += 1
      last = key
    }
    keys.removeLast(keys.count - unique)
  }

  /// The features of a text taken as one sentence, by name (for training).
  public static func names(ofSentence text: String, classes: CueClasses) -> [String] {
    let bytes = Array(text.utf8)
    return names(Tokenizer.tokens(bytes, in: 0..<bytes.count), classes: classes)
  }

  /// The features of a sentence by name, each once, in the order first seen
  /// (for training and for explanations).
  public static func names(_ tokens: [Token], classes: CueClasses) -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    visit(tokens, classes: classes) { template, a, b in
      func text(_ part: Part?) -> String? {
        switch part {
        case .token(let i): partName(tokens[i])
        case .label(let name, _): name
        case nil: nil
        }
      }
      let parts = [text(a), text(b)].compactMap { $0 }
      let name = parts.isEmpty ? template.rawValue : template.rawValue + ":" + parts.joined(separator: " ")
      if seen.insert(name).inserted { result.append(name) }
    }
    return result
  }

  /// The key of a feature name as written in a model file, or nil when the
  /// name does not start with a known template.
  public static func key(ofName name: String) -> UInt64? {
    let (head, rest): (Substring, Substring?) =
      if let colon = name.firstIndex(of: ":") {
        (name[..<colon], name[name.index(after: colon)...])
      } else {
        (name[...], nil)
      }
    guard let template = Template(rawValue: String(head)) else { return nil }
    let parts = rest.map { $0.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false) } ?? []
    guard parts.count <= 2 else { return nil }
    let a = parts.count > 0 ? WordKey(parts[0]).raw : 0
    let b = parts.count > 1 ? WordKey(parts[1]).raw : 0
    return mix(template.seed, a, b)
  }
}

/// Classes of cue words the model generalises over ("purpose": demanding,
/// seeking, urging …), read from the model file's `class` lines.
public struct CueClasses: Sendable {
  public var names: [String]
  var keys: [WordKey]
  private var table: WordTable<Int>
  /// The words of each class, as written.
  public var words: [[String]]

  public init(_ classes: [(name: String, words: [String])]) {
    names = classes.map(\.name)
    keys = names.map { WordKey($0) }
    words = classes.map(\.words)
    var entries: [(String, Int)] = []
    for (c, entry) in classes.enumerated() {
      for word in entry.words { entries.append((word, c)) }
    }
    table = WordTable(entries)
  }

  @inline(__always)
  func classOf(_ key: WordKey) -> Int? { table[key] }
}

/// A fitted sentence model.
public struct CausalSentenceModel: Sendable {
  public var classes: CueClasses
  /// At or above this probability a sentence counts as causal.
  public var threshold: Double
  private var weights: WordTable<Double>
  /// Weights by feature name, as in the file (for explanations and tests).
  public private(set) var named: [String: Double]

  public init(classes: CueClasses, threshold: Double, weights: [String: Double]) throws {
    self.classes = classes
    self.threshold = threshold
    self.named = weights
    var table = WordTable<Double>(minimumCapacity: weights.count)
    for (name, weight) in weights {
      guard let key = SentenceFeatures.key(ofName: name) else {
        throw PluginError("feature \"\(name)\" does not start with a known template")
      }
      table[WordKey(raw: key)] = weight
    }
    self.weights = table
  }

  /// A model that finds no sentence causal.
  static let none = CausalSentenceModel(classes: CueClasses([]), threshold: 1, weights: WordTable(), named: [:])

  private init(classes: CueClasses, threshold: Double, weights: WordTable<Double>, named: [String: Double]) {
    self.classes = classes
    self.threshold = threshold
    self.weights = weights
    self.named = named
  }

  /// The probability that the sentence states a cause and its effect; `scratch` is reused between calls.
  public func probability(_ tokens: [Token], scratch: inout [UInt64]) -> Double {
    SentenceFeatures.keys(tokens, classes: classes, into: &scratch)
    var z = 0.0
    for key in scratch { z += weights[WordKey(raw: key)] ?? 0 }
    return 1 / (1 + exp(-z))
  }

  /// The probability for a text taken as one sentence.
  public func probability(ofSentence text: String) -> Double {
    let bytes = Array(text.utf8)
    var scratch: [UInt64] = []
    return probability(Tokenizer.tokens(bytes, in: 0..<bytes.count), scratch: &scratch)
  }

  /// The features that pushed the sentence most towards "causal", strongest first.
  public func strongestFeatures(_ tokens: [Token], count: Int) -> [(name: String, weight: Double)] {
    var found: [(name: String, weight: Double)] = []
    for name in SentenceFeatures.names(tokens, classes: classes) where name != "bias" {
      if let weight = named[name], weight > 0 { found.append((name, weight)) }
    }
    found.sort { a, b in a.weight != b.weight ? a.weight > b.weight : a.name < b.name }
    return Array(found.prefix(count))
  }

  /// Reads a model file (format: the comments at the top of corpora/models/causal-sentence.tsv).
  public static func parse(_ text: String, file: String) throws -> CausalSentenceModel {
    var classes: [(String, [String])] = []
    var threshold: Double?
    var weights: [String: Double] = [:]
    var sawFormat = false
    var lineNumber = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.isEmpty || line.hasPrefix("#") { continue }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      func fail(_ problem: String) -> PluginError { PluginError("\(file), line \(lineNumber): \(problem)") }
      switch columns[0] {
      case "format":
        guard columns.count == 2, columns[1] == "hark-causal-sentence 1" else {
          throw fail(
            "unknown format \"\(columns.dropFirst().joined(separator: " "))\"; this plugin reads \"hark-causal-sentence 1\"."
          )
        }
        sawFormat = true
      case "threshold":
        guard columns.count == 2, let value = Double(columns[1]), value > 0, value < 1 else {
          throw fail("the threshold must be one number between 0 and 1, e.g. \"threshold<TAB>0.4\".")
        }
        threshold = value
      case "class":
        guard columns.count == 3, !columns[1].isEmpty else {
          throw fail("a class line is \"class<TAB>NAME<TAB>word word word\".")
        }
        classes.append((columns[1], columns[2].split(separator: " ").map { String($0).lowercased() }))
      case "weight":
        guard columns.count == 3, let value = Double(columns[2]), value.isFinite else {
          throw fail("a weight line is \"weight<TAB>FEATURE<TAB>number\".")
        }
        guard SentenceFeatures.key(ofName: columns[1]) != nil else {
          throw fail(
            "feature \"\(columns[1])\" does not start with a known template ("
              + SentenceFeatures.Template.allCases.map(\.rawValue).joined(separator: ", ") + ").")
        }
        weights[columns[1]] = value
      default:
        throw fail(
          "unknown line kind \"\(columns[0])\"; lines start with format, threshold, class or weight and a TAB.")
      }
    }
    guard sawFormat, let threshold, !weights.isEmpty else {
      throw PluginError(
        "\(file): not a sentence model (it needs a \"format\" line, a \"threshold\" line and \"weight\" lines). "
          + "Write one with hark-train-causal.")
    }
    return try CausalSentenceModel(
      classes: CueClasses(classes.map { (name: $0.0, words: $0.1) }), threshold: threshold, weights: weights)
  }
}
