// `hark plugins check PATH`: a conformance check a plugin author runs on
// their own library, like swift-log's backend test suite.
import ArgumentParser
import Foundation
import HarkHost
import HarkStore

struct CheckPlugin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Load a plugin, feed it awkward documents in a worker, and validate everything it emits.")

  @Argument(help: "Path to the plugin's shared library (.so).") var path: String
  @Option(help: "Options as a JSON object.") var options = "{}"
  @Option(help: "Seconds loading (at most 20) and each document may take.") var timeout = 60.0

  func run() throws {
    var failures = 0
    func report(_ ok: Bool, _ name: String, _ detail: String) {
      if !ok { failures += 1 }
      print("\(ok ? "PASS" : "FAIL")  \(Terminal.pad(name, 28)) \(detail)")
    }
    let descriptor: PluginDescriptor
    do {
      descriptor = try PluginDescriber.describe(path, timeout: min(timeout, 20))
      report(true, "load and descriptor", "\(descriptor.id) \(descriptor.version), ABI \(descriptor.abi)")
    } catch {
      report(false, "load and descriptor", "\(error)")
      throw ExitCode(1)
    }
    let known: Set<String> = ["codes", "concepts", "links", "scores"]
    let unknownProvides = descriptor.provides.filter { !known.contains($0) }
    report(
      !descriptor.provides.isEmpty && unknownProvides.isEmpty, "provides",
      descriptor.provides.isEmpty
        ? "says it provides nothing"
        : unknownProvides.isEmpty
          ? descriptor.provides.joined(separator: ", ") : "unknown: \(unknownProvides.joined(separator: ", "))")
    let schemaOK =
      descriptor.optionsSchema.isEmpty
      || (try? JSONSerialization.jsonObject(with: Data(descriptor.optionsSchema.utf8))) is [String: Any]
    report(schemaOK, "options schema", schemaOK ? "valid JSON" : "is not a JSON object")

    let trial = PluginTrial(descriptor: descriptor, options: options, timeout: timeout)
    defer { trial.stop() }
    for awkward in AwkwardDocuments.all {
      let started = Date()
      switch trial.analyze(awkward.payload) {
      case .success(let findings):
        let count = findings.codes.count + findings.concepts.count + findings.links.count + findings.scores.count
        let seconds = Date().timeIntervalSince(started)
        if awkward.interviewerOnly && count > 0 {
          report(
            false, awkward.name,
            "emitted \(count) results on interviewer turns; interviewer turns are context, not data")
        } else {
          report(true, awkward.name, "\(count) results, all valid (\(Terminal.number(seconds, 3)) s)")
        }
      case .failure(let failure):
        report(false, awkward.name, failure.reason)
      }
    }
    switch trial.finish() {
    case .success(let all):
      report(
        true, "finish (corpus pass)",
        "\(all.values.reduce(0) { $0 + $1.codes.count + $1.concepts.count + $1.links.count + $1.scores.count }) results, all valid"
      )
    case .failure(let failure):
      report(false, "finish (corpus pass)", failure.reason)
    }
    print(failures == 0 ? "\(descriptor.id) passes every check." : "\(failures) check(s) failed.")
    if failures > 0 { throw ExitCode(1) }
  }
}

/// Documents that catch common plugin mistakes.
enum AwkwardDocuments {
  struct Case {
    var name: String
    var payload: DocumentPayload
    var interviewerOnly = false
  }

  static var all: [Case] {
    [
      Case(name: "empty document", payload: .adHoc(id: "empty", text: "")),
      Case(name: "one word", payload: .adHoc(id: "one-word", text: "Hope")),
      Case(
        name: "accents and emoji",
        payload: .adHoc(
          id: "accents-emoji",
          text:
            "Café Zoë was where I felt welcome 💛. The naïve bit of me thought 🇬🇧 services would listen — they didn't.")),
      Case(name: "1 MB of talk", payload: .adHoc(id: "one-megabyte", text: megabyte)),
      Case(
        name: "CRLF line ends",
        payload: .adHoc(
          id: "crlf", text: "The drop-in helped me feel less alone.\r\nBecause of the waiting list I gave up.\r\n")),
      Case(name: "only interviewer turns", payload: interviewerOnly, interviewerOnly: true),
    ]
  }

  static var megabyte: String {
    let sentences = [
      "The peer support group really helped me feel less alone.", "Because of the waiting list, I nearly gave up.",
      "Without my key worker I would have ended up back on the streets.", "Nobody listened to me at the GP.",
      "Honestly, the drop-in on a Tuesday is what keeps me going, you know?",
      "It made things worse when they moved me again — I lost everything. 😔",
    ]
    var text = ""
    var i = 0
    while text.utf8.count < 1_000_000 {
      text += sentences[i % sentences.count] + (i % 7 == 6 ? "\n\n" : " ")
      i += 1
    }
    return text
  }

  static var interviewerOnly: DocumentPayload {
    let text = "Interviewer: What helped you most?\nInterviewer: And what made things worse, because of the system?"
    let bytes = Array(text.utf8)
    let split = UInt32(Array("Interviewer: What helped you most?\n".utf8).count)
    return DocumentPayload(
      id: "interviewer-only", title: "interviewer only", text: bytes,
      turns: [
        PayloadTurn(start: 13, end: split - 1, speaker: 0, role: 2),
        PayloadTurn(start: split + 13, end: UInt32(bytes.count), speaker: 0, role: 2),
      ],
      speakers: [PayloadSpeaker(name: "Interviewer", role: 2, group: "")])
  }
}
