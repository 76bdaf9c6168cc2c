// Mental Modeler .mmp, GraphML, DOT and map JSON: whole documents for a small
// map with a quote, an accent and an emoji, and every refusal on reading.
import Foundation
import HarkMap
import HarkStore
import HarkTestSupport
import Testing

enum SmallMap {
  static let map = CognitiveMap(
    concepts: [
      .init(name: "Peer \"support\"", projectID: 3), .init(name: "Café & chat", projectID: 5),
      .init(name: "Hope 🌱", projectID: 9),
    ],
    links: [
      .init(cause: 0, effect: 1, weight: 0.5, confidence: 0.9, citations: 4, sources: 2, projectID: 1),
      .init(cause: 1, effect: 2, weight: -0.25, confidence: 0.3, citations: 1, sources: 1, projectID: 7),
    ])
}

@Suite("Map files: Mental Modeler project (.mmp)")
struct MapFilesMMPTests {
  func refusal(_ xml: String) -> String {
    do {
      let map = try MentalModelerMMP.read(Data(xml.utf8), file: "m.mmp")
      return "read \(map.concepts.count) concepts"
    } catch {
      return "\(error)"
    }
  }

  @Test("writes the whole project: info, six unnamed groups, concepts on a grid, relationships under their cause")
  func writesProject() {
    #expect(
      MentalModelerMMP.write(SmallMap.map, title: "Peer <study>") == """
        <?xml version="1.0" encoding="UTF-8"?>
        <mentalmodeler>
          <info>
            <id></id>
            <name>Peer &lt;study&gt;</name>
            <version>1.0</version>
            <date></date>
            <author>Hark</author>
          </info>
          <groupNames>
            <groupName index="0"></groupName>
            <groupName index="1"></groupName>
            <groupName index="2"></groupName>
            <groupName index="3"></groupName>
            <groupName index="4"></groupName>
            <groupName index="5"></groupName>
          </groupNames>
          <concepts>
            <concept>
              <id>1</id>
              <name>Peer &quot;support&quot;</name>
              <notes></notes>
              <units></units>
              <group>0</group>
              <x>100</x>
              <y>100</y>
              <preferredState>0</preferredState>
              <relationships>
                <relationship>
                  <id>2</id>
                  <name>Café &amp; chat</name>
                  <notes>4 citations from 2 sources</notes>
                  <confidence>3</confidence>
                  <influence>0.5</influence>
                </relationship>
              </relationships>
            </concept>
            <concept>
              <id>2</id>
              <name>Café &amp; chat</name>
              <notes></notes>
              <units></units>
              <group>0</group>
              <x>320</x>
              <y>100</y>
              <preferredState>0</preferredState>
              <relationships>
                <relationship>
                  <id>3</id>
                  <name>Hope 🌱</name>
                  <notes>1 citations from 1 sources</notes>
                  <confidence>1</confidence>
                  <influence>-0.25</influence>
                </relationship>
              </relationships>
            </concept>
            <concept>
              <id>3</id>
              <name>Hope 🌱</name>
              <notes></notes>
              <units></units>
              <group>0</group>
              <x>100</x>
              <y>250</y>
              <preferredState>0</preferredState>
              <relationships></relationships>
            </concept>
          </concepts>
          <scenarios></scenarios>
        </mentalmodeler>

        """)
  }

  @Test("reads back what it writes: names, weights, confidence on Mental Modeler's 0 … 3 scale")
  func roundTrip() throws {
    let back = try MentalModelerMMP.read(Data(MentalModelerMMP.write(SmallMap.map, title: "t").utf8), file: "m.mmp")
    #expect(back.concepts.map(\.name) == ["Peer \"support\"", "Café & chat", "Hope 🌱"])
    #expect(
      back.links == [
        .init(cause: 0, effect: 1, weight: 0.5, confidence: 1),
        .init(cause: 1, effect: 2, weight: -0.25, confidence: 1 / 3),
      ])
  }

  @Test("reads a file as Mental Modeler writes it: <mentalModeler>, ids, empty confidence, zero influence skipped")
  func readsMentalModelerFile() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <mentalModeler><info><name>Fire</name></info><groupNames/><concepts>
      <concept><id>c1</id><name>Natural Beauty</name><group>0</group><x>735</x><y>135</y><relationships>
      <relationship><id>c2</id><name>Property Damage</name><notes/><confidence></confidence><influence>-0.55</influence></relationship>
      <relationship><id>c3</id><name>Other</name><confidence>-2</confidence><influence>0</influence></relationship>
      </relationships></concept>
      <concept><id>c2</id><name> Property Damage </name><relationships><relationship><id>c3</id><confidence>-2</confidence><influence>1</influence></relationship></relationships></concept>
      <concept><id>c3</id><name><![CDATA[Other & more]]></name></concept>
      </concepts><scenarios/></mentalModeler>
      """
    let map = try MentalModelerMMP.read(Data(xml.utf8), file: "fire.mmp")
    #expect(map.concepts.map(\.name) == ["Natural Beauty", "Property Damage", "Other & more"])
    #expect(
      map.links == [
        .init(cause: 0, effect: 1, weight: -0.55, confidence: 1), .init(cause: 1, effect: 2, weight: 1, confidence: 0),
      ])
  }

  @Test("a document type declaration is refused before parsing: an entity expansion bomb")
  func refusesEntityBomb() {
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
        <!ENTITY lol "lol">
        <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
      ]>
      <mentalmodeler><concepts><concept><id>1</id><name>&lol3;</name></concept></concepts></mentalmodeler>
      """
    #expect(
      refusal(xml)
        == "m.mmp:2: has a document type declaration (<!DOCTYPE …>), which Hark refuses: "
        + "it can declare entities that expand without end or read other files. "
        + "Remove the <!DOCTYPE …> declaration, or export the file again from its tool")
  }

  @Test("a document type declaration is refused: an external entity that would read a file")
  func refusesExternalEntity() {
    let xml = """
      <?xml version="1.0"?><!doctype m [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <mentalmodeler><concepts><concept><id>1</id><name>&secret;</name></concept></concepts></mentalmodeler>
      """
    #expect(refusal(xml).hasPrefix("m.mmp:1: has a document type declaration (<!DOCTYPE …>), which Hark refuses"))
  }

  @Test("a DOCTYPE behind a long comment that itself holds tags is still refused")
  func refusesDoctypeAfterComments() {
    let comment = "<!-- <concept> " + String(repeating: "x", count: 100_000) + " -->\n"
    let xml =
      "<?xml version=\"1.0\"?>\n<?style <a>?>\n" + comment + "<!DOCTYPE m [<!ENTITY a \"b\">]>\n<mentalmodeler/>"
    #expect(refusal(xml).hasPrefix("m.mmp:4: has a document type declaration (<!DOCTYPE …>), which Hark refuses"))
  }

  @Test("DOCTYPE-like text after the root element begins is left to the parser")
  func scansOnlyTheProlog() throws {
    let xml =
      "<mentalmodeler><concepts><concept><id>1</id><name>&lt;!DOCTYPE x&gt;</name></concept></concepts></mentalmodeler>"
    #expect(try MentalModelerMMP.read(Data(xml.utf8), file: "m.mmp").concepts.map(\.name) == ["<!DOCTYPE x>"])
  }

  @Test("malformed XML is refused with the line where the parser stopped")
  func refusesMalformed() {
    #expect(
      refusal("<mentalmodeler>\n<concepts>\n<concept>\n</mentalmodeler>\n")
        == "m.mmp:4: is not well-formed XML. "
        + "Check that the file is complete, or export it again from its tool")
  }

  @Test("another XML document is refused by its root element")
  func refusesOtherRoot() {
    #expect(
      refusal("<graphml>\n</graphml>")
        == "m.mmp:1: is not a Mental Modeler project: its root element is <graphml>, not <mentalmodeler>. "
        + "Save the map from Mental Modeler as a project (.mmp) and import that file")
  }

  @Test("a relationship to a concept id that does not exist is refused")
  func refusesDanglingRelationship() {
    let xml = """
      <mentalmodeler><concepts>
      <concept><id>1</id><name>a</name><relationships>
      <relationship><id>9</id><influence>0.5</influence></relationship>
      </relationships></concept></concepts></mentalmodeler>
      """
    #expect(
      refusal(xml)
        == "m.mmp:3: a relationship of \"a\" points to the concept id \"9\", which no concept has. "
        + "Remove the relationship or add the missing concept")
  }

  @Test("an influence that is not a number, or outside -1 … 1, is refused")
  func refusesBadInfluence() {
    func xml(_ influence: String) -> String {
      "<mentalmodeler><concepts>\n<concept><id>1</id><name>a</name><relationships>\n"
        + "<relationship><id>2</id><influence>\(influence)</influence></relationship>\n"
        + "</relationships></concept>\n<concept><id>2</id><name>b</name></concept></concepts></mentalmodeler>"
    }
    #expect(
      refusal(xml("H+"))
        == "m.mmp:3: the influence \"H+\" from \"a\" to \"b\" is not a number. "
        + "Give every relationship a numeric influence between -1 and 1")
    #expect(
      refusal(xml("-2"))
        == "m.mmp:3: the influence -2 from \"a\" to \"b\" is outside -1 … 1. Scale the influence to lie between -1 and 1"
    )
  }

  @Test("a confidence that is not a number is refused")
  func refusesBadConfidence() {
    let xml = """
      <mentalmodeler><concepts>
      <concept><id>1</id><name>a</name><relationships>
      <relationship><id>2</id><confidence>high</confidence><influence>0.5</influence></relationship>
      </relationships></concept><concept><id>2</id><name>b</name></concept></concepts></mentalmodeler>
      """
    #expect(
      refusal(xml)
        == "m.mmp:3: the confidence \"high\" from \"a\" to \"b\" is not a number. Use a whole number from -3 to 3, or leave it empty"
    )
  }

  @Test("concepts without an id or a name, with a repeated id or a repeated name are refused")
  func refusesBadConcepts() {
    #expect(
      refusal("<mentalmodeler><concepts>\n<concept><name>a</name></concept></concepts></mentalmodeler>")
        == "m.mmp:2: a concept has no <id>. Every <concept> needs an <id> that its relationships can point to")
    #expect(
      refusal("<mentalmodeler><concepts>\n<concept><id>1</id></concept></concepts></mentalmodeler>")
        == "m.mmp:2: the concept with id 1 has no <name>. Give the concept a name in Mental Modeler and save again")
    #expect(
      refusal(
        "<mentalmodeler><concepts>\n<concept><id>1</id><name>a</name></concept>\n"
          + "<concept><id>1</id><name>b</name></concept></concepts></mentalmodeler>")
        == "m.mmp:3: two concepts have the id 1. Give every concept its own <id>")
    #expect(
      refusal(
        "<mentalmodeler><concepts>\n<concept><id>1</id><name>a</name></concept>\n"
          + "<concept><id>2</id><name>a</name></concept></concepts></mentalmodeler>")
        == "m.mmp:3: the concept \"a\" appears twice (first on line 2). Merge or rename the duplicate concepts")
  }
}

