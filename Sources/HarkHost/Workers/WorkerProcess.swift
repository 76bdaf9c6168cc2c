// The host side of one worker process: spawn it sandboxed in a process group
// of its own, send a request, wait for the answer with a deadline, and tell a
// crash from a hang from an error. What it sends back is capped.
import Foundation
import HarkStore
import HarkSystem
import HarkTranscripts
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Why a request to a worker did not produce results.
public enum WorkerFailure: Error, CustomStringConvertible, Equatable {
  /// The plugin reported an error (HARK_ERROR) or could not be opened.
  case pluginError(String)
  /// The worker process died: by a signal (crash, abort, fatalError) or an exit.
  case crashed(String)
  /// No answer before the deadline; the worker was killed.
  case timedOut(seconds: Double)
  /// The worker answered with something that is not a valid message.
  case protocolError(String)
  /// The worker could not enter its sandbox, so it did not load the plugin.
  case sandbox(String)

  public var description: String {
    switch self {
    case .pluginError(let message): "plugin error: \(message)"
    case .crashed(let how): "crashed: \(how)"
    case .timedOut(let seconds): "timed out after \(WorkerProcess.format(seconds)) s; the worker was stopped"
    case .protocolError(let message): "garbage from the worker: \(message)"
    case .sandbox(let message): message
    }
  }
}

public final class WorkerProcess {
  public let pluginPath: String
  public let sandbox: WorkerSandbox
  private var pid: pid_t = 0
  /// Polls readable once the worker has ended, even while a child it left
  /// behind keeps the pipes open (-1 where pidfd_open is missing).
  private var ending: Int32 = -1
  private var toWorker: Int32 = -1
  private var fromWorker: Int32 = -1
  private var errorsFromWorker: Int32 = -1
  private var pending: [UInt8] = []
  /// The first and last few KB the worker wrote to stderr: a fatalError
  /// message comes first, then a stack trace that can be long.
  private var stderrHead: [UInt8] = []
  private var stderrTail: [UInt8] = []
  public private(set) var isAlive = false
  /// How the worker ended, once it has: the signal that killed it (0 if
  /// none) and its exit status.
  public private(set) var ended: (signal: Int32, status: Int32)?

  /// The executable that serves `hark worker`: $HARK_WORKER_EXECUTABLE, this
  /// process when it is hark, else `hark` beside this executable (tests).
  public static var executable: String {
    if let path = ProcessInfo.processInfo.environment["HARK_WORKER_EXECUTABLE"], !path.isEmpty { return path }
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    if me.lastPathComponent == "hark" { return me.path }
    return me.deletingLastPathComponent().appendingPathComponent("hark").path
  }

  /// Starts `hark worker` for one plugin; with `describe`, it only reads the
  /// plugin's descriptor and answers once (see `description(timeout:)`).
  public init(pluginPath: String, sandbox: WorkerSandbox, describe: Bool = false) throws {
    self.pluginPath = pluginPath
    self.sandbox = sandbox
    WorkerProcess.ignoreBrokenPipes()
    try spawn(describe: describe)
  }

  deinit { stop() }

  static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

  private func spawn(describe: Bool) throws {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    var errors: [Int32] = [0, 0]
    // Close-on-exec from the start: workers spawned at the same moment by other
    // threads must not inherit this worker's pipes, or its EOF never comes.
    guard hark_pipe_cloexec(&input) == 0, hark_pipe_cloexec(&output) == 0, hark_pipe_cloexec(&errors) == 0 else {
      throw HarkError("cannot create pipes for a worker (\(String(cString: strerror(errno))))")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
    for fd in input + output + errors { posix_spawn_file_actions_addclose(&actions, fd) }

    // Its own process group, so that stopping it also stops anything it started.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)

    let executable = sandbox.executable
    let arguments =
      [executable, "worker", "--plugin", pluginPath] + (describe ? ["--describe"] : []) + sandbox.arguments
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for arg in argv { free(arg) } }
    var child: pid_t = 0
    // Swift's crash backtracer would spend seconds symbolicating a plugin's
    // crash; the host only needs the signal and the message.
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for entry in envp { free(entry) } }
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    close(input[0])
    close(output[1])
    close(errors[1])
    guard status == 0 else {
      close(input[1])
      close(output[0])
      close(errors[0])
      throw HarkError(
        "cannot start a worker process (\(String(cString: strerror(status))))", subject: executable,
        hint: "Set HARK_WORKER_EXECUTABLE to the hark binary, or run with --in-process")
    }
    pid = child
    ending = hark_pidfd_open(child)
    toWorker = input[1]
    fromWorker = output[0]
    errorsFromWorker = errors[0]
    for fd in [toWorker, fromWorker, errorsFromWorker] {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
    isAlive = true
  }

  /// Opens the plugin in the worker; answers with the plugin id.
  public func open(optionsJSON: String, timeout: Double) throws(WorkerFailure) {
    _ = try request(.open, Array(optionsJSON.utf8), expecting: .ready, timeout: timeout)
  }

