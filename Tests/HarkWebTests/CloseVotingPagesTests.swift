// Closing voting in the browser: a confirmation page first, for the whole
// panel or for one question, and nothing closes until it is confirmed.
import Foundation
import HTTPTypes
import HarkStore
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkWeb

@Suite("Closing voting")
struct CloseVotingPagesTests {
  /// Two open items: member 1 said yes to both, member 2 no to the first.
  static func fixture() throws -> (WebFixture, [PanelItem]) {
    let fixture = try WebFixture.make(members: 2)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let one = fixture.store.identity(of: fixture.members[0])
    let two = fixture.store.identity(of: fixture.members[1])
    try fixture.store.castVote(as: one, item: items[0].id, ballot: Ballot(.agree))
    try fixture.store.castVote(as: one, item: items[1].id, ballot: Ballot(.agree))
    try fixture.store.castVote(as: two, item: items[0].id, ballot: Ballot(.disagree))
    return (fixture, items)
  }

  @Test("the panel page offers closing through a confirmation page that says what will happen, with Confirm and Cancel")
  func confirmationPage() async throws {
    let (fixture, items) = try Self.fixture()
    let p = fixture.panel.id
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await ResearcherPagesTests().signIn(client)
      let panelPage = Browser.body(
        try await client.execute(uri: "/panels/\(p)", method: .get, headers: browser.headers()))
      #expect(
        panelPage.contains(#"<a class="button" href="/panels/\#(p)/close">Close voting on every open question…</a>"#))
      #expect(!panelPage.contains(#"action="/panels/\#(p)/close""#))
      #expect(
        panelPage.contains(
          #"<td data-label="Voting"><a href="/panels/\#(p)/items/\#(items[0].id)/close">Close<span class="vh"> voting on I\#(items[0].id)</span></a></td>"#
        ))
      let page = try await client.execute(uri: "/panels/\(p)/close", method: .get, headers: browser.headers())
      #expect(page.status == .ok)
      let html = Browser.body(page)
      #expect(html.contains("<h1>Close voting on 2 questions?</h1>"))
      #expect(html.contains("members can no longer answer or change their answers on 2 questions."))
      #expect(html.contains("decided by the panel's rule (unanimous, quorum 1)"))
      #expect(
        html.contains(
          #"<li>I\#(items[0].id): Does the peer group make people less alone? <span class="state">(2 answers: 1 yes, 1 no, 0 not sure)</span></li>"#
        ))
      #expect(html.contains(#"<span class="state">(1 answer: 1 yes, 0 no, 0 not sure)</span></li>"#))
      #expect(html.contains("<p>3 answers in all, from 2 members.</p>"))
      #expect(html.contains(#"<input type="hidden" name="items" value="\#(items[0].id),\#(items[1].id)">"#))
      #expect(html.contains(#"<button type="submit">Close voting on 2 questions</button>"#))
      #expect(html.contains(#"<a href="/panels/\#(p)">Cancel: keep voting open</a>"#))
    }
    #expect(try fixture.store.items(panel: fixture.panel).allSatisfy(\.isOpen))
  }

  @Test("a close request without the confirmation closes nothing and shows the confirmation page")
  func unconfirmedClosesNothing() async throws {
    let (fixture, items) = try Self.fixture()
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await ResearcherPagesTests().signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(
            try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))))
      for fields in [
        [("csrf", csrf)], [("csrf", csrf), ("items", "\(items[0].id)")], [("csrf", csrf), ("confirm", "yes")],
      ] {
        let response = try await client.execute(
          uri: "/panels/\(fixture.panel.id)/close", method: .post, headers: browser.headers(form: true),
          body: Browser.form(fields))
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/panels/\(fixture.panel.id)/close")
      }
    }
    #expect(try fixture.store.items(panel: fixture.panel).allSatisfy(\.isOpen))
    #expect(try fixture.store.panelDecisions(panel: fixture.panel).isEmpty)
  }

  @Test("confirming closes exactly the listed questions and decides them by the rule")
  func confirmCloses() async throws {
    let (fixture, items) = try Self.fixture()
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await ResearcherPagesTests().signIn(client)
      let page = Browser.body(
        try await client.execute(uri: "/panels/\(fixture.panel.id)/close", method: .get, headers: browser.headers()))
      let csrf = try #require(Browser.csrf(in: page))
      let closed = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/close", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("items", "\(items[0].id),\(items[1].id)"), ("confirm", "yes")]))
      #expect(closed.status == .seeOther)
      #expect(closed.headers[.location] == "/panels/\(fixture.panel.id)")
    }
    #expect(try fixture.store.items(panel: fixture.panel).map(\.isOpen) == [false, false])
    #expect(try fixture.store.panelDecisions(panel: fixture.panel).map(\.outcome) == [.rejected, .accepted])
    #expect(try fixture.store.panelDecisions(panel: fixture.panel).map(\.actor) == ["ruth", "ruth"])
  }

  @Test("one question can be closed on its own; the others stay open")
  func closeOne() async throws {
    let (fixture, items) = try Self.fixture()
    let second = items[1].id
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await ResearcherPagesTests().signIn(client)
      let page = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/items/\(second)/close", method: .get, headers: browser.headers())
      #expect(page.status == .ok)
      let html = Browser.body(page)
      #expect(html.contains("<h1>Close voting on I\(second)?</h1>"))
      #expect(html.contains("<p>1 answer in all, from 1 member.</p>"))
      #expect(html.contains(#"<input type="hidden" name="items" value="\#(second)">"#))
      #expect(html.contains(#"<button type="submit">Close voting on I\#(second)</button>"#))
      let closed = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/close", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", try #require(Browser.csrf(in: html))), ("items", "\(second)"), ("confirm", "yes")])
      )
      #expect(closed.status == .seeOther)
    }
    #expect(try fixture.store.items(panel: fixture.panel).map(\.isOpen) == [true, false])
    #expect(try fixture.store.panelDecisions(panel: fixture.panel).map(\.itemID) == [second])
  }

  @Test(
    "closing refuses a question closed meanwhile, another panel's, a missing one, and a panel member; nothing changes")
  func closeRefusals() async throws {
    let (fixture, items) = try Self.fixture()
    let other = try fixture.store.createPanel(name: "Other panel", rule: .unanimous, quorum: 1, actor: testActor)
    let theirs = try fixture.store.openItems(panel: other, status: .candidate, actor: testActor)[0].id
    _ = try fixture.store.closeItems(panel: fixture.panel, items: [items[0].id], actor: "ruth")
    let p = fixture.panel.id
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await ResearcherPagesTests().signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/panels/\(p)", method: .get, headers: browser.headers()))))
      for (listed, gone) in [("\(items[0].id),\(items[1].id)", "I\(items[0].id)"), ("\(theirs)", "I\(theirs)")] {
        let response = try await client.execute(
          uri: "/panels/\(p)/close", method: .post, headers: browser.headers(form: true),
          body: Browser.form([("csrf", csrf), ("items", listed), ("confirm", "yes")]))
        #expect(response.status == .conflict)
        #expect(
          Browser.body(response).contains(
            "Nothing was closed: \(gone) is no longer open for voting in this panel. Look at the panel again."))
      }
      let closedAlready = try await client.execute(
        uri: "/panels/\(p)/items/\(items[0].id)/close", method: .get, headers: browser.headers())
      #expect(closedAlready.status == .conflict)
      #expect(Browser.body(closedAlready).contains("Voting on I\(items[0].id) is closed already."))
      for uri in ["/panels/\(p)/items/\(theirs)/close", "/panels/\(p)/items/999/close", "/panels/999/close"] {
        #expect(
          try await client.execute(uri: uri, method: .get, headers: browser.headers()).status == .notFound, "\(uri)")
      }
      let member = try await PanelPagesTests().join(client, fixture)
      let memberCSRF = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/panel/sign-out", method: .get, headers: member.headers()))))
      #expect(
        try await client.execute(uri: "/panels/\(p)/close", method: .get, headers: member.headers()).status
          == .forbidden)
      let asMember = try await client.execute(
        uri: "/panels/\(p)/close", method: .post, headers: member.headers(form: true),
        body: Browser.form([("csrf", memberCSRF), ("items", "\(items[1].id)"), ("confirm", "yes")]))
      #expect(asMember.status == .forbidden)
    }
    #expect(try fixture.store.items(panel: fixture.panel).map(\.isOpen) == [false, true])
    #expect(try fixture.store.items(panel: other).allSatisfy(\.isOpen))
  }
}
