// `hark export --format mental-modeler|graphml` write the approved map through
// HarkMap (as mmp, dot and map-json do), say what each format leaves out, and
// what they write comes back in through `hark import`.
import Foundation
import HarkStore
import Testing

@Suite("Map exports: Mental Modeler CSV and GraphML")
struct MapExportFormatsTests {
  static let evidence =
    "quotes, participants, panel votes and decisions (the map carries their result, not them)"

  /// The known project with its three links accepted, exported in `format`: what was printed and the file.
  func export(_ format: String) throws -> (stdout: String, text: String, output: String, folder: URL) {
    let (folder, path) = try KnownProject.make()
    let accepted = try Hark.run(["links", "accept", "L1", "L2", "L3", "--project", path], in: folder)
    #expect(accepted.status == 0, "\(accepted.stderr)")
    let output = folder.appendingPathComponent("out.\(format == "graphml" ? "graphml" : "csv")").path
    let result = try Hark.run(["export", "--project", path, "--format", format, "--output", output], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    // Decoded by hand: Foundation would drop a byte order mark.
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
    return (result.stdout, text, output, folder)
  }

  @Test(
    "mental-modeler: the approved map as Mental Modeler's matrix (BOM, every cell quoted, CRLF), and what it leaves out"
  )
  func mentalModeler() throws {
    let (stdout, text, output, _) = try export("mental-modeler")
    #expect(
      stdout == """
        Wrote \(output) (mental-modeler, approved map: 5 concepts, 3 links)
        Not carried in mental-modeler:
          confidence, citations and sources of each link (a matrix holds one weight per cause and effect)
          link and concept ids
          \(Self.evidence)

        """)
    #expect(
      text
        == "\u{FEFF}\"\",\"peer group\",\"less alone\",\"waiting list\",\"anxiety\",\"hope\"\r\n"
        + "\"peer group\",\"\",\"0.6\",\"\",\"\",\"0.6\"\r\n"
        + "\"less alone\",\"\",\"\",\"\",\"\",\"\"\r\n"
        + "\"waiting list\",\"\",\"\",\"\",\"0.8\",\"\"\r\n"
        + "\"anxiety\",\"\",\"\",\"\",\"\",\"\"\r\n"
        + "\"hope\",\"\",\"\",\"\",\"\",\"\"\r\n")
  }

  @Test("graphml: the approved map with weight, polarity, confidence, citations and sources as data keys")
  func graphml() throws {
    let (stdout, text, output, _) = try export("graphml")
    #expect(
      stdout == """
        Wrote \(output) (graphml, approved map: 5 concepts, 3 links)
        Not carried in graphml:
          \(Self.evidence)

        """)
    #expect(
      text == """
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
            <node id="C1">
              <data key="label">peer group</data>
            </node>
            <node id="C2">
              <data key="label">less alone</data>
            </node>
            <node id="C3">
              <data key="label">waiting list</data>
            </node>
            <node id="C4">
              <data key="label">anxiety</data>
            </node>
            <node id="C5">
              <data key="label">hope</data>
            </node>
            <edge id="L2" source="C3" target="C4">
              <data key="weight">0.8</data>
              <data key="polarity">1</data>
              <data key="confidence">0.8</data>
              <data key="citations">1</data>
              <data key="sources">1</data>
            </edge>
            <edge id="L1" source="C1" target="C2">
              <data key="weight">0.6</data>
              <data key="polarity">1</data>
              <data key="confidence">0.8</data>
              <data key="citations">1</data>
              <data key="sources">1</data>
            </edge>
            <edge id="L3" source="C1" target="C5">
              <data key="weight">0.6</data>
              <data key="polarity">1</data>
              <data key="confidence">0.8</data>
              <data key="citations">1</data>
              <data key="sources">1</data>
            </edge>
          </graph>
        </graphml>

        """)
  }

  @Test("a mental-modeler export imported into a new project gives the same accepted links")
  func roundTrip() throws {
    let (_, _, output, folder) = try export("mental-modeler")
    let fresh = folder.appendingPathComponent("fresh.sqlite").path
    #expect(try Hark.run(["init", fresh], in: folder).status == 0)
    let result = try Hark.run(["import", "--project", fresh, output], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "out.csv (Mental Modeler matrix): 5 concepts added, 0 already in the project; "
        + "3 links added and 0 updated, all accepted\n")
    let links = try ProjectStore(path: fresh).links().map { "\($0.cause) → \($0.effect) \($0.status) \($0.weight)" }
    #expect(
      links.sorted() == [
        "peer group → hope accepted 0.6", "peer group → less alone accepted 0.6",
        "waiting list → anxiety accepted 0.8",
      ])
  }

  @Test("graphml and mental-modeler refuse a project with no accepted links, and write nothing")
  func refusesEmptyMap() throws {
    let (folder, path) = try KnownProject.make()
    for format in ["graphml", "mental-modeler"] {
      let output = folder.appendingPathComponent("map.\(format)").path
      let result = try Hark.run(["export", "--project", path, "--format", format, "--output", output], in: folder)
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "Error: \(path): the project has no accepted links, so there is no map to export. "
          + "Accept links with `hark links accept L1 L2 …`, then export again\n")
      #expect(!FileManager.default.fileExists(atPath: output))
    }
  }
}
