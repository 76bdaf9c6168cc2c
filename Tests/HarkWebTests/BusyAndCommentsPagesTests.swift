// A vote made while another process holds the project's write lock is either
// stored or refused plainly with the member's choices still on the page; and
// what members write with their votes reaches the researcher's panel page.
import Foundation
import GRDB
import HTTPTypes
import HarkAccounts
import HarkStore
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import HarkWeb

@Suite("Busy project and members' comments in the browser")
struct BusyAndCommentsPagesTests {
  /// Signs a member in by their invite link.
  func signIn(_ client: some TestClientProtocol, token: String) async throws -> Browser {
    var browser = Browser()
    let joined = try await client.execute(uri: "/join/\(token)", method: .post, headers: browser.headers(form: true))
    browser.keepCookie(joined)
    return browser
  }

  /// Signs a member in and returns the browser and an open item page's CSRF token.
  func member(_ client: some TestClientProtocol, token: String, item: PanelItemID) async throws -> (Browser, String) {
    let browser = try await signIn(client, token: token)
    let page = try await client.execute(uri: "/panel/items/\(item)", method: .get, headers: browser.headers())
    return (browser, try #require(Browser.csrf(in: Browser.body(page))))
  }

  @Test(
    "a vote while another writer outlasts the patience: 503, nothing stored, choices kept; sent again, stored"
  )
  func voteWhileLocked() async throws {
    let fixture = try WebFixture.make(members: 1)
    let item = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)[0]
    let token = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor).token
    let impatient = try ProjectStore(path: fixture.store.path, lockWait: LockWait(patience: 0.2))
    let app = Application(router: try WebServer.router(store: impatient, baseURL: "http://127.0.0.1:8080"))
    try await app.test(.router) { client in
      let (browser, csrf) = try await member(client, token: token, item: item.id)
      let form = Browser.form([
        ("csrf", csrf), ("answer", "disagree"), ("strength", "a-lot"), ("comment", "Not for me, the bus is too dear"),
      ])
      let holder = try LockHolder(fixture.store.path)
      let refused = try await client.execute(
        uri: "/panel/items/\(item.id)", method: .post, headers: browser.headers(form: true), body: form)
      holder.release()
      #expect(refused.status == .serviceUnavailable)
      #expect(refused.headers[.retryAfter] == "2")
      let page = Browser.body(refused)
      #expect(
        page.contains(
          "Your answer was not saved: Hark was busy for a moment. Your choices are still here. Please press the button again."
        ))
      #expect(page.contains(#"value="disagree" required checked"#))
      #expect(page.contains(#"value="a-lot" checked"#))
      #expect(page.contains(">Not for me, the bus is too dear</textarea>"))
      #expect(try fixture.store.currentVotes(item: item.id).isEmpty)

      let stored = try await client.execute(
        uri: "/panel/items/\(item.id)", method: .post, headers: browser.headers(form: true), body: form)
      #expect(stored.status == .seeOther)
      #expect(
        try fixture.store.currentVotes(item: item.id).map(\.ballot)
          == [Ballot(.disagree, strength: .aLot, comment: "Not for me, the bus is too dear")])
    }
  }

  @Test("any other page while the project stays locked: a 503 page that says nothing was changed, never a bare error")
  func pageWhileLocked() async throws {
    let fixture = try WebFixture.make(members: 1)
    let token = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor).token
    let impatient = try ProjectStore(path: fixture.store.path, lockWait: LockWait(patience: 0.2))
    let app = Application(router: try WebServer.router(store: impatient, baseURL: "http://127.0.0.1:8080"))
    try await app.test(.router) { client in
      let holder = try LockHolder(fixture.store.path)
      let joined = try await client.execute(
        uri: "/join/\(token)", method: .post, headers: Browser().headers(form: true))
      holder.release()
      #expect(joined.status == .serviceUnavailable)
      #expect(joined.headers[.retryAfter] == "5")
      #expect(
        Browser.body(joined).contains(
          "Another task is writing to the project, so this was not done. Nothing was changed. "
            + "Please go back and try again in a few seconds."))
      // The link was not used up: it still signs the member in.
      let again = try await client.execute(uri: "/join/\(token)", method: .post, headers: Browser().headers(form: true))
      #expect(again.status == .seeOther)
    }
  }

  @Test("the researcher's panel page lists what members said, escaped, earlier comments included")
  func commentsOnPanelPage() async throws {
    let fixture = try WebFixture.make(members: 1)
    let item = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)[0]
    let member = fixture.store.identity(of: fixture.members[0])
    try fixture.store.castVote(as: member, item: item.id, ballot: Ballot(.notSure, comment: "Not <b>sure</b> yet"))
    try fixture.store.castVote(as: member, item: item.id, ballot: Ballot(.agree, comment: "Yes, it helped"))
    try await fixture.app().test(.router) { client in
      var browser = Browser()
      let signed = try await client.execute(
        uri: "/sign-in", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("name", "ruth"), ("password", WebFixture.password)]))
      browser.keepCookie(signed)
      let page = Browser.body(
        try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))
      #expect(page.contains("<h2>What members said</h2>"))
      #expect(page.contains("<strong>Member 1</strong> on I\(item.id): “Not &lt;b&gt;sure&lt;/b&gt; yet”"))
      #expect(page.contains("<strong>Member 1</strong> on I\(item.id): “Yes, it helped”"))
    }
  }

  @Test("after an override members read that the researcher decided, against what the panel decided, and why")
  func overrideAsMembersSeeIt() async throws {
    let fixture = try WebFixture.make(members: 1)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let voter = fixture.store.identity(of: fixture.members[0])
    try fixture.store.castVote(as: voter, item: items[0].id, ballot: Ballot(.agree))
    try fixture.store.castVote(as: voter, item: items[1].id, ballot: Ballot(.notSure))
    _ = try fixture.store.closeItems(panel: fixture.panel, actor: "ruth")
    _ = try fixture.store.overrideDecision(item: items[0].id, outcome: .rejected, reason: "said twice", actor: "ruth")
    let token = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor).token
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client, token: token)
      let home = Browser.body(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()))
      #expect(
        home.contains(
          "<strong>the researcher decided it stays off the map, although the panel agreed. Their reason: said twice"
            + "</strong>"))
      #expect(home.contains("<strong>no decision: the panel was not decided either way</strong>"))
      #expect(home.contains("How your panel decides. Unanimous: a link goes on the map when everyone who says yes"))
    }
  }
}
