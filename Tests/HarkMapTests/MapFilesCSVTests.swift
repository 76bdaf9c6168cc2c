import HarkMap
// Mental Modeler's matrix CSV: what is read, what is written, and every refusal.
import HarkStore
import Testing

@Suite("Map files: Mental Modeler matrix CSV")
struct MapFilesCSVTests {
  func refusal(_ text: String) -> String {
    do {
      let map = try MentalModelerCSV.read(text, file: "m.csv")
      return "read \(map.concepts.count) concepts"
    } catch {
      return "\(error)"
    }
  }

  @Test("reads a matrix with a BOM, CRLF, quoted names, trailing empty columns and a blank line")
  func readsTolerantly() throws {
    let text =
      "\u{FEFF},\"Peer \"\"support\"\"\",\"waiting, list\",hope,,\r\n"
      + "\"Peer \"\"support\"\"\",,0.5, ,,\r\n"
      + "\r\n"
      + "\"waiting, list\",-1,,-0.25\r\n"
      + "hope,,0,\r\n"
    let map = try MentalModelerCSV.read(text, file: "m.csv")
    #expect(map.concepts.map(\.name) == ["Peer \"support\"", "waiting, list", "hope"])
    #expect(
      map.links == [
        CognitiveMap.Link(cause: 0, effect: 1, weight: 0.5),
        CognitiveMap.Link(cause: 1, effect: 0, weight: -1),
        CognitiveMap.Link(cause: 1, effect: 2, weight: -0.25),
      ])
  }

  @Test("rows may come in another order than the columns")
  func rowsInAnyOrder() throws {
    let map = try MentalModelerCSV.read(",a,b\nb,0.3,\na,,\n", file: "m.csv")
    #expect(map.concepts.map(\.name) == ["a", "b"])
    #expect(map.links == [CognitiveMap.Link(cause: 1, effect: 0, weight: 0.3)])
  }

  @Test("writes as Mental Modeler does: BOM, every cell quoted, \"\" for no link, CRLF; weights in shortest form")
  func writesMatrix() {
    let map = CognitiveMap(
      concepts: [.init(name: "Peer \"support\""), .init(name: "Café"), .init(name: "Hope 🌱")],
      links: [
        .init(cause: 0, effect: 1, weight: 0.5), .init(cause: 1, effect: 2, weight: -0.25),
        .init(cause: 2, effect: 0, weight: 1),
      ])
    #expect(
      MentalModelerCSV.write(map)
        == "\u{FEFF}\"\",\"Peer \"\"support\"\"\",\"Café\",\"Hope 🌱\"\r\n"
        + "\"Peer \"\"support\"\"\",\"\",\"0.5\",\"\"\r\n"
        + "\"Café\",\"\",\"\",\"-0.25\"\r\n"
        + "\"Hope 🌱\",\"1\",\"\",\"\"\r\n")
  }

  @Test("weights are written the way people read them: no arithmetic noise, every meaningful decimal kept")
  func weightsAsPeopleReadThem() {
    #expect(
      [0.84 + 1e-16, 0.1 + 0.2, 60.0 / 91.0, -0.36, 1, -0.0, 0.000001, 1e-13].map(MapNumber.text) == [
        "0.84", "0.3", "0.659340659341", "-0.36", "1", "0", "0.000001", "0",
      ])
    let map = CognitiveMap(
      concepts: [.init(name: "a"), .init(name: "b")], links: [.init(cause: 0, effect: 1, weight: 0.84 + 1e-16)])
    #expect(MapDOT.write(map).contains("label=\"0.84\""))
    #expect(MentalModelerCSV.write(map).contains("\"0.84\""))
  }

  @Test("what is written reads back as the same map")
  func roundTrip() throws {
    let map = CognitiveMap(
      concepts: [.init(name: " spaced "), .init(name: "a,b"), .init(name: "line\nbreak")],
      links: [.init(cause: 0, effect: 1, weight: 0.125), .init(cause: 2, effect: 0, weight: -0.7)])
    let back = try MentalModelerCSV.read(MentalModelerCSV.write(map), file: "m.csv")
    #expect(back.concepts.map(\.name) == ["spaced", "a,b", "line\nbreak"])
    #expect(back.links == map.links)
  }

  @Test("links sharing a cause and effect are summed within -1 … 1 when written")
  func sumsSharedPairs() {
    let map = CognitiveMap(
      concepts: [.init(name: "a"), .init(name: "b")],
      links: [.init(cause: 0, effect: 1, weight: 0.75), .init(cause: 0, effect: 1, weight: 0.5)])
    #expect(MentalModelerCSV.write(map) == "\u{FEFF}\"\",\"a\",\"b\"\r\n\"a\",\"\",\"1\"\r\n\"b\",\"\",\"\"\r\n")
  }

  @Test("a weight that is not a number is refused with its file, line and cell")
  func refusesNonNumeric() {
    #expect(
      refusal(",a,b\na,,strong\nb,,\n")
        == "m.csv:2: the weight \"strong\" from \"a\" to \"b\" is not a number. "
        + "Write weights as decimal numbers between -1 and 1, like -0.5")
  }

  @Test("a weight outside -1 … 1 is refused")
  func refusesOutOfRange() {
    #expect(
      refusal(",a,b\na,,\nb,1.5,\n")
        == "m.csv:3: the weight 1.5 from \"b\" to \"a\" is outside -1 … 1. "
        + "Scale the weights so that each lies between -1 and 1")
  }

  @Test("a row with fewer cells than concepts is refused")
  func refusesRaggedRow() {
    #expect(
      refusal(",a,b,c\na,,\nb,,,\nc,,,\n")
        == "m.csv:2: the row \"a\" has 2 weight cells but the first row names 3 concepts. "
        + "Give every row one cell per concept (leave a cell empty for no link)")
  }

  @Test("a row with a number beyond the last column is refused")
  func refusesExtraWeight() {
    #expect(
      refusal(",a,b\na,,,0.5\nb,,\n")
        == "m.csv:2: the row \"a\" has 3 weight cells but the first row names 2 concepts. "
        + "Give every row one cell per concept (leave a cell empty for no link)")
  }

  @Test("a concept named by two columns is refused")
  func refusesDuplicateColumn() {
    #expect(
      refusal(",a,a\na,,\n")
        == "m.csv:1: the concept \"a\" names two columns. Each concept appears once; merge or rename the duplicates")
  }

  @Test("a concept with two rows is refused, naming both lines")
  func refusesDuplicateRow() {
    #expect(
      refusal(",a,b\na,,\na,,\nb,,\n")
        == "m.csv:3: the concept \"a\" has a second row (the first is on line 2). "
        + "Each concept has one row; merge or remove the duplicate")
  }

  @Test("a matrix with a missing row is refused as not square")
  func refusesMissingRow() {
    #expect(
      refusal(",a,b,c\na,,,\n")
        == "m.csv: the matrix is not square: no row for \"b\", \"c\". Add one row for each concept named in the first row"
    )
  }

  @Test("a row naming a concept the first row does not name is refused")
  func refusesUnknownRow() {
    #expect(
      refusal(",a\nz,\n")
        == "m.csv:2: the row \"z\" is not one of the 1 concepts named in the first row. "
        + "The matrix must be square: one row for each concept named in the first row, in its first cell")
  }

  @Test("a row without a name is refused")
  func refusesNamelessRow() {
    #expect(
      refusal(",a\n,0.5\n")
        == "m.csv:2: the row has no concept name in its first cell. "
        + "The matrix must be square: one row for each concept named in the first row, in its first cell")
  }

  @Test("an empty column name is refused")
  func refusesEmptyColumnName() {
    #expect(
      refusal(",a,,b\n") == "m.csv:1: column 3 of the first row has no concept name. Give every column a concept name")
  }

  @Test("an empty file and a first row without names are refused")
  func refusesEmpty() {
    #expect(
      refusal("\u{FEFF}\r\n")
        == "m.csv: the file has no matrix. "
        + "A Mental Modeler matrix starts with a row of concept names: an empty cell, then one name per column")
    #expect(
      refusal("corner,,\na,\n")
        == "m.csv:1: the first row names no concepts. Put the concept names in the first row, after one empty cell")
  }

  @Test("a participants list is refused with a pointer to --participants")
  func refusesParticipantsList() {
    #expect(
      refusal("pseudonym,role,group\nAmina,participant,carers\n")
        == "m.csv:1: looks like a participants list (its first column is \"pseudonym\"), not a Mental Modeler matrix. "
        + "Import a participants list with --participants m.csv")
  }

  @Test("a quote that is never closed is refused at the line it opens")
  func refusesUnclosedQuote() {
    #expect(
      refusal(",a\n\"a,0.5\n")
        == "m.csv:2: a quoted cell opened here is never closed. "
        + "Close the quote with a second \" (write \"\" for a quote inside a name)")
  }
}
