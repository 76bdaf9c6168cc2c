// The public address, as the real `hark` binary takes it: given once to
// `hark serve` or `hark panels add-member`, kept in the project, used by every
// later sign-in link, and a warning while links would open on this computer only.
import Foundation
import HarkStore
import HarkTranscripts
import Testing

@Suite("Public address")
struct PublicAddressCommandTests {
  static let loopbackWarning =
    "warning: sign-in links point at http://127.0.0.1:8080, which only this computer can open. Give the address panel members use once with --public-url (such as --public-url https://panel.example.org); it is kept in the project.\n"

  func hark(_ arguments: [String], _ folder: URL, _ path: String) throws -> Output {
    try Hark.run(arguments + ["--project", path], in: folder)
  }

  @Test("add-member without a public address prints a loopback link and warns that only this computer can open it")
  func warnsOnLoopback() throws {
    let (folder, path) = try KnownProject.make()
    _ = try hark(["panels", "create", "carers"], folder, path)
    let added = try hark(["panels", "add-member", "carers", "Jo"], folder, path)
    #expect(added.status == 0)
    #expect(added.stdout.contains("\nhttp://127.0.0.1:8080/join/"))
    #expect(added.stderr == Self.loopbackWarning)
  }

  @Test("--public-url is given once and kept: later links use it without being told, and nothing warns")
  func keptInProject() throws {
    let (folder, path) = try KnownProject.make()
    _ = try hark(["panels", "create", "carers"], folder, path)
    let added = try hark(
      ["panels", "add-member", "carers", "Jo", "--public-url", "HTTPS://Panel.Example.org/"], folder, path)
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stderr == "")
    #expect(added.stdout.contains("\nhttps://panel.example.org/join/"))
    let again = try hark(["panels", "invite", "carers", "Jo"], folder, path)
    #expect(again.stderr == "")
    #expect(again.stdout.split(separator: "\n").last?.hasPrefix("https://panel.example.org/join/") == true)
    let other = try hark(["panels", "add-member", "carers", "Sam"], folder, path)
    #expect(other.stdout.contains("\nhttps://panel.example.org/join/"))
    #expect(try ProjectStore(path: path).publicAddress() == "https://panel.example.org")
  }

  @Test("an address that is not http or https, or has a path, is refused and nothing changes")
  func refusesBadAddress() throws {
    let (folder, path) = try KnownProject.make()
    _ = try hark(["panels", "create", "carers"], folder, path)
    let hint = "Write the address as people type it, such as https://panel.example.org or http://192.0.2.10:8080"
    let ftp = try hark(["panels", "add-member", "carers", "Jo", "--public-url", "ftp://x.example"], folder, path)
    #expect(ftp.status == 1)
    #expect(ftp.stderr == "Error: \"ftp://x.example\" is not a web address. \(hint)\n")
    let sub = try hark(
      ["panels", "add-member", "carers", "Jo", "--public-url", "https://x.example/hark"], folder, path)
    #expect(sub.status == 1)
    #expect(sub.stderr == "Error: \"https://x.example/hark\" has more than a scheme, host and port. \(hint)\n")
    let store = try ProjectStore(path: path)
    #expect(try store.members(panel: try store.panel(named: "carers")).isEmpty)
    #expect(try store.publicAddress() == nil)
  }

  @Test("hark serve takes --public-url, says where links point and keeps it; without one it warns")
  func serveKeepsAddress() throws {
    let (folder, path) = try KnownProject.make()
    let plain = try Serving.start(["serve", "--project", path, "--port", "0"], in: folder)
    let plainOut = try plain.waitFor("Sign-in links use ")
    plain.stop()
    #expect(plainOut.contains("Sign-in links use http://127.0.0.1:0\n"))
    #expect(
      plain.stderr.contains(
        "warning: sign-in links point at http://127.0.0.1:0, which only this computer can open."))
    let told = try Serving.start(
      ["serve", "--project", path, "--port", "0", "--public-url", "https://panel.example.org"], in: folder)
    let toldOut = try told.waitFor("Sign-in links use ")
    told.stop()
    #expect(toldOut.contains("Sign-in links use https://panel.example.org\n"))
    #expect(!told.stderr.contains("warning"))
    _ = try hark(["panels", "create", "carers"], folder, path)
    let added = try hark(["panels", "add-member", "carers", "Jo"], folder, path)
    #expect(added.stdout.contains("\nhttps://panel.example.org/join/"))
    #expect(added.stderr == "")
  }
}

/// `hark serve` running in the background, its output collected as it comes.
final class Serving: @unchecked Sendable {
  let process = Process()
  private let lock = NSLock()
  private var out = ""
  private var err = ""

  var stderr: String { lock.withLock { err } }

  static func start(_ arguments: [String], in folder: URL) throws -> Serving {
    let serving = Serving()
    serving.process.executableURL = URL(fileURLWithPath: Hark.executable)
    serving.process.arguments = arguments
    serving.process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["HARK_USER"] = "tester"
    env.removeValue(forKey: "HARK_PROJECT")
    serving.process.environment = env
    let out = Pipe()
    let err = Pipe()
    serving.process.standardOutput = out
    serving.process.standardError = err
    out.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      serving.lock.withLock { serving.out += String(decoding: data, as: UTF8.self) }
    }
    err.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      serving.lock.withLock { serving.err += String(decoding: data, as: UTF8.self) }
    }
    try serving.process.run()
    return serving
  }

  /// Standard output once it holds `text` and the end of that line (60 s at most).
  func waitFor(_ text: String) throws -> String {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let now = lock.withLock { out }
      if let range = now.range(of: text), now[range.upperBound...].contains("\n") { return now }
      Thread.sleep(forTimeInterval: 0.05)
    }
    stop()
    throw HarkError("hark serve did not print \"\(text)\"", hint: "stdout: \(lock.withLock { out }) stderr: \(stderr)")
  }

  func stop() {
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    Thread.sleep(forTimeInterval: 0.1)
  }
}