@Suite("Map files: GraphML, DOT and JSON")
struct MapFilesGraphTests {
  static let graphML = """
    <?xml version="1.0" encoding="UTF-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
      <key id="label" for="node" attr.name="label" attr.type="string"/>
      <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
      <key id="polarity" for="edge" attr.name="polarity" attr.type="int"/>
      <key id="confidence" for="edge" attr.name="confidence" attr.type="double"/>
      <key id="citations" for="edge" attr.name="citations" attr.type="int"/>
      <key id="sources" for="edge" attr.name="sources" attr.type="int"/>
      <graph id="map" edgedefault="directed">
        <node id="C3">
          <data key="label">Peer &quot;support&quot;</data>
        </node>
        <node id="C5">
          <data key="label">Café &amp; chat</data>
        </node>
        <node id="C9">
          <data key="label">Hope 🌱</data>
        </node>
        <edge id="L1" source="C3" target="C5">
          <data key="weight">0.5</data>
          <data key="polarity">1</data>
          <data key="confidence">0.9</data>
          <data key="citations">4</data>
          <data key="sources">2</data>
        </edge>
        <edge id="L7" source="C5" target="C9">
          <data key="weight">-0.25</data>
          <data key="polarity">-1</data>
          <data key="confidence">0.3</data>
          <data key="citations">1</data>
          <data key="sources">1</data>
        </edge>
      </graph>
    </graphml>

    """

