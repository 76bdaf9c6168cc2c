import ArgumentParser
import Foundation
import HarkCore
import HarkHost

struct RunPlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run one plugin on text from stdin and print what it emits as JSON lines.",
    discussion: """
      Input is either plain text (one document) or JSON lines {"id": "...", "text": "..."} (one document each).
      Offsets in the output are code points, half-open; "quote" is the text they cover, and a link's
      "cause_start"/"cause_end" and "effect_start"/"effect_end" (when the plugin gives them) cover
      "cause_quote" and "effect_quote". Lines the plugin logs appear as {"kind": "log"}.
      The plugin is named by its id (or the last part of it) or by the path of its library. Plugins that
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
    let documents = try Self.documents(FileHandle.standardInput.readDataToEndOfFile())
    var out = JSONLineWriter()
    defer { out.flush() }
    var trial = PluginTrial(descriptor: descriptor, options: options, inProcess: local)
    defer { trial.stop() }
    var texts: [String: [Unicode.Scalar]] = [:]
    var failures = 0
    for (id, text) in documents {
      let normalised = Self.normalise(text)
      let scalars = Array(normalised.unicodeScalars)
      if !perDocument { texts[id] = scalars }
      let result = trial.analyze(.adHoc(id: id, text: normalised))
      for line in trial.log { Self.log(line, document: id, into: &out) }
      switch result {
      case .success(let findings): Self.write(findings, document: id, scalars: scalars, into: &out)
      case .failure(let failure):
        failures += 1
        Self.failure(failure.reason, document: id, into: &out)
      }
      if descriptor.needsCorpus && perDocument {
        failures += Self.finish(trial, texts: [id: scalars], into: &out)
        trial.stop()
        trial = PluginTrial(descriptor: descriptor, options: options, inProcess: local)
      }
    }
    if descriptor.needsCorpus && !perDocument { failures += Self.finish(trial, texts: texts, into: &out) }
    if failures > 0 {
      out.flush()
      throw ExitCode(2)
    }
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
  static func documents(_ data: Data) throws -> [(String, String)] {
    let input = String(decoding: data, as: UTF8.self)
    let lines = input.split(separator: "\n", omittingEmptySubsequences: true)
    let jsonLines = !lines.isEmpty && lines.allSatisfy { $0.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("{") }
    guard jsonLines else { return [("stdin", input)] }
    return try lines.enumerated().map { n, line in
      guard let document = JSONLineReader.document(line) else {
        throw HarkError(
          "is not a JSON object with a \"text\" string", subject: "stdin", line: n + 1,
          hint: "Write one {\"id\": \"…\", \"text\": \"…\"} per line, or plain text for one document")
      }
      return (document.id ?? "\(n + 1)", document.text)
    }
  }

  /// As a project stores text: NFC, LF line ends. Plain ASCII without CR is already both.
  static func normalise(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return text }
    return text.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
  }

  /// The corpus pass: what the plugin says about every document it saw.
  static func finish(_ trial: PluginTrial, texts: [String: [Unicode.Scalar]], into out: inout JSONLineWriter) -> Int {
    let result = trial.finish()
    for line in trial.log { log(line, document: nil, into: &out) }
    switch result {
    case .success(let all):
      for (id, findings) in all.sorted(by: { $0.key < $1.key }) {
        write(findings, document: id, scalars: texts[id] ?? [], into: &out)
      }
      return 0
    case .failure(let failure):
      Self.failure(failure.reason, document: nil, into: &out)
      return 1
    }
  }

  static func log(_ message: String, document: String?, into out: inout JSONLineWriter) {
    out.begin()
    if let document { out.field("document", document) } else { out.null("document") }
    out.field("kind", "log")
    out.field("message", message)
    out.end()
  }

  static func failure(_ reason: String, document: String?, into out: inout JSONLineWriter) {
    out.begin()
    if let document { out.field("document", document) } else { out.null("document") }
    out.field("kind", "failure")
    out.field("reason", reason)
    out.end()
  }

  static func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
    guard 0 <= start, start <= end, end <= scalars.count else { return "" }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
  }

  static func write(_ f: Findings, document: String, scalars: [Unicode.Scalar], into out: inout JSONLineWriter) {
    /// The fields every line starts with, then the span and its words.
    func begin(_ kind: String, _ name: StaticString, _ value: String) {
      out.begin()
      out.field("document", document)
      out.field("kind", kind)
      out.field(name, value)
    }
    enum Part { case whole, cause, effect }
    func span(_ start: Int, _ end: Int, _ part: Part = .whole) {
      switch part {
      case .cause:
        out.field("cause_start", start)
        out.field("cause_end", end)
        out.field("cause_quote", slice(scalars, start, end))
      case .effect:
        out.field("effect_start", start)
        out.field("effect_end", end)
        out.field("effect_quote", slice(scalars, start, end))
      case .whole:
        out.field("start", start)
        out.field("end", end)
        out.field("quote", slice(scalars, start, end))
      }
    }
    for c in f.codes {
      begin("code", "code", c.code)
      span(c.start, c.end)
      out.field("confidence", c.confidence)
      out.field("explanation", c.explanation)
      out.end()
    }
    for c in f.concepts {
      begin("concept", "label", c.label)
      span(c.start, c.end)
      out.field("confidence", c.confidence)
      out.field("explanation", c.explanation)
      out.end()
    }
    for l in f.links {
      begin("link", "cause", l.cause)
      out.field("effect", l.effect)
      out.field("polarity", l.polarity)
      out.field("strength", l.strength)
      out.field("confidence", l.confidence)
      span(l.start, l.end)
      if let cause = l.causeRange { span(cause.lowerBound, cause.upperBound, .cause) }
      if let effect = l.effectRange { span(effect.lowerBound, effect.upperBound, .effect) }
      out.field("explanation", l.explanation)
      out.end()
    }
    for s in f.scores {
      begin("score", "name", s.name)
      out.field("value", s.value)
      span(s.start, s.end)
      out.field("explanation", s.explanation)
      out.end()
    }
  }
}
