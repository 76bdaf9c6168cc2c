// Signing out: a member is told what signing out means before it happens,
// and can leave with a one-time link of their own to come back.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkStore
@testable import HarkWeb

@Suite("Signing out")
struct SignOutPagesTests {
  @Test("a member's Sign out opens a page that explains it, with a link back, before anything ends")
  func memberSignOutExplains() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await PanelPagesTests().join(client, fixture)
      let home = Browser.body(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()))
      #expect(home.contains(#"<a href="/panel/sign-out">Sign out</a>"#))
      #expect(!home.contains(#"action="/sign-out""#))
      let page = try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers())
      #expect(page.status == .ok)
      let html = Browser.body(page)
      #expect(html.contains("<h1>Before you sign out</h1>"))
      #expect(html.contains("If you sign out, you need a sign-in link to come back."))
      #expect(html.contains(#"<button type="submit">Sign out and give me a link to come back</button>"#))
      #expect(html.contains(#"<button type="submit">Sign out without a link</button>"#))
      #expect(html.contains(#"<a href="/panel">Stay signed in and go back to your questions</a>"#))
      #expect(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()).status == .ok)
    }
  }

  @Test("signing out with a return link ends the session and shows a one-time link that signs the same member back in")
  func returnLink() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await PanelPagesTests().join(client, fixture)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers()))))
      let out = try await client.execute(
        uri: "/sign-out", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("return", "link")]))
      #expect(out.status == .ok)
      #expect(try #require(out.headers[.setCookie]).hasPrefix("hark_session=;"))
      #expect(out.headers[.cacheControl] == "no-store")
      let html = Browser.body(out)
      #expect(html.contains("<h1>You are signed out</h1>"))
      #expect(html.contains("Anyone who has it can sign in as you, once, until"))
      let token = try #require(
        html.components(separatedBy: "<code>http://127.0.0.1:8080/join/").dropFirst().first?.prefix { $0 != "<" })
      #expect(token.count == 43)
      #expect(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()).status == .unauthorized)
      var back = Browser()
      let joined = try await client.execute(uri: "/join/\(token)", method: .post)
      #expect(joined.status == .seeOther)
      back.keepCookie(joined)
      let home = Browser.body(try await client.execute(uri: "/panel", method: .get, headers: back.headers()))
      #expect(home.contains(#"<span class="who">Signed in as Member 1</span>"#))
      #expect(try await client.execute(uri: "/join/\(token)", method: .post).status == .forbidden)
    }
    let audit = try fixture.store.decisions(subject: .panel(fixture.panel.id)).filter { $0.action == .invite }
    #expect(audit.last?.actor == "Member 1 (panel member, signing out)")
  }

  @Test("signing out without a link says how to come back, and issues no link")
  func withoutLink() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await PanelPagesTests().join(client, fixture)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers()))))
      let invites = try await fixture.store.pool.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_invite")
      }
      let out = try await client.execute(
        uri: "/sign-out", method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)]))
      #expect(out.status == .seeOther)
      #expect(out.headers[.location] == "/signed-out")
      let page = Browser.body(try await client.execute(uri: "/signed-out", method: .get))
      #expect(page.contains("<p>To come back, ask the researcher for a new sign-in link.</p>"))
      #expect(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()).status == .unauthorized)
      let after = try await fixture.store.pool.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_invite")
      }
      #expect(after == invites)
    }
  }

  @Test("a researcher asking for a return link gets none: they sign out at once and sign in with their password")
  func researcherSignsOutAtOnce() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let (_, browser) = try await ResearcherPagesTests().signIn(client)
      let home = Browser.body(try await client.execute(uri: "/", method: .get, headers: browser.headers()))
      #expect(home.contains(#"<form method="post" action="/sign-out" class="inline">"#))
      let csrf = try #require(Browser.csrf(in: home))
      let out = try await client.execute(
        uri: "/sign-out", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("return", "link")]))
      #expect(out.status == .seeOther)
      #expect(out.headers[.location] == "/sign-in")
      #expect(try await client.execute(uri: "/", method: .get, headers: browser.headers()).status == .seeOther)
      let page = try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers())
      #expect(page.status == .seeOther)
    }
    #expect(
      try fixture.store.decisions(subject: .panel(fixture.panel.id)).contains { $0.action == .invite } == false)
  }
}
