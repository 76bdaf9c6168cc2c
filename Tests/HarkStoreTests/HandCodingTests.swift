// The codebook kept by hand (tree, edits, colours), links made from a quote,
// and memos on documents, codes, concepts and links, against a real store.
import Foundation
import GRDB
import HarkExchange
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Codebook, links by hand and memos")
struct HandCodingTests {
  /// A project with Ruth asking and Zoë answering in text with accents, an
  /// emoji and a flag, so code point offsets differ from UTF-8 and UTF-16.
  func store() throws -> ProjectStore {
    let folder = try makeTemporaryFolder("hark-hand")
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(pseudonym: "Zoë", role: .participant, group: "young adults"),
    ])
    let text = "Ruth: Café?\nZoë: The peer group 💛 helped me 🇬🇧 feel heard.\n"
    let scalars = Array(text.unicodeScalars)
    let answerStart = scalars.firstIndex(of: "T")!
    _ = try store.importTranscript(
      ImportedTranscript(
        title: "Zoë", format: .text, text: text,
        turns: [
          ImportedTurn(speaker: "Ruth", start: 6, end: 11),
          ImportedTurn(speaker: "Zoë", start: answerStart, end: scalars.count - 1),
        ]),
      sourceName: "zoe.txt", sourceBytes: Data(text.utf8), actor: testActor)
    return store
  }

  func tree(_ store: ProjectStore) throws -> [String] {
    try store.codeTree().map { "\(String(repeating: "-", count: $0.depth))\($0.name) \($0.codings)" }
  }

  @Test("the code tree lists each code after its parent, siblings in the order made, with codings not rejected")
  func codeTree() throws {
    let store = try store()
    let feelings = try store.addCode(name: "feelings", actor: "ruth")
    let support = try store.addCode(name: "support", actor: "ruth")
    let heard = try store.addCode(name: "heard", parent: feelings, actor: "ruth")
    _ = try store.addCode(name: "peers", parent: support, actor: "ruth")
    _ = try store.addCode(name: "being listened to", parent: heard, actor: "ruth")
    _ = try store.codeQuote("feel heard", inTurn: 2, document: 1, code: "heard", actor: "ruth")
    let rejected = try store.codeQuote("helped", inTurn: 2, document: 1, code: "heard", actor: "ruth")
    try store.setCodingStatus(rejected.id, to: .rejected, actor: "ruth")
    #expect(try tree(store) == ["feelings 0", "-heard 1", "--being listened to 0", "support 0", "-peers 0"])
  }

  @Test("moving a code under itself or its descendant is refused, naming both, and nothing changes")
  func cycles() throws {
    let store = try store()
    let feelings = try store.addCode(name: "feelings", actor: "ruth")
    let heard = try store.addCode(name: "heard", parent: feelings, actor: "ruth")
    let deeper = try store.addCode(name: "deeper", parent: heard, actor: "ruth")
    let decisions = try store.decisions().count
    let loop = #expect(throws: HarkError.self) {
      try store.editCode(feelings, name: "feelings", parent: deeper, description: "", colour: nil, actor: "ruth")
    }
    #expect(
      loop?.description
        == "the code \"feelings\" cannot go under \"deeper\", which is inside it. Pick a parent outside it, or none")
    let own = #expect(throws: HarkError.self) {
      try store.editCode(heard, name: "heard", parent: heard, description: "", colour: nil, actor: "ruth")
    }
    #expect(own?.problem == "the code \"heard\" cannot be its own parent")
    #expect(try tree(store) == ["feelings 0", "-heard 0", "--deeper 0"])
    #expect(try store.decisions().count == decisions)
    // Saving a code unchanged records nothing.
    #expect(try !store.editCode(heard, name: "heard", parent: feelings, description: "", colour: nil, actor: "ruth"))
    #expect(try store.decisions().count == decisions)
  }

  @Test("colours are stored as #RRGGBB; anything else is refused with what to do")
  func colours() throws {
    let store = try store()
    let id = try store.addCode(name: "calm", colour: "#abc", actor: "ruth")
    #expect(try store.codeTree().map(\.colour) == ["#AABBCC"])
    let error = #expect(throws: HarkError.self) { try store.addCode(name: "noisy", colour: "blue", actor: "ruth") }
    #expect(error?.description == "code \"noisy\": \"blue\" is not a colour. Pick one from the list")
    try store.editCode(id, name: "calm", parent: nil, description: "", colour: "", actor: "ruth")
    #expect(try store.codeTree().map(\.shownColour) == ["#FFE066"])
  }

  @Test("black or white text on any code colour, and on every palette colour, reaches 4.5:1")
  func textContrast() {
    for colour in CodeColours.palette.map(\.hex) {
      #expect(CodeColours.text(on: colour) == "#000000", "\(colour)")
      #expect(CodeColours.contrast(colour, "#000000") >= 4.5, "\(colour)")
    }
    var worst = 21.0
    for red in stride(from: 0, through: 255, by: 17) {
      for green in stride(from: 0, through: 255, by: 5) {
        for blue in stride(from: 0, through: 255, by: 17) {
          let background = "#" + [red, green, blue].map { String(format: "%02X", $0) }.joined()
          worst = min(worst, CodeColours.contrast(background, CodeColours.text(on: background)))
        }
      }
    }
    #expect(worst >= 4.5)
    #expect(CodeColours.text(on: "#1B4F72") == "#FFFFFF")
  }

  @Test(
    "a link from a quote stores evidence at code point offsets, with the speaker, joining a link with the same ends")
  func linkFromQuote() throws {
    let store = try store()
    let first = try store.linkFromQuote(
      "helped me 🇬🇧 feel heard", inTurn: 2, document: 1, cause: "Peer group", effect: "feeling heard", polarity: 1,
      strength: nil, actor: "ruth")
    let text = Array("Ruth: Café?\nZoë: The peer group 💛 helped me 🇬🇧 feel heard.\n".unicodeScalars)
    let expected = text.indices.first { text[$0...].starts(with: "helped".unicodeScalars) }!
    #expect(first.start == expected)
    #expect(first.end == expected + "helped me 🇬🇧 feel heard".unicodeScalars.count)
    #expect(first.isNewLink)
    let evidence = try #require(try store.evidence(link: first.linkID).first)
    #expect(evidence.quote == "helped me 🇬🇧 feel heard")
    #expect(evidence.participant == "Zoë")
    #expect(evidence.strength == 0.5)
    #expect(evidence.createdBy == "ruth")
    let second = try store.linkFromQuote(
      "The peer group", inTurn: 2, document: 1, cause: "peer group", effect: "Feeling heard", polarity: 1,
      strength: 0.9, actor: "ruth")
    #expect(second.linkID == first.linkID)
    #expect(!second.isNewLink)
    #expect(
      try store.links().map { "\($0.cause) → \($0.effect) \($0.status) \($0.citations)" } == [
        "Peer group → feeling heard candidate 2"
      ])
    #expect(try store.linkEvidence(document: 1).map(\.quote) == ["The peer group", "helped me 🇬🇧 feel heard"])
  }

  @Test("a quote not in the turn, an interviewer's turn, or a concept linked to itself stores nothing")
  func linkRefused() throws {
    let store = try store()
    let tables = ["concept", "link", "evidence", "decision"]
    func counts() throws -> [Int] {
      try store.pool.read { db in try tables.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 } }
    }
    let before = try counts()
    let missing = #expect(throws: HarkError.self) {
      try store.linkFromQuote(
        "Café", inTurn: 2, document: 1, cause: "a", effect: "b", polarity: 1, strength: nil, actor: "ruth")
    }
    #expect(missing?.problem == "the words \"Café\" are not in turn 2 (Zoë)")
    let interviewer = #expect(throws: HarkError.self) {
      try store.linkFromQuote(
        "Café", inTurn: 1, document: 1, cause: "a", effect: "b", polarity: 1, strength: nil, actor: "ruth")
    }
    #expect(interviewer?.problem == "turn 1 is the interviewer's (Ruth)")
    let same = #expect(throws: HarkError.self) {
      try store.linkFromQuote(
        "helped", inTurn: 2, document: 1, cause: "Peer group", effect: "peer group", polarity: 1, strength: nil,
        actor: "ruth")
    }
    #expect(same?.problem == "the cause and the effect are the same concept (\"Peer group\")")
    #expect(try counts() == before)
  }

  @Test("strength is a number from 0 to 1 or a word; blank means unstated")
  func strengths() throws {
    #expect(try HandStrength.parse("") == nil)
    #expect(try HandStrength.parse("A lot") == 0.75)
    #expect(try HandStrength.parse("a-little") == 0.25)
    #expect(try HandStrength.parse("0,6") == 0.6)
    let error = #expect(throws: HarkError.self) { try HandStrength.parse("-1") }
    #expect(error?.problem == "the strength \"-1\" is not a number from 0 to 1")
  }

  @Test("memos on a document, a code, a concept and a link are listed on that item only, oldest first")
  func memos() throws {
    let store = try store()
    let code = try store.addCode(name: "heard", actor: "ruth")
    let link = try store.linkFromQuote(
      "helped", inTurn: 2, document: 1, cause: "peer group", effect: "feeling heard", polarity: 1, strength: nil,
      actor: "ruth")
    try store.addMemo(on: .document(1), title: "First", text: "About Zoë", actor: "ruth")
    try store.addMemo(on: .document(1), text: "one two three four five six seven eight nine", actor: "ruth")
    try store.addMemo(on: .code(code), text: "Code memo", actor: "ruth")
    try store.addMemo(on: .concept(link.causeID), text: "Concept memo", actor: "ruth")
    try store.addMemo(on: .link(link.linkID), text: "Link memo", actor: "ruth")
    #expect(
      try store.memos(on: .document(1)).map { "\($0.title): \($0.text) (\($0.createdBy))" } == [
        "First: About Zoë (ruth)",
        "one two three four five six seven eight…: one two three four five six seven eight nine (ruth)",
      ])
    #expect(try store.memos(on: .code(code)).map(\.text) == ["Code memo"])
    #expect(try store.memos(on: .concept(link.causeID)).map(\.text) == ["Concept memo"])
    #expect(try store.memos(on: .concept(link.effectID)).isEmpty)
    #expect(try store.memos(on: .link(link.linkID)).map(\.text) == ["Link memo"])
    let none = #expect(throws: HarkError.self) { try store.addMemo(on: .link(99), text: "x", actor: "ruth") }
    #expect(none?.problem == "there is no link L99")
  }

  @Test("a concept's memos stay with it when another concept is merged into it, and the other's come along")
  func memosFollowMerges() throws {
    let store = try store()
    let link = try store.linkFromQuote(
      "helped", inTurn: 2, document: 1, cause: "peer group", effect: "feeling heard", polarity: 1, strength: nil,
      actor: "ruth")
    try store.addMemo(on: .concept(link.causeID), text: "On the cause", actor: "ruth")
    try store.addMemo(on: .concept(link.effectID), text: "On the effect", actor: "ruth")
    try store.mergeConcept(link.causeID, into: link.effectID, actor: testActor)
    #expect(try store.memos(on: .concept(link.effectID)).map(\.text) == ["On the cause", "On the effect"])
  }

  @Test("when merging folds a link into the one with the same ends, or drops an alias concept, their memos move along")
  func memosSurviveFolds() throws {
    let store = try store()
    let folded = try store.linkFromQuote(
      "helped", inTurn: 2, document: 1, cause: "peers", effect: "feeling heard", polarity: 1, strength: nil,
      actor: "ruth")
    let kept = try store.linkFromQuote(
      "feel heard", inTurn: 2, document: 1, cause: "peer group", effect: "feeling heard", polarity: 1, strength: nil,
      actor: "ruth")
    try store.addMemo(on: .link(folded.linkID), text: "On the folded link", actor: "ruth")
    try store.addMemo(on: .concept(folded.causeID), text: "On peers", actor: "ruth")
    try store.mergeConcept(folded.causeID, into: kept.causeID, actor: testActor)
    #expect(try store.links().map(\.id) == [kept.linkID])
    #expect(try store.memos(on: .link(kept.linkID)).map(\.text) == ["On the folded link"])
    // Renaming "peer group" to "peers" gives the alias row's label back: the row goes, its memo stays.
    try store.renameConcept(kept.causeID, to: "peers", actor: testActor)
    #expect(try store.memos(on: .concept(kept.causeID)).map(\.text) == ["On peers"])
    #expect(
      try store.pool.read { db in
        try ConceptID.fetchAll(db, sql: "SELECT concept_id FROM note WHERE concept_id IS NOT NULL")
      } == [kept.causeID])
  }

  @Test("a memo on a link travels in a REFI-QDA project export as a project note")
  func memoExported() throws {
    let store = try store()
    let link = try store.linkFromQuote(
      "helped", inTurn: 2, document: 1, cause: "peer group", effect: "feeling heard", polarity: 1, strength: nil,
      actor: "ruth")
    try store.addMemo(on: .link(link.linkID), title: "Why L1", text: "Seen in every interview", actor: "ruth")
    let qde = try RefiQDAExport.project(store).qde
    #expect(qde.contains(#"name="Why L1""#))
    #expect(qde.contains("<PlainTextContent>Seen in every interview</PlainTextContent>"))
  }

  @Test("a project from before memos on concepts and links keeps its notes and gains the columns")
  func migratesNotes() throws {
    let folder = try makeTemporaryFolder("hark-hand")
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v3: notes")
    try queue.write { db in
      try db.execute(sql: "INSERT INTO note(title, text, created_by, created_at) VALUES ('t', 'kept', 'ruth', 'then')")
    }
    try queue.close()
    let store = try ProjectStore(path: path)
    let columns = try store.pool.read { db in try db.columns(in: "note").map(\.name) }
    #expect(columns.contains("concept_id") && columns.contains("link_id"))
    #expect(try store.pool.read { db in try String.fetchAll(db, sql: "SELECT text FROM note") } == ["kept"])
  }
}
