import Foundation
import HarkStore
import HarkTestSupport
import Testing

@testable import HarkEval

@Suite("BECAUSE MASC reader")
struct BecauseTests {
  @Test("sentences split at stops before a capital, not after an abbreviation; causal when they hold a connective")
  func readsSentences() throws {
    let folder = try makeTemporaryFolder("because")
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = "Mr. Smith left because the rent rose. Prices fell\nsharply.\n\n\"Sales are up,\" she said."
    try Data(text.utf8).write(to: folder.appendingPathComponent("doc.txt"))
    let because = text.unicodeScalars.distance(
      from: text.unicodeScalars.startIndex,
      to: text.range(of: "because")!.lowerBound.samePosition(in: text.unicodeScalars)!)
    try Data(
      "T1\tConsequence \(because) \(because + 7)\tbecause\nE1\tConsequence:T1 Cause:T2\nT3\tNonCausal 40 44\tfell\nE2\tNonCausal:T3\n"
        .utf8
    ).write(to: folder.appendingPathComponent("doc.ann"))
    let sentences = try BecauseEvaluation.read(folder: folder.path)
    #expect(
      sentences.map { "\($0.causal ? "C" : "-") \($0.text)" } == [
        "C Mr. Smith left because the rent rose.", "- Prices fell sharply.", "- \"Sales are up,\" she said.",
      ])
  }

  @Test("an event naming an undefined trigger names the file and line")
  func badAnnotation() {
    do {
      _ = try BecauseEvaluation.causalConnectives("E1\tConsequence:T9\n", file: "x.ann")
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("line 1 names T9, which no earlier T line defines"))
      #expect("\(error)".contains("x.ann"))
    }
  }
}
