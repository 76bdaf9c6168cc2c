// What members write under "Anything else you want to say?" reaches every
// place a researcher reads the panel's work: the audit, the JSON and REFI-QDA
// exports (and, in their own suites, `hark panels show`, the panel page and the
// report). Comments from votes a member changed later are kept too.
import Foundation
import GRDB
import HarkExchange
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Panel members' comments")
struct PanelCommentsTests {
  /// A panel where member 1 comments twice on L1's item (changing the vote)
  /// and member 2 votes on it without a comment.
  func commented() throws -> (ProjectStore, Panel) {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 2)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.notSure, comment: "Only on good weeks"))
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, comment: "It <did> help, in the end"))
    try store.castVote(as: members[1], item: item.id, ballot: Ballot(.agree))
    return (store, panel)
  }

  @Test("the store lists every comment on a panel's items, earlier ones included, in order")
  func listed() throws {
    let (store, panel) = try commented()
    #expect(
      try store.comments(panel: panel).map { "\($0.pseudonym) on I\($0.itemID): \($0.ballot.comment)" } == [
        "Member 1 on I1: Only on good weeks", "Member 1 on I1: It <did> help, in the end",
      ])
    #expect(
      try store.comments(link: 1).map { "\($0.panel): \($0.vote.ballot.comment)" } == [
        "carers: Only on good weeks", "carers: It <did> help, in the end",
      ])
    #expect(try store.comments(link: 2).isEmpty)
  }

  @Test("the audit shows what each vote said")
  func audit() throws {
    let (store, panel) = try commented()
    let votes = try store.panelAudit(panel: panel).filter { $0.act == .vote }.map { "\($0.who): \($0.detail)" }
    #expect(
      votes == [
        "Member 1: voted not-sure on I1; said: “Only on good weeks”",
        "Member 1: voted agree on I1; said: “It <did> help, in the end”",
        "Member 2: voted agree on I1",
      ])
  }

  @Test("the JSON export carries each panel's items, every vote with its comment, by pseudonym only")
  func jsonExport() throws {
    let (store, _) = try commented()
    let panels = try #require(try JSONExport.make(store)["panels"] as? [[String: Any]])
    #expect(panels.count == 1)
    #expect(panels[0]["name"] as? String == "carers")
    #expect(panels[0]["rule"] as? String == "unanimous")
    let items = try #require(panels[0]["items"] as? [[String: Any]])
    #expect(items.map { $0["id"] as? String } == ["I1"])
    #expect(items[0]["link"] as? String == "L1")
    #expect(items[0]["question"] as? String == "Does the peer group make people less alone?")
    let votes = try #require(items[0]["votes"] as? [[String: Any]])
    #expect(
      votes.map { "\($0["id"]!) \($0["member"]!) \($0["answer"]!) “\($0["comment"]!)”" } == [
        "V1 Member 1 not-sure “Only on good weeks”", "V2 Member 1 agree “It <did> help, in the end”",
        "V3 Member 2 agree “”",
      ])
    let text = String(
      decoding: try JSONSerialization.data(withJSONObject: try JSONExport.make(store)), as: UTF8.self)
    #expect(!text.contains("carers-1"))  // members' real names never leave the project
  }

  @Test("the REFI-QDA export puts every comment in its link's note and lists them as not carried as such")
  func refiExport() throws {
    let (store, _) = try commented()
    let package = try RefiQDAExport.project(store)
    #expect(package.qde.contains("comment in panel \"carers\" from Member 1 ("))
    #expect(package.qde.contains("): “Only on good weeks”"))
    #expect(package.qde.contains("): “It &lt;did&gt; help, in the end”"))
    #expect(package.summary.notCarried.contains("2 panel members' comments: in their link's note"))
  }
}
