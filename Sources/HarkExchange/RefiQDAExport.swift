// REFI-QDA export: a project (.qdpx: project.qde plus each document's text) or
// a codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder and the like. What
// the standard has no place for (concepts, links, votes) travels as notes.
import Foundation
import HarkStore
import HarkTranscripts
import ZIPFoundation

/// What an export wrote, and what REFI-QDA could not carry as its own items.
public struct RefiQDAExportSummary: Sendable, Equatable {
  public var users = 0
  public var codes = 0
  public var sources = 0
  public var codings = 0
  public var cases = 0
  public var notes = 0
  /// One line per kind of item: how many, and where it went (a note) or that it was left out.
  public var notCarried: [String] = []
}

public enum RefiQDAExport {
  static let projectNamespace = "urn:QDA-XML:project:1.0"
  static let codebookNamespace = "urn:QDA-XML:codebook:1.0"

  /// The project as project.qde and the text files it points to (path in the zip, bytes).
  public struct Package: Sendable {
    public var qde: String
    public var sources: [(path: String, text: String)]
    public var summary: RefiQDAExportSummary
  }

  /// Writes a .qdpx zip to `path` (replacing a file there once all is written).
  @discardableResult
  public static func writeProject(_ store: ProjectStore, to path: String, links: LinkSelection = .notRejected)
    throws -> RefiQDAExportSummary
  {
    let package = try project(store, links: links)
    try writeAtomically(to: path) { url in
      let archive = try Archive(url: url, accessMode: .create, pathEncoding: nil)
      try add(Data(package.qde.utf8), as: "project.qde", to: archive)
      for source in package.sources { try add(Data(source.text.utf8), as: source.path, to: archive) }
    }
    return package.summary
  }

  /// Writes a .qdc codebook to `path`.
  @discardableResult
  public static func writeCodebook(_ store: ProjectStore, to path: String) throws -> RefiQDAExportSummary {
    let (xml, summary) = try codebook(store)
    try writeAtomically(to: path) { url in try Data(xml.utf8).write(to: url) }
    return summary
  }

  private static func add(_ data: Data, as path: String, to archive: Archive) throws {
    try archive.addEntry(
      with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
    ) { position, size in
      data.subdata(in: Int(position)..<Int(position) + size)
    }
  }

