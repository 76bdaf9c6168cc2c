// What a JSON export says, without what differs between two runs that found
// the same things: times, run ids, and the ids concepts and links got from
// the order documents happened to be stored in.
import Foundation

enum ExportSummary {
  /// One sorted line per quote behind a link: cause, effect, polarity,
  /// document, span and the quote's own polarity.
  static func candidateLinks(_ export: [String: Any]) -> [String] {
    let sources = documentSources(export)
    var lines: [String] = []
    for link in export["links"] as? [[String: Any]] ?? [] {
      let head = "\(label(link["cause_label"])) → (\(link["polarity"]!)) \(label(link["effect_label"]))"
      for e in link["evidence"] as? [[String: Any]] ?? [] {
        lines.append(
          "\(head) | \(sources[e["document"] as! String]!) [\(e["start"]!)..<\(e["end"]!)] \(e["polarity"]!) \(e["quote"]!)"
        )
      }
    }
    return lines.sorted()
  }

  /// Everything a researcher would read in the export, ids replaced by labels.
  static func everything(_ export: [String: Any]) -> [String] {
    let sources = documentSources(export)
    var labels: [String: String] = [:]
    for c in export["concepts"] as? [[String: Any]] ?? [] { labels[c["id"] as! String] = label(c["label"]) }
    var lines: [String] = []
    for d in export["documents"] as? [[String: Any]] ?? [] {
      lines.append("document \(d["source"]!) \(d["words"]!) \((d["text"] as? String ?? "").count)")
    }
    for c in export["codings"] as? [[String: Any]] ?? [] {
      lines.append(
        "coding \(sources[c["document"] as! String]!) \(c["code"]!) \(c["start"]!) \(c["end"]!) \(c["confidence"]!) \(c["status"]!) \(c["created_by"]!) \(c["explanation"]!)"
      )
    }
    for c in export["concepts"] as? [[String: Any]] ?? [] {
      let opposite = (c["opposite_of"] as? String).map { labels[$0] ?? $0 } ?? "-"
      lines.append("concept \(label(c["label"])) \(c["mentions"]!) \(c["documents"]!) \(c["sources"]!) \(opposite)")
    }
    for l in export["links"] as? [[String: Any]] ?? [] {
      lines.append(
        "link \(label(l["cause_label"])) → \(label(l["effect_label"])) \(l["polarity"]!) \(l["strength"]!) \(l["status"]!) \(l["citation_count"]!) \(l["source_count"]!)"
      )
      for e in l["evidence"] as? [[String: Any]] ?? [] {
        lines.append(
          "  evidence \(label(l["cause_label"])) → \(label(l["effect_label"])) \(sources[e["document"] as! String]!) \(e["start"]!) \(e["end"]!) \(e["polarity"]!) \(e["strength"]!) \(e["confidence"]!) \(e["explanation"]!) \(e["proposed_by"]!)"
        )
      }
    }
    lines.append("decisions \((export["decisions"] as? [Any] ?? []).count)")
    return lines.sorted()
  }

  static func read(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
  }

  private static func label(_ value: Any?) -> String { value as? String ?? "" }

  private static func documentSources(_ export: [String: Any]) -> [String: String] {
    var sources: [String: String] = [:]
    for d in export["documents"] as? [[String: Any]] ?? [] { sources[d["id"] as! String] = d["source"] as? String }
    return sources
  }
}
