// Trying a plugin on documents that are not in a project: for
// `hark plugins run` and the conformance check. Same checks as a coding run.
import HarkStore

public final class PluginTrial {
  private let analyzer: any Analyzer
  private var analysed: [String: [UInt8]] = [:]
  /// Whether `analysed` keeps each document's text for `finish`; a caller
  /// that never calls `finish` spares the copy of every text.
  private let remembersTexts: Bool
  /// Lines the plugin logged through its sink during the last call.
  public private(set) var log: [String] = []

  /// `remembersTexts`: false when `finish` will not be called (its results
  /// could then name no analysed document).
  public init(
    descriptor: PluginDescriptor, options: String = "{}", inProcess: Bool = false, timeout: Double = 60,
    sandbox: WorkerSandbox = WorkerSandbox(), remembersTexts: Bool = true
  ) {
    self.remembersTexts = remembersTexts
    let plugin = PlannedPlugin(descriptor: descriptor, options: options)
    analyzer =
      inProcess
      ? InProcessAnalyzer(plugin: plugin)
      : WorkerAnalyzer(plugin: plugin, timeout: timeout, sandbox: sandbox, project: nil)
  }

  deinit { analyzer.stop() }

  /// The checked findings for one document, or why there are none.
  public func analyze(_ payload: DocumentPayload) -> Result<Findings, TrialFailure> {
    log = []
    do {
      let raw = try analyzer.analyze(payload)
      log = raw.log
      let found = try ResultValidator.validate(raw, current: payload.id) { $0 == payload.id ? payload.text : nil }
      if remembersTexts { analysed[payload.id] = payload.text }
      return .success(found[payload.id] ?? Findings())
    } catch let failure as AnalysisFailure {
      return .failure(TrialFailure(reason: failure.reason))
    } catch {
      return .failure(TrialFailure(reason: "garbage result: \(error)"))
    }
  }

  /// The corpus-level pass over the documents analysed so far.
  public func finish() -> Result<[String: Findings], TrialFailure> {
    log = []
    do {
      let raw = try analyzer.finish()
      log = raw.log
      return .success(try ResultValidator.validate(raw, current: nil) { self.analysed[$0] })
    } catch let failure as AnalysisFailure {
      return .failure(TrialFailure(reason: failure.reason))
    } catch {
      return .failure(TrialFailure(reason: "garbage result: \(error)"))
    }
  }

  public func stop() { analyzer.stop() }
}

public struct TrialFailure: Error, CustomStringConvertible, Equatable {
  public var reason: String
  public var description: String { reason }
}

extension DocumentPayload {
  /// A one-speaker document for trying plugins: the whole text is one participant turn.
  public static func adHoc(id: String, text: String, role: Int32 = 1, speaker: String = "participant")
    -> DocumentPayload
  {
    adHoc(id: id, bytes: Array(text.utf8), role: role, speaker: speaker)
  }

  /// The same, from text already in UTF-8.
  public static func adHoc(id: String, bytes: [UInt8], role: Int32 = 1, speaker: String = "participant")
    -> DocumentPayload
  {
    DocumentPayload(
      id: id, title: id, text: bytes,
      turns: [PayloadTurn(start: 0, end: UInt32(bytes.count), speaker: 0, role: role)],
      speakers: [PayloadSpeaker(name: speaker, role: role, group: "")])
  }
}
