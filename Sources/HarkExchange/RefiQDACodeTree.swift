// How an export names a project's items and writes its codebook tree, from
// the values the store reads for it (`ProjectData`).
import Foundation
import HarkStore

extension ProjectData {
  /// GUIDs derived from the project's creation time, so each item keeps its GUID across exports.
  var guid: RefiGUID { RefiGUID(project: createdAt ?? "") }

  func userGUID(_ name: String) -> String { guid.make("user", name) }

  /// group and role first, then every attribute name in the order first met.
  var variableNames: [String] {
    var names = ["group", "role"]
    for p in participants {
      for (name, _) in p.attributes where !names.contains(name) { names.append(name) }
    }
    return names
  }

  func codeTree(indent: String, noteRefs: Bool, summary: inout RefiQDAExportSummary) -> String {
    let children = Dictionary(grouping: codes.filter { $0.parent != nil }, by: { $0.parent! })
    let known = Set(codes.map(\.id))
    var notesByCode: [CodeID: [MemoID]] = [:]
    if noteRefs { for n in notes { if let code = n.codeID { notesByCode[code, default: []].append(n.id) } } }
    var xml = ""
    func write(_ code: Code, _ indent: String) {
      xml += "\(indent)<Code guid=\"\(guid.make("code", code.id))\" name=\"\(RefiXML.attribute(code.name))\""
      xml += " isCodable=\"true\""
      if let colour = code.colour {
        if let valid = RefiColour.normalised(colour) {
          xml += " color=\"\(valid)\""
        } else {
          summary.notCarried.append("the colour \"\(colour)\" of the code \"\(code.name)\": not #RRGGBB, left out")
        }
      }
      let kids = children[code.id] ?? []
      let refs = notesByCode[code.id] ?? []
      if code.description.isEmpty && kids.isEmpty && refs.isEmpty {
        xml += "/>\n"
      } else {
        xml += ">\n"
        if !code.description.isEmpty {
          xml += "\(indent)  <Description>\(RefiXML.text(code.description))</Description>\n"
        }
        for note in refs { xml += "\(indent)  <NoteRef targetGUID=\"\(guid.make("note", note))\"/>\n" }
        for kid in kids { write(kid, indent + "  ") }
        xml += "\(indent)</Code>\n"
      }
      summary.codes += 1
    }
    // A parent missing from the table (it cannot be, with foreign keys on) would hide its children: they go on top.
    for code in codes where code.parent == nil || !known.contains(code.parent!) { write(code, indent) }
    return xml
  }
}
