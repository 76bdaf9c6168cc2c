// The researcher's document pages: the list, the transcript with plugin
// suggestions in place, accept and reject, coding by hand, and who may not.
import Foundation
import HTTPTypes
import HarkAccounts
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkStore
@testable import HarkWeb

@Suite("Document pages")
struct DocumentPagesTests {
  /// The web fixture plus two codings a plugin suggested in Amina's turn:
  /// "peer group" (G1) and the span from the <script> tag to "anxiety" (G2).
  func fixture() throws -> WebFixture {
    let fixture = try WebFixture.make()
    let run = try fixture.store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.codes = [
      CodeFinding(code: "peer support", span: 30..<40, confidence: 0.9, explanation: "Names a <b>group</b>."),
      CodeFinding(code: "distress", span: 68..<109, confidence: 0.75, explanation: ""),
    ]
    _ = try fixture.store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.codes", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    return fixture
  }

  func signIn(_ client: some TestClientProtocol) async throws -> Browser {
    var browser = Browser()
    let response = try await client.execute(
      uri: "/sign-in", method: .post, headers: browser.headers(form: true),
      body: Browser.form([("name", "ruth"), ("password", WebFixture.password)]))
    browser.keepCookie(response)
    return browser
  }

  func joinAsMember(_ client: some TestClientProtocol, _ fixture: WebFixture) async throws -> (Browser, String) {
    let invite = try fixture.store.issueInvite(member: fixture.members[0], actor: testActor)
    var browser = Browser()
    browser.keepCookie(try await client.execute(uri: "/join/\(invite.token)", method: .post))
    // The sign-out page carries the member's CSRF token in its forms.
    let page = Browser.body(try await client.execute(uri: "/panel/sign-out", method: .get, headers: browser.headers()))
    return (browser, try #require(Browser.csrf(in: page)))
  }

  func page(_ client: some TestClientProtocol, _ browser: Browser, _ uri: String = "/documents/1") async throws
    -> String
  {
    Browser.body(try await client.execute(uri: uri, method: .get, headers: browser.headers()))
  }

  func post(_ client: some TestClientProtocol, _ browser: Browser, _ uri: String, _ fields: [(String, String)])
    async throws -> TestResponse
  {
    try await client.execute(uri: uri, method: .post, headers: browser.headers(form: true), body: Browser.form(fields))
  }

  func state(_ store: ProjectStore) throws -> [String] {
    try store.codings(document: 1).map { "\($0.code) \($0.start)..<\($0.end) \($0.status)" }
  }

  @Test("the documents page lists each document with its participants and word count, linked to its transcript")
  func listDocuments() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let home = try await page(client, browser, "/")
      #expect(home.contains(#"<p><a href="/documents">Documents</a></p>"#))
      let list = try await page(client, browser, "/documents")
      #expect(
        list.contains(#"<tr><td><a href="/documents/1">Interview 1</a></td><td>Amina</td><td>20</td></tr>"#))
    }
  }

