// The promise that no vote is lost, tested as it is used: a member votes
// through a real `hark serve` while `hark code` stores a corpus plugin's
// results on a project of over a hundred interviews, all real processes.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("A vote while a coding run writes")
struct VoteWhileCodingTests {
  /// Copies of the sample transcripts, each made distinct by a last line.
  func largeCorpus(in folder: URL, copies: Int) throws -> [String] {
    let samples = ["amina-mental-health.txt", "jade-young-adult.txt", "yusuf-young-adult.txt", "dave-recovery.md"]
    var files: [String] = []
    for copy in 0..<copies {
      for sample in samples {
        let text = try String(contentsOf: Hark.corpus.appendingPathComponent("transcripts/\(sample)"), encoding: .utf8)
        let url = folder.appendingPathComponent("copy\(copy)-\(sample)")
        try (text + "\n(copy \(copy))\n").write(to: url, atomically: true, encoding: .utf8)
        files.append(url.path)
      }
    }
    return files
  }

  /// `curl` as a browser: keeps cookies in a jar, never follows redirects;
  /// returns the status and the body.
  func curl(_ arguments: [String], jar: URL) throws -> (status: Int, body: String, seconds: Double) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "-b", jar.path, "-c", jar.path, "-w", "\n%{http_code} %{time_total}"] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    let parts = last.split(separator: " ")
    return (Int(parts.first ?? "") ?? 0, String(text.dropLast(last.count)), Double(parts.last ?? "") ?? 0)
  }

  @Test("votes sent while hark code re-stores a corpus plugin's results on 120 interviews are all stored")
  func votesDuringCoding() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = try Hark.project(["amina-mental-health.txt", "jade-young-adult.txt"], in: folder)
    // Links to vote on, from a first run over two interviews.
    #expect(try Hark.run(["code", "--project", path], in: folder).status == 0)
    try Hark.run(["panels", "create", "carers", "--quorum", "1", "--project", path], in: folder)
    let added = try Hark.run(
      ["panels", "add-member", "carers", "Jo Bloggs", "--pseudonym", "Robin", "--project", path], in: folder)
    let token = try #require(added.stdout.firstMatch(of: /\/join\/([A-Za-z0-9_-]+)/)?.1).description
    let opened = try Hark.run(["panels", "open", "carers", "--all-candidates", "--project", path], in: folder)
    let items = opened.stdout.matches(of: /\bI(\d+)\b/).map { String($0.1) }
    #expect(items.count >= 3)
    let imported = try Hark.run(
      ["import", "--project", path, "--participants", Hark.corpus.appendingPathComponent("participants.csv").path]
        + (try largeCorpus(in: folder, copies: 30)), in: folder)
    #expect(imported.status == 0, "\(imported.stderr)")

    let server = Process()
    server.executableURL = URL(fileURLWithPath: Hark.executable)
    server.arguments = ["serve", "--project", path, "--port", "0"]
    let serverOut = Pipe()
    server.standardOutput = serverOut
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer { server.terminate() }
    var announced = ""
    while !announced.contains("(Ctrl-C to stop)") {
      let data = serverOut.fileHandleForReading.availableData
      if data.isEmpty { break }
      announced += String(decoding: data, as: UTF8.self)
    }
    let base = try #require(announced.firstMatch(of: /at (http:\/\/127\.0\.0\.1:\d+)\//)?.1).description

    let jar = folder.appendingPathComponent("cookies.txt")
    #expect(try curl(["-X", "POST", "\(base)/join/\(token)"], jar: jar).status == 303)
    let page = try curl(["\(base)/panel/items/\(items[0])"], jar: jar)
    let csrf = try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1).description

    let coding = Process()
    coding.executableURL = URL(fileURLWithPath: Hark.executable)
    coding.arguments = ["code", "--project", path]
    coding.standardOutput = FileHandle.nullDevice
    coding.standardError = FileHandle.nullDevice
    try coding.run()
    var sent: [(status: Int, seconds: Double)] = []
    let answers = ["agree", "disagree", "not-sure"]
    while coding.isRunning || sent.count < 3 {
      let item = items[sent.count % items.count]
      let form = "csrf=\(csrf)&answer=\(answers[sent.count % 3])&comment=vote+\(sent.count)"
      let answered = try curl(["-X", "POST", "--data", form, "\(base)/panel/items/\(item)"], jar: jar)
      sent.append((answered.status, answered.seconds))
      Thread.sleep(forTimeInterval: 0.05)
    }
    coding.waitUntilExit()
    #expect(coding.terminationStatus == 0)
    // Every vote was answered "stored" (a redirect to the next question), none refused.
    #expect(sent.allSatisfy { $0.status == 303 }, "statuses: \(Set(sent.map(\.status)))")
    let store = try ProjectStore(path: path)
    let stored = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_vote") ?? 0 }
    #expect(stored == sent.count)
    #expect(try store.documentSummaries().count == 122)
    print("votes during the coding run: \(sent.count), slowest answer \(sent.map(\.seconds).max() ?? 0) s")
  }
}