  private static func writeAtomically(to path: String, _ write: (URL) throws -> Void) throws {
    let target = URL(fileURLWithPath: path)
    let temporary = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).\(UUID().uuidString).partial")
    defer { try? FileManager.default.removeItem(at: temporary) }
    try write(temporary)
    // rename(2) replaces an existing file in one step, so a reader never sees half an export.
    guard rename(temporary.path, target.path) == 0 else {
      throw HarkError(
        "cannot be written (\(String(cString: strerror(errno))))", subject: path,
        hint: "Check that you may write to that folder")
    }
  }

  // MARK: - The codebook

  public static func codebook(_ store: ProjectStore) throws -> (xml: String, summary: RefiQDAExportSummary) {
    let data = try store.exchangeData(name: "", codebookOnly: true)
    guard !data.codes.isEmpty else {
      throw HarkError(
        "the project has no codes, and a REFI-QDA codebook needs at least one", subject: store.path,
        hint: "Run `hark code` or add codes first")
    }
    var summary = RefiQDAExportSummary()
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<CodeBook xmlns=\"\(codebookNamespace)\" origin=\"Hark\">\n  <Codes>\n"
    xml += data.codeTree(indent: "    ", noteRefs: false, summary: &summary)
    xml += "  </Codes>\n</CodeBook>\n"
    return (xml, summary)
  }

  // MARK: - The project

  public static func project(_ store: ProjectStore, links selection: LinkSelection = .notRejected) throws -> Package {
    let name = URL(fileURLWithPath: store.path).deletingPathExtension().lastPathComponent
    let data = try store.exchangeData(name: name, codebookOnly: false)
    let linkList = try store.links().filter { selection.includes($0.status) }
    let evidence = Dictionary(grouping: try store.evidence(), by: \.linkID)
    let concepts = try store.concepts()
    let guid = data.guid
    var summary = RefiQDAExportSummary()

    // Notes Hark makes for what REFI-QDA has no element for.
    var notes: [(guid: String, name: String, user: String?, at: String?, text: String)] = []
    var projectNoteRefs: [String] = []
    if !concepts.isEmpty {
      let noteGUID = guid.make("concepts", 0)
      var text = "Hark concepts (\(concepts.count)): label, mentions, documents, sources\n"
      for c in concepts {
        text += "C\(c.id) \(c.label): \(c.mentions) mentions, \(c.documents) documents, \(c.sources) sources\n"
      }
      notes.append((noteGUID, "Hark concepts", ProjectData.harkUser, data.conceptsSince, text))
      projectNoteRefs.append(noteGUID)
      summary.notCarried.append("\(concepts.count) concepts: as the note \"Hark concepts\"")
    }
    var evidenceSelections: [DocumentID: [SpanNote]] = [:]
    var quoteCount = 0
    var voteCount = 0
    var commentCount = 0
    for link in linkList {
      let noteGUID = guid.make("link", link.id)
      let name = "Hark link L\(link.id): \(link.cause) → \(link.effect)"
      var text = name + "\n"
      text += "status: \(link.status.rawValue)\n"
      text +=
        "polarity: \(link.polarity > 0 ? "+" : "-"), strength: \(format(link.strength)), weight: \(format(link.weight))"
        + (link.edited ? " (set by a researcher)\n" : " (from the evidence)\n")
      text += "quotes: \(link.citations) from \(link.sources) sources\n"
      for question in data.questions[link.id] ?? [] {
        text += "question in panel \"\(question.panel)\", I\(question.itemID): “\(question.text)”"
        text += question.firstAsked.map { " (reworded; first asked “\($0)”)\n" } ?? "\n"
      }
      for vote in data.votes[link.id] ?? [] {
        text +=
          "votes in panel \"\(vote.panel)\": \(vote.answer.rawValue)\(vote.strength.map { " (\($0.rawValue))" } ?? "") × \(vote.count)\n"
        voteCount += vote.count
      }
      for comment in data.comments[link.id] ?? [] {
        text += "comment in panel \"\(comment.panel)\" from \(comment.member) (\(comment.at)): “\(comment.text)”\n"
        commentCount += 1
      }
      let quotes = evidence[link.id] ?? []
      if !quotes.isEmpty { text += "\nQuotes:\n" }
      for e in quotes {
        let who = e.participant.map { " — \($0)" + (e.group.map { ", \($0)" } ?? "") } ?? ""
        text +=
          "- \(e.document) [\(e.start), \(e.end))\(who): “\(e.quote)” (polarity \(e.polarity > 0 ? "+" : "-"), strength \(format(e.strength)), confidence \(format(e.confidence)))"
        text += e.explanation.isEmpty ? "\n" : " \(e.explanation)\n"
        let made = data.evidenceMade[e.id]
        evidenceSelections[e.documentID, default: []].append(
          SpanNote(
            guid: guid.make("evidence", e.id), start: e.start, end: e.end, note: noteGUID,
            user: made?.by ?? e.createdBy, at: made?.at))
        quoteCount += 1
      }
      notes.append((noteGUID, name, ProjectData.harkUser, data.linkCreatedAt[link.id], text))
      projectNoteRefs.append(noteGUID)
    }
    if !linkList.isEmpty {
      summary.notCarried.append(
        "\(linkList.count) links with polarity, strength and weight: as a note each (\"Hark link L…\")")
      summary.notCarried.append(
        "\(quoteCount) link quotes: in their link's note, and as selections in the sources that refer to it")
    }
    if voteCount > 0 { summary.notCarried.append("\(voteCount) panel votes: in their link's note") }
    if commentCount > 0 { summary.notCarried.append("\(commentCount) panel members' comments: in their link's note") }

    // The researchers' own notes, placed where they were written.
    var sourceNoteRefs: [DocumentID: [String]] = [:]
    var spanNotes: [DocumentID: [SpanNote]] = [:]
    for note in data.notes {
      let noteGUID = guid.make("note", note.id)
      notes.append((noteGUID, note.title, note.createdBy, note.createdAt, note.text))
      if let document = note.documentID, let start = note.start, let end = note.end {
        spanNotes[document, default: []].append(
          SpanNote(
            guid: guid.make("note-span", note.id), start: start, end: end, note: noteGUID, user: note.createdBy,
            at: note.createdAt))
      } else if let document = note.documentID {
        sourceNoteRefs[document, default: []].append(noteGUID)
      } else if note.codeID == nil {
        projectNoteRefs.append(noteGUID)
      }
    }

    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<Project xmlns=\"\(projectNamespace)\" name=\"\(RefiXML.attribute(data.name))\" origin=\"Hark\""
    xml += RefiXML.creationDateTime(data.createdAt)
    xml += ">\n"
    if !data.users.isEmpty {
      xml += "  <Users>\n"
      for user in data.users {
        xml += "    <User guid=\"\(data.userGUID(user))\" name=\"\(RefiXML.attribute(user))\"/>\n"
      }
      xml += "  </Users>\n"
      summary.users = data.users.count
    }
    if !data.codes.isEmpty {
      xml += "  <CodeBook>\n    <Codes>\n"
      xml += data.codeTree(indent: "      ", noteRefs: true, summary: &summary)
      xml += "    </Codes>\n  </CodeBook>\n"
    }
    let variables = data.variableNames
    if !data.participants.isEmpty {
      xml += "  <Variables>\n"
      for name in variables {
        xml +=
          "    <Variable guid=\"\(guid.make("variable", name))\" name=\"\(RefiXML.attribute(name))\" typeOfVariable=\"Text\"/>\n"
      }
      xml += "  </Variables>\n  <Cases>\n"
      for p in data.participants {
        xml += "    <Case guid=\"\(guid.make("participant", p.id))\" name=\"\(RefiXML.attribute(p.pseudonym))\">\n"
        for (name, value) in [("group", p.group), ("role", p.role)] + p.attributes {
          xml += "      <VariableValue>\n"
          xml += "        <VariableRef targetGUID=\"\(guid.make("variable", name))\"/>\n"
          xml += "        <TextValue>\(RefiXML.text(value))</TextValue>\n"
          xml += "      </VariableValue>\n"
        }
        for document in p.documents {
          xml += "      <SourceRef targetGUID=\"\(guid.make("document", document))\"/>\n"
        }
        xml += "    </Case>\n"
      }
      xml += "  </Cases>\n"
      summary.cases = data.participants.count
    }
    var sources: [(path: String, text: String)] = []
    if !data.documents.isEmpty {
      xml += "  <Sources>\n"
      for d in data.documents {
        let documentGUID = guid.make("document", d.id)
        sources.append(("sources/\(documentGUID).txt", d.text))
        xml += "    <TextSource guid=\"\(documentGUID)\" name=\"\(RefiXML.attribute(d.title))\""
        xml += " plainTextPath=\"internal://\(documentGUID).txt\""
        xml += " creatingUser=\"\(data.userGUID(d.importedBy))\"\(RefiXML.creationDateTime(d.importedAt))>\n"
        // One selection per span and user: a quote behind three links, or a
        // passage with two codes, is one selection with three note references
        // or two codings (QualCoder refuses a second annotation of the same
        // span by the same user).
        var selections = SpanSelections()
        for c in data.codings[d.id] ?? [] {
          var coding = "        <Coding guid=\"\(guid.make("coding-code", c.id))\""
          coding += " creatingUser=\"\(data.userGUID(c.createdBy))\"\(RefiXML.creationDateTime(c.createdAt))>\n"
          coding += "          <CodeRef targetGUID=\"\(guid.make("code", c.codeID))\"/>\n"
          coding += "        </Coding>\n"
          selections.add(
            guid: guid.make("coding", c.id), start: c.start, end: c.end, user: c.createdBy, at: c.createdAt,
            name: data.codeName[c.codeID] ?? "", description: c.explanation, coding: coding)
          summary.codings += 1
        }
        for span in (spanNotes[d.id] ?? []) + (evidenceSelections[d.id] ?? []) {
          selections.add(
            guid: span.guid, start: span.start, end: span.end, user: span.user, at: span.at, noteRef: span.note)
        }
        xml += selections.xml(userGUID: data.userGUID)
        for note in sourceNoteRefs[d.id] ?? [] { xml += "      <NoteRef targetGUID=\"\(note)\"/>\n" }
        xml += "    </TextSource>\n"
      }
      xml += "  </Sources>\n"
      summary.sources = data.documents.count
    }
    if !notes.isEmpty {
      xml += "  <Notes>\n"
      for note in notes {
        xml += "    <Note guid=\"\(note.guid)\" name=\"\(RefiXML.attribute(note.name))\""
        if let user = note.user { xml += " creatingUser=\"\(data.userGUID(user))\"" }
        xml += RefiXML.creationDateTime(note.at)
        xml += ">\n      <PlainTextContent>\(RefiXML.text(note.text))</PlainTextContent>\n    </Note>\n"
      }
      xml += "  </Notes>\n"
      summary.notes = notes.count
    }
    for note in projectNoteRefs { xml += "  <NoteRef targetGUID=\"\(note)\"/>\n" }
    xml += "</Project>\n"

    let leftOut = data.leftOut
    if leftOut.suggested > 0 {
      summary.notCarried.append(
        "\(leftOut.suggested) suggested plugin codings not accepted yet: left out (accept them to export them)")
    }
    if leftOut.rejected > 0 { summary.notCarried.append("\(leftOut.rejected) rejected codings: left out") }
    if leftOut.scores > 0 { summary.notCarried.append("\(leftOut.scores) scores (such as sentiment): left out") }
    if leftOut.turns > 0 {
      summary.notCarried.append("\(leftOut.turns) speaker turns: left out (the speaker labels stay in the text)")
    }
    return Package(qde: xml, sources: sources, summary: summary)
  }
}

