// Measures the Sentiment plugin against the human ratings that came with
// VADER: 4,200 short texts (tweets and constructed sentences), each rated
// by at least 20 people on -4 ... +4. The plugin runs through the real plugin
// boundary, one text as one participant turn.
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

public enum VaderTweetsEvaluation {
  /// One rated text.
  public struct Tweet: Sendable, Equatable {
    public var id: Int
    /// The raters' mean, -4 ... +4.
    public var mean: Double
    public var text: String

    public init(id: Int, mean: Double, text: String) {
      self.id = id
      self.mean = mean
      self.text = text
    }
  }

  /// How the plugin's scores compare with the raters' means on one split.
  public struct Agreement: Sendable, Equatable {
    public var count: Int
    public var pearson: Double
    /// Macro F1 over positive / neutral / negative.
    public var macroF1: Double
    public var accuracy: Double
  }

  /// The neutral band of the 3-class comparison, VADER's ±0.05, applied to
  /// the plugin's value and to the raters' mean scaled to the same -1 ... 1.
  public static let neutralBand = 0.05

  /// The tuning split is the odd ids, the held-out split the even ids: the
  /// file has no split of its own, and lexicon and rules were tuned looking
  /// at odd ids only.
  public static func isHeldOut(_ tweet: Tweet) -> Bool { tweet.id % 2 == 0 }

