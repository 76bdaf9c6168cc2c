// `hark code` with the built-in plugins killed (SIGKILL) at several points —
// before any result is stored, part-way through the shared document pass,
// and while the themes plugin's corpus pass has read some documents but
// stored none — then resumed: the export says what an uninterrupted run's says.
import Foundation
import HarkCore
import Testing

@Suite("Kill and resume with the built-in plugins", .serialized)
struct KillResumeTests {
  static let transcripts = [
    "amina-mental-health.txt", "dave-recovery.md", "jade-young-adult.txt", "marcus-homelessness-zoom.vtt",
    "grace-carer-teams.vtt", "priya-frontline-staff.srt", "tomasz-alcohol-zoom.vtt", "yusuf-young-adult.txt",
  ]

  static func analyses(_ path: String) throws -> (all: Int, themes: Int) {
    try ProjectStore(path: path).pool.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis WHERE plugin_id = 'org.hark.themes'") ?? 0
      )
    }
  }

  /// Starts `hark code` and kills it with SIGKILL once `ready` holds (or
  /// after 60 s); true when it was killed rather than finished.
  static func codeAndKill(_ path: String, when ready: (Int, Int) -> Bool) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Hark.executable)
    process.arguments = ["code", "--project", path, "--quiet"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<6000 where process.isRunning {
      let counts = try analyses(path)
      if ready(counts.all, counts.themes) { break }
      usleep(10_000)
    }
    let killed = process.isRunning
    if killed { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return killed
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
    let whole = try Hark.temporaryFolder()
    let wholePath = try Hark.project(Self.transcripts, in: whole)
    #expect(try Hark.run(["code", "--project", wholePath], in: whole).status == 0)
    let expected = try Self.export(wholePath, in: whole)
    #expect(expected.count > 100)

    let folder = try Hark.temporaryFolder()
    let path = try Hark.project(Self.transcripts, in: folder)
    var kills = 0
    // Nothing stored yet: workers starting, first documents in flight.
    if try Self.codeAndKill(path, when: { _, _ in true }) { kills += 1 }
    // Part of the shared per-document pass stored, themes (a corpus pass) not yet.
    if try Self.codeAndKill(path, when: { all, themes in all >= 6 && themes == 0 }) { kills += 1 }
    if try Self.codeAndKill(path, when: { all, themes in all >= 14 && themes == 0 }) { kills += 1 }
    #expect(kills >= 2)
    let resumed = try Hark.run(["code", "--project", path], in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try Self.analyses(path).themes == Self.transcripts.count)
    let found = try Self.export(path, in: folder)
    #expect(found.filter { !expected.contains($0) } == [])
    #expect(expected.filter { !found.contains($0) } == [])
  }
}
