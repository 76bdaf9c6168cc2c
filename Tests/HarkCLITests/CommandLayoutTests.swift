// The shape of the two command lines: `hark` for users, its commands grouped
// in the help; `hark-dev` for the tools that only work from a checkout.
import Foundation
import HarkTestSupport
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
    let out = try Hark.run(["--help"], in: try makeTemporaryFolder("hark-cli"))
    #expect(out.status == 0)
    #expect(
      sections(out.stdout) == [
        "SUBCOMMANDS": ["demo"],
        "PROJECT SUBCOMMANDS": ["init", "import", "documents", "participants", "export"],
        "ANALYSIS SUBCOMMANDS": ["plugins", "code", "runs"],
        "CURATION SUBCOMMANDS": ["concepts", "links", "codings"],
        "PANELS SUBCOMMANDS": ["panels", "users", "serve"],
        "MAP SUBCOMMANDS": ["map"],
      ])
  }

  @Test("names: verbs for actions at the root, plural nouns for collections, the one map as map")
  func names() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let root = sections(try Hark.run(["--help"], in: folder).stdout).values.flatMap { $0 }
    #expect(
      Set(root) == [
        "init", "import", "export", "code", "serve", "demo",
        "documents", "participants", "plugins", "runs", "concepts", "links", "codings", "panels", "users",
        "map",
      ])
    let links = sections(try Hark.run(["links", "--help"], in: folder).stdout)["SUBCOMMANDS"]
    #expect(links == ["list", "show", "accept", "reject", "edit", "review"])
    let map = sections(try Hark.run(["map", "--help"], in: folder).stdout)["SUBCOMMANDS"]
    #expect(map == ["stats", "simulate", "paths", "voices", "picture", "report"])
  }

  @Test("the developer tools are not in the user's hark: eval there is an unknown command")
  func noLabToolsInHark() throws {
    let out = try Hark.run(["eval"], in: try makeTemporaryFolder("hark-cli"))
    #expect(out.status != 0)
    #expect(out.stderr.contains("Unexpected argument 'eval'"))
  }

  @Test("hark-dev lists eval, bench and bench-map")
  func developerTools() throws {
    let out = try Hark.run(["--help"], in: try makeTemporaryFolder("hark-cli"), program: Hark.developerTools)
    #expect(out.status == 0)
    #expect(sections(out.stdout) == ["SUBCOMMANDS": ["eval", "bench", "bench-map"]])
  }

  /// Every command path under `hark`, found by reading each help's subcommand lists.
  func commandPaths(_ prefix: [String] = [], in folder: URL) throws -> [[String]] {
    let out = try Hark.run(prefix + ["--help"], in: folder)
    let children = sections(out.stdout).values.flatMap { $0 }.filter { $0 != "help" }
    return try [prefix] + children.flatMap { try commandPaths(prefix + [$0], in: folder) }
  }

  /// Lines of a help text's discussion (between the overview and USAGE) that
  /// end a sentence early: a short line followed by more text, as a hard line
  /// end in the source string leaves after the help is wrapped at 80 columns.
  /// A list item ("csv: one row…") may be short.
  func brokenLines(_ help: String) -> [String] {
    let lines = help.components(separatedBy: "\n")
    guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }) else { return [] }
    let overviewEnd = lines.firstIndex(of: "") ?? 0
    var broken: [String] = []
    for index in overviewEnd..<max(overviewEnd, usage - 1) {
      let line = lines[index]
      let next = lines[index + 1]
      let listItem = next.range(of: #"^[a-z][a-z-]*: "#, options: .regularExpression) != nil
      if !line.isEmpty, !next.isEmpty, line.count < 50, !line.hasSuffix(":"), !listItem {
        broken.append(line)
      }
    }
    return broken
  }

  @Test("every command's help flows in paragraphs: no sentence is cut by a hard line end")
  func helpParagraphs() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let paths = try commandPaths(in: folder)
    #expect(paths.count > 40)
    var broken: [String] = []
    for path in paths {
      let help = try Hark.run(path + ["--help"], in: folder).stdout
      broken += brokenLines(help).map { "hark \(path.joined(separator: " ")): \($0)" }
    }
    #expect(broken == [])
  }
}
