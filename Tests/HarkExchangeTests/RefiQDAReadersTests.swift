// Schema-valid is not enough: Hark's .qdpx is read here the way REFI-QDA's
// main implementations read it. QualCoder keeps one annotation per span of a
// source and user (a UNIQUE constraint) and needs a date on every note.
import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkExchange
@testable import HarkStore

@Suite("REFI-QDA as other tools read it")
struct RefiQDAReadersTests {
  /// The fixture, plus a second and a third link quoting the same words as
  /// L1, and a memo by the plugin's user on the span of an accepted coding.
  func crowded(in folder: URL) throws -> ProjectStore {
    let store = try RefiFixture.project(in: folder)
    try store.pool.write { db in
      let at = "2026-01-02T03:04:05.000Z"
      let quote = try Row.fetchOne(db, sql: "SELECT start, \"end\" FROM evidence WHERE link_id = 1")!
      try db.execute(
        sql: """
          INSERT INTO concept(id, label, key, created_at) VALUES (3, 'hope', 'hope', ?);
          INSERT INTO link(id, cause_id, effect_id, status, created_at) VALUES (2, 1, 3, 'accepted', ?), (3, 3, 2, 'candidate', ?);
          """, arguments: [at, at, at])
      for link in [2, 3] {
        try db.execute(
          sql: """
            INSERT INTO evidence(link_id, document_id, analysis_id, participant_id, start, "end", polarity, strength,
              confidence, explanation, created_by, created_at)
            VALUES (?, 1, 1, 1, ?, ?, 1, 0.5, 0.6, 'same words', 'plugin:org.hark.causal-links@1.0.0', ?)
            """, arguments: [link, quote["start"], quote["end"], at])
      }
      let coded = try Row.fetchOne(db, sql: "SELECT start, \"end\" FROM coding WHERE status = 'accepted'")!
      try db.execute(
        sql: """
          INSERT INTO note(title, text, document_id, start, "end", code_id, created_by, created_at)
          VALUES ('Plugin memo', 'same span as the coding', 1, ?, ?, NULL, 'plugin:org.hark.values@1.0.0', ?)
          """, arguments: [coded["start"], coded["end"], at])
    }
    return store
  }

  @Test("one selection per span and user in each source; every note and selection dated and by a declared user")
  func asQualCoderReadsIt() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let package = try RefiQDAExport.project(try crowded(in: folder))
    let root = try RefiXML.parse(Data(package.qde.utf8), subject: "project.qde")
    let users = Set(root.child("Users")?.children("User").compactMap { $0["guid"] } ?? [])
    var seen: Set<String> = []
    var duplicates: [String] = []
    var selections = 0
    for source in root.child("Sources")?.children("TextSource") ?? [] {
      for selection in source.children("PlainTextSelection") {
        selections += 1
        let user = selection["creatingUser"] ?? "(none)"
        #expect(users.contains(user), "selection \(selection["guid"] ?? "") names no declared user")
        #expect(selection["creationDateTime"] != nil, "selection \(selection["guid"] ?? "") has no date")
        let key = "\(source["guid"]!) \(selection["startPosition"]!) \(selection["endPosition"]!) \(user)"
        if !seen.insert(key).inserted { duplicates.append(key) }
      }
    }
    #expect(duplicates == [])
    #expect(selections == 5)
    let notes = root.child("Notes")?.children("Note") ?? []
    #expect(notes.count == 8)
    for note in notes {
      #expect(users.contains(note["creatingUser"] ?? ""), "note \(note["name"] ?? "") names no declared user")
      #expect(note["creationDateTime"] != nil, "note \(note["name"] ?? "") has no date")
    }
    // The quote behind three links is one selection that refers to all three notes.
    let quoteSelections = (root.child("Sources")?.children("TextSource") ?? []).flatMap {
      $0.children("PlainTextSelection")
    }.filter { $0.children("NoteRef").count == 3 }
    #expect(quoteSelections.count == 1)
    // The memo on the coded span joins the coding's selection when the user is the same.
    let both = (root.child("Sources")?.children("TextSource") ?? []).flatMap { $0.children("PlainTextSelection") }
      .filter { !$0.children("Coding").isEmpty && !$0.children("NoteRef").isEmpty }
    #expect(both.count == 1)
  }

  @Test("the crowded export still validates against Project.xsd with both validators")
  func crowdedValidates() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("project.qde").path
    try Data(try RefiQDAExport.project(try crowded(in: folder)).qde.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try Validators.xmllint(path, schema: "Project.xsd").status == 0)
    #expect(try Validators.xmlschema(path, schema: "Project.xsd") == Validators.Result(status: 0, output: "valid\n"))
  }
}

