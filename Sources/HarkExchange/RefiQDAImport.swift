// REFI-QDA import: a .qdpx from another tool becomes documents, codes, codings
// by hand, participants and notes, in one transaction or not at all.
import Foundation
import HarkStore
import HarkTranscripts

public enum RefiQDAImport {
  /// `actor` is who imports: see `ProjectStore.importExchangeProject`.
  @discardableResult
  public static func importProject(at path: String, into store: ProjectStore, actor: String) throws
    -> RefiQDAImportSummary
  {
    let url = URL(fileURLWithPath: path)
    var archive = try RefiQDAArchive(url: url)
    let qdeName = "\(archive.name): \(archive.projectEntry.path)"
    let root = try RefiXML.parse(try archive.data(archive.projectEntry), subject: qdeName)
    guard root.name == "Project" else {
      throw HarkError(
        "has <\(root.name)> where a REFI-QDA project starts with <Project>", subject: qdeName, line: root.line,
        hint: "Give Hark a .qdpx project; import a codebook as its own .qdc file")
    }
    // relative:// sources sit under the project's basePath when it names a folder on this
    // computer, else beside the .qdpx.
    var folder = url.deletingLastPathComponent()
    var isFolder: ObjCBool = false
    if let base = root["basePath"], FileManager.default.fileExists(atPath: base, isDirectory: &isFolder),
      isFolder.boolValue
    {
      folder = URL(fileURLWithPath: base, isDirectory: true)
    }
    let project = try RefiProject(root, archive: &archive, folder: folder, qdeName: qdeName)
    return try store.importExchangeProject(project.plain, from: archive.name, actor: actor)
  }
}

/// The project file read into plain values, every reference checked.
struct RefiProject {
  typealias Code = ExchangeProject.Code
  typealias Case = ExchangeProject.Case
  typealias Coding = ExchangeProject.Coding
  typealias Note = ExchangeProject.Note
  typealias Source = ExchangeProject.Source

  let qdeName: String
  var users: [String: String] = [:]
  var codes: [Code] = []
  var cases: [Case] = []
  var sources: [Source] = []
  var notes: [Note] = []
  var noteIndex: [String: Int] = [:]
  var notCarried: [String] = []

  /// The project as the store takes it.
  var plain: ExchangeProject {
    ExchangeProject(users: users, codes: codes, cases: cases, sources: sources, notes: notes, notCarried: notCarried)
  }

