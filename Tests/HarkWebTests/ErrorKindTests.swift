// Each kind of refusal answers with its own status and a page that says
// what happened: not found 404, forbidden 403, bad input 400, conflict 409,
// busy 503, sign-in needed 401; and what other modules throw maps to those.
import Foundation
import HTTPTypes
import HarkAccounts
import HarkStore
import HarkTestSupport
import HarkTranscripts
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkWeb

@Suite("Error kinds and their statuses")
struct ErrorKindTests {
  func signIn(_ client: some TestClientProtocol) async throws -> Browser {
    var browser = Browser()
    let response = try await client.execute(
      uri: "/sign-in", method: .post, headers: browser.headers(form: true),
      body: Browser.form([("name", "ruth"), ("password", WebFixture.password)]))
    browser.keepCookie(response)
    return browser
  }

  func post(
    _ client: some TestClientProtocol, _ uri: String, _ browser: Browser, csrf: String,
    _ fields: [(String, String)] = []
  ) async throws -> TestResponse {
    try await client.execute(
      uri: uri, method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)] + fields))
  }

  @Test("each kind has its status")
  func statuses() {
    let statuses = WebError.Kind.allCases.map { "\($0): \($0.status.code)" }
    #expect(
      statuses == [
        "signInNeeded: 401", "forbidden: 403", "notFound: 404", "badInput: 400", "conflict: 409", "unavailable: 503",
      ])
  }

  @Test("errors from the store and the panel rules map to kinds; an unplanned error maps to none (500)")
  func otherModulesErrors() {
    let request = Request(
      head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/links/1/accept"),
      body: RequestBody(buffer: .init()))
    func kind(_ error: any Error) -> String { WebError(error, request: request).map { "\($0.kind)" } ?? "none" }
    #expect(kind(HarkError("no code name given")) == "badInput")
    #expect(kind(HarkError("no link L9", kind: .notFound)) == "notFound")
    #expect(kind(HarkError("there is already a code called hope", kind: .conflict)) == "conflict")
    #expect(kind(ProjectBusy(seconds: 10)) == "unavailable")
    #expect(kind(InviteRefusal.expired) == "forbidden")
    #expect(kind(VoteRefusal.noSuchItem(4)) == "notFound")
    #expect(kind(VoteRefusal.notYourPanel(item: 4)) == "notFound")
    #expect(kind(VoteRefusal.notAMember) == "forbidden")
    #expect(kind(VoteRefusal.closed(item: 4)) == "conflict")
    #expect(kind(VoteRefusal.tooLong(field: "comment", limit: 2000)) == "badInput")
    #expect(kind(CocoaError(.fileNoSuchFile)) == "none")
    let busy = WebError(ProjectBusy(seconds: 10), request: request)
    #expect(busy?.back == "/", "a form sent while busy goes back to the start, not to a POST address")
  }

  @Test("not found: an id that names nothing and an address no route serves are the same 404 page")
  func notFound() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      for (uri, heading) in [
        ("/panels/999", "No such panel"), ("/concepts/999", "No such concept"), ("/links/999", "No such link"),
        ("/documents/999", "No such document"), ("/codebook/999", "No such code"), ("/no/such/page", "No such page"),
      ] {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.headers())
        #expect(response.status == .notFound, "\(uri)")
        let page = Browser.body(response)
        #expect(page.contains("<h1>\(heading)</h1>"), "\(uri)")
        #expect(page.contains("Signed in as ruth"), "the page knows who is signed in: \(uri)")
      }
    }
  }

  @Test("forbidden: a panel member on a researcher's page, and a form without its CSRF token, are 403")
  func forbidden() async throws {
    let fixture = try WebFixture.make()
    let token = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor).token
    try await fixture.app().test(.router) { client in
      var member = Browser()
      member.keepCookie(try await client.execute(uri: "/join/\(token)", method: .post))
      let page = try await client.execute(uri: "/documents", method: .get, headers: member.headers())
      #expect(page.status == .forbidden)
      #expect(Browser.body(page).contains("<h1>For researchers only</h1>"))
      let researcher = try await signIn(client)
      let forged = try await post(client, "/links/1/accept", researcher, csrf: "not-the-token")
      #expect(forged.status == .forbidden)
      #expect(Browser.body(forged).contains("<h1>This form could not be sent</h1>"))
      #expect(try fixture.store.link(1).status == .candidate)
    }
  }

  @Test("bad input: a code with no name is 400 and says what to write")
  func badInput() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/codebook", method: .get, headers: browser.headers()))))
      let refused = try await post(client, "/codebook", browser, csrf: csrf, [("name", " ")])
      #expect(refused.status == .badRequest)
      let page = Browser.body(refused)
      #expect(page.contains("<h1>The code was not added</h1>"))
      #expect(page.contains("<p>No code name given. Write a name for the code.</p>"))
    }
  }

  @Test("conflict: opening links twice, and overriding a question still open, are 409")
  func conflict() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let panel = "/panels/\(fixture.panel.id)"
      let csrf = try #require(
        Browser.csrf(in: Browser.body(try await client.execute(uri: panel, method: .get, headers: browser.headers()))))
      #expect(try await post(client, panel + "/open", browser, csrf: csrf).status == .seeOther)
      let again = try await post(client, panel + "/open", browser, csrf: csrf)
      #expect(again.status == .conflict)
      #expect(Browser.body(again).contains("Every candidate link has been put to this panel already."))
      let item = try fixture.store.items(panel: fixture.panel)[0]
      let early = try await post(
        client, panel + "/items/\(item.id)/override", browser, csrf: csrf,
        [("outcome", "accepted"), ("reason", "we know better")])
      #expect(early.status == .conflict)
      #expect(Browser.body(early).contains("Voting on I\(item.id) is still open: close voting first."))
    }
  }

  @Test("a store's not-found and conflict become 404 and 409 through a route that does not map them itself")
  func storeKinds() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    let stress = try fixture.concept("stress")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let page = "/concepts/\(trust.id)"
      let csrf = try #require(
        Browser.csrf(in: Browser.body(try await client.execute(uri: page, method: .get, headers: browser.headers()))))
      let before = try StoreState(fixture.store)
      let missing = try await post(client, page + "/parent", browser, csrf: csrf, [("parent", "999")])
      #expect(missing.status == .notFound)
      #expect(Browser.body(missing).contains("<p>No concept C999. Run `hark concepts` to list them.</p>"))
      let taken = try await post(client, page + "/rename", browser, csrf: csrf, [("label", "stress")])
      #expect(taken.status == .conflict)
      #expect(Browser.body(taken).contains("<p>&quot;stress&quot; is already concept C\(stress.id)."))
      let empty = try await post(client, page + "/rename", browser, csrf: csrf, [("label", " ")])
      #expect(empty.status == .badRequest)
      #expect(try StoreState(fixture.store) == before)
    }
  }

  @Test("unavailable: a change while another process outlasts the patience is 503 with Retry-After, and not stored")
  func unavailable() async throws {
    let fixture = try WebFixture.make()
    let impatient = try ProjectStore(path: fixture.store.path, lockWait: LockWait(patience: 0.2))
    let app = Application(router: try WebServer.router(store: impatient, baseURL: "http://127.0.0.1:8080"))
    try await app.test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/links", method: .get, headers: browser.headers()))))
      let holder = try LockHolder(fixture.store.path)
      let refused = try await post(client, "/links/1/accept", browser, csrf: csrf, [("back", "/links")])
      holder.release()
      #expect(refused.status == .serviceUnavailable)
      #expect(refused.headers[.retryAfter] == "5")
      #expect(Browser.body(refused).contains("<h1>Hark is busy for a moment</h1>"))
      #expect(try fixture.store.link(1).status == .candidate)
    }
  }

  @Test("sign-in needed: the panel pages without a member's session are 401")
  func signInNeeded() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let response = try await client.execute(uri: "/panel", method: .get)
      #expect(response.status == .unauthorized)
      #expect(Browser.body(response).contains("<h1>Please sign in</h1>"))
    }
  }

  @Test("a form over the size limit is answered with its status (413) on a page, not a bare error")
  func tooLarge() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let response = try await post(
        client, "/codebook", browser, csrf: "x", [("description", String(repeating: "a", count: 70_000))])
      #expect(response.status == .contentTooLarge)
      let page = Browser.body(response)
      #expect(page.contains("<h1>That could not be done</h1>"))
      #expect(page.contains("<p>Hark could not read this request (413 Content Too Large).</p>"))
      #expect(try fixture.store.codeTree().isEmpty)
    }
  }
}
