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
      Offsets in the output are code points, half-open; "quote" is the text they cover. Lines the
      plugin logs appear as {"kind": "log"}.
      """)

  @Argument(help: "Plugin id (or the last part of it, e.g. sentiment).") var id: String
  @Option(help: "Options as a JSON object.") var options = "{}"
  @Flag(help: "Load a trusted plugin into this process instead of a sandboxed worker (no sandbox).")
  var inProcess = false

  func run() throws {
    let plugin = try findPlugin(id)
    let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    var documents: [(String, String)] = []
    let lines = input.split(separator: "\n", omittingEmptySubsequences: true)
    let jsonLines = !lines.isEmpty && lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("{") }
    if jsonLines {
      for (n, line) in lines.enumerated() {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let text = object["text"] as? String
        else {
          throw HarkError("is not a JSON object with a \"text\" string", subject: "stdin", line: n + 1)
        }
        let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue ?? "\(n + 1)"
        documents.append((id, text))
      }
    } else {
      documents.append(("stdin", input))
    }
    let trial = PluginTrial(descriptor: plugin, options: options, inProcess: inProcess)
    defer { trial.stop() }
    var texts: [String: String] = [:]
    var failures = 0
    for (id, text) in documents {
      let normalised = text.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
      texts[id] = normalised
      let result = trial.analyze(.adHoc(id: id, text: normalised))
      for line in trial.log { printLine(["document": id, "kind": "log", "message": line]) }
      switch result {
      case .success(let findings): printFindings(findings, document: id, text: normalised)
      case .failure(let failure):
        failures += 1
        printLine(["document": id, "kind": "failure", "reason": failure.reason])
      }
    }
    if plugin.needsCorpus {
      let result = trial.finish()
      for line in trial.log { printLine(["document": NSNull(), "kind": "log", "message": line]) }
      switch result {
      case .success(let all):
        for (id, findings) in all.sorted(by: { $0.key < $1.key }) {
          printFindings(findings, document: id, text: texts[id] ?? "")
        }
      case .failure(let failure):
        failures += 1
        printLine(["document": NSNull(), "kind": "failure", "reason": failure.reason])
      }
    }
    if failures > 0 { throw ExitCode(2) }
  }
}

func printLine(_ object: [String: Any]) {
  if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
    print(String(decoding: data, as: UTF8.self))
  }
}

func quote(_ text: String, _ start: Int, _ end: Int) -> String {
  let scalars = text.unicodeScalars
  guard let s = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex),
    let e = scalars.index(scalars.startIndex, offsetBy: end, limitedBy: scalars.endIndex)
  else { return "" }
  return String(scalars[s..<e])
}

func printFindings(_ f: Findings, document: String, text: String) {
  for c in f.codes {
    printLine([
      "document": document, "kind": "code", "code": c.code, "start": c.start, "end": c.end,
      "quote": quote(text, c.start, c.end),
      "confidence": c.confidence, "explanation": c.explanation,
    ])
  }
  for c in f.concepts {
    printLine([
      "document": document, "kind": "concept", "label": c.label, "start": c.start, "end": c.end,
      "quote": quote(text, c.start, c.end), "confidence": c.confidence, "explanation": c.explanation,
    ])
  }
  for l in f.links {
    printLine([
      "document": document, "kind": "link", "cause": l.cause, "effect": l.effect, "polarity": l.polarity,
      "strength": l.strength, "confidence": l.confidence, "start": l.start, "end": l.end,
      "quote": quote(text, l.start, l.end),
      "explanation": l.explanation,
    ])
  }
  for s in f.scores {
    printLine([
      "document": document, "kind": "score", "name": s.name, "value": s.value, "start": s.start, "end": s.end,
      "quote": quote(text, s.start, s.end), "explanation": s.explanation,
    ])
  }
}
