// Plugins and hosts of different ABI minors: a host accepts any struct at
// least as long as ABI 1.0's and reads only the fields both sides know.
// The fixture (Tests/Fixtures/CPlugins/abi-versions.c) is built either with
// its own frozen copies of the 1.0 structs, as a plugin built long ago would
// be, or with longer structs and minor 9, as one built for a later minor.
import Foundation
import HarkHost
import HarkStore
import HarkTestSupport
import Testing

@Suite("Plugin ABI minors")
struct ABIVersionTests {
  /// "Ruth: What?\nAmina: good days\n": Amina's turn is bytes 19..<28.
  static let payload = DocumentPayload(
    id: "D1", title: "Interview", text: Array("Ruth: What?\nAmina: good days\n".utf8),
    turns: [
      PayloadTurn(start: 6, end: 11, speaker: 0, role: 2), PayloadTurn(start: 19, end: 28, speaker: 1, role: 1),
    ],
    speakers: [
      PayloadSpeaker(name: "Ruth", role: 2, group: "research team"),
      PayloadSpeaker(name: "Amina", role: 1, group: "people using services"),
    ])

  /// Analyses the payload in this process and describes every result read.
  static func results(_ path: String) throws -> [String] {
    let instance = try PluginInstance(library: try PluginLibrary.load(path), optionsJSON: "{}")
    let raw = try instance.analyze(payload)
    func s(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
    return raw.codes.map { "code \(s($0.code)) \($0.start)..<\($0.end) \($0.confidence) \(s($0.explanation))" }
      + raw.concepts.map { "concept \(s($0.label)) \($0.start)..<\($0.end) \($0.confidence) \(s($0.explanation))" }
      + raw.links.map {
        "link \(s($0.cause)) -> \(s($0.effect)) \($0.polarity) \($0.strength) \($0.confidence) \($0.start)..<\($0.end)"
          + " cause \($0.causeSpan.start)..<\($0.causeSpan.end) effect \($0.effectSpan.start)..<\($0.effectSpan.end)"
          + " \(s($0.explanation))"
      }
      + raw.scores.map { "score \(s($0.name)) \($0.start)..<\($0.end) \($0.value) \(s($0.explanation))" }
      + raw.refused
  }

  static let expected = [
    "code old code 19..<23 0.25 a code",
    "concept old concept 19..<23 0.5 a concept",
    "link cause -> effect -1 0.75 0.125 19..<23 cause 19..<20 effect 21..<23 a link",
    "score valence 19..<23 -0.5 a score",
  ]

  @Test("the host's smallest accepted structs are ABI 1.0's frozen sizes, not its own structs")
  func frozenMinimums() {
    #expect(PluginLibrary.minimumSizes == [112, 48, 48, 88, 48])
  }

  @Test("a plugin built with ABI 1.0's struct sizes has every result read in full")
  func oldPlugin() throws {
    let path = try CPlugin.build("OLD_1_0", source: "abi-versions.c", in: try makeTemporaryFolder("hark-tests"))
    let descriptor = try PluginLibrary.load(path).descriptor
    #expect(descriptor.abi == "1.0")
    #expect(descriptor.provides == ["codes", "concepts", "links", "scores"])
    #expect(descriptor.needs == ["turns"])
    #expect(try Self.results(path) == Self.expected)
  }

  @Test("a plugin built for a later minor, with longer structs, is read as far as this host knows")
  func newerPlugin() throws {
    let path = try CPlugin.build("NEWER", source: "abi-versions.c", in: try makeTemporaryFolder("hark-tests"))
    let descriptor = try PluginLibrary.load(path).descriptor
    #expect(descriptor.abi == "1.9")
    #expect(descriptor.name == "ABI versions (test)")
    #expect(try Self.results(path) == Self.expected)
  }

  @Test("a 1.0 plugin's results are stored by a coding run in worker processes")
  func oldPluginInWorkers() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let path = try CPlugin.build("OLD_1_0", source: "abi-versions.c", in: folder)
    let store = try InterviewProject.imported(in: folder, aminaSays: ["good days"])
    let summary = try CodingRun.runOne(store, path: path, options: "{}")
    #expect(summary.failures.map(\.reason) == [])
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding") == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM evidence") == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM score") == 1)
    #expect(try TestProject.count(store, "SELECT count(*) FROM concept_mention") == 1)
  }
}

@Suite("Descriptor values")
struct DescriptorValueTests {
  static func loadError(_ defines: [String]) throws -> String {
    let path = try CPlugin.build("GARBAGE", defines, in: try makeTemporaryFolder("hark-tests"))
    guard let error = catching({ _ = try PluginLibrary.load(path) }) else { return "loaded" }
    return "\(error)".replacingOccurrences(of: path, with: "PATH")
  }

  @Test("a `needs` value Hark does not know is refused, naming the plugin, the value and the valid ones")
  func unknownNeeds() throws {
    #expect(
      try Self.loadError([#"NEEDS="turns,turn""#])
        == #"PATH: plugin org.hark.test.garbage says it needs "turn", which Hark does not know. `needs` is a comma-separated list of "turns", "codebook", "concepts", "corpus" (the header's HARK_NEEDS_* constants)"#
    )
  }

  @Test("a misspelt `corpus` in needs is refused, not read as a per-document plugin")
  func misspeltCorpus() throws {
    #expect(
      try Self.loadError([#"NEEDS="corpsu""#])
        == #"PATH: plugin org.hark.test.garbage says it needs "corpsu", which Hark does not know. `needs` is a comma-separated list of "turns", "codebook", "concepts", "corpus" (the header's HARK_NEEDS_* constants)"#
    )
  }

  @Test("a `provides` value Hark does not know is refused, listing the valid ones")
  func unknownProvides() throws {
    #expect(
      try Self.loadError([#"PROVIDES="codes, themes""#])
        == #"PATH: plugin org.hark.test.garbage says it provides "themes", which Hark does not know. `provides` is a comma-separated list of "codes", "concepts", "links", "scores" (the header's HARK_PROVIDES_* constants)"#
    )
  }

  @Test("known values with spaces after the commas load")
  func knownValues() throws {
    #expect(try Self.loadError([#"NEEDS="turns, corpus""#, #"PROVIDES="codes, scores""#]) == "loaded")
  }

  @Test("a descriptor string with no NUL is reported as missing its terminator")
  func unterminatedName() throws {
    #expect(
      try Self.loadError(["UNTERMINATED_NAME"])
        == #"PATH: descriptor field `name` has no NUL terminator within 1048576 bytes. End every string with a NUL byte (in Rust write c"…", not "…".as_ptr())"#
    )
  }

  @Test("a descriptor string that is not UTF-8 says where, and what a missing NUL would look like")
  func badUTF8Name() throws {
    #expect(
      try Self.loadError(["BAD_UTF8_NAME"])
        == #"PATH: descriptor field `name` is not valid UTF-8 at byte 8 (after "Garbage "). Use UTF-8 text; if the text should have ended before that byte, it lacks its NUL terminator (in Rust write c"…", not "…".as_ptr())"#
    )
  }
}
