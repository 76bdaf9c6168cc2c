// BECAUSE 2.1, MASC part (duncanka/BECAUSE): news and journal sentences with
// causal language annotated. The built causal-links plugin reads each
// sentence as a coding run would (default options) and a sentence counts as
// causal when the plugin stores a "causal claim" code on it. Gold: a
// sentence is causal when it holds the connective of a Consequence,
// Motivation or Purpose instance. The encoder's training uses seven of the
// twelve documents; the five named in `heldOut` are never trained on and give
// the headline figure.
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

public enum BecauseEvaluation {
  public static let pluginID = "org.hark.causal-links"
  /// Documents the causal encoder is not trained on (scripts/causal_encoder/data.py, HELD_OUT_BECAUSE).
  public static let heldOut: Set<String> = [
    "20000410_nyt-NEW", "ArticleIP_1060", "Article247_3500", "wsj_0120", "wsj_2465",
  ]
  static let causalKinds: Set<String> = ["Consequence", "Motivation", "Purpose"]

  public struct Sentence: Equatable {
    public var document: String
    public var text: String
    public var causal: Bool
  }

  public static func run(folder: String) throws -> EvalResult {
    let sentences = try read(folder: folder)
    let plugin = try PluginUnderTest(id: pluginID, options: CausalNewsEvaluation.options)
    var held = Confusion()
    var trained = Confusion()
    for sentence in sentences {
      let results = try plugin.analyze(participantSays: sentence.text)
      let predicted = results.codes.contains { String(decoding: $0.code, as: UTF8.self) == "causal claim" }
      if heldOut.contains(sentence.document) {
        held.add(predicted: predicted, actual: sentence.causal)
      } else {
        trained.add(predicted: predicted, actual: sentence.causal)
      }
    }
    func summary(_ c: Confusion) -> String {
      "F1 \(CausalNewsEvaluation.format(c.f1)) (P \(CausalNewsEvaluation.format(c.precision)) "
        + "R \(CausalNewsEvaluation.format(c.recall)); \(c.truePositives + c.falseNegatives) causal of "
        + "\(c.truePositives + c.falseNegatives + c.falsePositives + c.trueNegatives))"
    }
    func detail(_ c: Confusion) -> EvalValue {
      .object([
        "precision": .number(c.precision), "recall": .number(c.recall), "f1": .number(c.f1),
        "tp": .integer(c.truePositives), "fp": .integer(c.falsePositives), "fn": .integer(c.falseNegatives),
        "tn": .integer(c.trueNegatives),
      ])
    }
    return EvalResult(
      name: "BECAUSE 2.1 MASC",
      scores: [("because_masc_f1", held.f1)],
      report: [
        "plugin \(plugin.descriptor.id) \(plugin.descriptor.version), options \(CausalNewsEvaluation.options), "
          + "folder \(folder)",
        "causal sentence, held-out documents (\(heldOut.sorted().joined(separator: ", "))): " + summary(held),
        "training documents (the encoder was fine-tuned on them, not unseen): " + summary(trained),
      ],
      detail: ["held_out": detail(held), "training_data": detail(trained)])
  }

