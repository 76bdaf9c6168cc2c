// `hark export --format mmp|dot|map-json` (and what each leaves out), `hark import` of Mental Modeler
// files (and the project left as it was when one is bad), `hark map paths`
// and `hark map voices`.
import Foundation
import HarkStore
import HarkTestSupport
import Testing

@Suite("Map files on the command line")
struct MapFilesCommandTests {
  /// The known project with its three links accepted.
  func approvedProject() throws -> (URL, String) {
    let (folder, path) = try KnownProject.make()
    let accepted = try Hark.run(["links", "accept", "L1", "L2", "L3", "--project", path], in: folder)
    #expect(accepted.status == 0, "\(accepted.stderr)")
    return (folder, path)
  }

  func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Everything an import could change.
  struct Snapshot: Equatable {
    var concepts: [ConceptSummary]
    var links: [LinkSummary]
    var decisions: [Decision]

    init(_ path: String) throws {
      let store = try ProjectStore(path: path)
      concepts = try store.concepts(includeMerged: true)
      links = try store.links()
      decisions = try store.decisions()
    }
  }

  @Test("export dot writes the approved map and says how big it is")
  func exportsDOT() throws {
    let (folder, path) = try approvedProject()
    let output = folder.appendingPathComponent("map.dot").path
    let result = try Hark.run(["export", "--project", path, "--format", "dot", "--output", output], in: folder)
    #expect(
      result.stdout == """
        Wrote \(output) (dot, approved map: 5 concepts, 3 links)
        Not carried in dot:
          confidence as a number (links below 0.5 are drawn dashed)
          citations and sources
          quotes, participants, panel votes and decisions (the map carries their result, not them)

        """)
    #expect(
      try String(contentsOfFile: output, encoding: .utf8) == """
        digraph "p" {
          graph [rankdir=LR];
          node [shape=box, style=rounded, fontname="Helvetica"];
          edge [fontname="Helvetica", fontsize=10];
          C1 [label="peer group"];
          C2 [label="less alone"];
          C3 [label="waiting list"];
          C4 [label="anxiety"];
          C5 [label="hope"];
          C3 -> C4 [color="#2e7d32", penwidth=3.4, label="0.8"];
          C1 -> C2 [color="#2e7d32", penwidth=2.8, label="0.6"];
          C1 -> C5 [color="#2e7d32", penwidth=2.8, label="0.6"];
        }

        """)
  }

  @Test("export map-json and mmp write the approved map with its counts")
  func exportsJSONAndMMP() throws {
    let (folder, path) = try approvedProject()
    let json = folder.appendingPathComponent("map.json").path
    #expect(
      try Hark.run(["export", "--project", path, "--format", "map-json", "--output", json], in: folder).status == 0)
    #expect(
      try String(contentsOfFile: json, encoding: .utf8).contains(
        #"{"id": "L3", "cause": 0, "effect": 4, "causeName": "peer group", "effectName": "hope", "weight": 0.6, "confidence": 0.8, "citations": 1, "sources": 1}"#
      ))
    let mmp = folder.appendingPathComponent("map.mmp").path
    let result = try Hark.run(["export", "--project", path, "--format", "mmp", "--output", mmp], in: folder)
    #expect(
      result.stdout == """
        Wrote \(mmp) (mmp, approved map: 5 concepts, 3 links)
        Not carried in mmp:
          confidence beyond Mental Modeler's whole steps 0 … 3
          citations and sources as numbers (written as each relationship's note)
          link and concept ids
          concept groups after the fifth (Mental Modeler has groups 0 … 5; 0 is for concepts with none)
          scenarios (Hark keeps none; run them with `hark map simulate`)
          quotes, participants, panel votes and decisions (the map carries their result, not them)

        """)
    let text = try String(contentsOfFile: mmp, encoding: .utf8)
    #expect(
      text.contains(
        """
                <relationship>
                  <id>5</id>
                  <name>hope</name>
                  <notes>1 citations from 1 sources</notes>
                  <confidence>2</confidence>
                  <influence>0.6</influence>
                </relationship>
        """))
    #expect(text.components(separatedBy: "<concept>").count - 1 == 5)
  }

  @Test("exporting a map from a project with no accepted links is refused")
  func refusesEmptyMap() throws {
    let (folder, path) = try KnownProject.make()
    let output = folder.appendingPathComponent("map.dot").path
    let result = try Hark.run(["export", "--project", path, "--format", "dot", "--output", output], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(path): the project has no accepted links, so there is no map to export. "
        + "Accept links with `hark links accept L1 L2 …`, then export again\n")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test("importing a matrix CSV creates concepts and accepted links, each with a decision")
  func importsMatrix() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = folder.appendingPathComponent("p.sqlite").path
    try Hark.run(["init", path], in: folder)
    let csv = try write("\u{FEFF},Café,\"Hope 🌱\"\r\nCafé,,-0.5\r\n\"Hope 🌱\",0.25,\r\n", "m.csv", in: folder)
    let result = try Hark.run(["import", "--project", path, csv], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "m.csv (Mental Modeler matrix): 2 concepts added, 0 already in the project; "
        + "2 links added and 0 updated, all accepted\n")
    let store = try ProjectStore(path: path)
    #expect(
      try store.links().map { "\($0.cause) → \($0.effect) \($0.status) \($0.weight)" }.sorted() == [
        "Café → Hope 🌱 accepted -0.5", "Hope 🌱 → Café accepted 0.25",
      ])
    #expect(
      try store.decisions().map { "\($0.subject) \($0.action) \($0.actor) \($0.detail)" } == [
        #"concept:1 import tester {"file":"m.csv","format":"mental-modeler-csv","label":"Café"}"#,
        #"concept:2 import tester {"file":"m.csv","format":"mental-modeler-csv","label":"Hope 🌱"}"#,
        #"link:1 import tester {"file":"m.csv","format":"mental-modeler-csv","from":"new","polarity":-1,"strength":0.5}"#,
        #"link:2 import tester {"file":"m.csv","format":"mental-modeler-csv","from":"new","polarity":1,"strength":0.25}"#,
      ])
  }

  @Test("importing an .mmp finds existing concepts by key and accepts their existing link")
  func importsProjectFile() throws {
    let (folder, path) = try KnownProject.make()
    let mmp = try write(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <mentalmodeler><concepts>
      <concept><id>1</id><name>Peer Group</name><relationships>
      <relationship><id>2</id><name>hope</name><confidence>3</confidence><influence>-0.4</influence></relationship>
      </relationships></concept>
      <concept><id>2</id><name>hope</name><relationships>
      <relationship><id>3</id><name>trust</name><influence>0.9</influence></relationship>
      </relationships></concept>
      <concept><id>3</id><name>trust</name></concept>
      </concepts></mentalmodeler>
      """, "m.mmp", in: folder)
    let result = try Hark.run(["import", "--project", path, mmp], in: folder)
    #expect(
      result.stdout
        == "m.mmp (Mental Modeler project): 1 concepts added, 2 already in the project; "
        + "1 links added and 1 updated, all accepted\n")
    let links = try ProjectStore(path: path).links().map {
      "L\($0.id) \($0.cause) → \($0.effect) \($0.status) \($0.weight)"
    }
    #expect(
      links.sorted() == [
        "L1 peer group → less alone candidate 0.6", "L2 waiting list → anxiety candidate 0.8",
        "L3 peer group → hope accepted -0.4", "L4 hope → trust accepted 0.9",
      ])
    let decision = try ProjectStore(path: path).decisions(subject: .link(3)).last
    #expect(
      decision?.detail == #"{"file":"m.mmp","format":"mmp","from":"candidate","polarity":-1,"strength":0.4}"#)
  }

  @Test("a map exported as .mmp and imported into a new project gives the same links and weights")
  func roundTripsThroughMMP() throws {
    let (folder, path) = try approvedProject()
    let mmp = folder.appendingPathComponent("map.mmp").path
    #expect(try Hark.run(["export", "--project", path, "--format", "mmp", "--output", mmp], in: folder).status == 0)
    let copy = folder.appendingPathComponent("copy.sqlite").path
    try Hark.run(["init", copy], in: folder)
    let result = try Hark.run(["import", "--project", copy, mmp], in: folder)
    #expect(
      result.stdout
        == "map.mmp (Mental Modeler project): 5 concepts added, 0 already in the project; "
        + "3 links added and 0 updated, all accepted\n")
    func links(_ path: String) throws -> [String] {
      try ProjectStore(path: path).links().map { "\($0.cause) → \($0.effect) \($0.status) \($0.weight)" }.sorted()
    }
    #expect(try links(copy) == links(path))
  }

  @Test("a bad map file is refused with its reason and the project is unchanged")
  func refusesBadFiles() throws {
    let (folder, path) = try approvedProject()
    let before = try Snapshot(path)
    let bomb = try write(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<mentalmodeler/>",
      "bomb.mmp", in: folder)
    let malformed = try write("<mentalmodeler><concepts>\n", "cut.mmp", in: folder)
    let ragged = try write(",a,b\na,0.5\nb,,\n", "ragged.csv", in: folder)
    let result = try Hark.run(["import", "--project", path, bomb, malformed, ragged], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr == """
        error: bomb.mmp:2: has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare \
        entities that expand without end or read other files. Remove the <!DOCTYPE …> declaration, or export \
        the file again from its tool
        error: cut.mmp:1: is not well-formed XML. Check that the file is complete, or export it again from its tool
        error: ragged.csv:2: the row "a" has 1 weight cells but the first row names 2 concepts. Give every row one \
        cell per concept (leave a cell empty for no link)
        Error: 3 of 3 files were not imported (each left the project as it was; the error above says what to do):
          bomb.mmp: has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare \
        entities that expand without end or read other files
          cut.mmp: is not well-formed XML
          ragged.csv: the row "a" has 1 weight cells but the first row names 2 concepts

        """)
    #expect(try Snapshot(path) == before)
  }

  @Test("a map whose link joins two names that are one concept in the project is refused and nothing is kept")
  func rollsBackOnConflict() throws {
    let (folder, path) = try approvedProject()
    let before = try Snapshot(path)
    let csv = try write(",Calm,calm.\nCalm,,0.5\ncalm.,,\n", "m.csv", in: folder)
    let result = try Hark.run(["import", "--project", path, csv], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "error: m.csv: \"Calm\" and \"calm.\" are the same concept in this project. "
        + "Merge or rename them in the file so that each link joins two different concepts\n"
        + "Error: 1 of 1 file was not imported (each left the project as it was; the error above says what to do):\n"
        + "  m.csv: \"Calm\" and \"calm.\" are the same concept in this project\n")
    #expect(try Snapshot(path) == before)
  }

  @Test("a link from a concept to itself is refused before anything is written")
  func refusesSelfLink() throws {
    let (folder, path) = try approvedProject()
    let before = try Snapshot(path)
    let csv = try write(",a\na,1\n", "m.csv", in: folder)
    let result = try Hark.run(["import", "--project", path, csv], in: folder)
    #expect(
      result.stderr
        == "error: m.csv: the concept \"a\" is linked to itself. "
        + "Hark's links join two different concepts; remove that link from the map and import again\n"
        + "Error: 1 of 1 file was not imported (each left the project as it was; the error above says what to do):\n"
        + "  m.csv: the concept \"a\" is linked to itself\n")
    #expect(try Snapshot(path) == before)
  }

  @Test("map paths lists chains within k steps, and --same-source keeps those one source told in full")
  func paths() throws {
    let (folder, path) = try approvedProject()
    let csv = try write(",less alone,hope\nless alone,,0.5\nhope,,\n", "m.csv", in: folder)
    #expect(try Hark.run(["import", "--project", path, csv], in: folder).status == 0)
    let all = try Hark.run(["map", "paths", "Peer group", "hope", "--max-steps", "2", "--project", path], in: folder)
    #expect(
      all.stdout == """
        2 chains from "peer group" to "hope" within 2 steps:
          peer group → hope  (weight +0.6; told in full by Grace)
          peer group → less alone → hope  (weight +0.3; no one source told all of it)

        """)
    let told = try Hark.run(
      ["map", "paths", "peer group", "hope", "--max-steps", "2", "--same-source", "--project", path], in: folder)
    #expect(
      told.stdout == """
        1 chain from "peer group" to "hope" within 2 steps told in full by one source:
          peer group → hope  (weight +0.6; told in full by Grace)

        """)
    let short = try Hark.run(["map", "paths", "waiting list", "hope", "--project", path], in: folder)
    #expect(short.stdout == "No chains from \"waiting list\" to \"hope\" within 3 steps\n")
  }

  @Test("map paths refuses an unknown concept and a step limit out of range")
  func pathsRefusals() throws {
    let (folder, path) = try approvedProject()
    let unknown = try Hark.run(["map", "paths", "peer group", "sunshine", "--project", path], in: folder)
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "Error: sunshine: no concept \"sunshine\" in the approved map. Run `hark map stats` or `hark concepts` "
        + "to see the concepts; only concepts joined by accepted links are in the map\n")
    let steps = try Hark.run(["map", "paths", "a", "b", "--max-steps", "0", "--project", path], in: folder)
    #expect(steps.status == 64)
    #expect(steps.stderr.hasPrefix("Error: --max-steps must be from 1 to 12\n"))
  }

  @Test("map paths and map voices refuse a project with no accepted links")
  func refusesNoMap() throws {
    let (folder, path) = try KnownProject.make()
    for arguments in [["map", "paths", "peer group", "hope"], ["map", "voices"]] {
      let result = try Hark.run(arguments + ["--project", path], in: folder)
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "Error: \(path): the project has no accepted links, so there is no map yet. "
          + "Accept links with `hark links accept L1 L2 …`\n")
    }
  }

  @Test("map voices counts each group's sources per link and concept and flags one-group links")
  func voices() throws {
    let (folder, path) = try approvedProject()
    let result = try Hark.run(["map", "voices", "--project", path], in: folder)
    #expect(
      result.stdout == """
        Groups: carers, people using services
        Links
          L2  waiting list → anxiety  people using services 1  [one group only]
          L1  peer group → less alone  people using services 1  [one group only]
          L3  peer group → hope  carers 1  [one group only]
        Concepts
          C1  peer group  carers 1, people using services 1
          C2  less alone  people using services 1
          C3  waiting list  people using services 1
          C4  anxiety  people using services 1
          C5  hope  carers 1
        3 of 3 links rest on one group only

        """)
  }

  @Test("map voices --group shows the map as one group tells it, --json as JSON, and refuses an unknown group")
  func voicesOfOneGroup() throws {
    let (folder, path) = try approvedProject()
    let carers = try Hark.run(["map", "voices", "--group", "carers", "--project", path], in: folder)
    #expect(
      carers.stdout == """
        The map as carers tell it: 2 concepts, 1 links
          L3  peer group → hope  (weight +0.6, 1 source)

        """)
    let json = try Hark.run(["map", "voices", "--json", "--project", path], in: folder)
    #expect(
      json.stdout.hasPrefix(
        """
        {
          "groups": ["carers", "people using services"],
          "links": [
            {"id": "L2", "cause": "waiting list", "effect": "anxiety", "sources": {"people using services": 1}, "oneGroupOnly": true},
        """))
    let unknown = try Hark.run(["map", "voices", "--group", "funders", "--project", path], in: folder)
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr
        == "Error: \(path): no source behind the approved map belongs to the group \"funders\". "
        + "Groups behind the map: carers, people using services\n")
  }
}
