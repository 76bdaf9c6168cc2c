// The conformance check as a library: every check runs in order and reports
// its outcome, whichever front end prints them.
import Testing

@testable import HarkHost

@Suite("Conformance check")
struct ConformanceCheckTests {
  static let checkNames = [
    "load and descriptor", "provides", "options schema", "empty document", "one word", "accents and emoji",
    "1 MB of talk", "CRLF line ends", "only interviewer turns", "finish (corpus pass)",
  ]

  @Test("a well-behaved plugin passes every check, in the documented order")
  func passes() throws {
    var outcomes: [ConformanceCheck.Outcome] = []
    let descriptor = ConformanceCheck.run(path: TestPaths.builtIn("ExampleC")) { outcomes.append($0) }
    #expect(descriptor?.id == "org.hark.example.wordcount")
    #expect(outcomes.map(\.name) == Self.checkNames)
    #expect(outcomes.map(\.passed) == Array(repeating: true, count: Self.checkNames.count))
    #expect(outcomes.first?.detail == "org.hark.example.wordcount 1.0.0, ABI 1.0")
  }

  @Test("a plugin that fails one document fails that check alone, naming the plugin's error")
  func failsOne() throws {
    var outcomes: [ConformanceCheck.Outcome] = []
    ConformanceCheck.run(path: TestPaths.misbehaving, options: #"{"mode": "error", "on": "Hope"}"#) {
      outcomes.append($0)
    }
    #expect(outcomes.map(\.name) == Self.checkNames)
    #expect(outcomes.filter { !$0.passed }.map(\.name) == ["one word"])
    let oneWord = try #require(outcomes.first { $0.name == "one word" })
    #expect(oneWord.detail.contains("cannot make sense of one-word"))
  }

  @Test("a file that is not a plugin stops after the first check")
  func notAPlugin() throws {
    var outcomes: [ConformanceCheck.Outcome] = []
    let descriptor = ConformanceCheck.run(path: "/etc/hostname") { outcomes.append($0) }
    #expect(descriptor == nil)
    #expect(outcomes.map(\.name) == ["load and descriptor"])
    #expect(outcomes.map(\.passed) == [false])
  }
}
