// The conformance check a plugin author runs on their own library (`hark
// plugins check`), like swift-log's backend test suite: the plugin is loaded
// in a worker as a coding run loads it, fed awkward documents, and everything
// it emits is validated. The checks live here so any front end can run them.
import Foundation
import HarkStore

public enum ConformanceCheck {
  /// One check's outcome, in the order the checks run.
  public struct Outcome: Sendable, Equatable {
    public var name: String
    public var passed: Bool
    public var detail: String
  }

  /// Runs every check on the library at `path`, reporting each outcome as it
  /// comes; returns the plugin's descriptor, or nil when it did not load
  /// (then nothing more is checked).
  @discardableResult
  public static func run(
    path: String, options: String = "{}", timeout: Double = 60, report: (Outcome) -> Void
  ) -> PluginDescriptor? {
    func check(_ passed: Bool, _ name: String, _ detail: String) {
      report(Outcome(name: name, passed: passed, detail: detail))
    }
    let descriptor: PluginDescriptor
    do {
      descriptor = try PluginDescriber.describe(path, timeout: min(timeout, 20))
      check(true, "load and descriptor", "\(descriptor.id) \(descriptor.version), ABI \(descriptor.abi)")
    } catch {
      check(false, "load and descriptor", "\(error)")
      return nil
    }
    // Loading already refuses a value outside this list; the descriptor
    // comes back from a worker the plugin's own code ran in, so it is
    // checked again here, against the same list.
    let unknownProvides = descriptor.provides.filter { !PluginLibrary.knownProvides.contains($0) }
    check(
      !descriptor.provides.isEmpty && unknownProvides.isEmpty, "provides",
      descriptor.provides.isEmpty
        ? "says it provides nothing"
        : unknownProvides.isEmpty
          ? descriptor.provides.joined(separator: ", ") : "unknown: \(unknownProvides.joined(separator: ", "))")
    let schemaOK =
      descriptor.optionsSchema.isEmpty
      || (try? JSONSerialization.jsonObject(with: Data(descriptor.optionsSchema.utf8))) is [String: Any]
    check(schemaOK, "options schema", schemaOK ? "valid JSON" : "is not a JSON object")

    let trial = PluginTrial(descriptor: descriptor, options: options, timeout: timeout)
    defer { trial.stop() }
    for awkward in AwkwardDocuments.all {
      let started = Date()
      switch trial.analyze(awkward.payload) {
      case .success(let findings):
        let count = findings.count
        let seconds = Date().timeIntervalSince(started)
        if awkward.interviewerOnly && count > 0 {
          check(
            false, awkward.name,
            "emitted \(count) results on interviewer turns; interviewer turns are context, not data")
        } else {
          check(true, awkward.name, "\(count) results, all valid (\(String(format: "%.3f", seconds)) s)")
        }
      case .failure(let failure):
        check(false, awkward.name, failure.reason)
      }
    }
    switch trial.finish() {
    case .success(let all):
      check(true, "finish (corpus pass)", "\(all.values.reduce(0) { $0 + $1.count }) results, all valid")
    case .failure(let failure):
      check(false, "finish (corpus pass)", failure.reason)
    }
    return descriptor
  }
}

/// Documents that catch common plugin mistakes.
public enum AwkwardDocuments {
  public struct Case: Sendable {
    public var name: String
    public var payload: DocumentPayload
    /// Every turn is the interviewer's: a plugin must emit nothing.
    public var interviewerOnly = false
  }

  public static var all: [Case] {
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
