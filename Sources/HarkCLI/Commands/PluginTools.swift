import ArgumentParser
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

struct RunPlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run one plugin on text from stdin and print what it emits as JSON lines.",
    discussion: """
      Input is either plain text (one document) or JSON lines {"id": "...", "text": "..."} (one document each).

      Plain text whose first non-blank line opens with a speaker label ("Ann: ...") is read into turns as \
      `hark import` reads a transcript: labels are left out of the turns the plugin sees ("Interviewer:" \
      turns are interviewer turns), while offsets still count from the start of the text as given. Any \
      other document, and every JSON line (a snippet: "Day 1:" in a tweet names no speaker), is one \
      participant turn. Documents are spread over the cores (one plugin instance each), except a corpus \
      plugin without --per-document; lines come out in input order.

      Offsets in the output are code points, half-open; "quote" is the text they cover, and a link's \
      "cause_start"/"cause_end" and "effect_start"/"effect_end" (when the plugin gives them) cover \
      "cause_quote" and "effect_quote". Lines the plugin logs appear as {"kind": "log"}.

      The plugin is named by its id (or the last part of it) or by the path of its library. Plugins that \
      ship with Hark run in this process; others run in a sandboxed worker unless --in-process.
      """)

  @Argument(help: "Plugin id (or the last part of it, e.g. sentiment), or the path of a plugin library (.so).")
  var plugin: String
  @Option(help: "Options as a JSON object.") var options = "{}"
  @Flag(help: "Load the plugin into this process, with no sandbox, even when not shipped with Hark (trusted only).")
  var inProcess = false
  @Flag(help: "Run the plugin in a sandboxed worker even when it ships with Hark.") var worker = false
  @Flag(help: "A corpus plugin sees each document alone: a fresh instance per document, finished after it.")
  var perDocument = false

  func run() throws {
    if inProcess && worker { throw ValidationError("Choose --in-process or --worker, not both") }
    let descriptor = try Self.descriptor(plugin)
    // The plugins built with Hark (libHarkPlugin*.so beside the hark binary) are Hark's own code.
    let library = URL(fileURLWithPath: descriptor.path)
    let shipped =
      library.lastPathComponent.hasPrefix("libHarkPlugin")
      && library.deletingLastPathComponent().resolvingSymlinksInPath().path
        == URL(fileURLWithPath: PluginDiscovery.builtInFolder).resolvingSymlinksInPath().path
    let local = inProcess || (shipped && !worker)
    let documents = try Self.documents(Self.readStandardInput())
    var out = JSONLineWriter()
    defer { out.flush() }
    let options = self.options
    // Only a corpus plugin is asked to finish, so only its trial keeps the texts.
    let corpus = descriptor.needsCorpus
    let makeTrial = { @Sendable in
      PluginTrial(descriptor: descriptor, options: options, inProcess: local, remembersTexts: corpus)
    }
    var failures = 0
    if descriptor.needsCorpus && !perDocument {
      // One instance sees every document, then says what it found across them.
      let trial = makeTrial()
      defer { trial.stop() }
      var texts: [String: [UInt8]] = [:]
      for document in documents {
        texts[document.id] = document.text
        failures += Self.analyse(document, with: trial, into: &out)
      }
      failures += Self.finish(trial, texts: texts, into: &out)
    } else {
      // Each document on its own: split over the cores, one plugin instance
      // per thread, the output in input order.
      let fresh = descriptor.needsCorpus
      failures = ParallelDocuments.run(
        documents, threads: ProcessInfo.processInfo.activeProcessorCount, into: &out
      ) { () -> (InputDocument, inout JSONLineWriter) -> Int in
        let trial = fresh ? nil : makeTrial()
        return { document, out in
          if fresh {
            // A corpus plugin seeing each document alone: a fresh instance, finished after it.
            let alone = makeTrial()
            defer { alone.stop() }
            return Self.analyse(document, with: alone, into: &out)
              + Self.finish(alone, texts: [document.id: document.text], into: &out)
          }
          return Self.analyse(document, with: trial!, into: &out)
        }
      }
    }
    if failures > 0 {
      out.flush()
      throw ExitCode(2)
    }
  }

  /// One document through the plugin; 1 when it failed.
  static func analyse(_ document: InputDocument, with trial: PluginTrial, into out: inout JSONLineWriter) -> Int {
    let result = trial.analyze(document.payload())
    for line in trial.log { Self.log(line, document: document.id, into: &out) }
    switch result {
    case .success(let findings):
      findings.writeJSONLines(document: document.id, text: document.text, into: &out)
      return 0
    case .failure(let failure):
      Self.failure(failure.reason, document: document.id, into: &out)
      return 1
    }
  }

  /// Standard input whole, as UTF-8 (bytes that are not become U+FFFD).
  static func readStandardInput() -> [UInt8] {
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = block.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      bytes.append(contentsOf: block[..<count])
    }
    if String(validating: bytes, as: UTF8.self) == nil {
      bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
    return bytes
  }

  /// A plugin by id, or the library at a path (described in a separate process first).
  static func descriptor(_ name: String) throws -> PluginDescriptor {
    if name.hasSuffix(".so") || name.contains("/") {
      guard FileManager.default.fileExists(atPath: name) else {
        throw HarkError("no such plugin library", subject: name, hint: "Give the path of a .so file, or a plugin id")
      }
      return try PluginDescriber.describe(name)
    }
    return try findPlugin(name)
  }

  /// The documents on stdin: JSON lines when every line is an object, else the whole text as one.
  static func documents(_ input: [UInt8]) throws -> [InputDocument] {
    try input.withUnsafeBufferPointer { bytes in
      var lines: [Range<Int>] = []
      var start = 0
      for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
        if start < i { lines.append(start..<i) }
        start = i + 1
      }
      let jsonLines =
        !lines.isEmpty
        && lines.allSatisfy { line in
          bytes[line].first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } == UInt8(ascii: "{")
        }
      guard jsonLines else { return [InputDocument(id: "stdin", text: normalise(input), transcript: true)] }
      return try lines.enumerated().map { n, line in
        guard let document = JSONLineReader.document(UnsafeBufferPointer(rebasing: bytes[line])) else {
          throw HarkError(
            "is not a JSON object with a \"text\" string", subject: "stdin", line: n + 1,
            hint: "Write one {\"id\": \"…\", \"text\": \"…\"} per line, or plain text for one document")
        }
        return InputDocument(id: document.id ?? "\(n + 1)", text: normalise(document.text))
      }
    }
  }

  /// As a project stores text: NFC, LF line ends. Plain ASCII without CR is already both.
  static func normalise(_ text: [UInt8]) -> [UInt8] {
    if text.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return text }
    return Array(
      String(decoding: text, as: UTF8.self).precomposedStringWithCanonicalMapping
        .replacingOccurrences(of: "\r\n", with: "\n").utf8)
  }

  /// The corpus pass: what the plugin says about every document it saw.
  static func finish(_ trial: PluginTrial, texts: [String: [UInt8]], into out: inout JSONLineWriter) -> Int {
    let result = trial.finish()
    for line in trial.log { log(line, document: nil, into: &out) }
    switch result {
    case .success(let all):
      for (id, findings) in all.sorted(by: { $0.key < $1.key }) {
        findings.writeJSONLines(document: id, text: texts[id] ?? [], into: &out)
      }
      return 0
    case .failure(let failure):
      Self.failure(failure.reason, document: nil, into: &out)
      return 1
    }
  }

  static func log(_ message: String, document: String?, into out: inout JSONLineWriter) {
    out.begin()
    if let document { out.field(ResultField.document, document) } else { out.null(ResultField.document) }
    out.field(ResultField.kind, "log")
    out.field("message", message)
    out.end()
  }

  static func failure(_ reason: String, document: String?, into out: inout JSONLineWriter) {
    out.begin()
    if let document { out.field(ResultField.document, document) } else { out.null(ResultField.document) }
    out.field(ResultField.kind, "failure")
    out.field("reason", reason)
    out.end()
  }
}
