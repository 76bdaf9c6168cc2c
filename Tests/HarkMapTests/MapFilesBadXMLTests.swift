// Mental Modeler .mmp files that crashed the reader: a name byte that is not UTF-8 (SIGILL
// inside Foundation's parser) and nesting 100,000 deep (a stack overflow).
import Foundation
import HarkMap
import Testing

@Suite("Map files: .mmp XML that is not UTF-8 or nests too deep is refused")
struct MapFilesBadXMLTests {
  func refusal(_ bytes: [UInt8]) -> String {
    do {
      let map = try MentalModelerMMP.read(Data(bytes), file: "m.mmp")
      return "read \(map.concepts.count) concepts"
    } catch {
      return "\(error)"
    }
  }

  @Test("an element name with a byte that is not UTF-8 is refused with its line")
  func invalidName() {
    let bytes =
      Array("<?xml version=\"1.0\"?>\n<mentalmodeler>\n<con".utf8) + [0xFF] + Array("cepts/></mentalmodeler>".utf8)
    #expect(
      refusal(bytes)
        == "m.mmp:3: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("an attribute name with a byte that is not UTF-8 is refused with its line")
  func invalidAttribute() {
    let bytes = Array("<?xml version=\"1.0\"?>\n<mentalmodeler a".utf8) + [0xC0, 0xAF] + Array("=\"1\"/>".utf8)
    #expect(
      refusal(bytes)
        == "m.mmp:2: this line has bytes that are not valid UTF-8, which XML files must be. Export the file again from the program that made it; Hark changed nothing"
    )
  }

  @Test("elements nested 100,000 deep are refused at the limit")
  func deepNesting() {
    let bytes = Array(
      ("<mentalmodeler>\n" + String(repeating: "<c>", count: 100_000) + String(repeating: "</c>", count: 100_000)
        + "</mentalmodeler>").utf8)
    #expect(
      refusal(bytes)
        == "m.mmp:2: has XML elements nested more than 256 deep, the most Hark reads. No transcript, project or map needs that; export the file again from the program that made it"
    )
  }
}
