// Mental Modeler's project file (.mmp): XML with <info>, <concepts> (each
// with its outgoing <relationships>) and <scenarios>.
//
// The layout follows the files Mental Modeler's own editors write (the
// mentalmodeler-js and mentalmodeler-scenario sources): a relationship sits
// under its cause and names its effect by the effect's <id> and <name>, with
// <influence> −1 … 1 and <confidence> on Mental Modeler's scale −3 … 3.
// Hark's confidence 0 … 1 is written as 0 … 3 (rounded) and read back as
// the value over 3, negatives as 0.
//
// Concept groups: <groupNames> holds <groupName index="N">name</groupName>
// and each concept's <group> is an index into it. Mental Modeler's own
// files have six groups, 0 … 5. Hark writes group 0 unnamed for concepts
// with none and names groups 1 … 5 after the first five distinct groups (a
// concept's own group, else the first level of a hierarchical label
// "Support; peer support"); a concept in a sixth group or later goes to
// group 0. Reading keeps a concept's group name (none when it is empty).
// Scenarios are neither written nor read: Hark keeps no scenarios (they are
// run with `hark map simulate`).

import Foundation
import HarkStore
import HarkTranscripts

public enum MentalModelerMMP {
  /// Writes the map as an .mmp document. Concepts are laid out on a grid so
  /// that Mental Modeler opens the file with no concept on top of another.
  public static func write(_ map: CognitiveMap, title: String) -> String {
    let columns = max(1, Int(Double(map.concepts.count).squareRoot().rounded(.up)))
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mentalmodeler>\n"
    out += "  <info>\n    <id></id>\n    <name>\(MapXML.escape(title))</name>\n"
    out += "    <version>1.0</version>\n    <date></date>\n    <author>Hark</author>\n  </info>\n"
    let (groupNames, groupOf) = groups(map)
    out += "  <groupNames>\n"
    for (index, name) in groupNames.enumerated() {
      out += "    <groupName index=\"\(index)\">\(MapXML.escape(name))</groupName>\n"
    }
    out += "  </groupNames>\n"
    out += "  <concepts>\n"
    var outgoingLinks = [[CognitiveMap.Link]](repeating: [], count: map.concepts.count)
    for link in map.links { outgoingLinks[link.cause].append(link) }
    for (index, concept) in map.concepts.enumerated() {
      out += "    <concept>\n"
      out += "      <id>\(index + 1)</id>\n"
      out += "      <name>\(MapXML.escape(concept.name))</name>\n"
      out += "      <notes></notes>\n      <units></units>\n      <group>\(groupOf[index])</group>\n"
      out += "      <x>\(100 + 220 * (index % columns))</x>\n"
      out += "      <y>\(100 + 150 * (index / columns))</y>\n"
      out += "      <preferredState>0</preferredState>\n"
      let outgoing = outgoingLinks[index]
      if outgoing.isEmpty {
        out += "      <relationships></relationships>\n"
      } else {
        out += "      <relationships>\n"
        for link in outgoing {
          out += "        <relationship>\n"
          out += "          <id>\(link.effect + 1)</id>\n"
          out += "          <name>\(MapXML.escape(map.concepts[link.effect].name))</name>\n"
          out += "          <notes>\(link.citations) citations from \(link.sources) sources</notes>\n"
          out += "          <confidence>\(Int((min(1, max(0, link.confidence)) * 3).rounded()))</confidence>\n"
          out += "          <influence>\(MapNumber.text(link.weight))</influence>\n"
          out += "        </relationship>\n"
        }
        out += "      </relationships>\n"
      }
      out += "    </concept>\n"
    }
    out += "  </concepts>\n  <scenarios></scenarios>\n</mentalmodeler>\n"
    return out
  }

  /// Mental Modeler's six group names (0 unnamed, for concepts with no
  /// group) and each concept's group index.
  static func groups(_ map: CognitiveMap) -> (names: [String], indexOf: [Int]) {
    var names = [""]
    var indexOf: [Int] = []
    for concept in map.concepts {
      guard let group = group(of: concept) else {
        indexOf.append(0)
        continue
      }
      if let index = names.firstIndex(of: group), index > 0 {
        indexOf.append(index)
      } else if names.count < 6 {
        names.append(group)
        indexOf.append(names.count - 1)
      } else {
        indexOf.append(0)
      }
    }
    while names.count < 6 { names.append("") }
    return (names, indexOf)
  }

