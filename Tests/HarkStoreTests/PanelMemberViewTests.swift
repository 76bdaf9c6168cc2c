// What a signed-in member may see, and what a researcher's sign-in goes through.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Member views and sign-in")
struct PanelMemberViewTests {
  @Test("a member sees an item of their own panel with its quotes, their vote and their progress")
  func ownItem() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let items = try store.openItems(panel: panel, links: [3, 2], actor: testActor)
    let vote = try store.castVote(as: members[0], item: items[0].id, ballot: Ballot(.agree, strength: .some))
    let view = try store.itemView(for: members[0], item: items[0].id)
    #expect(view.item.question.text == "Does being listened to lead to more trust in services?")
    #expect(view.quotes.map(\.speaker) == ["Grace (carers)"])
    #expect(view.myVote == vote)
    #expect(view.progress.text == "1 of 2 done")
    #expect(try store.itemView(for: members[1], item: items[0].id).myVote == nil)
    #expect(try store.header(for: members[1]) == MemberHeader(panel: panel, pseudonym: "Member 2"))
  }

  @Test("a member asking for another panel's item, a missing item or with a forged identity is refused")
  func refusals() throws {
    let store = try PanelFixture.project()
    let (carers, _) = try PanelFixture.panel(store, name: "carers")
    let (_, youth) = try PanelFixture.panel(store, name: "youth")
    let item = try store.openItems(panel: carers, links: [1], actor: testActor)[0]
    #expect(throws: VoteRefusal.notYourPanel(item: item.id)) { try store.itemView(for: youth[0], item: item.id) }
    #expect(throws: VoteRefusal.noSuchItem(50)) { try store.itemView(for: youth[0], item: 50) }
    let forged = MemberIdentity(memberID: youth[0].memberID, panelID: carers.id)
    #expect(throws: VoteRefusal.notAMember) { try store.itemView(for: forged, item: item.id) }
    #expect(throws: VoteRefusal.notAMember) { try store.header(for: forged) }
  }

  @Test("a member sees the decision in force on each closed item of their panel only")
  func decisions() throws {
    let store = try PanelFixture.project()
    let (carers, members) = try PanelFixture.panel(store, name: "carers", members: 1)
    let (youth, youthMembers) = try PanelFixture.panel(store, name: "youth", members: 1)
    let items = try store.openItems(panel: carers, links: [1, 2], actor: testActor)
    _ = try store.openItems(panel: youth, links: [3], actor: testActor)
    try store.castVote(as: members[0], item: items[0].id, ballot: Ballot(.agree))
    try store.castVote(as: members[0], item: items[1].id, ballot: Ballot(.disagree))
    _ = try store.closeItems(panel: carers, actor: testActor)
    _ = try store.overrideDecision(item: items[1].id, outcome: .accepted, reason: "reworded link", actor: testActor)
    let seen = try store.decisions(for: members[0])
    #expect(seen.map(\.item.id) == [items[1].id, items[0].id])
    #expect(seen.map(\.decision.reason) == ["override: reworded link", "accepted: all 1 vote agree (unanimous)"])
    #expect(try store.decisions(for: youthMembers[0]).isEmpty)
  }

  @Test("sign-in starts a session for the right password, says nothing more for a wrong one, and refuses after five")
  func signIn() throws {
    let store = try PanelFixture.project()
    let researcher = try store.addResearcher(name: "amina", password: "long enough", cost: testCost, actor: testActor)
    let clock = TestClock()
    let gate = SignInGate(now: { clock.now })
    guard
      case .signedIn(let who, let session) = try gate.signIn(
        store: store, name: "amina", password: "long enough", address: "192.0.2.1")
    else {
      Issue.record("the right password did not sign in")
      return
    }
    #expect(who == researcher)
    #expect(try store.sessionHolder(token: session.token, now: clock.now) == .researcher(researcher))
    for _ in 0..<5 {
      #expect(
        try gate.signIn(store: store, name: "amina", password: "wrong guess", address: "192.0.2.9")
          == .wrongNameOrPassword)
    }
    let refused = try gate.signIn(store: store, name: "amina", password: "long enough", address: "192.0.2.1")
    #expect(refused == .refused(until: clock.now.addingTimeInterval(900)))
    clock.advance(900)
    guard case .signedIn = try gate.signIn(store: store, name: "amina", password: "long enough", address: "192.0.2.1")
    else {
      Issue.record("sign-in stayed refused after the window")
      return
    }
  }
}
