// The map as JSON ("hark-map" version 1): concepts by index, links naming
// their cause and effect by index and by name, with every number the map has.

public enum MapJSON {
  public static func write(_ map: CognitiveMap) -> String {
    var out = "{\n  \"format\": \"hark-map\",\n  \"version\": 1,\n  \"concepts\": ["
    for (index, concept) in map.concepts.enumerated() {
      out += index == 0 ? "\n" : ",\n"
      out += "    {\"index\": \(index), \"name\": \(string(concept.name))"
      if let id = concept.projectID { out += ", \"id\": \"C\(id)\"" }
      out += "}"
    }
    out += map.concepts.isEmpty ? "],\n" : "\n  ],\n"
    out += "  \"links\": ["
    for (index, link) in map.links.enumerated() {
      out += index == 0 ? "\n" : ",\n"
      out += "    {"
      if let id = link.projectID { out += "\"id\": \"L\(id)\", " }
      out += "\"cause\": \(link.cause), \"effect\": \(link.effect), "
      out += "\"causeName\": \(string(map.concepts[link.cause].name)), "
      out += "\"effectName\": \(string(map.concepts[link.effect].name)), "
      out += "\"weight\": \(MapNumber.text(link.weight)), \"confidence\": \(MapNumber.text(link.confidence)), "
      out += "\"citations\": \(link.citations), \"sources\": \(link.sources)}"
    }
    out += map.links.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return out
  }

  /// A JSON string literal; non-ASCII text is kept as UTF-8, not escaped.
  public static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
