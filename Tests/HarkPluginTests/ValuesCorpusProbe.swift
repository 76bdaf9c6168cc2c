// TEMPORARY probe (values engineer): prints results on the sample corpus. Deleted before hand-off.
import Foundation
import HarkCausalLinks
import HarkPluginKit
import HarkValues
import Testing

@Test("probe corpus") func probeCorpus() throws {
  let dir = "/tmp/values-corpus"
  let which = ProcessInfo.processInfo.environment["PROBE"] ?? "values"
  var out = ""
  for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".json") {
    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let turns = (json["turns"] as! [[String: Any]]).map {
      Turn(span: ($0["start"] as! Int)..<($0["end"] as! Int), speaker: $0["speaker"] as! String,
        role: ($0["role"] as! Int) == 2 ? .interviewer : .participant)
    }
    let doc = Document(id: name, text: json["text"] as! String, turns: turns)
    let sink = CollectingSink()
    if which == "values" {
      try ValuesPlugin(options: PluginOptions()).analyze(doc, into: sink)
      for c in sink.codes { out += "\(name)\t\(c.code)\t\(c.confidence)\t\(c.explanation)\t\(doc.slice(c.span))\n" }
    } else {
      try CausalLinksPlugin(options: PluginOptions()).analyze(doc, into: sink)
      for l in sink.links {
        out += "\(name.prefix(6))\t\(l.cause) -> \(l.effect) (\(l.polarity)) s=\(l.strength) c=\(l.confidence)\n    \(l.explanation)\n    | \(doc.slice(l.span))\n"
      }
    }
  }
  try out.write(toFile: "/tmp/values-corpus/out-\(which).tsv", atomically: true, encoding: .utf8)
}
