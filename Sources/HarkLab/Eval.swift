// `hark-dev eval`: the built-in plugins measured against human labels — the
// project's gold annotations, the Causal News Corpus and VADER's rated tweets.
import ArgumentParser
import Foundation
import HarkCLI
import HarkEval
import HarkHost
import HarkStore
import HarkTranscripts

struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score the built-in plugins against human-labelled data.",
    discussion: """
      Runs the built plugins (loaded with dlopen, as a coding run loads them) on:
        gold    the project's own annotations (corpora/gold), tuning and held-out splits
        claims  real oral-history interviews annotated claim by claim (corpora/gold/western-sydney)
        cnc     Causal News Corpus v2, dev split (subtask 1: is the sentence causal; subtask 2: spans)
        because BECAUSE 2.1 MASC, causal sentences in the documents the encoder is not trained on
        tweets  VADER's 4,200 human-rated tweets (tuning: odd ids; held-out: even ids)
      The data from outside the project is read from third_party/ in the checkout (or
      --data DIR). With --json, one object: the headline scores as flat keys, then details.
      """)

  enum Suite: String, ExpressibleByArgument, CaseIterable {
    case gold, claims, cnc, because, tweets
  }

  @Flag(help: "Print one JSON object instead of tables.") var json = false
  @Option(help: "Run only these (gold, claims, cnc, because, tweets); repeat or separate with commas.")
  var only: [String] = []
  @Option(
    help:
      "The folder with causal-news-corpus/, vader-tweets/ and western-sydney-interviews/ (default: this checkout's third_party/)."
  )
  var data: String?
  @Option(help: "The sample corpus folder (default: corpora of this checkout).") var corpus: String?

  func run() throws {
    let suites = try chosenSuites()
    let corpusFolder = try corpus ?? SampleCorpus.find()
    var results: [EvalResult] = []
    for suite in suites {
      let started = Date()
      if !json { Terminal.printError("Evaluating \(suite.rawValue)…") }
      var result: EvalResult
      switch suite {
      case .gold:
        result = try GoldEvaluation.run(
          goldFolder: (corpusFolder as NSString).appendingPathComponent("gold"),
          transcriptsFolder: (corpusFolder as NSString).appendingPathComponent("transcripts"),
          actor: ActorName.fromEnvironment().name)
      case .claims:
        result = try ClaimsEvaluation.run(
          claimsFolder: (corpusFolder as NSString).appendingPathComponent("gold/western-sydney"),
          transcriptsFolder: try dataFolder("western-sydney-interviews"), actor: ActorName.fromEnvironment().name)
      case .cnc:
        result = try CausalNewsEvaluation.run(folder: try dataFolder("causal-news-corpus"))
      case .because:
        result = try BecauseEvaluation.run(folder: try dataFolder("because-masc"))
      case .tweets:
        result = try VaderTweetsEvaluation.run(
          file: (try dataFolder("vader-tweets") as NSString).appendingPathComponent("tweets_GroundTruth.txt"))
      }
      result.detail["seconds"] = .number((Date().timeIntervalSince(started) * 10).rounded() / 10)
      results.append(result)
    }
    if json { try printJSON(results) } else { printTables(results) }
  }

  private func chosenSuites() throws -> [Suite] {
    let names = only.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    if names.isEmpty { return Suite.allCases }
    return try names.map { name in
      guard let suite = Suite(rawValue: name) else {
        throw ValidationError("unknown evaluation \"\(name)\"; choose from gold, claims, cnc, because, tweets")
      }
      return suite
    }
  }

  /// A folder of outside evaluation data: --data when given, else third_party/ of the checkout
  /// (beside the corpora/ folder), where the project keeps it with its licence.
  private func dataFolder(_ name: String) throws -> String {
    var roots: [String] = []
    if let data {
      roots.append(data)
    } else {
      let checkout = URL(fileURLWithPath: try corpus ?? SampleCorpus.find()).deletingLastPathComponent()
      roots.append(checkout.appendingPathComponent("third_party").path)
    }
    for root in roots {
      let folder = (root as NSString).appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: folder) { return folder }
    }
    throw HarkError(
      "cannot find the evaluation data folder \(name)", subject: roots.first,
      hint: "Pass --data DIR, the folder that holds \(name)/ (a checkout of Hark keeps it in third_party/)")
  }

  private func printTables(_ results: [EvalResult]) {
    for result in results {
      print("\(result.name)")
      for line in result.report { print("  \(line)") }
      for (key, value) in result.scores { print("  \(Terminal.pad(key, 40)) \(Terminal.number(value, 3))") }
      print("")
    }
  }

  private func printJSON(_ results: [EvalResult]) throws {
    var object: [String: Any] = [:]
    var order: [String] = []
    for result in results {
      for (key, value) in result.scores {
        object[key] = value.isFinite ? value : NSNull()
        order.append(key)
      }
    }
    object["detail"] = Dictionary(
      uniqueKeysWithValues: results.map { ($0.name, EvalValue.object($0.detail).json) })
    object["report"] = Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.report) })
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    print(String(decoding: data, as: UTF8.self))
  }
}
