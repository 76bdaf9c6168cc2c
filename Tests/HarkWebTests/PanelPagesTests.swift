import Foundation
import HTTPTypes
import HarkAccounts
import HarkPanels
import HarkStore
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkWeb

@Suite("Panel member pages")
struct PanelPagesTests {
  /// Signs a member in through their invite link, as a browser would.
  func join(_ client: some TestClientProtocol, _ fixture: WebFixture, member: Int = 0) async throws -> Browser {
    let invite = try fixture.store.issueInvite(member: fixture.members[member], actor: testActor)
    var browser = Browser()
    let page = try await client.execute(uri: "/join/\(invite.token)", method: .get, headers: browser.headers())
    #expect(page.status == .ok)
    #expect(Browser.body(page).contains(#"<form method="post" action="/join/\#(invite.token)">"#))
    let joined = try await client.execute(uri: "/join/\(invite.token)", method: .post, headers: browser.headers())
    #expect(joined.status == .seeOther)
    #expect(joined.headers[.location] == "/panel")
    browser.keepCookie(joined)
    return browser
  }

  @Test("an invite link signs a member in once, with an HttpOnly, SameSite=Strict cookie; a second use is refused")
  func inviteSignsInOnce() async throws {
    let fixture = try WebFixture.make()
    let invite = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor)
    try await fixture.app().test(.router) { client in
      let joined = try await client.execute(uri: "/join/\(invite.token)", method: .post)
      let cookie = try #require(joined.headers[.setCookie])
      #expect(cookie.hasPrefix("hark_session="))
      #expect(cookie.contains("HttpOnly"))
      #expect(cookie.contains("SameSite=Strict"))
      #expect(cookie.contains("Path=/"))
      #expect(!cookie.contains("Secure"))
      let again = try await client.execute(uri: "/join/\(invite.token)", method: .post)
      #expect(again.status == .forbidden)
      #expect(
        Browser.body(again).contains("This sign-in link has been used already. Ask the researcher for a new link."))
      #expect(again.headers[.setCookie] == nil)
    }
  }

  @Test("a member sees one question at a time in plain words, with quotes by pseudonym and group only, escaped")
  func itemPageShowsQuestionAndQuotes() async throws {
    let fixture = try WebFixture.make()
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let home = Browser.body(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()))
      #expect(home.contains("<h1>Carers&#39; panel</h1>"))
      #expect(home.contains(#"<span class="who">Signed in as Member 1</span>"#))
      #expect(home.contains(#"<p class="progress">0 of 2 done</p>"#))
      #expect(
        home.contains(#"<a class="button" href="/panel/items/\#(items[0].id)">Start with the first question</a>"#))
      let page = try await client.execute(uri: "/panel/items/\(items[0].id)", method: .get, headers: browser.headers())
      #expect(page.status == .ok)
      let html = Browser.body(page)
      #expect(html.contains("<h1>Does the peer group make people less alone?</h1>"))
      #expect(!html.contains(#"class="problem""#))
      #expect(html.contains("<figcaption>Amina (people using services)</figcaption>"))
      #expect(!html.contains("Member 1 real name"))
      let second = Browser.body(
        try await client.execute(uri: "/panel/items/\(items[1].id)", method: .get, headers: browser.headers()))
      #expect(!second.contains("<script>"))
      #expect(second.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(
        second.contains("<h1>Does &lt;script&gt;alert(2)&lt;/script&gt; lead to more anxiety?</h1>"))
    }
  }

  @Test("a vote is saved, can be changed until the item closes, and takes the member on to the next question")
  func voteAndChange() async throws {
    let fixture = try WebFixture.make()
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let page = Browser.body(
        try await client.execute(uri: "/panel/items/\(items[0].id)", method: .get, headers: browser.headers()))
      let csrf = try #require(Browser.csrf(in: page))
      let voted = try await client.execute(
        uri: "/panel/items/\(items[0].id)", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("answer", "agree"), ("strength", "a-lot"), ("comment", "So true")]))
      #expect(voted.status == .seeOther)
      #expect(voted.headers[.location] == "/panel/items/\(items[1].id)")
      let changed = try await client.execute(
        uri: "/panel/items/\(items[0].id)", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("answer", "not-sure")]))
      #expect(changed.status == .seeOther)
      #expect(try fixture.store.tally(item: items[0].id) == VoteTally(agree: 0, disagree: 0, notSure: 1))
      #expect(try fixture.store.voteHistory(item: items[0].id).map(\.ballot.answer) == [.agree, .notSure])
      let again = Browser.body(
        try await client.execute(uri: "/panel/items/\(items[0].id)", method: .get, headers: browser.headers()))
      #expect(
        again.contains(#"<input type="radio" id="answer-not-sure" name="answer" value="not-sure" required checked>"#))
      #expect(again.contains("1 of 2 done"))
    }
  }

  @Test("every answer, strength and suggestion a member chose shows ticked, and only that one in its group")
  func everyChoiceShowsTicked() async throws {
    let fixture = try WebFixture.make()
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let uri = "/panel/items/\(items[0].id)"
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let csrf = try #require(
        Browser.csrf(in: Browser.body(try await client.execute(uri: uri, method: .get, headers: browser.headers()))))
      func ticked(_ page: String) -> [String] {
        page.components(separatedBy: "<input type=\"radio\" ").dropFirst().filter { $0.contains(" checked>") }.map {
          String($0.prefix { $0 != " " })
        }
      }
      let answers = VoteAnswer.allCases.map(\.rawValue)
      let strengths = VoteStrength.allCases.map(\.rawValue)
      let suggestions = SuggestionKind.allCases.map(\.rawValue)
      for index in 0..<3 {
        var fields = [("csrf", csrf), ("answer", answers[index]), ("strength", strengths[index])]
        fields.append(("suggestion", suggestions[index]))
        fields.append(("suggestion_text", "In my words"))
        let voted = try await client.execute(
          uri: uri, method: .post, headers: browser.headers(form: true), body: Browser.form(fields))
        #expect(voted.status == .seeOther)
        let page = Browser.body(try await client.execute(uri: uri, method: .get, headers: browser.headers()))
        #expect(
          ticked(page) == [
            #"id="answer-\#(answers[index])""#, #"id="strength-\#(strengths[index])""#,
            #"id="suggestion-\#(suggestions[index])""#,
          ])
      }
    }
  }

  @Test("a vote without the session's CSRF token is refused and nothing is stored")
  func voteWithoutCSRF() async throws {
    let fixture = try WebFixture.make()
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      for fields in [[("answer", "agree")], [("csrf", "forged"), ("answer", "agree")]] {
        let response = try await client.execute(
          uri: "/panel/items/\(items[0].id)", method: .post, headers: browser.headers(form: true),
          body: Browser.form(fields))
        #expect(response.status == .forbidden)
        #expect(Browser.body(response).contains("It has expired or did not come from this Hark."))
      }
      #expect(try fixture.store.voteHistory(item: items[0].id).isEmpty)
    }
  }

  @Test("a member cannot see or vote on another panel's item, nor vote once it has closed")
  func authorisation() async throws {
    let fixture = try WebFixture.make()
    let other = try fixture.store.createPanel(name: "Staff panel", actor: testActor)
    let theirs = try fixture.store.openItems(panel: other, status: .candidate, actor: testActor)
    let ours = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(
            try await client.execute(uri: "/panel/items/\(ours[0].id)", method: .get, headers: browser.headers()))))
      let look = try await client.execute(uri: "/panel/items/\(theirs[0].id)", method: .get, headers: browser.headers())
      #expect(look.status == .notFound)
      let vote = try await client.execute(
        uri: "/panel/items/\(theirs[0].id)", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("answer", "agree")]))
      #expect(vote.status == .notFound)
      #expect(Browser.body(vote).contains("<p>There is no question I\(theirs[0].id) for you.</p>"))
      _ = try fixture.store.closeItems(panel: fixture.panel, items: [ours[0].id], actor: testActor)
      let late = try await client.execute(
        uri: "/panel/items/\(ours[0].id)", method: .post, headers: browser.headers(form: true),
        body: Browser.form([("csrf", csrf), ("answer", "agree")]))
      #expect(late.status == .conflict)
      #expect(try fixture.store.voteHistory(item: theirs[0].id).isEmpty)
      #expect(try fixture.store.voteHistory(item: ours[0].id).isEmpty)
      let researcherPage = try await client.execute(
        uri: "/panels/\(fixture.panel.id)", method: .get, headers: browser.headers())
      #expect(researcherPage.status == .forbidden)
    }
  }

  @Test("another panel's question and a missing one get the same answer, looking or voting, so ids cannot be probed")
  func otherPanelLooksMissing() async throws {
    let fixture = try WebFixture.make()
    let other = try fixture.store.createPanel(name: "Staff panel", actor: testActor)
    let theirs = try fixture.store.openItems(panel: other, status: .candidate, actor: testActor)[0].id
    let ours = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let missing = ours.map(\.id.rawValue).max()! + 100
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(
            try await client.execute(uri: "/panel/items/\(ours[0].id)", method: .get, headers: browser.headers()))))
      for method in [HTTPRequest.Method.get, .post] {
        var answers: [(HTTPResponse.Status, String)] = []
        for id in [theirs, missing] {
          let response = try await client.execute(
            uri: "/panel/items/\(id)", method: method, headers: browser.headers(form: method == .post),
            body: method == .post ? Browser.form([("csrf", csrf), ("answer", "agree")]) : nil)
          // The id is the only difference the page may show.
          answers.append((response.status, Browser.body(response).replacingOccurrences(of: "I\(id) ", with: "I? ")))
        }
        #expect(answers[0].0 == .notFound, "\(method)")
        #expect(answers[1].0 == .notFound, "\(method)")
        #expect(answers[0].1 == answers[1].1, "\(method)")
        #expect(answers[0].1.contains("<p>There is no question I? for you.</p>"), "\(method)")
      }
    }
    #expect(try fixture.store.voteHistory(item: theirs).isEmpty)
  }

  @Test("without a session the member pages ask for the invite link, and researcher pages go to sign-in")
  func signInNeeded() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      let panel = try await client.execute(uri: "/panel", method: .get)
      #expect(panel.status == .unauthorized)
      #expect(Browser.body(panel).contains("Panel members sign in with the link the researcher gave them."))
      let home = try await client.execute(uri: "/", method: .get)
      #expect(home.status == .seeOther)
      #expect(home.headers[.location] == "/sign-in")
    }
  }

  @Test("signing out ends the session at once: the cookie is cleared and the old token opens nothing")
  func signOut() async throws {
    let fixture = try WebFixture.make()
    _ = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let page = Browser.body(
        try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers()))
      let csrf = try #require(Browser.csrf(in: page))
      let out = try await client.execute(
        uri: "/sign-out", method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)]))
      #expect(out.status == .seeOther)
      #expect(out.headers[.location] == "/signed-out")
      let cleared = try #require(out.headers[.setCookie])
      #expect(cleared.hasPrefix("hark_session=;"))
      #expect(cleared.contains("Max-Age=0"))
      let after = try await client.execute(uri: "/panel", method: .get, headers: browser.headers())
      #expect(after.status == .unauthorized)
    }
  }

  @Test("once voting closes, the member's start page shows what the panel decided")
  func decisionsShown() async throws {
    let fixture = try WebFixture.make(members: 1)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let member = fixture.store.identity(of: fixture.members[0])
    try fixture.store.castVote(as: member, item: items[0].id, ballot: Ballot(.agree))
    _ = try fixture.store.closeItems(panel: fixture.panel, items: [items[0].id], actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture)
      let home = Browser.body(try await client.execute(uri: "/panel", method: .get, headers: browser.headers()))
      #expect(
        home.contains(
          #"<li>Does the peer group make people less alone? <strong>agreed: it goes on the map</strong> <span class="state">(1 yes, 0 no, 0 not sure)</span></li>"#
        ))
      #expect(home.contains(#"<p class="progress">0 of 1 done</p>"#))
    }
  }

  @Test("every page carries the security headers: no scripts, no framing, no sniffing")
  func securityHeaders() async throws {
    let fixture = try WebFixture.make()
    try await fixture.app().test(.router) { client in
      for uri in ["/sign-in", "/panel", "/style.css", "/no-such-page"] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(
          response.headers[.contentSecurityPolicy]
            == "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        #expect(response.headers[.xContentTypeOptions] == "nosniff")
        #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
      }
    }
  }
}
