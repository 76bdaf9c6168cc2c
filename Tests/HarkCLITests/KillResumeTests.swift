// `hark code` with the built-in plugins killed (SIGKILL) at points it reports
// — while the themes plugin's corpus pass has read documents but stored
// none, and twice part-way through the shared per-document pass — then
// resumed: the export says what an uninterrupted run's says. (No built-in
// plugin reads the project's concepts any more, so there is no such phase
// to kill.)
import Foundation
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Kill and resume with the built-in plugins", .serialized)
struct KillResumeTests {
  static let transcripts = [
    "amina-mental-health.txt", "dave-recovery.md", "jade-young-adult.txt", "marcus-homelessness-zoom.vtt",
    "grace-carer-teams.vtt", "priya-frontline-staff.srt", "tomasz-alcohol-zoom.vtt", "yusuf-young-adult.txt",
  ]

  static func analyses(_ store: ProjectStore) throws -> (all: Int, themes: Int) {
    try store.pool.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis WHERE plugin_id = 'org.hark.themes'") ?? 0
      )
    }
  }

  /// Starts `hark code` on one worker and kills it with SIGKILL as soon as
  /// it reports a progress line `at` accepts ("Themes: 2/8 documents");
  /// returns the line, or nil when the run finished first.
  static func codeAndKill(_ path: String, at: (String) -> Bool) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Hark.executable)
    process.arguments = ["code", "--project", path, "--workers", "1"]
    let progress = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = progress
    try process.run()
    var pending = ""
    var hit: String?
    while hit == nil {
      let data = progress.fileHandleForReading.availableData
      if data.isEmpty { break }
      pending += String(decoding: data, as: UTF8.self)
      while hit == nil, let end = pending.firstIndex(of: "\n") {
        let line = String(pending[..<end])
        pending = String(pending[pending.index(after: end)...])
        if at(line) { hit = line }
      }
    }
    if hit != nil { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return hit
  }

  static func export(_ path: String, in folder: URL) throws -> [String] {
    let output = folder.appendingPathComponent("export.json").path
    let result = try Hark.run(
      ["export", "--project", path, "--format", "json", "--links", "all", "--output", output], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    return ExportSummary.everything(try ExportSummary.read(output))
  }

  @Test(
    "killed before storing, mid document pass and mid corpus pass, then resumed: the export equals an uninterrupted run's"
  )
  func killedRunsResumeToTheSameExport() throws {
    let whole = try makeTemporaryFolder("hark-cli")
    let wholePath = try Hark.project(Self.transcripts, in: whole)
    #expect(try Hark.run(["code", "--project", wholePath], in: whole).status == 0)
    let expected = try Self.export(wholePath, in: whole)
    #expect(expected.count > 100)

    let folder = try makeTemporaryFolder("hark-cli")
    let path = try Hark.project(Self.transcripts, in: folder)
    let all = Self.transcripts.count
    // The themes plugin's corpus pass has read two documents and stored none.
    #expect(try Self.codeAndKill(path) { $0 == "Themes: 2/\(all) documents" } != nil)
    #expect(try Self.analyses(try ProjectStore(path: path)) == (0, 0))
    // The shared per-document pass has stored three documents.
    #expect(try Self.codeAndKill(path) { $0.hasPrefix("Causal links") && $0.hasSuffix(": 3/\(all) documents") } != nil)
    let partway = try Self.analyses(try ProjectStore(path: path))
    #expect(partway.all > 0 && partway.all < all * 5)
    // Again, mid-way through what was left.
    #expect(try Self.codeAndKill(path) { $0.hasPrefix("Causal links") && $0.contains(": 2/") } != nil)
    let resumed = try Hark.run(["code", "--project", path], in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try Self.analyses(try ProjectStore(path: path)).themes == Self.transcripts.count)
    let found = try Self.export(path, in: folder)
    #expect(found.filter { !expected.contains($0) } == [])
    #expect(expected.filter { !found.contains($0) } == [])
  }
}
