// Mental Modeler concept groups: written from a concept's group or the first
// level of its hierarchical label, read back by name, the sixth group on left in group 0.
import Foundation
import HarkMap
import Testing

@Suite("Map files: Mental Modeler concept groups")
struct MapGroupsTests {
  static let map = CognitiveMap(
    concepts: [
      .init(name: "Support; peer support"), .init(name: "Money; bus fares"), .init(name: "Support; groups"),
      .init(name: "hope"), .init(name: "fire", group: "Hazards & risks"),
    ],
    links: [
      .init(cause: 0, effect: 3, weight: 0.5), .init(cause: 1, effect: 3, weight: -0.25),
      .init(cause: 4, effect: 2, weight: -1),
    ])

  @Test("groups are written as <groupNames> and each concept's <group> index")
  func writesGroups() {
    let text = MentalModelerMMP.write(Self.map, title: "t")
    #expect(
      text.contains(
        """
          <groupNames>
            <groupName index="0"></groupName>
            <groupName index="1">Support</groupName>
            <groupName index="2">Money</groupName>
            <groupName index="3">Hazards &amp; risks</groupName>
            <groupName index="4"></groupName>
            <groupName index="5"></groupName>
          </groupNames>
        """))
    let groups = text.components(separatedBy: "<group>").dropFirst().map { $0.prefix { $0 != "<" } }
    #expect(groups == ["1", "2", "1", "0", "3"])
  }

  @Test("export then import keeps names, groups and links")
  func roundTrip() throws {
    let back = try MentalModelerMMP.read(Data(MentalModelerMMP.write(Self.map, title: "t").utf8), file: "m.mmp")
    #expect(back.concepts.map(\.name) == Self.map.concepts.map(\.name))
    #expect(back.concepts.map(\.group) == ["Support", "Money", "Support", nil, "Hazards & risks"])
    #expect(back.links == Self.map.links)
    // Written again, the file is the same: the groups survive a second trip.
    #expect(MentalModelerMMP.write(back, title: "t") == MentalModelerMMP.write(Self.map, title: "t"))
  }

  @Test("a file's groups are read by index; an unnamed group is no group")
  func readsGroups() throws {
    let xml = """
      <mentalModeler><groupNames><groupName index="0"></groupName><groupName index="2"> Actors </groupName></groupNames>
      <concepts><concept><id>1</id><name>a</name><group>2</group></concept>
      <concept><id>2</id><name>b</name><group>0</group></concept><concept><id>3</id><name>c</name></concept>
      </concepts></mentalModeler>
      """
    let map = try MentalModelerMMP.read(Data(xml.utf8), file: "g.mmp")
    #expect(map.concepts == [.init(name: "a", group: "Actors"), .init(name: "b"), .init(name: "c")])
  }

  @Test("a sixth distinct group goes to group 0: Mental Modeler has six groups")
  func sixthGroupUnnamed() {
    let concepts = (1...6).map { CognitiveMap.Concept(name: "G\($0); c") }
    let text = MentalModelerMMP.write(CognitiveMap(concepts: concepts, links: []), title: "t")
    let groups = text.components(separatedBy: "<group>").dropFirst().map { $0.prefix { $0 != "<" } }
    #expect(groups == ["1", "2", "3", "4", "5", "0"])
    #expect(text.contains(#"<groupName index="5">G5</groupName>"#))
  }
}
