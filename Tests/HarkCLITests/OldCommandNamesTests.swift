// The names commands had before the command line was named consistently
// (`panel`, `user`, `review`, `report`) still run, hidden from the help, so
// scripts written against them keep working: each old spelling must give
// exactly what its new name gives.
import Foundation
import HarkTestSupport
import Testing

@Suite("old command names")
struct OldCommandNamesTests {
  /// Runs both spellings on the same project and requires the same status, output and errors.
  func expectSame(_ old: [String], _ new: [String], _ folder: URL, _ path: String) throws -> Output {
    let before = try Hark.run(old + ["--project", path], in: folder)
    let after = try Hark.run(new + ["--project", path], in: folder)
    #expect(before.status == after.status, "\(old) against \(new)")
    #expect(before.stdout == after.stdout, "\(old) against \(new)")
    #expect(before.stderr == after.stderr, "\(old) against \(new)")
    return after
  }

  @Test("panel and user are panels and users: listing, showing and the errors alike")
  func panelsAndUsers() throws {
    let (folder, path) = try KnownProject.make()
    let none = try expectSame(["panel"], ["panels"], folder, path)
    #expect(none.stdout == "No panels yet: create one with `hark panels create NAME`.\n")
    let created = try Hark.run(["panel", "create", "carers", "--project", path], in: folder)
    #expect(created.status == 0)
    #expect(created.stdout == "Created panel carers (rule unanimous, quorum 1).\n")
    let list = try expectSame(["panel", "list"], ["panels", "list"], folder, path)
    #expect(list.stdout.hasSuffix("\ncarers               unanimous        1       0        0     0\n"))
    let shown = try expectSame(["panel", "show", "carers"], ["panels", "show", "carers"], folder, path)
    #expect(shown.stdout.hasPrefix("carers: rule unanimous, quorum 1\n"))
    let missing = try expectSame(["panel", "show", "elders"], ["panels", "show", "elders"], folder, path)
    #expect(missing.status == 1)
    #expect(missing.stderr == "Error: no panel called elders. Run `hark panels list` to see the panels\n")
    let users = try expectSame(["user"], ["users"], folder, path)
    #expect(users.stdout == "No researchers yet: add one with `hark users add NAME`.\n")
    _ = try expectSame(["user", "list"], ["users", "list"], folder, path)
  }

  @Test("review is links review: the same walk through the candidates, the same answers recorded")
  func review() throws {
    let (oldFolder, oldPath) = try KnownProject.make()
    let (newFolder, newPath) = try KnownProject.make()
    let old = try Hark.run(["review", "--project", oldPath], in: oldFolder, input: "a\nr\nq\n")
    let new = try Hark.run(["links", "review", "--project", newPath], in: newFolder, input: "a\nr\nq\n")
    #expect(old.status == 0)
    #expect(old.stdout == new.stdout)
    #expect(old.stderr == new.stderr)
    #expect(new.stdout.contains("L2 accepted\n"))
    #expect(new.stdout.contains("L1 rejected\n"))
    #expect(new.stdout.hasSuffix("1 candidate link left to review.\n"))
    let oldLinks = try Hark.run(["links", "--project", oldPath], in: oldFolder)
    let newLinks = try Hark.run(["links", "--project", newPath], in: newFolder)
    #expect(oldLinks.stdout == newLinks.stdout)
  }

  @Test("report is map report: the same message and the same files")
  func report() throws {
    let (oldFolder, oldPath) = try ReportCommandTests.project()
    let (newFolder, newPath) = try ReportCommandTests.project()
    let old = try Hark.run(["report", "--project", oldPath, "--output", "out"], in: oldFolder)
    let new = try Hark.run(["map", "report", "--project", newPath, "--output", "out"], in: newFolder)
    #expect(old.status == 0)
    // Each names its own folder: the rest is the same.
    let said = old.stdout.replacingOccurrences(of: oldFolder.path, with: newFolder.path)
    #expect(said == new.stdout)
    #expect(new.stdout == "wrote \(newFolder.path)/out/index.html and map.svg (5 concepts, 3 links)\n")
    for file in ["index.html", "map.svg"] {
      let before = try Data(contentsOf: oldFolder.appendingPathComponent("out/\(file)"))
      let after = try Data(contentsOf: newFolder.appendingPathComponent("out/\(file)"))
      #expect(before == after, "\(file)")
    }
  }

  @Test("the old names are not in any help: hidden, but `hark help` still explains them")
  func hiddenFromHelp() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let root = try Hark.run(["--help"], in: folder).stdout
    for old in ["panel ", "user ", "review ", "report "] {
      #expect(!root.contains("\n  \(old)"), "\(old)")
    }
    let help = try Hark.run(["help", "panel"], in: folder)
    #expect(help.status == 0)
    #expect(help.stdout.contains("\nUSAGE: hark panel <subcommand>\n"))
    let review = try Hark.run(["review", "--help"], in: folder)
    #expect(review.stdout.contains("\nUSAGE: hark review [--project <project>]\n"))
    let report = try Hark.run(["report", "--help"], in: folder)
    #expect(report.stdout.contains("\nUSAGE: hark report [--project <project>] --output <folder>\n"))
  }
}