@Suite("REFI-QDA memos from other tools")
struct RefiQDAMemoImportTests {
  /// A project as QualCoder writes one: memos in Description elements of a
  /// source, a case and a coded passage, and an annotation (a described
  /// passage with no code).
  static let qde = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder">
      <Users><User guid="u-1" name="maria"/></Users>
      <CodeBook><Codes><Code guid="c-1" name="Hope" isCodable="true"/></Codes></CodeBook>
      <Variables><Variable guid="v-1" name="group" typeOfVariable="Text"/></Variables>
      <Cases>
        <Case guid="k-1" name="Jo">
          <Description>Jo asked to be called by her first name.</Description>
          <VariableValue><VariableRef targetGUID="v-1"/><TextValue>carers</TextValue></VariableValue>
          <SourceRef targetGUID="s-1"/>
        </Case>
      </Cases>
      <Sources>
        <TextSource guid="s-1" name="Interview Jo" plainTextPath="internal://s-1.txt" creatingUser="u-1" creationDateTime="2025-05-06T07:08:09Z">
          <Description>Recorded at the day centre; noisy.</Description>
          <PlainTextSelection guid="p-1" startPosition="4" endPosition="21" creatingUser="u-1" creationDateTime="2025-05-06T07:08:10Z">
            <Description>She smiles here.</Description>
            <Coding guid="g-1" creatingUser="u-1"><CodeRef targetGUID="c-1"/></Coding>
          </PlainTextSelection>
          <PlainTextSelection guid="p-2" startPosition="22" endPosition="35" creatingUser="u-1" creationDateTime="2025-05-06T07:08:11Z">
            <Description>Check the bus times she means.</Description>
          </PlainTextSelection>
        </TextSource>
      </Sources>
    </Project>
    """
  static let text = "Jo: The group gave me hope. Buses are rare.\n"

  @Test("memos on sources, cases, coded passages and annotations come in, each where it was written")
  func memosCarried() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try RefiFixture.archive(
      [("project.qde", Data(Self.qde.utf8)), ("sources/s-1.txt", Data(Self.text.utf8))], named: "qc.qdpx",
      in: folder)
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    let summary = try RefiQDAImport.importProject(at: file, into: store, actor: testActor)
    #expect(summary.notes == 3)
    #expect(summary.notCarried == [])
    let notes = try store.pool.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT title || ' | ' || COALESCE(document_id, '-') || ' ' || COALESCE(start, '-') || '..<'
            || COALESCE("end", '-') || ' | ' || created_by || ' | ' || text FROM note ORDER BY id
          """)
    }
    #expect(
      notes
        == [
          "Memo on the case Jo | - -..<- | tester-or-user | Jo asked to be called by her first name.",
          "Memo on Interview Jo | 1 -..<- | maria | Recorded at the day centre; noisy.",
          "Annotation | 1 22..<35 | maria | Check the bus times she means.",
        ].map { $0.replacingOccurrences(of: "tester-or-user", with: testActor) })
    let codings = try store.pool.read { db in
      try String.fetchAll(db, sql: "SELECT start || '..<' || \"end\" || ' ' || explanation FROM coding")
    }
    #expect(codings == ["4..<21 She smiles here."])
  }
}
