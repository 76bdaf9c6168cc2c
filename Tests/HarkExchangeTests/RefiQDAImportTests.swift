// REFI-QDA import: Hark's own export comes back unchanged, and projects from
// other tools come in with their habits tolerated.
import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkExchange
@testable import HarkStore

@Suite("REFI-QDA import")
struct RefiQDAImportTests {
  @Test("round trip: export, import into a fresh project, the same codings at the same code point offsets")
  func roundTrip() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = try RefiFixture.project(in: folder)
    let file = folder.appendingPathComponent("study.qdpx").path
    try RefiQDAExport.writeProject(original, to: file)
    let copy = try ProjectStore.create(at: folder.appendingPathComponent("copy.sqlite").path)
    let summary = try RefiQDAImport.importProject(at: file, into: copy, actor: testActor)
    #expect(
      summary
        == RefiQDAImportSummary(
          documents: 2, codesAdded: 3, codesReused: 0, codings: 3, participantsAdded: 3, participantsKept: 0,
          notes: 5, notCarried: []))
    let expected = [
      "interview-1 | peer support | 44..<66 | peer group 🙂 helped me | ana",
      "interview-1 | feeling alone | 72..<82 | less alone | plugin:org.hark.values@1.0.0",
      "interview-2 | peer support | 7..<33 | Peer groups gave me hope 🌱 | bo",
    ]
    #expect(try RefiFixture.codings(original).filter { !$0.contains("feel |") && !$0.contains("Welcome") } == expected)
    #expect(try RefiFixture.codings(copy) == expected)
    let texts = { (store: ProjectStore) in
      try store.pool.read { db in try String.fetchAll(db, sql: "SELECT text FROM document ORDER BY id") }
    }
    #expect(try texts(copy) == texts(original))
    #expect(
      try copy.pool.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT c.name, p.name AS parent, c.description, c.colour FROM code c LEFT JOIN code p ON p.id = c.parent_id
            ORDER BY c.name
            """
        ).map {
          "\($0["name"] as String) < \($0["parent"] as String? ?? "-") | \($0["description"] as String) | \($0["colour"] as String? ?? "-")"
        }
      } == [
        "feeling alone < - |  | -",
        "peer support < Support |  | #AEC7E8",
        "Support < - | Help from others & \"kindness\" | #1F77B4",
      ])
    #expect(
      try copy.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT pseudonym, role, group_name, attributes FROM participant ORDER BY pseudonym")
          .map {
            "\($0["pseudonym"] as String) \($0["role"] as String) \($0["group_name"] as String) \($0["attributes"] as String)"
          }
      } == [
        #"Amina participant people using services [["age band","30-39"],["area","north"]]"#,
        "Grace participant carers []",
        "Ruth interviewer  []",
      ])
    // Turns come back from the speaker labels, and find the participants again.
    let turns = try copy.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT speaker || ' ' || role || ' ' || start || '..<' || \"end\" FROM turn ORDER BY id")
    }
    #expect(
      turns == [
        "Ruth interviewer 6..<32", "Amina participant 40..<83", "Amina participant 91..<126",
        "Grace participant 7..<45",
      ])
    let notes = try copy.pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT title, text, document_id, start, \"end\", code_id, created_by FROM note ORDER BY id"
      )
      .map {
        "\($0["title"] as String) | D\($0["document_id"] as Int64? ?? 0) \($0["start"] as Int? ?? -1)..<\($0["end"] as Int? ?? -1) code \($0["code_id"] as Int64? ?? 0) | \($0["created_by"] as String) | \($0["text"] as String)"
      }
    }
    #expect(notes.count == 5)
    let linkNote = """
      Hark link L1: peer group → less alone
      status: accepted
      polarity: +, strength: 0.6, weight: 0.6 (from the evidence)
      quotes: 1 from 1 sources

      Quotes:
      - interview-1 [40, 83) — Amina, people using services: “The peer group 🙂 helped me feel less alone.” (polarity +, strength 0.6, confidence 0.7) pattern "X helped me Y"

      """
    // Hark's own notes are written by the user "Hark", dated, as REFI-QDA readers expect.
    #expect(notes[1] == "Hark link L1: peer group → less alone | D1 40..<83 code 0 | Hark | " + linkNote)
    #expect(notes[2] == "On naivety | D1 91..<99 code 0 | ana | She laughs here.\r\nCheck the recording.")
    #expect(notes[3] == "Codebook | D0 -1..<-1 code 2 | bo | Support covers <all> help.")
    #expect(notes[4] == "Project memo | D0 -1..<-1 code 0 | ana | Second round due in May.")
  }

  @Test("a project from another tool: its habits tolerated, its offsets mapped to Hark's stored text")
  func otherToolsHabits() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try ForeignProject.write(in: folder)
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    let summary = try RefiQDAImport.importProject(at: file, into: store, actor: testActor)
    #expect(
      summary
        == RefiQDAImportSummary(
          documents: 4, codesAdded: 4, codesReused: 0, codings: 5, participantsAdded: 1, participantsKept: 0,
          notes: 1,
          notCarried: [
            "1 PDF sources: left out (Hark reads text sources)",
            "the source \"Focus group (Word)\": left out, it has rich text only (internal://FG.docx); export it with plain text to bring it in",
            "the colour \"#zz0000\" of the code \"Hope\": not a colour, left out",
          ]))
    #expect(
      try RefiFixture.codings(store) == [
        "Field notes | Hope | 0..<7 | Hopeful | Maria",
        "Interview Jo | Hope | 12..<17 | Hope. | Maria",
        "Interview Jo | Waiting | 18..<35 | Jo: Waiting… café | Maria",
        "Interview Jo | Barriers | 34..<38 | é 👍🏽 | Maria",
        "Twin | Waiting (top level) | 0..<4 | Twin | Maria",
      ])
    #expect(
      try store.pool.read { db in
        try String.fetchAll(db, sql: "SELECT text FROM document WHERE title = 'Interview Jo'")
      } == ["Jo: I felt… Hope.\nJo: Waiting… café 👍🏽 again\n"])
    #expect(
      try store.pool.read { db in
        try String.fetchAll(
          db,
          sql:
            "SELECT c.name || ' < ' || COALESCE(p.name, '-') || ' ' || COALESCE(c.colour, '-') FROM code c LEFT JOIN code p ON p.id = c.parent_id ORDER BY c.id"
        )
      } == ["Barriers < - #FF8800", "Waiting < Barriers -", "Waiting (top level) < - #112233", "Hope < - -"])
    #expect(
      try store.pool.read { db in
        try String.fetchAll(
          db,
          sql:
            "SELECT title || ' ' || document_id || ' ' || start || '..<' || \"end\" || ' ' || created_by || ' ' || created_at FROM note"
        )
      } == ["Thumbs 1 34..<38 Maria 2025-05-06T07:08:09Z"])
    #expect(
      try store.pool.read { db in
        try String.fetchAll(db, sql: "SELECT pseudonym || ' ' || role || ' ' || group_name FROM participant")
      } == ["Jo participant carers"])
  }

  @Test("a foreign project exported again by Hark and imported once more keeps every coding where it was")
  func foreignRoundTrip() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try ProjectStore.create(at: folder.appendingPathComponent("a.sqlite").path)
    try RefiQDAImport.importProject(at: try ForeignProject.write(in: folder), into: first, actor: testActor)
    let again = folder.appendingPathComponent("again.qdpx").path
    try RefiQDAExport.writeProject(first, to: again)
    let second = try ProjectStore.create(at: folder.appendingPathComponent("b.sqlite").path)
    try RefiQDAImport.importProject(at: again, into: second, actor: testActor)
    #expect(try RefiFixture.codings(second) == RefiFixture.codings(first))
  }

  @Test("the same project imported twice is refused the second time, and nothing changes")
  func importedTwice() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("study.qdpx").path
    try RefiQDAExport.writeProject(try RefiFixture.project(in: folder), to: file)
    let copy = try ProjectStore.create(at: folder.appendingPathComponent("copy.sqlite").path)
    try RefiQDAImport.importProject(at: file, into: copy, actor: testActor)
    let before = try RefiFixture.counts(copy)
    #expect(
      harkErrorDescription { try RefiQDAImport.importProject(at: file, into: copy, actor: testActor) }
        == "study.qdpx: the source \"interview-1\" was already imported as document D1 (\"interview-1\"). Nothing was changed; to import it again, first run `hark documents remove D1`"
    )
    #expect(try RefiFixture.counts(copy) == before)
  }

  @Test("what Hark has no place for is listed: unnamed cases, source variables, unknown codes, links, sets, graphs")
  func leftOutOnImport() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let g = { (n: Int) in "00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(n).count))\(n)" }
    let qde = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="Odd">
        <CodeBook><Codes><Code guid="\(g(1))" name="Known" isCodable="true"/></Codes></CodeBook>
        <Variables><Variable guid="\(g(2))" name="age" typeOfVariable="Integer"/></Variables>
        <Cases><Case guid="\(g(3))"/></Cases>
        <Sources>
          <TextSource guid="\(g(4))" name="Wide" plainTextPath="internal://\(g(4)).txt">
            <PlainTextSelection guid="\(g(5))" startPosition="0" endPosition="4">
              <Coding guid="\(g(6))"><CodeRef targetGUID="\(g(1))"/></Coding>
              <Coding guid="\(g(7))"><CodeRef targetGUID="\(g(99))"/></Coding>
            </PlainTextSelection>
            <Coding guid="\(g(8))"><CodeRef targetGUID="\(g(1))"/></Coding>
            <VariableValue><VariableRef targetGUID="\(g(2))"/><IntegerValue>3</IntegerValue></VariableValue>
          </TextSource>
        </Sources>
        <Links><Link guid="\(g(9))" originGUID="\(g(1))" targetGUID="\(g(4))"/></Links>
        <Sets><Set guid="\(g(10))" name="A set"/></Sets>
        <Graphs><Graph guid="\(g(11))"/></Graphs>
      </Project>
      """
    var utf16 = Data([0xFF, 0xFE])
    utf16.append("Wide text".data(using: .utf16LittleEndian)!)
    let file = try RefiFixture.archive(
      [("project.qde", Data(qde.utf8)), ("sources/\(g(4)).txt", utf16)], named: "odd.qdpx", in: folder)
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    let summary = try RefiQDAImport.importProject(at: file, into: store, actor: testActor)
    #expect(
      summary
        == RefiQDAImportSummary(
          documents: 1, codesAdded: 1, codesReused: 0, codings: 2, participantsAdded: 0, participantsKept: 0,
          notes: 0,
          notCarried: [
            "a case without a name (line 5): left out",
            "variables of the source \"Wide\": left out (Hark keeps variables on participants)",
            "1 links between items: left out", "1 sets: left out", "1 graphs: left out",
            "1 codings whose code is not in the codebook: left out",
          ]))
    #expect(
      try RefiFixture.codings(store) == [
        "Wide | Known | 0..<4 | Wide | \(testActor)",
        "Wide | Known | 0..<9 | Wide text | \(testActor)",
      ])
  }

  @Test("offsets inside a CRLF or a decomposed letter widen to the whole character")
  func offsetsInsideCharacters() {
    let text = RefiText("a\r\ne\u{301}c")
    #expect(text.text == "a\né" + "c")
    #expect(text.originalCount == 6)
    #expect(text.range(0, 1) == 0..<1)
    #expect(text.range(2, 3) == 1..<2)
    #expect(text.range(3, 4) == 2..<3)
    #expect(text.range(3, 5) == 2..<3)
    #expect(text.range(5, 6) == 3..<4)
    #expect(RefiText("\u{FEFF}plain").range(1, 3) == 1..<3)
  }
}

