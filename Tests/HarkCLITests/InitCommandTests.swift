// `hark init` names its project the way every other command does: a path of
// its own, --project, $HARK_PROJECT, then ./hark.sqlite.
import Foundation
import HarkTestSupport
import Testing

@Suite("hark init")
struct InitCommandTests {
  @Test("the project is named by a path, by --project, by $HARK_PROJECT or else ./hark.sqlite")
  func namesLikeEveryCommand() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let cases: [(arguments: [String], environment: [String: String], created: String)] = [
      (["init", "a.sqlite"], [:], "a.sqlite"),
      (["init", "--project", "b.sqlite"], [:], "b.sqlite"),
      (["init", "c.sqlite", "--project", "c.sqlite"], [:], "c.sqlite"),
      (["init"], ["HARK_PROJECT": "d.sqlite"], "d.sqlite"),
      (["init"], [:], "hark.sqlite"),
    ]
    for item in cases {
      let output = try Hark.run(item.arguments, in: folder, environment: item.environment)
      #expect(output.status == 0)
      #expect(
        output.stdout
          == "Created project \(item.created)\n"
          + "Next: hark import TRANSCRIPTS… --participants participants.csv --project \(item.created)\n")
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(item.created).path))
    }
  }

  @Test("a path and a different --project are refused, naming both, and nothing is created")
  func twoNamesRefused() throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let output = try Hark.run(["init", "a.sqlite", "--project", "b.sqlite"], in: folder)
    #expect(output.status == 64)
    #expect(output.stderr.hasPrefix("Error: two projects named: a.sqlite and --project b.sqlite. Give one of them.\n"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sqlite") } == [])
  }
}