  public func analyze(_ document: DocumentPayload, timeout: Double) throws(WorkerFailure) -> RawResults {
    let payload = try request(.document, document.encoded(), expecting: .results, timeout: timeout)
    do { return try RawResults(decoding: payload) } catch {
      stop()
      throw .protocolError("\(error)")
    }
  }

  public func finish(timeout: Double) throws(WorkerFailure) -> RawResults {
    let payload = try request(.finish, [], expecting: .results, timeout: timeout)
    do { return try RawResults(decoding: payload) } catch {
      stop()
      throw .protocolError("\(error)")
    }
  }

  private func request(_ kind: FrameKind, _ payload: [UInt8], expecting answer: FrameKind, timeout: Double)
    throws(WorkerFailure)
    -> [UInt8]
  {
    guard isAlive else { throw .crashed("the worker had already stopped") }
    let deadline = WorkerProcess.monotonic() + timeout
    try send(kind, payload, until: deadline, timeout: timeout)
    return try receive(answer, until: deadline, timeout: timeout)
  }

  /// The one answer of a `describe` worker: the descriptor as JSON.
  public func description(timeout: Double) throws(WorkerFailure) -> [UInt8] {
    guard isAlive else { throw .crashed("the worker had already stopped") }
    return try receive(.ready, until: WorkerProcess.monotonic() + timeout, timeout: timeout)
  }

  private func send(_ kind: FrameKind, _ payload: [UInt8], until deadline: Double, timeout: Double)
    throws(WorkerFailure)
  {
    let frame = WireWriter.frame(kind, payload)
    var written = 0
    while written < frame.count {
      let n = frame.withUnsafeBytes { write(toWorker, $0.baseAddress! + written, frame.count - written) }
      if n > 0 {
        written += n
        continue
      }
      if n < 0 && errno != EAGAIN && errno != EINTR { throw diedOrFailed() }
      switch waitFor(toWorker, Int16(POLLOUT), until: deadline) {
      case .ready: continue
      case .timedOut: throw timedOut(timeout)
      case .workerEnded: throw diedOrFailed()
      }
    }
  }

  private func receive(_ answer: FrameKind, until deadline: Double, timeout: Double) throws(WorkerFailure) -> [UInt8] {
    var workerEnded = false
    while true {
      if let (kind, body) = try takeFrame() {
        switch kind {
        case answer: return body
        case .failed: throw .pluginError(String(decoding: body, as: UTF8.self))
        case .refused:
          stop()
          throw .sandbox(String(decoding: body, as: UTF8.self))
        default:
          stop()
          throw .protocolError("unexpected message kind \(kind)")
        }
      }
      // Once the worker has ended, what is left in the pipe is all there is.
      if !workerEnded {
        switch waitFor(fromWorker, Int16(POLLIN), until: deadline) {
        case .ready: break
        case .timedOut: throw timedOut(timeout)
        case .workerEnded: workerEnded = true
        }
      }
      drainErrors()
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      let n = chunk.withUnsafeMutableBytes { read(fromWorker, $0.baseAddress!, $0.count) }
      if n > 0 {
        pending.append(contentsOf: chunk[0..<n])
      } else if n == 0 || workerEnded || (errno != EAGAIN && errno != EINTR) {
        throw diedOrFailed()
      }
    }
  }

  /// A whole frame from the buffered bytes, if one has arrived. A frame
  /// longer than the host accepts stops the worker before it is read.
  private func takeFrame() throws(WorkerFailure) -> (FrameKind, [UInt8])? {
    guard pending.count >= 4 else { return nil }
    let length = Int(UInt32(pending[0]) | UInt32(pending[1]) << 8 | UInt32(pending[2]) << 16 | UInt32(pending[3]) << 24)
    if length > HostLimits.messageBytes {
      stop()
      throw .protocolError(
        "the worker sent a message of \(length) bytes, more than the limit of \(HostLimits.messageBytes >> 20) MB; the worker was stopped"
      )
    }
    guard pending.count >= 4 + length, length >= 1 else { return nil }
    let kind = FrameKind(rawValue: pending[4])
    let body = Array(pending[5..<(4 + length)])
    pending.removeFirst(4 + length)
    guard let kind else { return (.failed, Array("unknown message kind".utf8)) }
    return (kind, body)
  }

  enum Wait { case ready, timedOut, workerEnded }

  /// Waits until `fd` is ready, the worker ends or the deadline passes;
  /// stderr is read meanwhile.
  private func waitFor(_ fd: Int32, _ events: Int16, until deadline: Double) -> Wait {
    while true {
      let remaining = deadline - WorkerProcess.monotonic()
      if remaining <= 0 { return .timedOut }
      var fds = [
        pollfd(fd: fd, events: events, revents: 0), pollfd(fd: errorsFromWorker, events: Int16(POLLIN), revents: 0),
        pollfd(fd: ending, events: Int16(POLLIN), revents: 0),
      ]
      let n = poll(&fds, ending >= 0 ? 3 : 2, Int32(min(remaining * 1000, 1000).rounded(.up)))
      if n < 0 && errno == EINTR { continue }
      if fds[1].revents != 0 { drainErrors() }
      if fds[0].revents != 0 { return .ready }
      if ending >= 0 && fds[2].revents != 0 { return .workerEnded }
    }
  }