  /// Every sentence of every annotated document in `folder`.
  public static func read(folder: String) throws -> [Sentence] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ann") }.sorted()
    guard !names.isEmpty else {
      throw HarkError(
        "holds no .ann files", subject: folder,
        hint: "Give the BECAUSE MASC folder (third_party/because-masc of the Hark repository)")
    }
    var sentences: [Sentence] = []
    for name in names {
      let document = String(name.dropLast(4))
      let textPath = (folder as NSString).appendingPathComponent(document + ".txt")
      let annPath = (folder as NSString).appendingPathComponent(name)
      guard let textData = FileManager.default.contents(atPath: textPath) else {
        throw HarkError("has no text beside it (\(document).txt)", subject: annPath, hint: "Restore the folder")
      }
      // brat offsets count characters (code points).
      let scalars = Array(String(decoding: textData, as: UTF8.self).unicodeScalars)
      let connectives = try causalConnectives(
        String(decoding: FileManager.default.contents(atPath: annPath) ?? Data(), as: UTF8.self), file: annPath)
      for range in splitSentences(scalars) {
        var text = String(String.UnicodeScalarView(scalars[range]))
        text = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { continue }
        sentences.append(
          Sentence(document: document, text: text, causal: connectives.contains { range.contains($0) }))
      }
    }
    return sentences
  }

  /// The first character of each causal instance's connective.
  static func causalConnectives(_ text: String, file: String) throws -> [Int] {
    var starts: [String: Int] = [:]
    var connectives: [Int] = []
    for (n, line) in text.split(separator: "\n").enumerated() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if line.hasPrefix("T") {
        let middle = fields.count > 1 ? fields[1].split(separator: " ") : []
        guard fields.count >= 2, middle.count >= 3, let start = Int(middle[1]) else {
          throw HarkError(
            "line \(n + 1) is not a brat text-bound annotation (T<n> TAB type start end TAB text)", subject: file,
            hint: "Restore the file from third_party/because-masc")
        }
        starts[String(fields[0])] = start
      } else if line.hasPrefix("E"), fields.count >= 2 {
        guard let trigger = fields[1].split(separator: " ").first else { continue }
        let parts = trigger.split(separator: ":")
        guard parts.count == 2, causalKinds.contains(String(parts[0])) else { continue }
        guard let start = starts[String(parts[1])] else {
          throw HarkError(
            "line \(n + 1) names \(parts[1]), which no earlier T line defines", subject: file,
            hint: "Restore the file from third_party/because-masc")
        }
        connectives.append(start)
      }
    }
    return connectives
  }

  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "inc", "co", "corp", "ltd", "jr", "sr", "st", "vs", "gen", "sen", "rep", "gov", "no",
    "u.s", "mt", "prof", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
  ]

  /// Sentences of hard-wrapped text: paragraphs (split at blank lines), then
  /// a stop (. ! ? with any closing quotes or brackets) followed by space and
  /// a capital, quote, bracket or digit, unless the word before the stop is
  /// an abbreviation or a single letter. The same rule the training script uses.
  static func splitSentences(_ text: [Unicode.Scalar]) -> [Range<Int>] {
    func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
    var out: [Range<Int>] = []
    var i = 0
    while i < text.count {
      while i < text.count, isSpace(text[i]) { i += 1 }
      guard i < text.count else { break }
      // The paragraph: up to a newline followed by only spaces and another newline.
      var end = i
      while end < text.count {
        if text[end] == "\n" {
          var j = end + 1
          while j < text.count, text[j] != "\n", isSpace(text[j]) { j += 1 }
          if j < text.count, text[j] == "\n" { break }
          if j >= text.count { break }
        }
        end += 1
      }
      var start = i
      var k = i
      while k < end {
        if "!?.".unicodeScalars.contains(text[k]) {
          var after = k + 1
          while after < end, "\"'\u{201D}\u{2019})]".unicodeScalars.contains(text[after]) { after += 1 }
          var next = after
          while next < end, isSpace(text[next]) { next += 1 }
          if next > after, next < end,
            text[next].properties.isUppercase || "\"'\u{201C}\u{2018}(".unicodeScalars.contains(text[next])
              || ("0"..."9").contains(text[next])
          {
            var w = k
            while w > start, text[w - 1].properties.isAlphabetic || text[w - 1] == "." { w -= 1 }
            var word = String(String.UnicodeScalarView(text[w..<k])).lowercased()
            while word.hasSuffix(".") { word.removeLast() }
            if !abbreviations.contains(word) && word.count != 1 {
              out.append(start..<next)
              start = next
            }
          }
          k = after
          continue
        }
        k += 1
      }
      if start < end { out.append(start..<end) }
      i = end
    }
    return out.filter { r in r.contains { !isSpace(text[$0]) } }
  }
}
