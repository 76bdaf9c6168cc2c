// The host side of a worker's end, with a stand-in worker (a shell script)
// that does what the sandbox forbids a plugin: it leaves a child holding the
// pipes, then dies. The host must see the death at once and kill the child.
import Foundation
import HarkHost
import HarkStore
import HarkTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Ending worker processes")
struct WorkerEndingTests {
  @Test("a worker that dies while its child holds the pipes is a crash at once, and the child dies with it")
  func childHoldingPipes() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let script = folder.appendingPathComponent("worker.sh")
    let childFile = folder.appendingPathComponent("child.pid")
    try Data(
      """
      #!/bin/sh
      sleep 60 &
      echo $! > '\(childFile.path)'
      kill -KILL $$

      """.utf8
    ).write(to: script)
    chmod(script.path, 0o755)
    var sandbox = WorkerSandbox()
    sandbox.executable = script.path
    let worker = try WorkerProcess(pluginPath: "/nonexistent/plugin.so", sandbox: sandbox)
    let started = Date()
    #expect(throws: WorkerFailure.crashed("killed by signal 9 (SIGKILL, killed)")) {
      try worker.open(optionsJSON: "{}", timeout: 30)
    }
    #expect(Date().timeIntervalSince(started) < 10)
    let child = try #require(
      pid_t(
        String(decoding: try Data(contentsOf: childFile), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      ))
    #expect(Self.ends(child, within: 5))
  }

  /// True once `pid` is gone or a zombie (its new parent may not reap it at once).
  static func ends(_ pid: pid_t, within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if kill(pid, 0) != 0 { return true }
      let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
      if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
      usleep(20_000)
    }
    return false
  }
}