  private func drainErrors() {
    var chunk = [UInt8](repeating: 0, count: 4096)
    // Bounded, so a worker writing without pause cannot keep the host here.
    for _ in 0..<64 {
      let n = chunk.withUnsafeMutableBytes { read(errorsFromWorker, $0.baseAddress!, $0.count) }
      guard n > 0 else { return }
      if stderrHead.count < 2048 { stderrHead.append(contentsOf: chunk[0..<min(n, 2048 - stderrHead.count)]) }
      stderrTail.append(contentsOf: chunk[0..<n])
      if stderrTail.count > 4096 { stderrTail.removeFirst(stderrTail.count - 4096) }
    }
  }

  private func timedOut(_ seconds: Double) -> WorkerFailure {
    stop()
    return .timedOut(seconds: seconds)
  }

  /// The worker closed its end or ended: collect its exit status and say how it ended.
  private func diedOrFailed() -> WorkerFailure {
    drainErrors()
    closeDescriptors()
    // It closed its end; give it a moment to finish dying, then make sure.
    let status = end(graceSeconds: 2)
    var how: String
    let signal = status & 0x7f
    if signal != 0 {
      how = "killed by signal \(signal) (\(WorkerProcess.signalName(signal)))"
    } else {
      how = "exited with status \((status >> 8) & 0xff) in the middle of a call"
    }
    let message = lastMessage()
    if !message.isEmpty { how += "; it said: \(message)" }
    return .crashed(how)
  }

  /// The last non-empty lines of the worker's stderr, shortened.
  private func lastMessage() -> String {
    func lines(_ bytes: [UInt8]) -> [String] {
      String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter {
          !$0.isEmpty && !$0.hasPrefix("Current stack trace") && !$0.hasPrefix("💣") && !$0.hasPrefix("*** ")
        }
    }
    // A Swift runtime failure names itself; prefer that line to a stack trace.
    if let fatal = lines(stderrHead).first(where: { $0.contains("Fatal error") || $0.contains("fatal error") }) {
      return String(fatal.prefix(300))
    }
    let lines = lines(stderrTail)
    return String(lines.suffix(2).joined(separator: " / ").prefix(300))
  }

  /// Ends the worker: close its input (a clean exit), kill it if it lingers.
  public func stop() {
    guard isAlive else { return }
    closeDescriptors()
    _ = end(graceSeconds: 0.1)
  }

  /// Waits up to `graceSeconds` for the worker to exit, then kills its whole
  /// process group (the worker if it lingers, and anything it started) while
  /// the worker is still unreaped, so the group id cannot have been reused.
  /// Returns the wait status.
  private func end(graceSeconds: Double) -> Int32 {
    isAlive = false
    let deadline = WorkerProcess.monotonic() + graceSeconds
    var info = siginfo_t()
    while WorkerProcess.monotonic() < deadline {
      info.si_signo = 0
      let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
      if r == 0 && info.si_signo != 0 { break }
      if r < 0 && errno != EINTR { break }
      usleep(2_000)
    }
    kill(-pid, SIGKILL)
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while reap(&status, 0) < 0 && errno == EINTR {}
    if ending >= 0 {
      close(ending)
      ending = -1
    }
    ended = (signal: status & 0x7f, status: (status >> 8) & 0xff)
    return status
  }

  /// waitpid that also notes the worker's peak memory for `hark-dev bench`.
  private func reap(_ status: inout Int32, _ options: Int32) -> pid_t {
    var usage = rusage()
    let r = wait4(pid, &status, options, &usage)
    if r == pid { WorkerProcess.notePeakMemory(kilobytes: Int(usage.ru_maxrss)) }
    return r
  }

  private static let peak = Mutex(0)

  static func notePeakMemory(kilobytes: Int) { peak.withLock { $0 = max($0, kilobytes) } }

  /// The largest peak resident memory of any worker this process has ended, in kilobytes.
  public static var peakWorkerMemory: Int { peak.withLock { $0 } }

  /// Kills the worker at once (a hang).
  public func kill9() {
    guard isAlive else { return }
    closeDescriptors()
    _ = end(graceSeconds: 0)
  }

  private func closeDescriptors() {
    for fd in [toWorker, fromWorker, errorsFromWorker] where fd >= 0 { close(fd) }
    toWorker = -1
    fromWorker = -1
    errorsFromWorker = -1
  }

  static func monotonic() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
  }

  static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGSEGV: "SIGSEGV, segmentation fault"
    case SIGABRT: "SIGABRT, abort"
    case SIGILL: "SIGILL, illegal instruction: a Swift fatalError or trap"
    case SIGTRAP: "SIGTRAP, a Swift fatalError or trap"
    case SIGBUS: "SIGBUS, bus error"
    case SIGFPE: "SIGFPE, arithmetic error"
    case SIGKILL: "SIGKILL, killed"
    case SIGXCPU: "SIGXCPU, the worker used up its CPU time"
    default: String(cString: strsignal(signal))
    }
  }
}
