// Graphviz DOT: green links raise their effect, red ones lower it; thicker
// for larger |weight|; dashed when the evidence gives low confidence.

public enum MapDOT {
  /// Links with confidence below this are drawn dashed.
  public static let lowConfidence = 0.5

  public static func write(_ map: CognitiveMap, title: String = "map") -> String {
    var out = "digraph \(quoted(title)) {\n"
    out += "  graph [rankdir=LR];\n"
    out += "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
    out += "  edge [fontname=\"Helvetica\", fontsize=10];\n"
    for (index, concept) in map.concepts.enumerated() {
      out += "  \(map.nodeID(index)) [label=\(quoted(concept.name))];\n"
    }
    for link in map.links {
      var attributes = [
        "color=\"\(link.weight < 0 ? "#c62828" : "#2e7d32")\"",
        // Rounded so that 1 + 3 × 0.8 prints as 3.4, not 3.4000000000000004.
        "penwidth=\(MapNumber.text(((1 + 3 * abs(link.weight)) * 100).rounded() / 100))",
        "label=\"\(MapNumber.text(link.weight))\"",
      ]
      if link.confidence < lowConfidence { attributes.append("style=dashed") }
      out += "  \(map.nodeID(link.cause)) -> \(map.nodeID(link.effect)) [\(attributes.joined(separator: ", "))];\n"
    }
    out += "}\n"
    return out
  }

  /// A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n", "\r\n", "\r": out += "\\n"
      default: out.append(character)
      }
    }
    return out + "\""
  }
}
