// The checks every result passes on its way in have fast paths (ASCII text,
// results that name no document, trials that keep no texts): these tests pin
// that each gives what the long way gives.
import Foundation
import HarkStore
import HarkTranscripts
import Synchronization
import Testing

@testable import HarkHost

@Suite("Result offsets and trial texts")
struct ResultOffsetTests {
  /// One score per span, named by `document` (empty: the current document).
  func scores(_ spans: [(document: String, start: UInt32, end: UInt32)]) -> RawResults {
    var raw = RawResults()
    raw.scores = spans.map {
      RawScore(
        document: Array($0.document.utf8), name: Array("valence".utf8), start: $0.start, end: $0.end, value: 0.5,
        explanation: Array("ok".utf8))
    }
    return raw
  }

  func spans(_ text: String, _ raw: RawResults) throws -> [Range<Int>] {
    let found = try ResultValidator.validate(raw, current: "A") { $0 == "A" ? Array(text.utf8) : nil }
    return (found["A"]?.scores ?? []).map(\.span)
  }

  @Test("in ASCII text a byte offset is the code point offset, whether the result names the document or not")
  func asciiOffsets() throws {
    let raw = scores([("", 6, 18), ("A", 0, 5), ("", 0, 5)])
    #expect(try spans("Fine. Really good.", raw) == [6..<18, 0..<5, 0..<5])
  }

  @Test("in accented text byte offsets become code point offsets, also past the 64-byte checkpoints")
  func accentedOffsets() throws {
    // "déjà" is bytes 10..<16 of "Café was déjà vu." and code points 9..<13.
    #expect(try spans("Café was déjà vu.", scores([("", 10, 16), ("A", 0, 5)])) == [9..<13, 0..<4])
    // Forty "é" (80 bytes), then " ok": " ok" is bytes 80..<83, code points 40..<43.
    let long = String(repeating: "é", count: 40) + " ok"
    #expect(try spans(long, scores([("", 80, 83), ("", 66, 70)])) == [40..<43, 33..<35])
  }

  @Test(
    "finish results naming documents in turn are checked one document at a time: each text read once, results kept in the order emitted"
  )
  func finishOneDocumentAtATime() throws {
    let texts = ["A": "Fine. Good.", "B": "Café was déjà vu."]
    let read = Mutex([String]())
    let raw = scores([("B", 10, 16), ("A", 0, 5), ("B", 0, 5), ("A", 6, 11), ("B", 18, 19)])
    let found = try ResultValidator.validate(raw, current: nil) { name in
      read.withLock { $0.append(name) }
      return texts[name].map { Array($0.utf8) }
    }
    #expect(read.withLock { $0 } == ["A", "B"])
    #expect(found["A"]?.scores.map(\.span) == [0..<5, 6..<11])
    #expect(found["B"]?.scores.map(\.span) == [9..<13, 0..<4, 15..<16])
  }

  @Test("a bad finish result is named by its number in what the plugin emitted")
  func finishErrorKeepsItsNumber() throws {
    let raw = scores([("B", 0, 5), ("A", 0, 5), ("B", 0, 99)])
    let error = #expect(throws: GarbageResult.self) {
      _ = try ResultValidator.validate(raw, current: nil) {
        Array("Fine. Good. Yes.".utf8).prefix($0 == "A" ? 16 : 6).map { $0 }
      }
    }
    #expect(error?.description == "score result 3: span 0..<99 lies outside the text (6 bytes)")
  }

  @Test("a result naming a document the call may not refer to still fails after results that named none")
  func otherDocumentRefused() throws {
    let error = #expect(throws: GarbageResult.self) {
      _ = try spans("Fine.", scores([("", 0, 5), ("B", 0, 5)]))
    }
    #expect(error?.description == "score result 2: names document \"B\", which this call may not refer to")
  }

  @Test("a trial keeps the texts it analysed for finish, unless told finish will not come")
  func trialTexts() throws {
    let descriptor = try PluginLibrary.load(TestPaths.builtIn("Themes")).descriptor
    let text = "The peer group helped me a lot. The peer group was kind."
    let keeping = PluginTrial(descriptor: descriptor, inProcess: true)
    defer { keeping.stop() }
    _ = keeping.analyze(.adHoc(id: "D1", text: text))
    let found = try keeping.finish().get()
    #expect(
      found["D1"]?.concepts.map { "\($0.label) \($0.span)" } == [
        "Support; peer support 0..<31", "Support; peer support 32..<56",
      ])

    let forgetting = PluginTrial(descriptor: descriptor, inProcess: true, remembersTexts: false)
    defer { forgetting.stop() }
    _ = forgetting.analyze(.adHoc(id: "D1", text: text))
    #expect(
      forgetting.finish().map { _ in "" }
        == .failure(
          TrialFailure(
            reason: "garbage result: concept result 1: names document \"D1\", which this call may not refer to"
          )))
  }
}