/// A researcher's memo or a link quote placed on a span of a source.
struct SpanNote {
  var guid: String
  var start: Int
  var end: Int
  var note: String
  var user: String
  var at: String?
}

/// The selections of one source, merged by span and user, in text order.
struct SpanSelections {
  struct Selection {
    var guid: String
    var start: Int
    var end: Int
    var user: String
    var at: String?
    var name = ""
    var descriptions: [String] = []
    var codings: [String] = []
    var noteRefs: [String] = []
  }
  private var selections: [Selection] = []
  private var index: [String: Int] = [:]

  mutating func add(
    guid: String, start: Int, end: Int, user: String, at: String?, name: String = "", description: String = "",
    coding: String? = nil, noteRef: String? = nil
  ) {
    let key = "\(start):\(end):\(user)"
    let position: Int
    if let found = index[key] {
      position = found
    } else {
      position = selections.count
      index[key] = position
      selections.append(Selection(guid: guid, start: start, end: end, user: user, at: at))
    }
    if selections[position].name.isEmpty { selections[position].name = name }
    if !description.isEmpty && !selections[position].descriptions.contains(description) {
      selections[position].descriptions.append(description)
    }
    if let coding { selections[position].codings.append(coding) }
    if let noteRef, !selections[position].noteRefs.contains(noteRef) { selections[position].noteRefs.append(noteRef) }
  }

  func xml(userGUID: (String) -> String) -> String {
    var out = ""
    for s in selections.enumerated().sorted(by: {
      ($0.element.start, $0.element.end, $0.offset) < ($1.element.start, $1.element.end, $1.offset)
    }).map(\.element) {
      out += "      <PlainTextSelection guid=\"\(s.guid)\""
      if !s.name.isEmpty { out += " name=\"\(RefiXML.attribute(s.name))\"" }
      out += " startPosition=\"\(s.start)\" endPosition=\"\(s.end)\""
      out += " creatingUser=\"\(userGUID(s.user))\"\(RefiXML.creationDateTime(s.at))>\n"
      if !s.descriptions.isEmpty {
        out += "        <Description>\(RefiXML.text(s.descriptions.joined(separator: "\n")))</Description>\n"
      }
      for coding in s.codings { out += coding }
      for note in s.noteRefs { out += "        <NoteRef targetGUID=\"\(note)\"/>\n" }
      out += "      </PlainTextSelection>\n"
    }
    return out
  }
}
