// Typed ids: how people's text becomes an id, and that an id reads, prints,
// encodes and is stored as the bare number it always was.
import Foundation
import GRDB
import HarkStore
import HarkTestSupport
import Testing

@Suite("Typed ids")
struct IdentifierTests {
  @Test("an id typed with or without its kind's letter, in either case, reads as that id")
  func parsing() {
    #expect(ConceptID(parsing: "C12") == 12)
    #expect(ConceptID(parsing: "c12") == 12)
    #expect(ConceptID(parsing: "12") == 12)
    #expect(PanelItemID(parsing: "I3") == 3)
    #expect(EvidenceID(parsing: "7") == 7)
  }

  @Test("another kind's letter, a number below 1 or no number reads as no id")
  func parsingRefused() {
    #expect(ConceptID(parsing: "L12") == nil)
    #expect(ConceptID(parsing: "C0") == nil)
    #expect(ConceptID(parsing: "-3") == nil)
    #expect(ConceptID(parsing: "C") == nil)
    #expect(ConceptID(parsing: "") == nil)
    #expect(EvidenceID(parsing: "E7") == nil)
  }

  @Test("a form field or an address gives its bare number as it is; text that is not a number gives none")
  func number() {
    #expect(LinkID(number: "4") == 4)
    #expect(LinkID(number: "0") == 0)
    #expect(LinkID(number: "L4") == nil)
    #expect(LinkID(number: "") == nil)
  }

  @Test("an id prints, orders and encodes as its number")
  func plainNumber() throws {
    let id: LinkID = 42
    #expect("L\(id)" == "L42")
    #expect([LinkID(9), 3, 12].sorted() == [3, 9, 12])
    #expect(String(decoding: try JSONEncoder().encode([id]), as: UTF8.self) == "[42]")
    #expect(try JSONDecoder().decode([LinkID].self, from: Data("[42]".utf8)) == [id])
  }

  @Test("ids read from and bound into SQL as the integers stored")
  func storedAsIntegers() throws {
    let queue = try DatabaseQueue()
    let (read, bound) = try queue.read { db in
      (
        try DocumentID.fetchOne(db, sql: "SELECT 5"),
        try Int64.fetchOne(db, sql: "SELECT ? + 1", arguments: [DocumentID(5)])
      )
    }
    #expect(read == 5)
    #expect(bound == 6)
  }

  @Test("a decision's detail holds the ids it names as bare JSON numbers")
  func decisionDetail() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "carers", actor: testActor)
    let item = try #require(try store.openItems(panel: panel, links: [2], actor: testActor).first)
    let opened = try #require(try store.decisions(subject: .panelItem(item.id)).first)
    #expect(opened.detail == #"{"link":2,"panel":1}"#)
  }
}
