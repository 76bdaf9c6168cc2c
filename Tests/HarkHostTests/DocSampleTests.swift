// The C++ plugin in docs/writing-plugins.md, exactly as printed there:
// compiled with clang++ (part of the Swift toolchain), loaded and run.
import Foundation
import HarkHost
import HarkStore
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("The guide's C++ sample")
struct DocSampleTests {
  /// The first ```cpp block of the guide, built into a library.
  static func build() throws -> String {
    let guide = try String(
      contentsOf: TestPaths.repository.appendingPathComponent("docs/writing-plugins.md"), encoding: .utf8)
    let start = try #require(guide.range(of: "```cpp\n"))
    let end = try #require(guide.range(of: "```\n", range: start.upperBound..<guide.endIndex))
    let folder = try makeTemporaryFolder("hark-tests")
    let source = folder.appendingPathComponent("questions.cpp")
    try Data(guide[start.upperBound..<end.lowerBound].utf8).write(to: source)
    let output = folder.appendingPathComponent("libquestions.so").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "clang++", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-fvisibility=hidden",
      "-fvisibility-inlines-hidden", "-I",
      TestPaths.repository.appendingPathComponent("SDK/Sources/HarkPluginABI/include").path,
      source.path, "-o", output,
    ]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw HarkError("clang++ failed on the guide's C++ sample") }
    return output
  }

  @Test("it compiles warning-free, loads, and codes the participant turn that asks questions")
  func codesQuestions() throws {
    let library = try PluginLibrary.load(try Self.build())
    #expect(library.descriptor.id == "org.example.questions")
    #expect(library.descriptor.provides == ["codes"])
    #expect(library.descriptor.needs == ["turns"])
    // "Ruth: Did it help?\nAmina: Why me? Why then? It got better.\nAmina: It was fine.\n"
    let payload = DocumentPayload(
      id: "D1", title: "Interview",
      text: Array("Ruth: Did it help?\nAmina: Why me? Why then? It got better.\nAmina: It was fine.\n".utf8),
      turns: [
        PayloadTurn(start: 6, end: 18, speaker: 0, role: 2), PayloadTurn(start: 26, end: 58, speaker: 1, role: 1),
        PayloadTurn(start: 66, end: 78, speaker: 1, role: 1),
      ],
      speakers: [
        PayloadSpeaker(name: "Ruth", role: 2, group: "research team"),
        PayloadSpeaker(name: "Amina", role: 1, group: "people using services"),
      ])
    let raw = try PluginInstance(library: library, optionsJSON: "{}").analyze(payload)
    #expect(raw.codes.count == 1)
    let code = try #require(raw.codes.first)
    #expect(String(decoding: code.code, as: UTF8.self) == "asks a question")
    #expect(code.start == 26 && code.end == 58 && code.confidence == 0.9)
    #expect(String(decoding: code.explanation, as: UTF8.self) == "The speaker asks 2 questions in this turn.")
    #expect(code.document == [])
  }

  @Test("its schema allows no options, so the host refuses one before the plugin sees it")
  func refusesOptions() throws {
    let library = try PluginLibrary.load(try Self.build())
    #expect(
      "\(catching { _ = try PluginInstance(library: library, optionsJSON: #"{"code": "q"}"#) }!)"
        == #"org.example.questions has no option "code"; it takes no options"#)
  }
}
