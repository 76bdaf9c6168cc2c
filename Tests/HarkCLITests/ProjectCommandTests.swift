// init, import and the project's refusal to change on bad input.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Projects and import from the command line")
struct ProjectCommandTests {
  @Test("init creates a project and refuses to overwrite one")
  func initTwice() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let first = try Hark.run(["init", "p.sqlite"], in: folder)
    #expect(first.status == 0)
    #expect(
      first.stdout
        == "Created project p.sqlite\nNext: hark import TRANSCRIPTS… --participants participants.csv --project p.sqlite\n"
    )
    let second = try Hark.run(["init", "p.sqlite"], in: folder)
    #expect(second.status == 1)
    #expect(
      second.stderr
        == "Error: p.sqlite: a file already exists there. Choose another path, or use the existing project with --project p.sqlite\n"
    )
  }

  @Test("commands without a project say how to make one")
  func noProject() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let result = try Hark.run(["documents"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: hark.sqlite: no project here. Create one with `hark init hark.sqlite`, or pass --project PATH (or set HARK_PROJECT)\n"
    )
  }

  @Test("HARK_PROJECT names the project when --project is absent")
  func environmentProject() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    try Hark.run(["init", "elsewhere.sqlite"], in: folder)
    let result = try Hark.run(["documents"], in: folder, environment: ["HARK_PROJECT": "elsewhere.sqlite"])
    #expect(result.status == 0)
    #expect(result.stdout == "No documents yet: hark import FILES… --project elsewhere.sqlite\n")
  }

  @Test("a file already imported is refused and the project is unchanged")
  func duplicate() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let project = try Hark.project(["amina-mental-health.txt"], in: folder)
    let again = try Hark.run(
      ["import", "--project", project, Hark.corpus.appendingPathComponent("transcripts/amina-mental-health.txt").path],
      in: folder)
    #expect(again.status == 1)
    #expect(
      again.stderr.hasPrefix(
        "error: amina-mental-health.txt: already imported as document D1 (\"Appreciative Inquiry Interview - Amina (people using services, mental health)\"). Nothing was changed; to import it again, first run `hark documents remove D1`\n"
      ))
    #expect(
      try ProjectStore(path: project).pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") }
        == 1)
  }

  @Test("one bad file among good ones is refused alone; the good ones are imported")
  func badAmongGood() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let project = folder.appendingPathComponent("p.sqlite").path
    try Hark.run(["init", project], in: folder)
    let binary = folder.appendingPathComponent("broken.txt")
    try Data([0x48, 0x69, 0x00, 0x01, 0x02]).write(to: binary)
    let good = Hark.corpus.appendingPathComponent("transcripts/dave-recovery.md").path
    let result = try Hark.run(["import", "--project", project, binary.path, good], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("D1  "))
    #expect(result.stderr.contains("broken.txt"))
    #expect(result.stdout.hasSuffix("\n1 of 2 files imported\n"))
    #expect(
      result.stderr.hasSuffix(
        "Error: 1 of 2 files were not imported (each left the project as it was; the error above says what to do):\n"
          + "  broken.txt: looks like a binary file, not a transcript\n"))
    let store = try ProjectStore(path: project)
    #expect(
      try store.pool.read { db in try String.fetchAll(db, sql: "SELECT source_name FROM document") } == [
        "dave-recovery.md"
      ])
  }

  @Test("a removed document can be imported again; the removal is recorded")
  func removeAndReimport() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let project = try Hark.project(["amina-mental-health.txt"], in: folder)
    let file = Hark.corpus.appendingPathComponent("transcripts/amina-mental-health.txt").path
    let removed = try Hark.run(["documents", "remove", "--project", project, "D1"], in: folder)
    #expect(
      removed.stdout == "Removed D1 \"Appreciative Inquiry Interview - Amina (people using services, mental health)\"\n"
    )
    let again = try Hark.run(["import", "--project", project, file], in: folder)
    #expect(again.status == 0)
    #expect(again.stdout.hasPrefix("D2  Appreciative Inquiry Interview - Amina"))
    let store = try ProjectStore(path: project)
    #expect(try store.decisions().map { "\($0.actor) \($0.subject) \($0.action)" } == ["tester document:1 remove"])
    let missing = try Hark.run(["documents", "remove", "--project", project, "D1"], in: folder)
    #expect(missing.stderr == "Error: no document D1. Run `hark documents` to list them\n")
  }
}