  @Test("GraphML carries weight, polarity, confidence, citations and sources as data keys")
  func writesGraphML() {
    #expect(MapGraphML.write(SmallMap.map) == Self.graphML)
  }

  @Test("the GraphML is well-formed XML by xmllint")
  func graphMLIsWellFormed() throws {
    let folder = try makeTemporaryFolder("hark-graphml")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("map.graphml")
    try Data(MapGraphML.write(SmallMap.map).utf8).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xmllint", "--noout", file.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(message == "")
  }

  @Test("nodes and edges without project ids are numbered by position")
  func numbersFileMaps() {
    let map = CognitiveMap(
      concepts: [.init(name: "a"), .init(name: "b")], links: [.init(cause: 1, effect: 0, weight: 1)])
    let text = MapGraphML.write(map)
    #expect(text.contains("    <node id=\"n1\">\n"))
    #expect(text.contains("    <edge id=\"e0\" source=\"n1\" target=\"n0\">\n"))
  }

  @Test("DOT escapes labels, colours by polarity, widens by |weight| and dashes low confidence")
  func writesDOT() {
    #expect(
      MapDOT.write(SmallMap.map, title: "a \"b\"\\c") == #"""
        digraph "a \"b\"\\c" {
          graph [rankdir=LR];
          node [shape=box, style=rounded, fontname="Helvetica"];
          edge [fontname="Helvetica", fontsize=10];
          C3 [label="Peer \"support\""];
          C5 [label="Café & chat"];
          C9 [label="Hope 🌱"];
          C3 -> C5 [color="#2e7d32", penwidth=2.5, label="0.5"];
          C5 -> C9 [color="#c62828", penwidth=1.75, label="-0.25", style=dashed];
        }

        """#)
  }

  @Test("Graphviz parses the DOT, escaped quotes and backslashes included")
  func dotParses() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["dot", "-Tcanon"]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(MapDOT.write(SmallMap.map, title: "a \"b\"\\c").utf8))
    try input.fileHandleForWriting.close()
    let canonical = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(message == "")
    #expect(canonical.contains(#"C3 -> C5"#))
    #expect(canonical.contains(#"label="Peer \"support\"""#))
  }

  @Test("map JSON lists concepts and links with every number, names unescaped UTF-8")
  func writesJSON() {
    #expect(
      MapJSON.write(SmallMap.map) == #"""
        {
          "format": "hark-map",
          "version": 1,
          "concepts": [
            {"index": 0, "name": "Peer \"support\"", "id": "C3"},
            {"index": 1, "name": "Café & chat", "id": "C5"},
            {"index": 2, "name": "Hope 🌱", "id": "C9"}
          ],
          "links": [
            {"id": "L1", "cause": 0, "effect": 1, "causeName": "Peer \"support\"", "effectName": "Café & chat", "weight": 0.5, "confidence": 0.9, "citations": 4, "sources": 2},
            {"id": "L7", "cause": 1, "effect": 2, "causeName": "Café & chat", "effectName": "Hope 🌱", "weight": -0.25, "confidence": 0.3, "citations": 1, "sources": 1}
          ]
        }

        """#)
  }

  @Test("map JSON of an empty map is still a document")
  func writesEmptyJSON() {
    #expect(
      MapJSON.write(CognitiveMap(concepts: [], links: []))
        == "{\n  \"format\": \"hark-map\",\n  \"version\": 1,\n  \"concepts\": [],\n  \"links\": []\n}\n")
  }
}

@Suite("Map files: reading a file for import")
struct MapImportReadTests {
  func refusal(_ name: String, _ bytes: [UInt8]?) throws -> String {
    let folder = try makeTemporaryFolder("hark-mapread")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent(name)
    if let bytes { try Data(bytes).write(to: url) }
    do {
      let map = try MapImport.read(contentsOf: url)
      return "read \(map.concepts.count) concepts"
    } catch {
      return "\(error)"
    }
  }

  @Test("a matrix and a project are read by their extension, in any case")
  func readsByExtension() throws {
    #expect(try refusal("m.CSV", Array(",a,b\na,,1\nb,,\n".utf8)) == "read 2 concepts")
    #expect(try refusal("m.mmp", Array("<mentalmodeler><concepts/></mentalmodeler>".utf8)) == "read 0 concepts")
  }

  @Test("a missing file, a matrix not in UTF-8 and another kind of file are refused")
  func refusesUnreadable() throws {
    #expect(
      try refusal("gone.csv", nil) == "gone.csv: the file does not exist. Check the path and that you may read the file"
    )
    #expect(
      try refusal("latin.csv", [0x2C, 0x43, 0x61, 0x66, 0xE9, 0x0A, 0x43, 0x61, 0x66, 0xE9, 0x2C, 0x0A])
        == "latin.csv: is not UTF-8 text. Save the matrix again as CSV with the encoding UTF-8")
    #expect(
      try refusal("map.xlsx", [0x50, 0x4B])
        == "map.xlsx: is not a map file Hark reads. Import a Mental Modeler project (.mmp) or weight matrix (.csv)")
  }
}