/// A .qdpx as other tools write them: the .qde named after the project (ATLAS.ti), a
/// `Sources/` folder, BOMs, CRLF, a decomposed accent, GUIDs in braces, a colour with
/// alpha, a source with rich text only and its plain twin, inline text, an external file.
enum ForeignProject {
  static func write(in folder: URL) throws -> String {
    try Data("Hopeful start.\n".utf8).write(to: folder.appendingPathComponent("field-notes.txt"))
    let qde = """
      \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="Study" origin="ATLAS.ti 26">
        <Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Maria"/></Users>
        <CodeBook><Codes>
          <Code guid="{BBBBBBBB-0000-4000-8000-000000000001}" name="Barriers" isCodable="true" color="#FF8800CC">
            <Code guid="{BBBBBBBB-0000-4000-8000-000000000002}" name="Waiting" isCodable="true"/>
          </Code>
          <Code guid="BBBBBBBB-0000-4000-8000-000000000003" name="Waiting" isCodable="true" color="#112233"/>
          <Code guid="BBBBBBBB-0000-4000-8000-000000000004" name="Hope" isCodable="true" color="#zz0000"/>
        </Codes></CodeBook>
        <Variables><Variable guid="CCCCCCCC-0000-4000-8000-000000000001" name="Group" typeOfVariable="Text"/></Variables>
        <Cases><Case guid="DDDDDDDD-0000-4000-8000-000000000001" name="Jo">
          <VariableValue><VariableRef targetGUID="CCCCCCCC-0000-4000-8000-000000000001"/><TextValue>carers</TextValue></VariableValue>
        </Case></Cases>
        <Sources>
          <TextSource guid="{EEEEEEEE-0000-4000-8000-000000000001}" name="Interview Jo" plainTextPath="internal://EEEEEEEE-0000-4000-8000-000000000001.txt">
            <PlainTextSelection guid="FFFFFFFF-0000-4000-8000-000000000001" startPosition="12" endPosition="17" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
              <Coding guid="FFFFFFFF-0000-4000-8000-000000000002" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><CodeRef targetGUID="BBBBBBBB-0000-4000-8000-000000000004"/></Coding>
            </PlainTextSelection>
            <PlainTextSelection guid="FFFFFFFF-0000-4000-8000-000000000003" startPosition="19" endPosition="37">
              <Coding guid="FFFFFFFF-0000-4000-8000-000000000004" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><CodeRef targetGUID="{bbbbbbbb-0000-4000-8000-000000000002}"/></Coding>
            </PlainTextSelection>
            <PlainTextSelection guid="FFFFFFFF-0000-4000-8000-000000000005" startPosition="36" endPosition="40">
              <Coding guid="FFFFFFFF-0000-4000-8000-000000000006" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><CodeRef targetGUID="BBBBBBBB-0000-4000-8000-000000000001"/></Coding>
              <NoteRef targetGUID="99999999-0000-4000-8000-000000000001"/>
            </PlainTextSelection>
          </TextSource>
          <TextSource guid="{EEEEEEEE-0000-4000-8000-000000000002}" name="Twin" richTextPath="internal://EEEEEEEE-0000-4000-8000-000000000002.docx">
            <PlainTextSelection guid="FFFFFFFF-0000-4000-8000-000000000007" startPosition="0" endPosition="4">
              <Coding guid="FFFFFFFF-0000-4000-8000-000000000008" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><CodeRef targetGUID="BBBBBBBB-0000-4000-8000-000000000003"/></Coding>
            </PlainTextSelection>
          </TextSource>
          <TextSource guid="{EEEEEEEE-0000-4000-8000-000000000003}" name="Focus group (Word)" richTextPath="internal://FG.docx"/>
          <TextSource guid="{EEEEEEEE-0000-4000-8000-000000000004}" name="Inline">
            <PlainTextContent>Typed in the tool.</PlainTextContent>
          </TextSource>
          <TextSource guid="{EEEEEEEE-0000-4000-8000-000000000005}" name="Field notes" plainTextPath="relative://field-notes.txt">
            <PlainTextSelection guid="FFFFFFFF-0000-4000-8000-000000000009" startPosition="0" endPosition="7">
              <Coding guid="FFFFFFFF-0000-4000-8000-000000000010" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><CodeRef targetGUID="BBBBBBBB-0000-4000-8000-000000000004"/></Coding>
            </PlainTextSelection>
          </TextSource>
          <PDFSource guid="{EEEEEEEE-0000-4000-8000-000000000006}" name="Leaflet" path="internal://leaflet.pdf"/>
        </Sources>
        <Notes>
          <Note guid="99999999-0000-4000-8000-000000000001" name="Thumbs" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}" creationDateTime="2025-05-06T07:08:09Z">
            <PlainTextContent>Emoji with a skin tone.</PlainTextContent>
          </Note>
        </Notes>
      </Project>
      """
    // 12..<17 "Hope."; 19..<37 "Jo: Waiting… café", after a CRLF, with é as e + U+0301;
    // 36..<40 starts on that accent and ends after the skin-toned thumb, so it widens to the whole é.
    let interview = "\u{FEFF}Jo: I felt… Hope.\r\nJo: Waiting… cafe\u{301} 👍🏽 again\r\n"
    return try RefiFixture.archive(
      [
        ("Study.qde", Data(qde.utf8)),
        ("Sources/EEEEEEEE-0000-4000-8000-000000000001.txt", Data(interview.utf8)),
        ("Sources/eeeeeeee-0000-4000-8000-000000000002.txt", Data("Twin text.".utf8)),
        ("Sources/FG.docx", Data("not really a docx".utf8)),
      ], named: "study.qdpx", in: folder)
  }
}