  /// The concept's group, else the first level of a hierarchical label.
  static func group(of concept: CognitiveMap.Concept) -> String? {
    if let group = concept.group, !group.isEmpty { return group }
    let levels = concept.name.split(separator: ";", maxSplits: 1)
    guard levels.count == 2 else { return nil }
    let first = levels[0].trimmingCharacters(in: .whitespaces)
    return first.isEmpty ? nil : first
  }

  /// Reads an .mmp file. `file` names it in error messages.
  public static func read(_ data: Data, file: String) throws -> CognitiveMap {
    let root = try MapXML.parse(data, file: file)
    guard root.name.caseInsensitiveCompare("mentalmodeler") == .orderedSame else {
      throw HarkError(
        "is not a Mental Modeler project: its root element is <\(root.name)>, not <mentalmodeler>", subject: file,
        line: root.line, hint: "Save the map from Mental Modeler as a project (.mmp) and import that file")
    }
    var groupNames: [String: String] = [:]
    for element in root.child("groupNames")?.children("groupName") ?? [] {
      let name = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
      if let index = element.attributes["index"], !name.isEmpty { groupNames[index] = name }
    }
    let conceptElements = root.child("concepts")?.children("concept") ?? []
    var concepts: [CognitiveMap.Concept] = []
    var indexByID: [String: Int] = [:]
    var namesSeen: [String: Int] = [:]
    for element in conceptElements {
      let id = element.value("id")
      let name = element.value("name")
      guard !id.isEmpty else {
        throw HarkError(
          "a concept has no <id>", subject: file, line: element.line,
          hint: "Every <concept> needs an <id> that its relationships can point to")
      }
      guard !name.isEmpty else {
        throw HarkError(
          "the concept with id \(id) has no <name>", subject: file, line: element.line,
          hint: "Give the concept a name in Mental Modeler and save again")
      }
      if indexByID[id] != nil {
        throw HarkError(
          "two concepts have the id \(id)", subject: file, line: element.line,
          hint: "Give every concept its own <id>")
      }
      if let earlier = namesSeen[name] {
        throw HarkError(
          "the concept \"\(name)\" appears twice (first on line \(earlier))", subject: file, line: element.line,
          hint: "Merge or rename the duplicate concepts")
      }
      indexByID[id] = concepts.count
      namesSeen[name] = element.line
      concepts.append(CognitiveMap.Concept(name: name, group: groupNames[element.value("group")]))
    }

    var links: [CognitiveMap.Link] = []
    for (cause, element) in conceptElements.enumerated() {
      for relationship in element.child("relationships")?.children("relationship") ?? [] {
        let target = relationship.value("id")
        guard let effect = indexByID[target] else {
          throw HarkError(
            "a relationship of \"\(concepts[cause].name)\" points to the concept id \"\(target)\", which no concept has",
            subject: file, line: relationship.line, hint: "Remove the relationship or add the missing concept")
        }
        let text = relationship.value("influence")
        guard let weight = Double(text), weight.isFinite else {
          throw HarkError(
            "the influence \"\(text)\" from \"\(concepts[cause].name)\" to \"\(concepts[effect].name)\" is not a number",
            subject: file, line: relationship.line,
            hint: "Give every relationship a numeric influence between -1 and 1")
        }
        guard (-1...1).contains(weight) else {
          throw HarkError(
            "the influence \(text) from \"\(concepts[cause].name)\" to \"\(concepts[effect].name)\" is outside -1 … 1",
            subject: file, line: relationship.line, hint: "Scale the influence to lie between -1 and 1")
        }
        if weight == 0 { continue }
        let confidenceText = relationship.value("confidence")
        var confidence = 1.0
        if !confidenceText.isEmpty {
          guard let value = Double(confidenceText), value.isFinite else {
            throw HarkError(
              "the confidence \"\(confidenceText)\" from \"\(concepts[cause].name)\" to \"\(concepts[effect].name)\" is not a number",
              subject: file, line: relationship.line, hint: "Use a whole number from -3 to 3, or leave it empty")
          }
          confidence = min(1, max(0, value / 3))
        }
        links.append(CognitiveMap.Link(cause: cause, effect: effect, weight: weight, confidence: confidence))
      }
    }
    return CognitiveMap(concepts: concepts, links: links)
  }
}
