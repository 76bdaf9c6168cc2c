import Foundation
import GRDB
import HTTPTypes
import HarkAccounts
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import HarkStore
@testable import HarkWeb

@Suite("Researcher pages")
struct ResearcherPagesTests {
  func signIn(_ client: some TestClientProtocol, password: String = WebFixture.password) async throws -> (
    TestResponse, Browser
  ) {
    var browser = Browser()
    let response = try await client.execute(
      uri: "/sign-in", method: .post, headers: browser.headers(form: true),
      body: Browser.form([("name", "ruth"), ("password", password)]))
    browser.keepCookie(response)
    return (response, browser)
  }

  @Test("a researcher signs in, opens the candidate links for a panel's review and sees them listed")
  func openLinksForReview() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let (signedIn, browser) = try await signIn(client)
      #expect(signedIn.status == .seeOther)
      #expect(signedIn.headers[.location] == "/")
      let home = Browser.body(try await client.execute(uri: "/", method: .get, headers: browser.headers()))
      #expect(home.contains("Signed in as ruth"))
      let panelPage = Browser.body(
        try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))
      let csrf = try #require(Browser.csrf(in: panelPage))
      let opened = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/open", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf)]))
      #expect(opened.status == .seeOther)
      let items = try fixture.store.items(panel: fixture.panel)
      #expect(
        items.map(\.question.text) == [
          "Does the peer group make people less alone?", "Does <script>alert(2)</script> lead to more anxiety?",
        ])
      let after = Browser.body(
        try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))
      #expect(
        after.contains(
          #"<td data-label="Item">I\#(items[0].id)</td><td data-label="Question">Does the peer group make people less alone?</td><td data-label="Agree">0</td><td data-label="Disagree">0</td><td data-label="Not sure">0</td><td data-label="State">open</td>"#
        ))
      #expect(!after.contains("<script>"))
    }
  }

  @Test("a wrong password is refused without saying which part was wrong, and no session starts")
  func wrongPassword() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let (response, browser) = try await signIn(client, password: "wrong")
      #expect(response.status == .unauthorized)
      #expect(Browser.body(response).contains("That name and password do not match. Check them and try again."))
      #expect(browser.cookie == nil)
    }
  }

  @Test("after five failed sign-ins the sixth is refused for a while, even with the right password")
  func signInRateLimited() async throws {
    let fixture = try WebFixture.make()
    let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    let gate = SignInGate(now: { clock.withLock { $0 } })
    try await fixture.app(gate: gate).test(.router) { client in
      for _ in 1...5 {
        let (response, _) = try await signIn(client, password: "wrong")
        #expect(response.status == .unauthorized)
      }
      let (refused, browser) = try await signIn(client)
      #expect(refused.status == .tooManyRequests)
      #expect(browser.cookie == nil)
    }
  }

  @Test("closing voting decides each item by the panel's rule and the member sees the decision")
  func closeAndDecide() async throws {
    let fixture = try WebFixture.make(members: 1)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let member = fixture.store.identity(of: fixture.members[0])
    try fixture.store.castVote(as: member, item: items[0].id, ballot: Ballot(.agree))
    try fixture.store.castVote(as: member, item: items[1].id, ballot: Ballot(.disagree))
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(
            try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))))
      let closed = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/close", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("items", "\(items[0].id),\(items[1].id)"), ("confirm", "yes")]))
      #expect(closed.status == .seeOther)
      #expect(try fixture.store.panelDecisions(panel: fixture.panel).map(\.outcome) == [.accepted, .rejected])
      #expect(try fixture.store.panelDecisions(panel: fixture.panel).map(\.actor) == ["ruth", "ruth"])
    }
  }

  @Test("adding a member shows their one-time sign-in link once, on the server's own address")
  func addMemberShowsLink() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(
            try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))))
      let added = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/members", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("name", "Joan Example"), ("pseudonym", "Joan")]))
      #expect(added.status == .ok)
      let html = Browser.body(added)
      #expect(html.contains("<h1>Sign-in link for Joan</h1>"))
      #expect(html.contains(#"<p class="invite"><code>http://127.0.0.1:8080/join/"#))
    }
  }

  @Test("a new sign-in link for a member works once; cancelling their links refuses the unused ones and signs them out")
  func newLinkAndRevoke() async throws {
    let fixture = try WebFixture.make(members: 1)
    let member = fixture.members[0]
    let unused = try fixture.store.issueInvite(member: member, actor: testActor)
    let base = "/panels/\(fixture.panel.id)/members/\(member.id)"
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await signIn(client)
      let panelPage = Browser.body(
        try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))
      let csrf = try #require(Browser.csrf(in: panelPage))
      #expect(panelPage.contains(#"<form method="post" action="\#(base)/revoke" class="inline">"#))
      // The member signs in with a new link made in the browser.
      let made = try await client.execute(
        uri: base + "/invite", method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)])
      )
      #expect(made.status == .ok)
      let page = Browser.body(made)
      #expect(page.contains("<h1>Sign-in link for \(member.pseudonym)</h1>"))
      let token = try #require(
        page.components(separatedBy: "http://127.0.0.1:8080/join/").dropFirst().first?.prefix { $0 != "<" })
      var memberBrowser = Browser()
      let joined = try await client.execute(uri: "/join/\(token)", method: .post)
      #expect(joined.status == .seeOther)
      memberBrowser.keepCookie(joined)
      #expect(try await client.execute(uri: "/panel", method: .get, headers: memberBrowser.headers()).status == .ok)
      // Cancelling: the unused first link stops working and the session ends.
      let revoked = try await client.execute(
        uri: base + "/revoke", method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)])
      )
      #expect(revoked.status == .ok)
      #expect(
        Browser.body(revoked).contains(
          "<p>Cancelled 1 unused sign-in link and ended 1 session of \(member.name). To let them back in, make a new sign-in link.</p>"
        ))
      #expect(
        try await client.execute(uri: "/panel", method: .get, headers: memberBrowser.headers()).status
          == .unauthorized)
      #expect(try await client.execute(uri: "/join/\(unused.token)", method: .post).status == .forbidden)
      let audit = try fixture.store.decisions(subject: .panel(fixture.panel.id)).last
      #expect([audit?.actor, audit?.action.rawValue] == ["ruth", "revoke-invites"])
    }
  }

  @Test("member links: an unknown member is 404, a panel member is refused, and a form without CSRF is refused")
  func memberLinkRefusals() async throws {
    let fixture = try WebFixture.make(members: 1)
    let other = try fixture.store.createPanel(name: "Other panel", rule: .unanimous, quorum: 1, actor: testActor)
    let stranger = try fixture.store.addMember(panel: other, name: "Someone else", actor: testActor)
    let invitesBefore = try await fixture.store.pool.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_invite")
    }
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(
            try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))))
      for target in ["\(stranger.id)", "999", "x"] {
        let response = try await client.execute(
          uri: "/panels/\(fixture.panel.id)/members/\(target)/invite", method: .post,
          headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)]))
        #expect(response.status == .notFound, "member \(target)")
      }
      let noToken = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/members/\(fixture.members[0].id)/revoke", method: .post,
        headers: browser.headers(form: true), body: Browser.form([("csrf", "forged")]))
      #expect(noToken.status == .forbidden)
      let member = try await PanelPagesTests().join(client, fixture)
      let memberPage = Browser.body(
        try await client.execute(uri: "/panel/sign-out", method: .get, headers: member.headers()))
      let memberCSRF = try #require(Browser.csrf(in: memberPage))
      let asMember = try await client.execute(
        uri: "/panels/\(fixture.panel.id)/members/\(fixture.members[0].id)/invite", method: .post,
        headers: member.headers(form: true), body: Browser.form([("csrf", memberCSRF)]))
      #expect(asMember.status == .forbidden)
    }
    let invitesAfter = try await fixture.store.pool.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_invite")
    }
    // Only the member's own sign-in (by `join`) issued an invite.
    #expect(invitesAfter == (invitesBefore ?? 0) + 1)
    #expect(
      try fixture.store.decisions(subject: .panel(fixture.panel.id)).contains { $0.action == .revokeInvites }
        == false)
  }
}