  /// Reads `id<TAB>mean<TAB>text` lines (LF or CRLF; tabs inside the text are
  /// kept). `file` names the file in errors.
  public static func parse(_ contents: String, file: String) throws -> [Tweet] {
    var tweets: [Tweet] = []
    var lineNumber = 0
    // Split on bytes: as Characters, "\r\n" is one grapheme and never equals "\n".
    for rawLine in contents.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if lineNumber == 1 && line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      func fail(_ problem: String) -> HarkError {
        HarkError(
          problem, subject: file, line: lineNumber,
          hint: "Each line is an id, a tab, the raters' mean (-4 to 4), a tab and the text, "
            + "as in vaderSentiment's tweets_GroundTruth.txt")
      }
      guard fields.count == 3 else {
        throw fail("expected 3 tab-separated fields, found \(fields.count): \"\(line.prefix(60))\"")
      }
      guard let id = Int(fields[0].trimmingCharacters(in: .whitespaces)) else {
        throw fail("the id \"\(fields[0].prefix(20))\" is not a whole number")
      }
      guard let mean = Double(fields[1].trimmingCharacters(in: .whitespaces)), mean.isFinite,
        (-4...4).contains(mean)
      else {
        throw fail("the mean \"\(fields[1].prefix(20))\" is not a number from -4 to 4")
      }
      tweets.append(Tweet(id: id, mean: mean, text: String(fields[2])))
    }
    return tweets
  }

  /// The text as people wrote it: the file keeps Twitter's HTML escapes
  /// ("&amp;", "&lt;3", "&#39;"), which would hide "&", "<3" and apostrophes.
  public static func unescaped(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      rest = rest[amp...]
      guard let semicolon = rest.prefix(10).firstIndex(of: ";") else {
        out += "&"
        rest = rest.dropFirst()
        continue
      }
      let name = rest[rest.index(after: rest.startIndex)..<semicolon]
      let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
      var decoded = named[name]
      if decoded == nil, name.hasPrefix("#"), let code = UInt32(name.dropFirst()),
        let scalar = Unicode.Scalar(code)
      {
        decoded = String(Character(scalar))
      }
      if let decoded {
        out += decoded
        rest = rest[rest.index(after: semicolon)...]
      } else {
        out += "&"
        rest = rest.dropFirst()
      }
    }
    return out + rest
  }

  /// A text's score from the plugin's scores: its "turn valence" when it
  /// gives one, else the mean of its sentence "valence" scores, else 0.
  public static func textScore(_ scores: [(name: String, value: Double)]) -> Double {
    if let turn = scores.first(where: { $0.name == "turn valence" }) { return turn.value }
    let sentences = scores.filter { $0.name == "valence" }.map(\.value)
    return sentences.isEmpty ? 0 : sentences.reduce(0, +) / Double(sentences.count)
  }

  /// Pearson r of the plugin's values against the raters' means, and the
  /// 3-class macro F1 and accuracy with ±`neutralBand` on both (means ÷ 4).
  public static func agreement(means: [Double], plugin: [Double]) -> Agreement {
    let classes = Stats.macroF1(
      predicted: plugin.map { Stats.polarityClass($0, neutralBand: neutralBand) },
      actual: means.map { Stats.polarityClass($0 / 4, neutralBand: neutralBand) })
    return Agreement(
      count: means.count, pearson: Stats.pearson(means, plugin), macroF1: classes.macroF1,
      accuracy: classes.accuracy)
  }

  /// Scores every text of `file` with the built Sentiment plugin and compares.
  public static func run(file: String) throws -> EvalResult {
    let contents: String
    do {
      contents = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      throw HarkError(
        "the VADER tweets could not be read (\(error.localizedDescription))", subject: file,
        hint: "Give the path of tweets_GroundTruth.txt from vaderSentiment's additional_resources")
    }
    let tweets = try parse(contents, file: file)
    guard !tweets.isEmpty else {
      throw HarkError("the file has no rated texts", subject: file, hint: "Check that it is tweets_GroundTruth.txt")
    }
    let plugin = try PluginUnderTest(id: "org.hark.sentiment")
    var values: [Double] = []
    values.reserveCapacity(tweets.count)
    for (index, tweet) in tweets.enumerated() {
      let results = try plugin.analyze(
        PluginUnderTest.oneTurn(unescaped(tweet.text), id: "tweet-\(tweet.id)-\(index)"))
      values.append(
        textScore(results.scores.map { (String(decoding: $0.name, as: UTF8.self), $0.value) }))
    }

    func agreement(_ keep: (Tweet) -> Bool) -> Agreement {
      let chosen = tweets.indices.filter { keep(tweets[$0]) }
      return Self.agreement(means: chosen.map { tweets[$0].mean }, plugin: chosen.map { values[$0] })
    }
    let heldOut = agreement(isHeldOut)
    let tuning = agreement { !isHeldOut($0) }
    let all = agreement { _ in true }

    func detail(_ a: Agreement) -> EvalValue {
      .object([
        "texts": .integer(a.count), "pearson_r": .number(a.pearson), "macro_f1_3class": .number(a.macroF1),
        "accuracy_3class": .number(a.accuracy),
      ])
    }
    func line(_ name: String, _ a: Agreement) -> String {
      "\(name): \(a.count) texts, Pearson r \(format(a.pearson)), 3-class macro F1 \(format(a.macroF1)), "
        + "accuracy \(format(a.accuracy))"
    }
    return EvalResult(
      name: "VADER tweets",
      scores: [
        ("vader_tweets_r", heldOut.pearson),
        ("vader_tweets_f1_3class", heldOut.macroF1),
        ("vader_tweets_accuracy_3class", heldOut.accuracy),
        ("vader_tweets_r_tuning", tuning.pearson),
        ("vader_tweets_r_all", all.pearson),
      ],
      report: [
        line("held out (even ids)", heldOut),
        line("tuning (odd ids, looked at while tuning the lexicon)", tuning),
        line("all", all),
        "each text is one participant turn of the real plugin (\(plugin.descriptor.id) "
          + "\(plugin.descriptor.version)); its score is the turn valence; HTML escapes decoded first",
        "classes: positive above +0.05, negative below -0.05, for the plugin's value and the raters' mean ÷ 4",
        "for comparison: VADER r 0.87-0.88, one human rater against the mean 0.888",
      ],
      detail: [
        "file": .string(file), "held_out": detail(heldOut), "tuning": detail(tuning), "all": detail(all),
        "neutral_band": .number(neutralBand),
      ])
  }

  private static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
