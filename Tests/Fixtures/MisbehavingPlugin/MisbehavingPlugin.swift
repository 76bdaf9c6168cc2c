// A plugin that misbehaves on purpose, for the host's isolation tests.
// Option "mode" picks how; option "on" limits it to documents whose text
// contains that word, so one document fails and the others succeed.
import HarkPluginABI
import HarkPluginKit

#if canImport(Glibc)
  import Glibc
#endif

public final class MisbehavingPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.test.misbehaving", name: "Misbehaving (test)", version: "1.0.0", vendor: "Hark tests",
    description: "Crashes, hangs or fails on purpose.", provides: ["codes"], needs: ["turns"])

  let mode: String
  let trigger: String?
  let delay: Double

  public init(options: PluginOptions) throws {
    mode = try options.string("mode") ?? "ok"
    trigger = try options.string("on")
    delay = try options.double("delaySeconds") ?? 0
    if mode == "refuse-to-open" { throw PluginError("this plugin refuses to open") }
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
    let triggered = trigger.map { document.text.contains($0) } ?? true
    if triggered {
      switch mode {
      case "fatal": fatalError("the misbehaving plugin gave up on \(document.id)")
      case "segv": UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
      case "abort": abort()
      case "hang": while true { sleep(1) }
      case "error": throw PluginError("cannot make sense of \(document.id)")
      case "exit": exit(7)
      case "stdout":
        // Printing to stdout must not corrupt the worker protocol.
        for _ in 0..<100 { print("noise from a chatty plugin") }
      default: break
      }
    }
    sink.log("analysing \(document.id) (\(document.bytes.count) bytes)")
    // A good result: the first participant turn coded "test".
    if let turn = document.participantTurns.first, !turn.span.isEmpty {
      sink.emit(CodeResult(code: "test", span: turn.span, confidence: 1, explanation: "first participant turn"))
    }
  }
}