  @Test("the transcript shows each turn's speaker and role, with suggestions marked in place and all text escaped")
  func transcriptWithSuggestions() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let html = try await page(client, browser)
      let csrf = try #require(Browser.csrf(in: html))
      #expect(html.contains(#"<h2 id="t-1-speaker">Ruth <span class="state">(interviewer)</span></h2>"#))
      #expect(html.contains(#"<p class="said">What helped?</p>"#))
      #expect(html.contains(#"<h2 id="t-2-speaker">Amina <span class="state">(participant)</span></h2>"#))
      #expect(
        html.contains(
          [
            ##"<p class="said">The <mark class="code-1">peer group</mark><a class="tag" href="#s-1">[peer support]</a>"##,
            #" helped me feel less alone. <mark class="code-2">&lt;script&gt;alert(1)&lt;/script&gt; made my anxiety</mark>"#,
            ##"<a class="tag" href="#s-2">[distress]</a> worse.</p>"##,
          ].joined()))
      let listed: [String] = [
        #"<li id="s-1"><mark class="code-1">peer support</mark>: “peer group” <span class="state">suggested</span>"#,
        #"<details><summary>why</summary><p>Names a &lt;b&gt;group&lt;/b&gt;. Confidence 90%.</p></details>"#,
        #"<form method="post" action="/documents/1/suggestions/1/accept" class="inline"><input type="hidden" name="csrf" value="\#(csrf)"><button type="submit">Accept</button></form>"#,
        #"<form method="post" action="/documents/1/suggestions/1/reject" class="inline"><input type="hidden" name="csrf" value="\#(csrf)"><button type="submit">Reject</button></form>"#,
      ]
      #expect(html.contains(listed.joined(separator: "\n")))
      #expect(
        html.contains(
          #"<details><summary>why</summary><p>The plugin gave no explanation. Confidence 75%.</p></details>"#))
      #expect(!html.contains("<script>"))
      #expect(!html.contains("<b>"))
    }
  }

  @Test("accepting a suggestion changes its status, records the researcher and returns to its anchor")
  func acceptSuggestion() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(Browser.csrf(in: try await page(client, browser)))
      let accepted = try await post(client, browser, "/documents/1/suggestions/1/accept", [("csrf", csrf)])
      #expect(accepted.status == .seeOther)
      #expect(accepted.headers[.location] == "/documents/1#s-1")
      #expect(try state(fixture.store) == ["peer support 30..<40 accepted", "distress 68..<109 suggested"])
      #expect(try fixture.store.decisions(subject: .coding(1)).map { "\($0.actor) \($0.action)" } == ["ruth accept"])
      let html = try await page(client, browser)
      #expect(
        html.contains(
          #"<li id="s-1"><mark class="code-1">peer support</mark>: “peer group” <span class="state">accepted</span>"#))
      #expect(!html.contains(#"action="/documents/1/suggestions/1/accept""#))
      #expect(html.contains(#"action="/documents/1/suggestions/1/reject""#))
    }
  }

  @Test("a rejected suggestion is no longer marked in the text but stays listed, and can be accepted again")
  func rejectSuggestion() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(Browser.csrf(in: try await page(client, browser)))
      let rejected = try await post(client, browser, "/documents/1/suggestions/2/reject", [("csrf", csrf)])
      #expect(rejected.headers[.location] == "/documents/1#s-2")
      #expect(try state(fixture.store) == ["peer support 30..<40 suggested", "distress 68..<109 rejected"])
      let html = try await page(client, browser)
      #expect(
        html.contains(
          #"alone. &lt;script&gt;alert(1)&lt;/script&gt; made my anxiety worse.</p>"#))
      #expect(
        html.contains(
          #"<li id="s-2"><mark class="code-2">distress</mark>: “&lt;script&gt;alert(1)&lt;/script&gt; made my anxiety” <span class="state">rejected</span>"#
        ))
      #expect(html.contains(#"action="/documents/1/suggestions/2/accept""#))
      #expect(!html.contains(#"action="/documents/1/suggestions/2/reject""#))
    }
  }

  @Test("accepting a suggestion that is not in the document, or a coding made by hand, is not found")
  func unknownSuggestion() async throws {
    let fixture = try fixture()
    _ = try fixture.store.codeQuote("alone", inTurn: 2, document: 1, code: "isolation", actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(Browser.csrf(in: try await page(client, browser)))
      for uri in [
        "/documents/1/suggestions/9/accept", "/documents/1/suggestions/3/reject", "/documents/2/suggestions/1/accept",
      ] {
        let response = try await post(client, browser, uri, [("csrf", csrf)])
        #expect(response.status == .notFound, "\(uri)")
      }
      let missing = try await post(client, browser, "/documents/1/suggestions/9/accept", [("csrf", csrf)])
      #expect(Browser.body(missing).contains("<p>That address names no suggestion in this document.</p>"))
      #expect(
        try state(fixture.store) == [
          "peer support 30..<40 suggested", "isolation 61..<66 accepted", "distress 68..<109 suggested",
        ])
    }
  }

  @Test("overlapping codings are cut where each starts and ends, each piece marked with every code covering it")
  func overlappingCodings() async throws {
    let fixture = try fixture()
    _ = try fixture.store.codeQuote("group helped", inTurn: 2, document: 1, code: "group", actor: "ruth")
    try await fixture.app().test(.router) { client in
      let html = try await page(client, try await signIn(client))
      #expect(
        html.contains(
          [
            ##"<p class="said">The <mark class="code-1">peer </mark><mark class="code-1 code-3">group</mark>"##,
            ##"<a class="tag" href="#s-1">[peer support]</a><mark class="code-3"> helped</mark>"##,
            ##"<a class="tag" href="#s-3">[group]</a> me feel"##,
          ].joined()))
    }
  }

  @Test("a missing document's page is not found")
  func missingDocument() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      for uri in ["/documents/7", "/documents/x"] {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.headers())
        #expect(response.status == .notFound)
        #expect(Browser.body(response).contains("<h1>No such document</h1>"))
      }
    }
  }

  @Test("words typed into a turn's form are coded by hand at their first place in that turn, under a new code")
  func codeByHand() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let html = try await page(client, browser)
      let csrf = try #require(Browser.csrf(in: html))
      #expect(html.contains(#"<form method="post" action="/documents/1/codings">"#))
      #expect(
        html.contains(
          #"<select id="code-2" name="code"><option value="">Choose a code</option><option>peer support</option><option>distress</option></select>"#
        ))
      // "helped" is first said by Ruth (turn 1); the form names Amina's turn.
      let coded = try await post(
        client, browser, "/documents/1/codings",
        [("csrf", csrf), ("turn", "2"), ("code", ""), ("new_code", "feeling <b>helped</b>"), ("quote", "helped")])
      #expect(coded.status == .seeOther)
      #expect(coded.headers[.location] == "/documents/1#s-3")
      #expect(
        try state(fixture.store) == [
          "peer support 30..<40 suggested", "feeling <b>helped</b> 41..<47 accepted", "distress 68..<109 suggested",
        ])
      let after = try await page(client, browser)
      #expect(
        after.contains(
          ##"<mark class="code-3">helped</mark><a class="tag" href="#s-3">[feeling &lt;b&gt;helped&lt;/b&gt;]</a> me"##)
      )
      #expect(after.contains(#"<span class="state">coded by hand by ruth</span></li>"#))
    }
  }

  @Test("coding by hand with a code picked from the codebook uses that code")
  func codeByHandWithExistingCode() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(Browser.csrf(in: try await page(client, browser)))
      let coded = try await post(
        client, browser, "/documents/1/codings",
        [("csrf", csrf), ("turn", "2"), ("code", "distress"), ("new_code", " "), ("quote", "feel less alone")])
      #expect(coded.headers[.location] == "/documents/1#s-3")
      #expect(
        try state(fixture.store) == [
          "peer support 30..<40 suggested", "distress 51..<66 accepted", "distress 68..<109 suggested",
        ])
    }
  }

  @Test("words not in the turn give a 400 page naming the turn, and nothing is stored")
  func quoteNotInTurn() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(Browser.csrf(in: try await page(client, browser)))
      let before = try state(fixture.store)
      let refused = try await post(
        client, browser, "/documents/1/codings",
        [("csrf", csrf), ("turn", "2"), ("code", "distress"), ("quote", "What helped?")])
      #expect(refused.status == .badRequest)
      let html = Browser.body(refused)
      #expect(html.contains("<h1>Nothing was coded</h1>"))
      #expect(
        html.contains(
          "<p>The words &quot;What helped?&quot; are not in turn 2 (Amina). Copy them exactly from that turn and try again.</p>"
        ))
      #expect(html.contains(#"<p><a href="/documents/1#t-2">Back to the turn</a></p>"#))
      #expect(try state(fixture.store) == before)
      #expect(try fixture.store.codebook().map(\.name) == ["peer support", "distress"])
    }
  }

  @Test("coding by hand without a code, without words or in an unknown turn gives a 400 page and stores nothing")
  func codeByHandMissingParts() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let csrf = try #require(Browser.csrf(in: try await page(client, browser)))
      let before = try state(fixture.store)
      let cases: [([(String, String)], String)] = [
        (
          [("turn", "2"), ("code", ""), ("quote", "alone")],
          "No code given. Pick a code or write the name of a new one."
        ),
        (
          [("turn", "2"), ("code", "distress"), ("quote", " ")],
          "No words given to code. Copy the words from the turn into the quote box."
        ),
        (
          [("turn", "9"), ("code", "distress"), ("quote", "alone")],
          "Document D1 has no turn with id 9. Reload the document."
        ),
        ([("code", "distress"), ("quote", "alone")], "Document D1 has no turn with id -1. Reload the document."),
      ]
      for (fields, message) in cases {
        let refused = try await post(client, browser, "/documents/1/codings", [("csrf", csrf)] + fields)
        #expect(refused.status == .badRequest)
        #expect(Browser.body(refused).contains("<p>\(message)</p>"), "\(message)")
      }
      #expect(try state(fixture.store) == before)
    }
  }

  @Test("without a session every document page sends the browser to sign in")
  func signedOutRedirected() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      for uri in ["/documents", "/documents/1"] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/sign-in")
      }
    }
  }

  @Test("a panel member can neither see nor change documents, even with a valid form token")
  func memberRefused() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let (browser, csrf) = try await joinAsMember(client, fixture)
      for uri in ["/documents", "/documents/1", "/documents/7"] {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.headers())
        #expect(response.status == .forbidden, "\(uri)")
        #expect(Browser.body(response).contains("<h1>For researchers only</h1>"))
      }
      let posts: [(String, [(String, String)])] = [
        ("/documents/1/suggestions/1/accept", []), ("/documents/1/suggestions/2/reject", []),
        ("/documents/1/codings", [("turn", "2"), ("code", "distress"), ("quote", "alone")]),
      ]
      for (uri, fields) in posts {
        let response = try await post(client, browser, uri, [("csrf", csrf)] + fields)
        #expect(response.status == .forbidden, "\(uri)")
      }
      #expect(try state(fixture.store) == ["peer support 30..<40 suggested", "distress 68..<109 suggested"])
      #expect(try fixture.store.decisions().filter { $0.subject.rawValue.hasPrefix("coding:") }.isEmpty)
    }
  }

  @Test("a researcher's form without its token, or with another session's token, is refused and changes nothing")
  func missingCSRFRefused() async throws {
    let fixture = try fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let other = try await signIn(client)
      let otherToken = try #require(Browser.csrf(in: try await page(client, other)))
      for token in [nil, "", otherToken] as [String?] {
        let extra = token.map { [("csrf", $0)] } ?? []
        let accept = try await post(client, browser, "/documents/1/suggestions/1/accept", extra)
        #expect(accept.status == .forbidden)
        #expect(Browser.body(accept).contains("<h1>This form could not be sent</h1>"))
        let coded = try await post(
          client, browser, "/documents/1/codings", extra + [("turn", "2"), ("code", "distress"), ("quote", "alone")])
        #expect(coded.status == .forbidden)
      }
      #expect(try state(fixture.store) == ["peer support 30..<40 suggested", "distress 68..<109 suggested"])
      #expect(try fixture.store.decisions().filter { $0.subject.rawValue.hasPrefix("coding:") }.isEmpty)
    }
  }
}
