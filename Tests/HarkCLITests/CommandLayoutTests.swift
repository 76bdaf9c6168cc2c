// The shape of the two command lines: `hark` for users, its commands grouped
// in the help; `hark-dev` for the tools that only work from a checkout.
import Foundation
import Testing

@Suite("command layout")
struct CommandLayoutTests {
  /// The section headings of a help text and the command names listed under each.
  func sections(_ help: String) -> [String: [String]] {
    var result: [String: [String]] = [:]
    var current: String?
    for line in help.components(separatedBy: "\n") {
      if line.hasSuffix("SUBCOMMANDS:") {
        current = String(line.dropLast(":".count))
        result[current!] = []
      } else if let section = current, line.hasPrefix("  "), !line.hasPrefix("   "),
        let name = line.split(separator: " ").first
      {
        result[section]!.append(String(name))
      } else if line.isEmpty {
        current = nil
      }
    }
    return result
  }

  @Test("hark --help lists its commands in groups, in the order a project meets them")
  func groups() throws {
    let out = try Hark.run(["--help"], in: try Hark.temporaryFolder())
    #expect(out.status == 0)
    #expect(
      sections(out.stdout) == [
        "SUBCOMMANDS": ["demo"],
        "PROJECT SUBCOMMANDS": ["init", "import", "documents", "participants", "export"],
        "ANALYSIS SUBCOMMANDS": ["plugins", "code", "runs"],
        "CURATION SUBCOMMANDS": ["concepts", "links", "codings", "review"],
        "PANELS SUBCOMMANDS": ["panel", "user", "serve"],
        "MAP SUBCOMMANDS": ["map", "report"],
      ])
  }

  @Test("the developer tools are not in the user's hark: eval there is an unknown command")
  func noLabToolsInHark() throws {
    let out = try Hark.run(["eval"], in: try Hark.temporaryFolder())
    #expect(out.status != 0)
    #expect(out.stderr.contains("Unexpected argument 'eval'"))
  }

  @Test("hark-dev lists eval, bench and bench-map")
  func developerTools() throws {
    let out = try Hark.run(["--help"], in: try Hark.temporaryFolder(), program: Hark.developerTools)
    #expect(out.status == 0)
    #expect(sections(out.stdout) == ["SUBCOMMANDS": ["eval", "bench", "bench-map"]])
  }
}
