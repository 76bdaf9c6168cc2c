import Foundation
import HTTPTypes
import HarkCore
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

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
          "Does peer group lead to less alone?", "Does <script>alert(2)</script> lead to more anxiety?",
        ])
      let after = Browser.body(
        try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))
      #expect(
        after.contains(
          #"<td data-label="Item">I\#(items[0].id)</td><td data-label="Question">Does peer group lead to less alone?</td><td data-label="Agree">0</td><td data-label="Disagree">0</td><td data-label="Not sure">0</td><td data-label="State">open</td>"#
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
    let gate = SignInGate(
      throttle: SignInThrottle(maxFailures: 5, window: 15 * 60, now: { clock.withLock { $0 } }),
      now: { clock.withLock { $0 } })
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
    let items = try fixture.store.openItems(panel: fixture.panel, status: "candidate")
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
        body: Browser.form([("csrf", csrf)]))
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
}