  /// The codes under a `<Codes>` element, parents before children, each
  /// naming its parent's guid: a project's codebook and a .qdc file alike.
  static func codes(in codesElement: RefiXML.Element?) -> [Code] {
    var codes: [Code] = []
    func read(_ elements: [RefiXML.Element], parent: String?) {
      for element in elements {
        let guid = refiKey(element["guid"])
        codes.append(
          Code(
            guid: guid, name: (element["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            parent: parent, description: element.child("Description")?.text ?? "", colour: element["color"]))
        read(element.children("Code"), parent: guid)
      }
    }
    read(codesElement?.children("Code") ?? [], parent: nil)
    return codes
  }

  init(_ root: RefiXML.Element, archive: inout RefiQDAArchive, folder: URL, qdeName: String) throws {
    self.qdeName = qdeName
    for user in root.child("Users")?.children("User") ?? [] {
      users[refiKey(user["guid"])] = user["name"] ?? user["id"] ?? user["guid"] ?? ""
    }
    codes = Self.codes(in: root.child("CodeBook")?.child("Codes"))

    var variableNames: [String: String] = [:]
    for variable in root.child("Variables")?.children("Variable") ?? [] {
      variableNames[refiKey(variable["guid"])] = variable["name"] ?? ""
    }
    for element in root.child("Cases")?.children("Case") ?? [] {
      let name = (element["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      var values: [(String, String)] = []
      for value in element.children("VariableValue") {
        guard let variable = variableNames[refiKey(value.child("VariableRef")?["targetGUID"])] else { continue }
        let content = value.children.first { $0.name != "VariableRef" }?.text ?? ""
        values.append((variable, content.trimmingCharacters(in: .whitespacesAndNewlines)))
      }
      if name.isEmpty {
        notCarried.append("a case without a name (line \(element.line)): left out")
      } else {
        cases.append(Case(name: name, values: values))
        // Hark keeps no memo on a participant, so a case memo becomes a project memo that names the case.
        if let memo = Self.memo(element) {
          notes.append(
            Note(
              guid: "", name: "Memo on the case \(name)", text: memo, user: element["creatingUser"],
              at: element["creationDateTime"]))
        }
      }
    }

    for element in root.child("Notes")?.children("Note") ?? [] {
      var text = element.child("PlainTextContent")?.text ?? ""
      if text.isEmpty, let path = element["plainTextPath"] {
        text = try Self.readText(
          path, of: element["name"] ?? "a note", archive: &archive, folder: folder, qdeName: qdeName, line: element.line
        ).text
      }
      noteIndex[refiKey(element["guid"])] = notes.count
      notes.append(
        Note(
          guid: refiKey(element["guid"]), name: element["name"] ?? "Note", text: text,
          user: element["creatingUser"], at: element["creationDateTime"]))
    }
    for ref in root.children("NoteRef") { attach(ref, source: nil, span: nil, code: nil) }
    func attachToCodes(_ elements: [RefiXML.Element]) {
      for element in elements {
        for ref in element.children("NoteRef") {
          attach(ref, source: nil, span: nil, code: refiKey(element["guid"]))
        }
        attachToCodes(element.children("Code"))
      }
    }
    attachToCodes(root.child("CodeBook")?.child("Codes")?.children("Code") ?? [])

    let sourcesElement = root.child("Sources")
    var otherKinds: [String: Int] = [:]
    for element in sourcesElement?.children ?? [] where element.name != "TextSource" {
      otherKinds[element.name, default: 0] += 1
    }
    for (kind, count) in otherKinds.sorted(by: { $0.key < $1.key }) {
      notCarried.append(
        "\(count) \(kind == "PDFSource" ? "PDF" : kind.replacingOccurrences(of: "Source", with: "").lowercased()) sources: left out (Hark reads text sources)"
      )
    }
    for element in sourcesElement?.children("TextSource") ?? [] {
      try readSource(element, archive: &archive, folder: folder)
    }
    for (name, element) in [("links between items", "Links"), ("sets", "Sets"), ("graphs", "Graphs")] {
      let count = root.child(element)?.children.count ?? 0
      if count > 0 { notCarried.append("\(count) \(name): left out") }
    }
  }

  /// Places a note where a NoteRef stands; the first place wins.
  mutating func attach(_ ref: RefiXML.Element, source: Int?, span: Range<Int>?, code: String?) {
    guard let index = noteIndex[refiKey(ref["targetGUID"])] else { return }
    if notes[index].source == nil && notes[index].code == nil {
      notes[index].source = source
      notes[index].span = span
      notes[index].code = code
    }
  }

  private mutating func readSource(_ element: RefiXML.Element, archive: inout RefiQDAArchive, folder: URL) throws {
    let name = element["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "Source \(sources.count + 1)"
    let text: (text: String, bytes: Data)
    if let inline = element.child("PlainTextContent")?.text, element["plainTextPath"] == nil {
      text = (inline, Data(inline.utf8))
    } else if let path = element["plainTextPath"] {
      text = try Self.readText(
        path, of: "the source \"\(name)\"", archive: &archive, folder: folder, qdeName: qdeName, line: element.line)
    } else if let twin = archive.internalSource(refiKey(element["guid"]) + ".txt") {
      // Only rich text named (an ATLAS.ti habit): a plain text file with the source's GUID is the same text.
      text = try Self.decode(try archive.data(twin), name: "\(archive.name): \(twin.path)")
    } else {
      let rich = element["richTextPath"] ?? "no file"
      notCarried.append(
        "the source \"\(name)\": left out, it has rich text only (\(rich)); export it with plain text to bring it in")
      return
    }
    let refiText = RefiText(text.text)
    var source = Source(name: name, text: refiText.text, bytes: text.bytes)
    let index = sources.count
    if let memo = Self.memo(element) {
      notes.append(
        Note(
          guid: "", name: "Memo on \(name)", text: memo, user: element["creatingUser"], at: element["creationDateTime"],
          source: index))
    }
    let count = refiText.originalCount
    func range(_ selection: RefiXML.Element) throws -> Range<Int> {
      guard let start = Int(selection["startPosition"] ?? ""), let end = Int(selection["endPosition"] ?? ""),
        0 <= start, start <= end, end <= count
      else {
        throw HarkError(
          "a selection in the source \"\(name)\" runs from \(selection["startPosition"] ?? "?") to \(selection["endPosition"] ?? "?"), outside its \(count) characters",
          subject: qdeName, line: selection.line,
          hint: "Positions count code points from 0; export the project again from the program that made it")
      }
      return refiText.range(start, end)
    }
    for ref in element.children("NoteRef") { attach(ref, source: index, span: nil, code: nil) }
    for coding in element.children("Coding") {
      addCoding(coding, to: &source, range: 0..<source.text.unicodeScalars.count)
    }
    for selection in element.children("PlainTextSelection") {
      let span = try range(selection)
      let memo = Self.memo(selection)
      for coding in selection.children("Coding") {
        addCoding(coding, to: &source, range: span, memo: memo ?? "")
        for ref in coding.children("NoteRef") { attach(ref, source: index, span: span, code: nil) }
      }
      for ref in selection.children("NoteRef") { attach(ref, source: index, span: span, code: nil) }
      // A described passage with no code is an annotation: a memo on that span.
      if let memo, selection.children("Coding").isEmpty {
        notes.append(
          Note(
            guid: "", name: selection["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "Annotation", text: memo,
            user: selection["creatingUser"], at: selection["creationDateTime"], source: index, span: span))
      }
    }
    if !element.children("VariableValue").isEmpty {
      notCarried.append("variables of the source \"\(name)\": left out (Hark keeps variables on participants)")
    }
    sources.append(source)
  }

  private func addCoding(_ coding: RefiXML.Element, to source: inout Source, range: Range<Int>, memo: String = "") {
    source.codings.append(
      Coding(
        code: refiKey(coding.child("CodeRef")?["targetGUID"]), start: range.lowerBound, end: range.upperBound,
        user: coding["creatingUser"], at: coding["creationDateTime"], memo: memo))
  }

  /// An element's Description (what QualCoder and others write memos into), if it says anything.
  static func memo(_ element: RefiXML.Element) -> String? {
    guard let text = element.child("Description")?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
    else { return nil }
    return text
  }

  /// The text a plainTextPath names: `internal://` in the archive, `relative://` beside
  /// the .qdpx (or under the project's basePath), `absolute://` or `file://` on this computer.
  static func readText(
    _ path: String, of what: String, archive: inout RefiQDAArchive, folder: URL, qdeName: String, line: Int
  ) throws -> (text: String, bytes: Data) {
    func missing(_ place: String) -> HarkError {
      HarkError(
        "\(what) points to \(path), which is not \(place)", subject: qdeName, line: line,
        hint: "Export the project again with its sources included; Hark changed nothing")
    }
    if path.lowercased().hasPrefix("internal://") {
      let file = String(path.dropFirst("internal://".count))
      guard let entry = archive.internalSource(file) else { throw missing("in the archive") }
      return try decode(try archive.data(entry), name: "\(archive.name): \(entry.path)")
    }
    var local: URL
    if path.lowercased().hasPrefix("relative://") {
      local = folder.appendingPathComponent(String(path.dropFirst("relative://".count)))
    } else if path.lowercased().hasPrefix("absolute://") {
      local = URL(fileURLWithPath: String(path.dropFirst("absolute://".count)))
    } else if let url = URL(string: path), url.isFileURL {
      local = url
    } else {
      local = folder.appendingPathComponent(path)
    }
    local = local.standardizedFileURL
    guard FileManager.default.fileExists(atPath: local.path) else { throw missing("on this computer (\(local.path))") }
    let data = try ImportFile.data(at: local)
    return try decode(data, name: local.lastPathComponent)
  }

  /// UTF-8 (with or without a BOM), or UTF-16 with a BOM; the text as written, for offsets.
  static func decode(_ data: Data, name: String) throws -> (text: String, bytes: Data) {
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]),
      let text = String(data: data, encoding: .utf16)
    {
      return (text, data)
    }
    guard let text = String(data: data, encoding: .utf8), !data.contains(0) else {
      throw HarkError(
        "is not UTF-8 text", subject: name, hint: "Export the project again; REFI-QDA sources are UTF-8 text files")
    }
    return (text, data)
  }
}
