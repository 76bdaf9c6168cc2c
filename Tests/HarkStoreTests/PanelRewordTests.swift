// A researcher rewording an item's question: stored with the item, logged
// with who and when, and votes kept with the words they answered.
import Foundation
import HarkExchange
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Panel rewording")
struct PanelRewordTests {
  @Test("a reworded question is what members read; earlier votes keep the words they answered")
  func rewordWhileOpen() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 2)
    let item = try store.openItems(panel: panel, links: [2], actor: testActor)[0]
    #expect(item.question.text == "Does the waiting list lead to more anxiety?")
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    let reworded = try store.reword(
      item: item.id, to: "  Does waiting  for help\nmake you more anxious? ", actor: "ruth")
    #expect(reworded.question.text == "Does waiting for help make you more anxious?")
    #expect(reworded.question.generated == "Does the waiting list lead to more anxiety?")
    try store.castVote(as: members[1], item: item.id, ballot: Ballot(.disagree))
    let log = try store.decisions(subject: .panelItem(item.id)).filter { $0.action == .reword }
    #expect(log.map(\.actor) == ["ruth"])
    let audit = try store.panelAudit(panel: panel).filter { $0.itemID == item.id }.map { "\($0.who) | \($0.detail)" }
    #expect(
      audit == [
        "\(testActor) | opened I\(item.id) (link L2): Does the waiting list lead to more anxiety?",
        "Member 1 | voted agree on I\(item.id), asked “Does the waiting list lead to more anxiety?”",
        "ruth | reworded I\(item.id) from “Does the waiting list lead to more anxiety?” to “Does waiting for help make you more anxious?”",
        "Member 2 | voted disagree on I\(item.id), asked “Does waiting for help make you more anxious?”",
      ])
    let exported = try #require(JSONExport.panels(store).first?["items"] as? [[String: Any]]).first
    #expect(exported?["question"] as? String == "Does waiting for help make you more anxious?")
    #expect(exported?["generated_question"] as? String == "Does the waiting list lead to more anxiety?")
    let votes = try #require(exported?["votes"] as? [[String: Any]])
    #expect(
      votes.map { $0["question"] as? String } == [
        "Does the waiting list lead to more anxiety?", "Does waiting for help make you more anxious?",
      ])
    let changes = try #require(exported?["rewordings"] as? [[String: Any]])
    #expect(changes.map { $0["actor"] as? String } == ["ruth"])
    #expect(
      try RefiQDAExport.project(store).qde.contains(
        "question in panel \"carers\", I\(item.id): “Does waiting for help make you more anxious?” (reworded; first asked “Does the waiting list lead to more anxiety?”)\n"
      ))
  }

  @Test("rewording refuses empty, too long, unknown, unchanged and closed items with a reason")
  func refusals() throws {
    let store = try PanelFixture.project()
    let (panel, _) = try PanelFixture.panel(store, members: 1)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let empty = #expect(throws: HarkError.self) { try store.reword(item: item.id, to: " \n ", actor: testActor) }
    #expect(empty?.problem == "the new wording is empty")
    let long = #expect(throws: HarkError.self) {
      try store.reword(item: item.id, to: String(repeating: "a", count: 301), actor: testActor)
    }
    #expect(long?.problem == "the new wording is 301 characters long; at most 300 fit")
    let unknown = #expect(throws: HarkError.self) { try store.reword(item: 99, to: "Is it so?", actor: testActor) }
    #expect(unknown?.problem == "no review item I99")
    let same = #expect(throws: HarkError.self) {
      try store.reword(item: item.id, to: item.question.text, actor: testActor)
    }
    #expect(same?.problem == "I\(item.id) already asks “\(item.question.text)”")
    _ = try store.closeItems(panel: panel, items: [item.id], actor: testActor)
    let closed = #expect(throws: HarkError.self) { try store.reword(item: item.id, to: "Is it so?", actor: testActor) }
    #expect(closed?.problem == "voting on I\(item.id) has closed, so its question stays as it was decided")
    #expect(try store.item(item.id).wording == nil)
    #expect(try store.decisions(subject: .panelItem(item.id)).filter { $0.action == .reword }.isEmpty)
  }
}
