// The worker side: `hark worker --plugin PATH` enters its sandbox, then
// loads one plugin and serves open / document / finish requests on stdin,
// answering on stdout. If the plugin crashes, only this process dies.
import Foundation
import HarkSystem

#if canImport(Glibc)
  import Glibc
#endif

public enum WorkerMain {
  public static func run(pluginPath: String, sandbox: WorkerSandbox) -> Int32 {
    guard let output = prepare() else { return 0 }
    let input: Int32 = 0
    // Before the library is opened: its constructors run as it loads.
    if let refusal = sandbox.enter() {
      // Say why to the first request, then stop: nothing was loaded.
      if readFrame(input) != nil { writeFrame(output, .refused, Array(refusal.utf8)) }
      return 2
    }
    var instance: PluginInstance?
    while true {
      guard let (kind, payload) = readFrame(input) else {
        instance?.close()
        return 0
      }
      switch kind {
      case .open:
        do {
          let library = try PluginLibrary.load(pluginPath)
          instance = try PluginInstance(library: library, optionsJSON: String(decoding: payload, as: UTF8.self))
          writeFrame(output, .ready, Array(library.descriptor.id.utf8))
        } catch {
          writeFrame(output, .failed, Array(String(describing: error).utf8))
        }
      case .document:
        guard let instance else {
          writeFrame(output, .failed, Array("no plugin instance is open".utf8))
          continue
        }
        do {
          let document = try DocumentPayload(decoding: payload)
          writeFrame(output, .results, try instance.analyze(document).encoded())
        } catch {
          writeFrame(output, .failed, Array(String(describing: error).utf8))
        }
      case .finish:
        guard let instance else {
          writeFrame(output, .failed, Array("no plugin instance is open".utf8))
          continue
        }
        do {
          writeFrame(output, .results, try instance.finish().encoded())
        } catch {
          writeFrame(output, .failed, Array(String(describing: error).utf8))
        }
      default:
        writeFrame(output, .failed, Array("unexpected message \(kind)".utf8))
      }
    }
  }

  /// `hark worker --describe`: the descriptor (or why there is none) as one
  /// `ready` frame of JSON, read inside the same sandbox as a coding run.
  public static func describe(pluginPath: String, sandbox: WorkerSandbox) -> Int32 {
    guard let output = prepare() else { return 0 }
    if let refusal = sandbox.enter() {
      writeFrame(output, .refused, Array(refusal.utf8))
      return 2
    }
    let (answer, status) = PluginDescriber.answer(pluginPath)
    writeFrame(output, .ready, answer)
    return status
  }

  /// Dies with the host, and moves the protocol off stdout. Nil when the
  /// host is already gone.
  private static func prepare() -> Int32? {
    // If the host dies (killed, say), so does this worker, even mid-hang.
    _ = hark_die_with_parent()
    if getppid() == 1 { return nil }
    // The protocol gets its own descriptor; anything the plugin prints to
    // stdout goes to stderr instead of corrupting frames.
    // Close-on-exec, so processes a plugin starts do not hold the protocol pipe.
    let output = fcntl(1, F_DUPFD_CLOEXEC, 3)
    dup2(2, 1)
    return output
  }

  private static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, count - done) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return nil }
      done += n
    }
    return buffer
  }

  private static func readFrame(_ fd: Int32) -> (FrameKind, [UInt8])? {
    guard let header = readExactly(fd, 4) else { return nil }
    let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
    guard length >= 1, let body = readExactly(fd, length), let kind = FrameKind(rawValue: body[0]) else { return nil }
    return (kind, Array(body[1...]))
  }

  private static func writeFrame(_ fd: Int32, _ kind: FrameKind, _ payload: [UInt8]) {
    let frame = WireWriter.frame(kind, payload)
    var done = 0
    while done < frame.count {
      let n = frame.withUnsafeBytes { write(fd, $0.baseAddress! + done, frame.count - done) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { exit(3) }
      done += n
    }
  }
}
