// The session cookie over https, and the sign-in limit as a team behind one
// address meets it: per account, per address, and across a restart.
import Foundation
import HTTPTypes
import HarkAccounts
import HarkStore
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import HarkWeb

@Suite("Sign-in security")
struct SignInSecurityTests {
  static func signIn(_ client: some TestClientProtocol, name: String, password: String) async throws -> TestResponse {
    try await client.execute(
      uri: "/sign-in", method: .post, headers: Browser().headers(form: true),
      body: Browser.form([("name", name), ("password", password)]))
  }

  @Test("with an https public address every session cookie is Secure: researcher, member, and the one that clears it")
  func secureCookieOverHTTPS() async throws {
    let fixture = try WebFixture.make()
    let invite = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor)
    let app = Application(router: try WebServer.router(store: fixture.store, baseURL: "https://panel.example.org"))
    try await app.test(.router) { client in
      let researcher = try await Self.signIn(client, name: "ruth", password: WebFixture.password)
      #expect(try #require(researcher.headers[.setCookie]).contains("; Secure"))
      let member = try await client.execute(uri: "/join/\(invite.token)", method: .post)
      let cookie = try #require(member.headers[.setCookie])
      #expect(cookie.contains("; Secure"))
      #expect(cookie.contains("HttpOnly"))
      #expect(cookie.contains("SameSite=Strict"))
      var browser = Browser()
      browser.keepCookie(member)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers()))))
      let out = try await client.execute(
        uri: "/sign-out", method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)]))
      #expect(try #require(out.headers[.setCookie]).contains("; Secure"))
    }
  }

  @Test("with an http public address the cookie is not Secure, so sign-in still works without TLS")
  func plainCookieOverHTTP() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let researcher = try await Self.signIn(client, name: "ruth", password: WebFixture.password)
      #expect(researcher.status == .seeOther)
      #expect(try #require(researcher.headers[.setCookie]).contains("Secure") == false)
    }
  }

  @Test("a new member's link page warns when only this computer can open the link, and not on a public address")
  func invitePageWarnsOnLoopback() async throws {
    let fixture = try WebFixture.make()
    let warning = "Only this computer can open this link: Hark was not told the address people use."
    for (base, warns) in [("http://127.0.0.1:8080", true), ("https://panel.example.org", false)] {
      let app = Application(router: try WebServer.router(store: fixture.store, baseURL: base))
      try await app.test(.router) { client in
        var browser = Browser()
        browser.keepCookie(try await Self.signIn(client, name: "ruth", password: WebFixture.password))
        let csrf = try #require(
          Browser.csrf(
            in: Browser.body(
              try await client.execute(uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers()))))
        let added = try await client.execute(
          uri: "/panels/\(fixture.panel.id)/members", method: .post, headers: browser.headers(form: true),
          body: Browser.form([("csrf", csrf), ("name", "Joan \(warns)")]))
        let html = Browser.body(added)
        #expect(html.contains(#"<p class="invite"><code>\#(base)/join/"#), "\(base)")
        #expect(html.contains(warning) == warns, "\(base)")
      }
    }
  }

  @Test("one researcher's five wrong passwords lock their account only: a colleague at the same address signs in")
  func sameAddressOtherAccount() async throws {
    let fixture = try WebFixture.make()
    _ = try fixture.store.addResearcher(
      name: "amina", password: "another long password",
      cost: PasswordHashCost(rounds: 1 << 10, blockSize: 8, parallelism: 1), actor: testActor)
    try await fixture.app().test(.router) { client in
      for _ in 1...5 {
        #expect(try await Self.signIn(client, name: "ruth", password: "wrong").status == .unauthorized)
      }
      #expect(try await Self.signIn(client, name: "ruth", password: WebFixture.password).status == .tooManyRequests)
      let colleague = try await Self.signIn(client, name: "amina", password: "another long password")
      #expect(colleague.status == .seeOther)
      #expect(colleague.headers[.location] == "/")
    }
  }

  @Test("the lockout outlives a restart: a new server on the project still refuses, and says how long to wait")
  func lockoutSurvivesRestart() async throws {
    let fixture = try WebFixture.make()
    let clock = Mutex(Date())
    let gate = SignInGate(now: { clock.withLock { $0 } })
    try await fixture.app(gate: gate).test(.router) { client in
      for _ in 1...5 {
        let response = try await Self.signIn(client, name: "ruth", password: "wrong")
        #expect(response.status == .unauthorized)
      }
    }
    let reopened = try ProjectStore(path: fixture.store.path)
    // A new store and a new router over the same file: only the clock (the
    // gate holds nothing else) is shared, so the wait shown is exact.
    let again = Application(
      router: try WebServer.router(
        store: reopened, baseURL: "http://127.0.0.1:8080", gate: SignInGate(now: { clock.withLock { $0 } })))
    try await again.test(.router) { client in
      let refused = try await Self.signIn(client, name: "ruth", password: WebFixture.password)
      #expect(refused.status == .tooManyRequests)
      #expect(Browser.body(refused).contains("Too many failed attempts. Wait 15 minutes before trying again."))
      #expect(refused.headers[.setCookie] == nil)
    }
  }
}
