// `hark code` as a user runs it: resumable after a kill, idempotent, and the
// JSON export's quotes match the stored text.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Coding runs from the command line")
struct CodingRunCommandTests {
  /// A plugin folder for HARK_PLUGIN_PATH holding the misbehaving test plugin.
  func testPluginFolder(_ folder: URL) throws -> String {
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: plugins.appendingPathComponent("misbehaving.so").path,
      withDestinationPath: Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path)
    return plugins.path
  }

  func codings(_ project: String) throws -> [String] {
    try ProjectStore(path: project).pool.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT d.source_name || ':' || g.start || '-' || g.\"end\" FROM coding g JOIN document d ON d.id = g.document_id ORDER BY 1"
      )
    }
  }

  @Test("a coding run killed part-way resumes to the same result as an uninterrupted run")
  func killAndResume() throws {
    let transcripts = [
      "amina-mental-health.txt", "dave-recovery.md", "farah-community-leader.md", "jade-young-adult.txt",
      "yusuf-young-adult.txt", "marcus-homelessness-zoom.vtt", "grace-carer-teams.vtt", "priya-frontline-staff.srt",
    ]
    let folder = try makeTemporaryFolder("hark-cli")
    let env = ["HARK_PLUGIN_PATH": try testPluginFolder(folder)]
    let project = try Hark.project(transcripts, in: folder)
    try Hark.run(
      ["plugins", "configure", "--project", project, "misbehaving", #"{"delaySeconds": 0.5}"#], in: folder,
      environment: env)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: Hark.executable)
    process.arguments = ["code", "--project", project, "--plugin", "misbehaving", "--workers", "1", "--quiet"]
    var environment = ProcessInfo.processInfo.environment
    environment["HARK_PLUGIN_PATH"] = env["HARK_PLUGIN_PATH"]
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let store = try ProjectStore(path: project)
    var done = 0
    for _ in 0..<200 where done < 3 {
      usleep(50_000)
      done = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis") ?? 0 }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let afterKill = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM analysis") ?? 0 }
    #expect(afterKill >= 3)
    #expect(afterKill < transcripts.count)

    let resumed = try Hark.run(
      ["code", "--project", project, "--plugin", "misbehaving", "--quiet"], in: folder, environment: env)
    #expect(resumed.status == 0)
    #expect(
      resumed.stdout.contains(
        "Misbehaving (test)     \(transcripts.count - afterKill) documents, \(transcripts.count - afterKill) codes"))
    let statuses = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT status FROM coding_run ORDER BY id")
    }
    #expect(statuses == ["interrupted", "finished"])

    let again = try Hark.run(
      ["code", "--project", project, "--plugin", "misbehaving", "--quiet"], in: folder, environment: env)
    #expect(again.stdout.contains("Misbehaving (test)     up to date, nothing new to do"))

    let clean = try makeTemporaryFolder("hark-cli")
    let cleanProject = try Hark.project(transcripts, in: clean)
    try Hark.run(["plugins", "configure", "--project", cleanProject, "misbehaving", "{}"], in: clean, environment: env)
    try Hark.run(
      ["code", "--project", cleanProject, "--plugin", "misbehaving", "--quiet"], in: clean, environment: env)
    #expect(try codings(project) == (try codings(cleanProject)))
    #expect(try codings(project).count == transcripts.count)
  }

  @Test("hark plugins --json lists the four built-in plugins and the C example")
  func pluginsJSON() throws {
    let result = try Hark.run(["plugins", "--json"], in: try makeTemporaryFolder("hark-cli"))
    #expect(result.status == 0)
    let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
    #expect(
      list.map { $0["id"] as! String }.sorted() == [
        "org.hark.causal-links", "org.hark.example.wordcount", "org.hark.sentiment", "org.hark.themes",
        "org.hark.values",
      ])
    for item in list {
      #expect(item["abi"] as? String == "1.0")
      #expect((item["path"] as? String)?.hasSuffix(".so") == true)
      #expect(Set(item.keys).isSuperset(of: ["id", "name", "version", "vendor", "abi", "provides", "path"]))
    }
  }

  @Test("in the JSON export every evidence quote is the document text between start and end in code points")
  func exportQuotes() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let project = try Hark.project(
      [
        "jade-young-adult.txt", "tomasz-alcohol-zoom.vtt", "yusuf-young-adult.txt", "kwame-faith-leader.docx",
        "leon-peer-worker.srt",
      ],
      in: folder)
    let run = try Hark.run(["code", "--project", project, "--quiet"], in: folder)
    #expect(run.status == 0)
    let output = folder.appendingPathComponent("out.json").path
    #expect(
      try Hark.run(["export", "--project", project, "--format", "json", "--output", output], in: folder).status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
    var texts: [String: [Unicode.Scalar]] = [:]
    for document in json["documents"] as! [[String: Any]] {
      texts[document["id"] as! String] = Array((document["text"] as! String).unicodeScalars)
    }
    let links = json["links"] as! [[String: Any]]
    var checked = 0
    for link in links {
      for evidence in link["evidence"] as! [[String: Any]] {
        let scalars = texts[evidence["document"] as! String]!
        let start = evidence["start"] as! Int
        let end = evidence["end"] as! Int
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        #expect(String(view) == evidence["quote"] as! String)
        checked += 1
      }
    }
    #expect(checked > 10)
    #expect(Set(json.keys).isSuperset(of: ["documents", "participants", "codings", "concepts", "links"]))
  }
}
