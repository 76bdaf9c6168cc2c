// The importer fuzz harness: seeded mutations of small valid files in every format Hark
// imports, fed to the real readers. A case passes when the reader returns a transcript whose
// turns lie inside NFC, LF text, or throws a HarkError (a message for the user); anything
// else fails the test, and a crash ends the process (scripts/fuzz-import counts those).
//
// HARK_FUZZ_CASES sets the number of cases (default 3,000, about a minute in a debug build),
// HARK_FUZZ_SEED the seed (default 1); HARK_FUZZ_KEEP names a folder where each case is
// written before it runs, so the input of a crash or hang is left behind.
import Foundation
import Testing
import ZIPFoundation

@testable import HarkExchange
@testable import HarkStore
@testable import HarkTranscripts

@Suite("Importer fuzz harness")
struct ImportFuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let cases = Int(environment["HARK_FUZZ_CASES"] ?? "") ?? 3_000
  static let seed = UInt64(environment["HARK_FUZZ_SEED"] ?? "") ?? 1
  /// A case slower than this counts as a hang.
  static let slowCase: TimeInterval = 5

  @Test("mutated transcripts, Word XML, REFI-QDA projects and codebooks are read or refused with a message")
  func fuzz() throws {
    var random = SeededRandom(seed: Self.seed)
    var refused = 0
    var accepted = 0
    var slowest = (seconds: 0.0, format: "")
    var failures: [String] = []
    let keep = Self.environment["HARK_FUZZ_KEEP"].map { URL(fileURLWithPath: $0) }
    for number in 0..<Self.cases {
      let seedFile = FuzzSeeds.all[random.below(FuzzSeeds.all.count)]
      var bytes = seedFile.bytes
      let other = FuzzSeeds.all[random.below(FuzzSeeds.all.count)].bytes
      for _ in 0...random.below(4) { FuzzMutator.mutate(&bytes, splicing: other, random: &random) }
      if let keep {
        try Data(bytes).write(to: keep.appendingPathComponent("case.\(seedFile.format)"))
      }
      let started = Date()
      switch FuzzTarget.run(seedFile.format, bytes) {
      case .accepted: accepted += 1
      case .refused: refused += 1
      case .broken(let why): failures.append("case \(number) (\(seedFile.format), seed \(Self.seed)): \(why)")
      }
      let seconds = Date().timeIntervalSince(started)
      if seconds > slowest.seconds { slowest = (seconds, seedFile.format) }
      if seconds > Self.slowCase {
        failures.append("case \(number) (\(seedFile.format), seed \(Self.seed)): took \(seconds) s")
      }
    }
    print(
      "fuzz: \(Self.cases) cases from seed \(Self.seed): \(accepted) read, \(refused) refused with a message, "
        + "\(failures.count) broken; slowest \(Int(slowest.seconds * 1000)) ms (\(slowest.format))")
    #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
  }

  @Test("the generator is deterministic: one seed gives the same cases")
  func deterministic() {
    var first = SeededRandom(seed: 42)
    var second = SeededRandom(seed: 42)
    var a = FuzzSeeds.all[0].bytes
    var b = a
    for _ in 0..<50 {
      FuzzMutator.mutate(&a, splicing: FuzzSeeds.all[1].bytes, random: &first)
      FuzzMutator.mutate(&b, splicing: FuzzSeeds.all[1].bytes, random: &second)
    }
    #expect(a == b)
    #expect(a != FuzzSeeds.all[0].bytes)
  }
}

/// SplitMix64: small, fast and the same on every machine, so a failing seed can be replayed.
struct SeededRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<bound (bound > 0).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// What one case came to.
enum FuzzOutcome {
  case accepted
  case refused
  case broken(String)
}

/// Runs the reader for a format on mutated bytes and checks what it returns.
enum FuzzTarget {
  static func run(_ format: String, _ bytes: [UInt8]) -> FuzzOutcome {
    do {
      switch format {
      case "txt", "md", "vtt", "srt":
        let transcript = try TranscriptReader.read(
          data: Data(bytes), name: "case.\(format)", format: TranscriptReader.format(ofFileNamed: "case.\(format)"))
        return check(transcript)
      case "docx-xml":
        return check(try DocxReader.read(documentXML: Data(bytes), name: "case.docx"))
      case "qde", "qdc":
        _ = try RefiXML.parse(Data(bytes), subject: "case.\(format)")
        return .accepted
      default:
        return .broken("no target for \(format)")
      }
    } catch is HarkError {
      return .refused
    } catch {
      return .broken("threw \(type(of: error)), not a message for the user: \(error)")
    }
  }

  /// Turns inside the text, in order of their start, and the text NFC with LF line ends.
  private static func check(_ transcript: ImportedTranscript) -> FuzzOutcome {
    let count = transcript.text.unicodeScalars.count
    for turn in transcript.turns where !(0 <= turn.start && turn.start <= turn.end && turn.end <= count) {
      return .broken("turn \(turn.start)..<\(turn.end) outside the text of \(count) code points")
    }
    if transcript.turns.isEmpty { return .broken("a transcript with no turns was accepted") }
    if transcript.text.unicodeScalars.contains("\r") || transcript.text.unicodeScalars.contains("\u{85}") {
      return .broken("the text keeps a CR or NEL line end")
    }
    if transcript.text != transcript.text.precomposedStringWithCanonicalMapping {
      return .broken("the text is not NFC")
    }
    return .accepted
  }
}
