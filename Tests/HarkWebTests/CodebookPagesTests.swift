// The codebook pages, code colours, links made from a turn's words, and
// memos on documents, codes, concepts and links; and who may not use them.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkStore
@testable import HarkWeb

@Suite("Codebook and memo pages")
struct CodebookPagesTests {
  /// The document pages' fixture and helpers: Amina's turn (id 2) with the
  /// suggested codes "peer support" (code 1) and "distress" (code 2), and two
  /// plugin links, L1 "peer group" → "less alone" and L2 from the <script> tag.
  let documents = DocumentPagesTests()

  func codes(_ store: ProjectStore) throws -> [String] {
    try store.codeTree().map { code in
      "\(String(repeating: "  ", count: code.depth))\(code.name) [\(code.description)] \(code.colour ?? "auto")"
    }
  }

  func counts(_ store: ProjectStore) throws -> [Int] {
    try store.pool.read { db in
      try ["concept", "link", "evidence", "note", "decision", "code"].map {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
      }
    }
  }

  @Test("marks take their code's colour from /codes.css, its own or one picked by id, with text that reads on it")
  func codeColours() async throws {
    let fixture = try documents.fixture()
    try fixture.store.editCode(1, name: "peer support", parent: nil, description: "", colour: "#1b4f72", actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let css = try await client.execute(uri: "/codes.css", method: .get, headers: browser.headers())
      #expect(css.headers[.contentType] == "text/css; charset=utf-8")
      #expect(
        Browser.body(css) == """
          /* Hark: code colours, made from the codebook. */
          .code-1 { background: #1B4F72; color: #FFFFFF; }
          .code-2 { background: #FFB570; color: #000000; }

          """)
      let html = try await documents.page(client, browser)
      #expect(html.contains(#"<main id="main">"# + "\n" + #"<link rel="stylesheet" href="/codes.css">"#))
      #expect(
        html.contains(
          #"<ul class="legend" aria-labelledby="legend-heading"><li><mark class="code-1">peer support</mark></li><li><mark class="code-2">distress</mark></li></ul>"#
        ))
      #expect(html.contains(#"<p class="said">The <mark class="code-1">peer group</mark>"#))
      let list = try await documents.page(client, browser, "/documents")
      #expect(list.contains(#"<p><a href="/">Panels</a> · <a href="/codebook">Codebook</a></p>"#))
    }
  }

  @Test("the codebook lists codes as a nested tree with counts and colours, and offers codes indented to code with")
  func codebookTree() async throws {
    let fixture = try documents.fixture()
    let feelings = try fixture.store.addCode(name: "feelings", description: "How people say they feel", actor: "ruth")
    try fixture.store.editCode(2, name: "distress", parent: feelings, description: "", colour: nil, actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let html = try await documents.page(client, browser, "/codebook")
      // A nested code is indented with no-break spaces and a dash, heard as well as seen.
      let nested = "\u{00A0}\u{00A0}\u{00A0}– "
      #expect(html.contains(#"<h1>Codebook</h1>"#))
      #expect(
        html.contains(
          #"<li id="code-3"><mark class="code-3">feelings</mark> <span class="state">0 codings · rose (automatic)</span>"#
            + "\n<p>How people say they feel</p>"))
      #expect(
        html.contains(
          #"</details>"# + "\n<ul>\n"
            + #"<li id="code-2"><mark class="code-2">distress</mark> <span class="state">1 coding · orange (automatic)</span>"#
        ))
      #expect(html.contains(#"</details>"# + "\n</li></ul></li>\n</ul>"))
      #expect(
        html.contains(
          #"<select id="new-parent" name="parent"><option value="">No parent (top level)</option><option value="1">peer support</option><option value="3">feelings</option><option value="2">"#
            + nested + #"distress</option></select>"#
        ))
      let document = try await documents.page(client, browser)
      #expect(
        document.contains(
          #"<select id="code-2" name="code"><option value="">Choose a code</option><option>peer support</option><option>feelings</option><option value="distress">"#
            + nested + #"distress</option></select>"#
        ))
      // Deeper: a grandchild, then a top-level code, closes both lists first.
      let sadness = try fixture.store.addCode(name: "sadness", parent: 2, actor: "ruth")
      let other = try fixture.store.addCode(name: "other", actor: "ruth")
      let deeper = try await documents.page(client, browser, "/codebook")
      #expect(
        deeper.contains(
          "</details>\n</li></ul></li></ul></li>\n"
            + #"<li id="code-\#(other)"><mark class="code-\#(other)">other</mark>"#))
      #expect(deeper.contains("</details>\n<ul>\n" + #"<li id="code-\#(sadness)">"#))
      let tree =
        #"<ul class="codebook">"#
        + deeper.components(separatedBy: #"<ul class="codebook">"#)[1]
        .components(separatedBy: #"<h2 id="add">"#)[0]
      for tag in ["ul", "li"] {
        #expect(
          tree.components(separatedBy: "<\(tag)").count == tree.components(separatedBy: "</\(tag)>").count, "\(tag)")
      }
    }
  }

  @Test("adding a code stores it with parent, description and colour, and records the researcher")
  func addCode() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let csrf = try #require(Browser.csrf(in: try await documents.page(client, browser, "/codebook")))
      let added = try await documents.post(
        client, browser, "/codebook",
        [
          ("csrf", csrf), ("name", " loneliness "), ("parent", "2"), ("description", "Feeling cut off"),
          ("colour", "#9CC9FF"),
        ])
      #expect(added.status == .seeOther)
      #expect(added.headers[.location] == "/codebook#code-3")
      #expect(
        try codes(fixture.store) == [
          "peer support [] auto", "distress [] auto", "  loneliness [Feeling cut off] #9CC9FF",
        ])
      #expect(
        try fixture.store.decisions(subject: .code(3)).map { "\($0.actor) \($0.action) \($0.detail)" } == [
          ##"ruth create {"colour":"#9CC9FF","description":"Feeling cut off","name":"loneliness","parent":2}"##
        ])
      let css = Browser.body(try await client.execute(uri: "/codes.css", method: .get, headers: browser.headers()))
      #expect(css.contains(".code-3 { background: #9CC9FF; color: #000000; }"))
    }
  }

  @Test("editing a code renames, describes, recolours and moves it, recording what changed")
  func editCode() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let form = try await documents.page(client, browser, "/codebook/2")
      #expect(form.contains(#"<input id="edit-name" name="name" required value="distress">"#))
      // A code cannot go inside itself, so it is not offered as its own parent.
      #expect(
        form.contains(
          #"<select id="edit-parent" name="parent"><option value="">No parent (top level)</option><option value="1">peer support</option></select>"#
        ))
      let csrf = try #require(Browser.csrf(in: form))
      let edited = try await documents.post(
        client, browser, "/codebook/2",
        [("csrf", csrf), ("name", "worry"), ("parent", "1"), ("description", "Fear, unease"), ("colour", "#A8E6A1")])
      #expect(edited.status == .seeOther)
      #expect(edited.headers[.location] == "/codebook#code-2")
      #expect(try codes(fixture.store) == ["peer support [] auto", "  worry [Fear, unease] #A8E6A1"])
      #expect(
        try fixture.store.decisions(subject: .code(2)).map { "\($0.actor) \($0.action) \($0.detail)" } == [
          ##"ruth edit {"colour":{"from":null,"to":"#A8E6A1"},"description":{"from":"","to":"Fear, unease"},"name":{"from":"distress","to":"worry"},"parent":{"from":null,"to":1}}"##
        ])
      let again = try await documents.page(client, browser, "/codebook/2")
      #expect(again.contains(#"<option value="1" selected>peer support</option>"#))
      #expect(again.contains(##"<option value="#A8E6A1" selected>green</option>"##))
      #expect(again.contains(#"<textarea id="edit-description" name="description" rows="3">Fear, unease</textarea>"#))
    }
  }

  @Test("moving a code inside itself or one of its children is refused with 400 and nothing changes")
  func cycleRefused() async throws {
    let fixture = try documents.fixture()
    try fixture.store.editCode(2, name: "distress", parent: 1, description: "", colour: nil, actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let csrf = try #require(Browser.csrf(in: try await documents.page(client, browser, "/codebook")))
      let before = try counts(fixture.store)
      let cases = [
        ("1", "2", "The code &quot;peer support&quot; cannot go under &quot;distress&quot;, which is inside it."),
        ("1", "1", "The code &quot;peer support&quot; cannot be its own parent."),
      ]
      for (code, parent, message) in cases {
        let refused = try await documents.post(
          client, browser, "/codebook/\(code)", [("csrf", csrf), ("name", "peer support"), ("parent", parent)])
        #expect(refused.status == .badRequest)
        let html = Browser.body(refused)
        #expect(html.contains("<h1>The code was not changed</h1>"))
        #expect(html.contains("<p>\(message) Pick a parent outside it, or none.</p>"))
        #expect(html.contains(#"<p><a href="/codebook/1">Back to editing the code</a></p>"#))
      }
      #expect(try codes(fixture.store) == ["peer support [] auto", "  distress [] auto"])
      #expect(try counts(fixture.store) == before)
    }
  }

  @Test("a name another code has, in any case, is refused (409) when adding or renaming, and nothing is stored")
  func duplicateNameRefused() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let csrf = try #require(Browser.csrf(in: try await documents.page(client, browser, "/codebook")))
      let before = try counts(fixture.store)
      let added = try await documents.post(client, browser, "/codebook", [("csrf", csrf), ("name", "Distress")])
      #expect(added.status == .conflict)
      #expect(Browser.body(added).contains("<h1>The code was not added</h1>"))
      #expect(
        Browser.body(added).contains(
          "<p>There is already a code named &quot;distress&quot;. Pick another name, or use that code.</p>"))
      let renamed = try await documents.post(client, browser, "/codebook/1", [("csrf", csrf), ("name", "DISTRESS")])
      #expect(renamed.status == .conflict)
      #expect(Browser.body(renamed).contains("There is already a code named &quot;distress&quot;."))
      let others: [([(String, String)], String)] = [
        ([("name", " ")], "No code name given. Write a name for the code."),
        ([("name", "new"), ("colour", "red")], "&quot;red&quot; is not a colour. Pick one from the list."),
        (
          [("name", "new"), ("parent", "99")],
          "No code with id 99 to be the parent. Reload the codebook and pick again."
        ),
        (
          [("name", "new"), ("parent", "x")], "No code with id x to be the parent. Reload the codebook and pick again."
        ),
      ]
      for (fields, message) in others {
        let refused = try await documents.post(client, browser, "/codebook", [("csrf", csrf)] + fields)
        #expect(refused.status == .badRequest)
        #expect(Browser.body(refused).contains("<p>\(message)</p>"), "\(message)")
      }
      #expect(try codes(fixture.store) == ["peer support [] auto", "distress [] auto"])
      #expect(try counts(fixture.store) == before)
      let missing = try await client.execute(uri: "/codebook/99", method: .get, headers: browser.headers())
      #expect(missing.status == .notFound)
      #expect(Browser.body(missing).contains("<h1>No such code</h1>"))
    }
  }

  @Test("a link made from a turn's words stores the concepts, the link and the quote as evidence at exact offsets")
  func linkFromWords() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let html = try await documents.page(client, browser)
      #expect(html.contains(#"<datalist id="concepts"><option value="&lt;script&gt;alert(2)&lt;/script&gt;">"#))
      #expect(html.contains(#"<input id="cause-2" name="cause" list="concepts" required></p>"#))
      // Links come from participants: the interviewer's turn has no link form.
      #expect(!html.contains(#"id="cause-1""#))
      let csrf = try #require(Browser.csrf(in: html))
      let made = try await documents.post(
        client, browser, "/documents/1/links",
        [
          ("csrf", csrf), ("turn", "2"), ("quote", "feel less alone"), ("cause", " Peer group"), ("effect", "hope"),
          ("polarity", "decreases"), ("strength", "a-lot"), ("strength_number", ""),
        ])
      #expect(made.status == .seeOther)
      #expect(made.headers[.location] == "/documents/1#e-3")
      let evidence = try #require(try fixture.store.evidence(link: 3).first)
      #expect(
        "\(evidence.start)..<\(evidence.end) \(evidence.quote) \(evidence.polarity) \(evidence.strength) \(evidence.createdBy) \(evidence.participant ?? "-")"
          == "51..<66 feel less alone -1 0.75 ruth Amina")
      let link = try fixture.store.link(3)
      #expect("\(link.cause) → \(link.effect) \(link.status) \(link.edited)" == "peer group → hope candidate false")
      #expect(
        try fixture.store.decisions().suffix(2).map { "\($0.actor) \($0.subject) \($0.action)" } == [
          "ruth concept:5 create", "ruth link:3 add-evidence",
        ])
      let after = try await documents.page(client, browser)
      #expect(
        after.contains(
          #"<li id="e-3">Link L3: <strong>peer group</strong> decreases <strong>hope</strong>, “feel less alone” <span class="state">strength 0.75, linked by hand by ruth, link candidate</span> <a href="/memos/link/3">Memos on L3</a></li>"#
        ))
      // A second quote with the same ends joins the same link, with a number for strength.
      let joined = try await documents.post(
        client, browser, "/documents/1/links",
        [
          ("csrf", csrf), ("turn", "2"), ("quote", "helped"), ("cause", "peer group"), ("effect", "Hope"),
          ("polarity", "increases"), ("strength", "some"), ("strength_number", "0,3"),
        ])
      #expect(joined.headers[.location] == "/documents/1#e-4")
      #expect(
        try fixture.store.evidence(link: 3).map { "\($0.start)..<\($0.end) \($0.strength)" } == [
          "41..<47 0.3", "51..<66 0.75",
        ])
    }
  }

  @Test("a link whose words are not in the turn, or that lacks a part, gives a 400 page and stores nothing")
  func linkRefused() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let csrf = try #require(Browser.csrf(in: try await documents.page(client, browser)))
      let before = try counts(fixture.store)
      let good: [String: String] = [
        "turn": "2", "quote": "feel less alone", "cause": "peer group", "effect": "hope", "polarity": "increases",
      ]
      let cases: [([String: String], String)] = [
        (
          ["quote": "What helped?"],
          "The words &quot;What helped?&quot; are not in turn 2 (Amina). Copy them exactly from that turn and try again."
        ),
        (
          ["turn": "1", "quote": "What helped?"],
          "Turn 1 is the interviewer&#39;s (Ruth). Links come from what participants said: pick words from their turns."
        ),
        (
          ["effect": "Peer Group"],
          "The cause and the effect are the same concept (&quot;peer group&quot;). A link goes from one concept to another: change one of them."
        ),
        (
          ["polarity": ""],
          "Say whether the cause increases or decreases the effect. Pick one of the two and send it again."
        ),
        (
          ["strength_number": "2"],
          "The strength &quot;2&quot; is not a number from 0 to 1. Write one such as 0.6, pick a word or leave it out."
        ),
        (
          ["cause": " "],
          "A link needs a cause and an effect. Pick or write a concept for both, such as &quot;peer group&quot; and &quot;less alone&quot;."
        ),
        (["turn": "9"], "Document D1 has no turn with id 9. Reload the document."),
      ]
      for (change, message) in cases {
        let fields = good.merging(change) { _, new in new }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let refused = try await documents.post(client, browser, "/documents/1/links", [("csrf", csrf)] + fields)
        #expect(refused.status == .badRequest, "\(message)")
        let html = Browser.body(refused)
        #expect(html.contains("<h1>No link was made</h1>"))
        #expect(html.contains("<p>\(message)</p>"), "\(message)")
      }
      #expect(try counts(fixture.store) == before)
    }
  }

  @Test("memos are added and listed on a document, a code, a concept and a link, escaped and with who wrote them")
  func memos() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let csrf = try #require(Browser.csrf(in: try await documents.page(client, browser)))
      let posts: [(String, String, String)] = [
        ("/memos/document/1", "/documents/1#memos", "Amina talks about the <script>group</script>."),
        ("/memos/code/2", "/codebook#code-2", "Check distress\nagainst the second coder."),
        ("/memos/concept/1", "/memos/concept/1#m-3", "Also called peer support."),
        ("/memos/link/1", "/memos/link/1#m-4", "Strong in every interview."),
      ]
      for (uri, location, text) in posts {
        let added = try await documents.post(client, browser, uri, [("csrf", csrf), ("title", ""), ("text", text)])
        #expect(added.status == .seeOther, "\(uri)")
        #expect(added.headers[.location] == location, "\(uri)")
      }
      let document = try await documents.page(client, browser)
      #expect(
        document.contains(
          #"<li id="m-1"><strong>Amina talks about the &lt;script&gt;group&lt;/script&gt;.</strong> <span class="state">by ruth, "#
        ))
      #expect(
        document.contains(#"<p class="memo-text">Amina talks about the &lt;script&gt;group&lt;/script&gt;.</p></li>"#))
      #expect(!document.contains("<script>"))
      let codebook = try await documents.page(client, browser, "/codebook")
      #expect(codebook.contains(#"<details><summary>Memos on “distress” (1)</summary>"#))
      #expect(
        codebook.contains(#"<p class="memo-text">Check distress"# + "\n" + #"against the second coder.</p></li>"#))
      let concept = try await documents.page(client, browser, "/memos/concept/1")
      #expect(concept.contains(#"<p><a href="/concepts/1">The concept C1</a></p>"#))
      #expect(concept.contains("<h1>Memos on the concept <em>peer group</em></h1>"))
      #expect(concept.contains(#"<p class="memo-text">Also called peer support.</p>"#))
      let link = try await documents.page(client, browser, "/memos/link/1")
      #expect(link.contains(#"<p><a href="/links/1">The link L1</a></p>"#))
      #expect(link.contains("<h1>Memos on the link <em>peer group → less alone</em></h1>"))
      #expect(link.contains(#"<li><a href="/memos/concept/1">Memos on the cause, peer group</a></li>"#))
      #expect(link.contains(#"<p class="memo-text">Strong in every interview.</p>"#))
      #expect(try fixture.store.memos(on: .link(1)).map(\.title) == ["Strong in every interview."])
      #expect(
        try fixture.store.decisions().suffix(4).map { "\($0.actor) \($0.subject) \($0.action)" } == [
          "ruth document:1 memo", "ruth code:2 memo", "ruth concept:1 memo", "ruth link:1 memo",
        ])
    }
  }

  @Test("an empty memo, or one on an item that does not exist, is refused and nothing is stored")
  func memoRefused() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let csrf = try #require(Browser.csrf(in: try await documents.page(client, browser)))
      let before = try counts(fixture.store)
      let empty = try await documents.post(client, browser, "/memos/link/1", [("csrf", csrf), ("text", " \n ")])
      #expect(empty.status == .badRequest)
      #expect(Browser.body(empty).contains("<h1>The memo was not added</h1>"))
      #expect(Browser.body(empty).contains("<p>The memo has no text. Write the memo and send it again.</p>"))
      for uri in ["/memos/link/99", "/memos/concept/99", "/memos/widget/1", "/memos/code/x"] {
        let missing = try await documents.post(client, browser, uri, [("csrf", csrf), ("text", "a memo")])
        #expect(missing.status == .notFound, "\(uri)")
        #expect(Browser.body(missing).contains("<h1>Nothing to write memos on</h1>"))
        let page = try await client.execute(uri: uri, method: .get, headers: browser.headers())
        #expect(page.status == .notFound, "\(uri)")
      }
      #expect(try counts(fixture.store) == before)
    }
  }

  @Test("code names, descriptions and memos holding markup are shown as text on every page")
  func markupEscaped() async throws {
    let fixture = try documents.fixture()
    let code = try fixture.store.addCode(
      name: "<script>alert(3)</script>", description: "<b>bold</b>", actor: "ruth")
    try fixture.store.addMemo(on: .code(code), title: "<i>t</i>", text: "<script>alert(4)</script>", actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      for uri in ["/codebook", "/codebook/\(code)", "/documents/1"] {
        let html = try await documents.page(client, browser, uri)
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "\(uri)")
        #expect(!html.contains("<script>"), "\(uri)")
        #expect(!html.contains("<b>"), "\(uri)")
        #expect(!html.contains("<i>"), "\(uri)")
      }
      let codebook = try await documents.page(client, browser, "/codebook")
      #expect(codebook.contains("<p>&lt;b&gt;bold&lt;/b&gt;</p>"))
      #expect(codebook.contains(#"<p class="memo-text">&lt;script&gt;alert(4)&lt;/script&gt;</p>"#))
    }
  }

  @Test("a panel member gets 403 on every codebook, colour, link and memo page and form, and nothing changes")
  func memberRefused() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let (browser, csrf) = try await documents.joinAsMember(client, fixture)
      let before = try counts(fixture.store)
      for uri in ["/codebook", "/codebook/1", "/codes.css", "/memos/concept/1", "/memos/link/1"] {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.headers())
        #expect(response.status == .forbidden, "\(uri)")
        #expect(Browser.body(response).contains("<h1>For researchers only</h1>"), "\(uri)")
      }
      let posts: [(String, [(String, String)])] = [
        ("/codebook", [("name", "mine")]), ("/codebook/1", [("name", "mine")]),
        (
          "/documents/1/links",
          [("turn", "2"), ("quote", "alone"), ("cause", "a"), ("effect", "b"), ("polarity", "increases")]
        ),
        ("/memos/document/1", [("text", "x")]), ("/memos/code/1", [("text", "x")]),
        ("/memos/concept/1", [("text", "x")]), ("/memos/link/1", [("text", "x")]),
      ]
      for (uri, fields) in posts {
        let response = try await documents.post(client, browser, uri, [("csrf", csrf)] + fields)
        #expect(response.status == .forbidden, "\(uri)")
      }
      #expect(try counts(fixture.store) == before)
    }
  }

  @Test("a researcher's form without its token is refused on every new form, and nothing changes")
  func missingCSRFRefused() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      let browser = try await documents.signIn(client)
      let before = try counts(fixture.store)
      let posts: [(String, [(String, String)])] = [
        ("/codebook", [("name", "mine")]), ("/codebook/1", [("name", "mine")]),
        (
          "/documents/1/links",
          [("turn", "2"), ("quote", "alone"), ("cause", "a"), ("effect", "b"), ("polarity", "increases")]
        ),
        ("/memos/document/1", [("text", "x")]), ("/memos/code/1", [("text", "x")]),
        ("/memos/concept/1", [("text", "x")]), ("/memos/link/1", [("text", "x")]),
      ]
      for (uri, fields) in posts {
        let response = try await documents.post(client, browser, uri, fields)
        #expect(response.status == .forbidden, "\(uri)")
        #expect(Browser.body(response).contains("<h1>This form could not be sent</h1>"), "\(uri)")
      }
      #expect(try counts(fixture.store) == before)
    }
  }

  @Test("without a session the codebook and memo pages send the browser to sign in")
  func signedOutRedirected() async throws {
    let fixture = try documents.fixture()
    try await fixture.app().test(.router) { client in
      for uri in ["/codebook", "/codebook/1", "/codes.css", "/memos/link/1"] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .seeOther, "\(uri)")
        #expect(response.headers[.location] == "/sign-in", "\(uri)")
      }
    }
  }
}
