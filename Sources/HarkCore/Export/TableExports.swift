// Exports for other tools: a quotes CSV for spreadsheets, GraphML for Gephi
// and yEd, and Mental Modeler's matrix CSV (layout in DESIGN.md §4).
import Foundation

public enum CSVExport {
  /// One row per quote behind each link.
  public static func make(_ store: ProjectStore, links selection: LinkSelection = .notRejected) throws -> String {
    let evidence = Dictionary(grouping: try store.evidence(), by: \.linkID)
    var rows = [
      [
        "link", "cause", "effect", "polarity", "strength", "weight", "status", "sources", "quotes", "document",
        "participant",
        "group", "start", "end", "quote", "explanation",
      ]
    ]
    for l in try store.links() where selection.includes(l.status) {
      for e in evidence[l.id] ?? [] {
        rows.append([
          "L\(l.id)", l.cause, l.effect, l.polarity > 0 ? "+" : "-", format(l.strength), format(l.weight), l.status,
          String(l.sources), String(l.citations), e.document, e.participant ?? "", e.group ?? "", String(e.start),
          String(e.end),
          e.quote, e.explanation,
        ])
      }
    }
    return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  static func field(_ text: String) -> String {
    // Scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
    if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }
}

func format(_ value: Double) -> String {
  var text = String(format: "%.3f", value)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text == "-0" ? "0" : text
}

public enum MentalModelerExport {
  /// Rows are causes, columns effects; every cell quoted; "" is no link.
  public static func make(_ store: ProjectStore, links selection: LinkSelection = .notRejected) throws -> String {
    let links = try store.links().filter { selection.includes($0.status) }
    var ids: [Int64] = []
    var labels: [Int64: String] = [:]
    for l in links {
      for (id, label) in [(l.causeID, l.cause), (l.effectID, l.effect)] where labels[id] == nil {
        labels[id] = label
        ids.append(id)
      }
    }
    ids.sort { labels[$0]!.localizedStandardCompare(labels[$1]!) == .orderedAscending }
    var weights: [Int64: [Int64: Double]] = [:]
    for l in links { weights[l.causeID, default: [:]][l.effectID] = l.weight }
    func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var lines = [([""] + ids.map { labels[$0]! }).map(quoted).joined(separator: ",")]
    for cause in ids {
      let cells = [labels[cause]!] + ids.map { effect in weights[cause]?[effect].map(format) ?? "" }
      lines.append(cells.map(quoted).joined(separator: ","))
    }
    return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
  }
}

public enum GraphMLExport {
  public static func make(_ store: ProjectStore, links selection: LinkSelection = .notRejected) throws -> String {
    let links = try store.links().filter { selection.includes($0.status) }
    let concepts = Dictionary(uniqueKeysWithValues: try store.concepts(includeMerged: true).map { ($0.id, $0) })
    var used: [Int64] = []
    for l in links {
      for id in [l.causeID, l.effectID] where !used.contains(id) { used.append(id) }
    }
    var x = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        <key id="label" for="node" attr.name="label" attr.type="string"/>
        <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>
        <key id="documents" for="node" attr.name="documents" attr.type="int"/>
        <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
        <key id="polarity" for="edge" attr.name="polarity" attr.type="int"/>
        <key id="strength" for="edge" attr.name="strength" attr.type="double"/>
        <key id="citations" for="edge" attr.name="citation_count" attr.type="int"/>
        <key id="sources" for="edge" attr.name="source_count" attr.type="int"/>
        <key id="status" for="edge" attr.name="status" attr.type="string"/>
        <graph id="hark" edgedefault="directed">

      """
    for id in used {
      let c = concepts[id]
      x += "    <node id=\"C\(id)\">\n"
      x += "      <data key=\"label\">\(escape(c?.label ?? "C\(id)"))</data>\n"
      x += "      <data key=\"mentions\">\(c?.mentions ?? 0)</data>\n"
      x += "      <data key=\"documents\">\(c?.documents ?? 0)</data>\n"
      x += "    </node>\n"
    }
    for l in links {
      x += "    <edge id=\"L\(l.id)\" source=\"C\(l.causeID)\" target=\"C\(l.effectID)\">\n"
      x += "      <data key=\"weight\">\(format(l.weight))</data>\n"
      x += "      <data key=\"polarity\">\(l.polarity)</data>\n"
      x += "      <data key=\"strength\">\(format(l.strength))</data>\n"
      x += "      <data key=\"citations\">\(l.citations)</data>\n"
      x += "      <data key=\"sources\">\(l.sources)</data>\n"
      x += "      <data key=\"status\">\(l.status)</data>\n"
      x += "    </edge>\n"
    }
    x += "  </graph>\n</graphml>\n"
    return x
  }

  static func escape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // XML 1.0 forbids most control characters even as references.
        if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
