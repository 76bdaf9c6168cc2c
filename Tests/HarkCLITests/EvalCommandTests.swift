import Foundation
import HarkTestSupport
import Testing

@Suite("hark-dev eval")
struct EvalCommandTests {
  @Test("--json prints the headline scores as flat numbers in 0...1, with details beside them")
  func jsonKeys() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let out = try Hark.run(["eval", "--json", "--only", "gold,tweets"], in: folder, program: Hark.developerTools)
    #expect(out.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    for key in ["gold_values_f1", "gold_links_f1", "gold_sentiment_r", "vader_tweets_r"] {
      let value = try #require(object[key] as? Double, "missing \(key)")
      #expect(value >= 0 && value <= 1, "\(key) = \(value)")
    }
    let detail = try #require(object["detail"] as? [String: Any])
    #expect(detail.keys.sorted() == ["Gold annotations (corpora/gold)", "VADER tweets"])
  }

  @Test("an unknown evaluation name is refused with the names to choose from")
  func unknownSuite() throws {
    let out = try Hark.run(
      ["eval", "--only", "gold,poetry"], in: try makeTemporaryFolder("hark-cli"), program: Hark.developerTools)
    #expect(out.status != 0)
    #expect(out.stderr.contains("unknown evaluation \"poetry\"; choose from gold, claims, cnc, because, tweets"))
  }

  @Test("a missing data folder is an error naming the folder and the --data option")
  func missingData() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let out = try Hark.run(
      ["eval", "--only", "tweets", "--data", folder.path, "--corpus", folder.appendingPathComponent("none").path],
      in: folder, program: Hark.developerTools)
    #expect(out.status != 0)
    #expect(out.stderr.contains("cannot find the evaluation data folder vader-tweets"))
    #expect(out.stderr.contains("Pass --data DIR"))
  }

  @Test("a corpus without claims annotations is an error naming the folder and what it should hold")
  func missingClaims() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let thirdParty = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("third_party")
    let out = try Hark.run(
      ["eval", "--only", "claims", "--data", thirdParty.path, "--corpus", folder.path], in: folder,
      program: Hark.developerTools)
    #expect(out.status != 0)
    #expect(
      out.stderr.contains(
        "\(folder.appendingPathComponent("gold/western-sydney").path): cannot be read as a folder. Give the folder of the .claims annotation files"
      ))
  }
}
