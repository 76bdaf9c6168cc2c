// The quotes CSV for spreadsheets. GraphML and Mental Modeler's matrix CSV
// are written from the map by HarkMap (MapGraphML, MentalModelerCSV).
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
          "L\(l.id)", l.cause, l.effect, l.polarity > 0 ? "+" : "-", format(l.strength), format(l.weight),
          l.status.rawValue,
          String(l.sources), String(l.citations), e.document, e.participant ?? "", e.group ?? "", String(e.start),
          String(e.end),
          e.quote, e.explanation,
        ])
      }
    }
    return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  static func field(_ text: String) -> String {
    let text = SpreadsheetCell.defused(text)
    // Scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
    if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }
}

/// A number as every export writes it (this CSV, REFI-QDA's notes): three
/// decimals at most, no trailing zeros, never "-0".
public func format(_ value: Double) -> String {
  var text = String(format: "%.3f", value)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text == "-0" ? "0" : text
}
