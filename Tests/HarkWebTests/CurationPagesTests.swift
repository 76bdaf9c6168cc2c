import Foundation
import HTTPTypes
import HarkAccounts
import HarkTestSupport
import HarkTranscripts
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HarkStore
@testable import HarkWeb

/// A project for the concept and link pages: three participants in two
/// groups with an age band each, one transcript, and these link bundles:
/// peer support → trust (Amina once, Ben twice, Cal once), waiting lists →
/// trust (Amina), respite → stress (Ben); "trust" is mentioned twice.
struct CurationFixture {
  let store: ProjectStore

  static func make() throws -> CurationFixture {
    let folder = try makeTemporaryFolder("hark-curation")
    let store = try ProjectStore.create(at: folder.appendingPathComponent("p.sqlite").path)
    try store.importParticipants([
      ParticipantRecord(pseudonym: "Ruth", role: .interviewer, group: "research team"),
      ParticipantRecord(
        pseudonym: "Amina", role: .participant, group: "people using services",
        attributes: [(name: "age band", value: "18-24")]),
      ParticipantRecord(
        pseudonym: "Ben", role: .participant, group: "carers", attributes: [(name: "age band", value: "65+")]),
      ParticipantRecord(
        pseudonym: "Cal", role: .participant, group: "carers", attributes: [(name: "age band", value: "18-24")]),
    ])
    let said = [
      ("Ruth", "How was it?"),
      ("Amina", "Peer support built trust. Waiting lists hurt trust."),
      ("Ben", "Peer support built trust. Respite eased stress. Peer support built trust again."),
      ("Cal", "Peer support built trust."),
    ]
    var text = ""
    var turns: [ImportedTurn] = []
    var starts: [String: Int] = [:]
    for (speaker, words) in said {
      text += "\(speaker): "
      starts[speaker] = text.count
      turns.append(ImportedTurn(speaker: speaker, start: text.count, end: text.count + words.count))
      text += words + "\n"
    }
    _ = try store.importTranscript(
      ImportedTranscript(title: "Group interview", format: .text, text: text, turns: turns),
      sourceName: "group.txt", sourceBytes: Data(text.utf8), actor: testActor)
    /// The range of `sentence` (its `nth` occurrence) in what `speaker` said, as store offsets.
    func span(_ speaker: String, _ sentence: String, nth: Int = 0) -> (Int, Int) {
      let words = said.first { $0.0 == speaker }!.1
      var from = words.startIndex
      var found = words.range(of: sentence)!
      for _ in 0..<nth {
        from = found.upperBound
        found = words.range(of: sentence, range: from..<words.endIndex)!
      }
      let start = starts[speaker]! + words.distance(from: words.startIndex, to: found.lowerBound)
      return (start, start + sentence.count)
    }
    func link(_ cause: String, _ effect: String, _ at: (Int, Int), polarity: Int = 1) -> LinkFinding {
      LinkFinding(
        cause: cause, effect: effect, polarity: polarity, strength: 0.5, confidence: 0.9, span: at.0..<at.1,
        explanation: "test")
    }
    var findings = Findings()
    let amina = span("Amina", "trust")
    let ben = span("Ben", "trust")
    findings.concepts = [
      ConceptFinding(label: "trust", span: amina.0..<amina.1, confidence: 0.9, explanation: "a"),
      ConceptFinding(label: "trust", span: ben.0..<ben.1, confidence: 0.9, explanation: "b"),
    ]
    findings.links = [
      link("peer support", "trust", span("Amina", "Peer support built trust.")),
      link("waiting lists", "trust", span("Amina", "Waiting lists hurt trust."), polarity: -1),
      link("peer support", "trust", span("Ben", "Peer support built trust.")),
      link("respite", "stress", span("Ben", "Respite eased stress."), polarity: -1),
      link("peer support", "trust", span("Ben", "Peer support built trust again.")),
      link("peer support", "trust", span("Cal", "Peer support built trust.")),
    ]
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    _ = try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.links", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    _ = try store.addResearcher(
      name: "ruth", password: WebFixture.password,
      cost: PasswordHashCost(rounds: 1 << 10, blockSize: 8, parallelism: 1), actor: testActor)
    return CurationFixture(store: store)
  }

  func concept(_ label: String) throws -> ConceptSummary {
    try #require(try store.concepts().first { $0.label == label })
  }

  func link(_ cause: String, _ effect: String) throws -> LinkSummary {
    try #require(try store.links().first { $0.cause == cause && $0.effect == effect })
  }

  func app() throws -> some ApplicationProtocol {
    Application(router: try WebServer.router(store: store, baseURL: "http://127.0.0.1:8080"))
  }
}

/// What a test can compare of the store before and after a refused change.
struct StoreState: Equatable {
  var concepts: [ConceptSummary]
  var links: [LinkSummary]
  var mentions: [ConceptID: [MentionID]]
  var decisions: [Decision]

  init(_ store: ProjectStore) throws {
    concepts = try store.concepts(includeMerged: true)
    links = try store.links()
    mentions = [:]
    for concept in concepts { mentions[concept.id] = try store.conceptMentions(concept.id).map(\.id) }
    decisions = try store.decisions()
  }
}

@Suite("Curation pages")
struct CurationPagesTests {
  func signIn(_ client: some TestClientProtocol) async throws -> Browser {
    var browser = Browser()
    let response = try await client.execute(
      uri: "/sign-in", method: .post, headers: browser.headers(form: true),
      body: Browser.form([("name", "ruth"), ("password", WebFixture.password)]))
    #expect(response.status == .seeOther)
    browser.keepCookie(response)
    return browser
  }

  func get(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser) async throws -> String {
    let response = try await client.execute(uri: uri, method: .get, headers: browser.headers())
    #expect(response.status == .ok, "GET \(uri)")
    return Browser.body(response)
  }

  func post(
    _ client: some TestClientProtocol, _ uri: String, _ browser: Browser, _ fields: [(String, String)],
    csrfFrom page: String = "/"
  ) async throws -> TestResponse {
    let csrf = try #require(Browser.csrf(in: try await get(client, page, browser)))
    return try await client.execute(
      uri: uri, method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)] + fields))
  }

  @Test("the researcher's start page leads to the concepts and the links")
  func navigation() async throws {
    let fixture = try CurationFixture.make()
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let home = try await get(client, "/", browser)
      #expect(
        home.contains(
          #"<p><a href="/documents">Documents</a></p><p><a href="/codebook">Codebook</a></p><p><a href="/concepts">Concepts</a></p><p><a href="/links">Links</a></p>"#
        ))
    }
  }

  @Test("the concepts page lists the groupings the labels suggest, each with its reason and a button that applies it")
  func suggestedGroupings() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    let stress = try fixture.concept("stress")
    try fixture.store.renameConcept(stress.id, to: "Relationships; trust", actor: "ruth")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let page = try await get(client, "/concepts", browser)
      #expect(page.contains("<h2>Suggested groupings</h2>"))
      let csrf = try #require(Browser.csrf(in: page))
      #expect(
        page.contains(
          #"<li><form method="post" action="/concepts/\#(trust.id)/merge"><input type="hidden" name="csrf" value="\#(csrf)"><input type="hidden" name="into" value="\#(stress.id)">Merge <a href="/concepts/\#(trust.id)">trust</a> into <a href="/concepts/\#(stress.id)">Relationships; trust</a>: “trust” is the last level of “Relationships; trust”. <button type="submit">Merge</button></form></li>"#
        ))
      let merged = try await post(client, "/concepts/\(trust.id)/merge", browser, [("into", "\(stress.id)")])
      #expect(merged.status == .seeOther)
      #expect(try fixture.store.concept(trust.id).mergedInto == stress.id)
      #expect(try await get(client, "/concepts", browser).contains("Suggested groupings") == false)
    }
  }

  @Test("renaming a concept stores the new label with the researcher as actor; an empty or taken label is refused")
  func rename() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    let stress = try fixture.concept("stress")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let before = try StoreState(fixture.store)
      let empty = try await post(client, "/concepts/\(trust.id)/rename", browser, [("label", "  ")])
      #expect(empty.status == .badRequest)
      #expect(Browser.body(empty).contains("<p>A concept label cannot be empty.</p>"))
      let taken = try await post(client, "/concepts/\(trust.id)/rename", browser, [("label", "Stress")])
      #expect(taken.status == .conflict)
      #expect(
        Browser.body(taken).contains(
          "<p>&quot;Stress&quot; is already concept C\(stress.id). Merge them instead: `hark concepts merge C\(trust.id) C\(stress.id)`.</p>"
        ))
      #expect(try StoreState(fixture.store) == before)
      let renamed = try await post(client, "/concepts/\(trust.id)/rename", browser, [("label", "confidence")])
      #expect(renamed.status == .seeOther)
      #expect(renamed.headers[.location] == "/concepts/\(trust.id)")
      #expect(try fixture.store.concept(trust.id).label == "confidence")
      let decision = try #require(try fixture.store.decisions(subject: .concept(trust.id)).last)
      #expect(
        [decision.actor, decision.action.rawValue, decision.detail] == [
          "ruth", "rename", #"{"from":"trust","to":"confidence"}"#,
        ])
    }
  }

  @Test("merging moves the links into the chosen concept; merging into itself or into nothing is refused")
  func merge() async throws {
    let fixture = try CurationFixture.make()
    let respite = try fixture.concept("respite")
    let peer = try fixture.concept("peer support")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let before = try StoreState(fixture.store)
      let itself = try await post(client, "/concepts/\(respite.id)/merge", browser, [("into", "\(respite.id)")])
      #expect(itself.status == .badRequest)
      #expect(Browser.body(itself).contains("<p>Cannot merge a concept into itself.</p>"))
      let nothing = try await post(client, "/concepts/\(respite.id)/merge", browser, [("into", "")])
      #expect(nothing.status == .badRequest)
      #expect(Browser.body(nothing).contains("<p>Choose the concept to merge “respite” into.</p>"))
      #expect(try StoreState(fixture.store) == before)
      let merged = try await post(client, "/concepts/\(respite.id)/merge", browser, [("into", "\(peer.id)")])
      #expect(merged.status == .seeOther)
      #expect(merged.headers[.location] == "/concepts/\(peer.id)")
      #expect(
        try fixture.store.links().map { "\($0.cause) → \($0.effect) \($0.citations)" }.sorted() == [
          "peer support → stress 1", "peer support → trust 4", "waiting lists → trust 1",
        ])
      #expect(try fixture.store.concept(respite.id).mergedInto == peer.id)
      let decision = try #require(try fixture.store.decisions(subject: .concept(respite.id)).last)
      #expect([decision.actor, decision.action.rawValue] == ["ruth", "merge"])
      let gone = try await client.execute(uri: "/concepts/\(respite.id)", method: .get, headers: browser.headers())
      #expect(gone.status == .notFound)
      #expect(Browser.body(gone).contains(#"<a href="/concepts/\#(peer.id)">Go to the concept it became</a>"#))
    }
  }

  @Test(
    "merging \"waiting lists\" into \"peer support\" as its opposite turns its link round; the page says what it is")
  func mergeAsOpposite() async throws {
    let fixture = try CurationFixture.make()
    let waiting = try fixture.concept("waiting lists")
    let peer = try fixture.concept("peer support")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let merged = try await post(
        client, "/concepts/\(waiting.id)/merge", browser, [("into", "\(peer.id)"), ("as_opposite", "yes")])
      #expect(merged.status == .seeOther)
      // "Waiting lists hurt trust" (−) is "peer support helps trust" (+) once
      // waiting lists is the opposite of peer support: it joins that bundle.
      #expect(
        try fixture.store.links().map { "\($0.cause) → (\($0.polarity)) \($0.effect) \($0.citations)" } == [
          "peer support → (1) trust 5", "respite → (-1) stress 1",
        ])
      #expect(try fixture.store.evidence().filter { $0.polarity < 0 }.map(\.quote) == ["Respite eased stress."])
      // A hand link typed with "~trust" makes "not trust", shown as the opposite of trust.
      let amina = try #require(try fixture.store.documentTurns(1).turns.first { $0.speaker == "Amina" })
      _ = try fixture.store.linkFromQuote(
        "Waiting lists hurt trust.", inTurn: amina.id, document: 1, cause: "respite", effect: "~trust", polarity: 1,
        strength: nil, actor: "ruth")
      let notTrust = try fixture.concept("not trust")
      let trust = try fixture.concept("trust")
      let page = try await client.execute(uri: "/concepts/\(notTrust.id)", method: .get, headers: browser.headers())
      #expect(
        Browser.body(page).contains(
          #"<p>The opposite of <a href="/concepts/\#(trust.id)">trust</a>: links that name it are on that concept, turned round.</p>"#
        ))
      #expect(try fixture.store.concept(waiting.id).oppositeOf == peer.id)
      let decision = try #require(try fixture.store.decisions(subject: .concept(waiting.id)).last)
      #expect(decision.detail.contains(#""as_opposite":true"#))
    }
  }

  @Test("splitting assigns each link and mention to one of two labels, all at once, with the researcher as actor")
  func split() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    let peerTrust = try fixture.link("peer support", "trust")
    let waitingTrust = try fixture.link("waiting lists", "trust")
    let mentions = try fixture.store.conceptMentions(trust.id)
    #expect(mentions.map(\.participant) == ["Amina", "Ben"])
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let page = try await get(client, "/concepts/\(trust.id)/split", browser)
      #expect(
        page.contains(
          #"<fieldset><legend>L\#(peerTrust.id): peer support → trust (4 quotes)</legend>"#
            + "\n"
            + #"<p><input type="radio" id="link-\#(peerTrust.id)-first" name="link-\#(peerTrust.id)" value="first" required>"#
            + "\n" + #"<label for="link-\#(peerTrust.id)-first">First label</label></p>"#))
      #expect(page.contains(#"<fieldset><legend>“trust” (Amina (people using services), Group interview)</legend>"#))
      let split = try await post(
        client, "/concepts/\(trust.id)/split", browser,
        [
          ("first", "trust in peers"), ("second", "trust in services"), ("link-\(peerTrust.id)", "first"),
          ("link-\(waitingTrust.id)", "second"), ("mention-\(mentions[0].id)", "first"),
          ("mention-\(mentions[1].id)", "second"),
        ])
      #expect(split.status == .seeOther)
      #expect(split.headers[.location] == "/concepts")
      let services = try fixture.concept("trust in services")
      #expect(try fixture.store.concept(trust.id).label == "trust in peers")
      #expect(try fixture.store.link(peerTrust.id).effectID == trust.id)
      #expect(try fixture.store.link(waitingTrust.id).effectID == services.id)
      #expect(try fixture.store.conceptMentions(trust.id).map(\.id) == [mentions[0].id])
      #expect(try fixture.store.conceptMentions(services.id).map(\.id) == [mentions[1].id])
      let decision = try #require(try fixture.store.decisions(subject: .concept(trust.id)).last)
      #expect(decision.actor == "ruth")
      #expect(decision.action == .split)
      #expect(
        decision.detail
          == #"{"first":"trust in peers","from":"trust","into":\#(services.id),"links":[\#(waitingTrust.id)],"mentions":[\#(mentions[1].id)],"second":"trust in services"}"#
      )
    }
  }

  @Test("a split with a link left unassigned, a taken label or one side empty is refused and stores nothing")
  func splitRefused() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    let stress = try fixture.concept("stress")
    let peerTrust = try fixture.link("peer support", "trust")
    let waitingTrust = try fixture.link("waiting lists", "trust")
    let mentions = try fixture.store.conceptMentions(trust.id)
    let all: [(String, String)] = [
      ("link-\(peerTrust.id)", "first"), ("link-\(waitingTrust.id)", "second"), ("mention-\(mentions[0].id)", "first"),
      ("mention-\(mentions[1].id)", "second"),
    ]
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let before = try StoreState(fixture.store)
      let cases: [([(String, String)], String)] = [
        (
          [("first", "trust in peers"), ("second", "trust in services")] + all.dropFirst(),
          "Link L\(peerTrust.id) is not assigned. Choose one of the two labels for every link and mention."
        ),
        (
          [("first", "trust in peers"), ("second", "stress")] + all,
          "&quot;stress&quot; is already concept C\(stress.id). Choose another label, or move these links with a merge instead."
        ),
        (
          [("first", "trust in peers"), ("second", "")] + all,
          "A split needs two labels. Write a label for each of the two new concepts."
        ),
        (
          [("first", "a"), ("second", "b")] + all.map { ($0.0, "first") },
          "One of the two new concepts would have no links or mentions. Assign at least one to each label, or rename the concept instead."
        ),
      ]
      for (fields, message) in cases {
        let refused = try await post(client, "/concepts/\(trust.id)/split", browser, fields)
        #expect(refused.status == .badRequest)
        #expect(Browser.body(refused).contains(#"<p class="problem" role="alert">\#(message)</p>"#))
      }
      #expect(try StoreState(fixture.store) == before)
    }
  }

  @Test("concepts show as a tree with their counts; a parent below the concept is refused")
  func hierarchy() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    let peer = try fixture.concept("peer support")
    let waiting = try fixture.concept("waiting lists")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      for child in [peer, waiting] {
        let placed = try await post(client, "/concepts/\(child.id)/parent", browser, [("parent", "\(trust.id)")])
        #expect(placed.status == .seeOther)
      }
      let before = try StoreState(fixture.store)
      let cycle = try await post(client, "/concepts/\(trust.id)/parent", browser, [("parent", "\(peer.id)")])
      #expect(cycle.status == .badRequest)
      #expect(
        Browser.body(cycle).contains(
          "<p>&quot;peer support&quot; sits under &quot;trust&quot;: a concept cannot go under its own child. Choose a parent that is not below this concept.</p>"
        ))
      #expect(try StoreState(fixture.store) == before)
      let decision = try #require(try fixture.store.decisions(subject: .concept(peer.id)).last)
      #expect(
        [decision.actor, decision.action.rawValue, decision.detail] == [
          "ruth", "set-parent", #"{"from":null,"to":\#(trust.id)}"#,
        ])
      let page = try await get(client, "/concepts", browser)
      #expect(
        page.contains(
          #"<li><a href="/concepts/\#(trust.id)">trust</a> <span class="state">2 links, 2 mentions in 1 document</span>"#
            + "\n"
            + #"<ul><li><a href="/concepts/\#(peer.id)">peer support</a> <span class="state">1 link, 0 mentions in 0 documents</span></li>"#
            + #"<li><a href="/concepts/\#(waiting.id)">waiting lists</a> <span class="state">1 link, 0 mentions in 0 documents</span></li></ul></li>"#
        ))
      let concept = try await get(client, "/concepts/\(peer.id)", browser)
      #expect(concept.contains("<p>In the tree: trust / peer support</p>"))
      #expect(concept.contains(#"<p><a href="/memos/concept/\#(peer.id)">Memos on this concept</a></p>"#))
      #expect(concept.contains(#"<option value="\#(trust.id)" selected>trust</option>"#))
    }
  }

  @Test("a concept label with a script tag is shown as text on every concept page")
  func labelEscaped() async throws {
    let fixture = try CurationFixture.make()
    let trust = try fixture.concept("trust")
    try fixture.store.renameConcept(trust.id, to: "<script>alert(3)</script>", actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      for uri in ["/concepts", "/concepts/\(trust.id)", "/concepts/\(trust.id)/split", "/links"] {
        let page = try await get(client, uri, browser)
        #expect(!page.contains("<script>"), "\(uri)")
        #expect(page.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "\(uri)")
      }
    }
  }

  @Test("link bundles count quotes and distinct sources, and a group or attribute filter counts only those people")
  func bundlesAndFilters() async throws {
    let fixture = try CurationFixture.make()
    let peerTrust = try fixture.link("peer support", "trust")
    let waitingTrust = try fixture.link("waiting lists", "trust")
    let respite = try fixture.link("respite", "stress")
    /// A bundle's row up to its buttons; `query` is the filter its link carries on.
    @Sendable func row(_ link: LinkSummary, _ polarity: String, _ quotes: Int, _ sources: Int, _ query: String)
      -> String
    {
      #"<tr><td data-label="Link"><a href="/links/\#(link.id)\#(query)">L\#(link.id)</a></td>"#
        + #"<td data-label="Cause → effect">\#(link.cause) → \#(link.effect) <span class="state">(\#(polarity))</span></td>"#
        + #"<td data-label="Quotes">\#(quotes)</td><td data-label="Sources">\#(sources)</td>"#
        + #"<td data-label="Status">candidate</td>"#
    }
    @Sendable func rows(_ page: String) -> [String] {
      page.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><td") }.map {
        $0.components(separatedBy: #"<td data-label="Decide">"#)[0]
      }
    }
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let all = try await get(client, "/links", browser)
      #expect(
        rows(all) == [
          row(peerTrust, "positive", 4, 3, ""), row(waitingTrust, "negative", 1, 1, ""),
          row(respite, "negative", 1, 1, ""),
        ])
      #expect(all.contains("<caption>Link bundles, best supported first</caption>"))
      let carers = try await get(client, "/links?group=carers", browser)
      let group = "?group=carers"
      #expect(rows(carers) == [row(peerTrust, "positive", 3, 2, group), row(respite, "negative", 1, 1, group)])
      #expect(carers.contains("<caption>Link bundles counting only quotes from people in group “carers”</caption>"))
      #expect(carers.contains("<option selected>carers</option>"))
      let young = try await get(client, "/links?attribute=age+band%3D18-24", browser)
      let age = "?attribute=age%20band%3D18-24"
      #expect(rows(young) == [row(peerTrust, "positive", 2, 2, age), row(waitingTrust, "negative", 1, 1, age)])
      let both = try await get(client, "/links?group=carers&attribute=age%20band%3D18-24", browser)
      #expect(rows(both) == [row(peerTrust, "positive", 1, 1, "?group=carers&amp;attribute=age%20band%3D18-24")])
      let bad = try await client.execute(uri: "/links?attribute=nonsense", method: .get, headers: browser.headers())
      #expect(bad.status == .badRequest)
      #expect(Browser.body(bad).contains("Write the participant attribute as name=value"))
    }
  }

  @Test("a link's page shows all its quotes with speaker, group and document, and the filter narrows them")
  func linkQuotes() async throws {
    let fixture = try CurationFixture.make()
    let peerTrust = try fixture.link("peer support", "trust")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      func captions(_ page: String) -> [String] {
        page.components(separatedBy: "<figcaption>").dropFirst().map { $0.components(separatedBy: "</figcaption>")[0] }
      }
      let all = try await get(client, "/links/\(peerTrust.id)", browser)
      #expect(all.contains("<h1>L\(peerTrust.id): peer support → trust</h1>"))
      #expect(all.contains("Status: <strong>candidate</strong>. 4 quotes from 3 sources.</p>"))
      #expect(all.contains(#"<p><a href="/memos/link/\#(peerTrust.id)">Memos on this link</a></p>"#))
      let document = #", in <a href="/documents/1">Group interview</a>"#
      #expect(
        captions(all) == [
          "Amina (people using services)" + document, "Ben (carers)" + document, "Ben (carers)" + document,
          "Cal (carers)" + document,
        ])
      #expect(all.contains("<blockquote><p>Peer support built trust again.</p></blockquote>"))
      let carers = try await get(client, "/links/\(peerTrust.id)?group=carers", browser)
      #expect(carers.contains("3 quotes from 2 sources, counting only people in group “carers”.</p>"))
      #expect(captions(carers) == ["Ben (carers)" + document, "Ben (carers)" + document, "Cal (carers)" + document])
    }
  }

  @Test("accepting and rejecting a link in place stores the status with the researcher and returns to the page")
  func acceptReject() async throws {
    let fixture = try CurationFixture.make()
    let peerTrust = try fixture.link("peer support", "trust")
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let accepted = try await post(
        client, "/links/\(peerTrust.id)/accept", browser, [("back", "/links?group=carers")])
      #expect(accepted.status == .seeOther)
      #expect(accepted.headers[.location] == "/links?group=carers")
      #expect(try fixture.store.link(peerTrust.id).status == .accepted)
      let rejected = try await post(
        client, "/links/\(peerTrust.id)/reject", browser, [("back", "https://evil.example/")])
      #expect(rejected.headers[.location] == "/links")
      #expect(try fixture.store.link(peerTrust.id).status == .rejected)
      #expect(
        try fixture.store.decisions(subject: .link(peerTrust.id)).map { "\($0.actor) \($0.action)" } == [
          "ruth accept", "ruth reject",
        ])
      let page = try await get(client, "/links/\(peerTrust.id)", browser)
      #expect(page.contains("Accept this link"))
      #expect(!page.contains("Reject this link"))
    }
  }

  @Test("a panel member is refused every curation and panel-review page, and a form without the CSRF token is refused")
  func access() async throws {
    let fixture = try CurationFixture.make()
    let panel = try fixture.store.createPanel(name: "Carers", actor: testActor)
    let member = try fixture.store.addMember(panel: panel, name: "Member real name", actor: testActor)
    let trust = try fixture.concept("trust")
    let link = try fixture.link("peer support", "trust")
    let items = try fixture.store.openItems(panel: panel, status: .candidate, actor: testActor)
    let vote = try fixture.store.castVote(
      as: fixture.store.identity(of: member), item: items[0].id, ballot: Ballot(.agree, suggestion: .opposite))
    let invite = try fixture.store.issueInvite(member: member, actor: testActor)
    try await fixture.app().test(.router) { client in
      var memberBrowser = Browser()
      memberBrowser.keepCookie(try await client.execute(uri: "/join/\(invite.token)", method: .post))
      let csrf = try #require(Browser.csrf(in: try await get(client, "/panel/sign-out", memberBrowser)))
      for uri in [
        "/concepts", "/concepts/\(trust.id)", "/concepts/\(trust.id)/split", "/links", "/links/\(link.id)",
        "/panels/\(panel.id)/audit",
      ] {
        let response = try await client.execute(uri: uri, method: .get, headers: memberBrowser.headers())
        #expect(response.status == .forbidden, "GET \(uri)")
      }
      let posts = [
        "/concepts/\(trust.id)/rename", "/concepts/\(trust.id)/merge", "/concepts/\(trust.id)/parent",
        "/concepts/\(trust.id)/split", "/links/\(link.id)/accept", "/links/\(link.id)/reject",
        "/panels/\(panel.id)/items/\(items[0].id)/override", "/panels/\(panel.id)/suggestions/\(vote.id)/adopt",
        "/panels/\(panel.id)/items/\(items[0].id)/reword",
      ]
      let before = try StoreState(fixture.store)
      for uri in posts {
        let response = try await client.execute(
          uri: uri, method: .post, headers: memberBrowser.headers(form: true),
          body: Browser.form([
            ("csrf", csrf), ("label", "x"), ("reason", "x"), ("outcome", "accepted"), ("wording", "x"),
          ]))
        #expect(response.status == .forbidden, "POST \(uri)")
      }
      let researcher = try await signIn(client)
      for uri in posts {
        let response = try await client.execute(
          uri: uri, method: .post, headers: researcher.headers(form: true),
          body: Browser.form([("label", "x"), ("reason", "x"), ("outcome", "accepted"), ("wording", "x")]))
        #expect(response.status == .forbidden, "POST \(uri) without CSRF")
        #expect(Browser.body(response).contains("It has expired or did not come from this Hark."))
      }
      #expect(try StoreState(fixture.store) == before)
      #expect(try fixture.store.items(panel: panel).count == items.count)
    }
  }
}

@Suite("Panel review pages")
struct PanelReviewPagesTests {
  func signIn(_ client: some TestClientProtocol) async throws -> Browser {
    var browser = Browser()
    let response = try await client.execute(
      uri: "/sign-in", method: .post, headers: browser.headers(form: true),
      body: Browser.form([("name", "ruth"), ("password", WebFixture.password)]))
    browser.keepCookie(response)
    return browser
  }

  func join(_ client: some TestClientProtocol, _ fixture: WebFixture, member: Int) async throws -> Browser {
    let invite = try fixture.store.issueInvite(member: fixture.members[member], actor: testActor)
    var browser = Browser()
    browser.keepCookie(try await client.execute(uri: "/join/\(invite.token)", method: .post))
    return browser
  }

  func page(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser) async throws -> String {
    let response = try await client.execute(uri: uri, method: .get, headers: browser.headers())
    #expect(response.status == .ok, "GET \(uri)")
    return Browser.body(response)
  }

  func post(
    _ client: some TestClientProtocol, _ uri: String, _ browser: Browser, _ fields: [(String, String)] = []
  ) async throws -> TestResponse {
    let csrf = try #require(Browser.csrf(in: try await page(client, "/", browser)))
    return try await client.execute(
      uri: uri, method: .post, headers: browser.headers(form: true), body: Browser.form([("csrf", csrf)] + fields))
  }

  /// The audit table's rows as "who | act | what", the time left out.
  func auditRows(_ html: String) -> [String] {
    html.components(separatedBy: "\n").filter { $0.hasPrefix(#"<tr><td data-label="When">"#) }.map { line in
      let cells = line.components(separatedBy: "</td><td data-label=").dropFirst().map {
        $0.components(separatedBy: ">").dropFirst().joined(separator: ">")
      }
      return cells.map { $0.replacingOccurrences(of: "</td></tr>", with: "") }.joined(separator: " | ")
    }
  }

  @Test(
    "the panel page offers Open only while candidate links are not yet questions, and Close only while some are open")
  func onlyWhatApplies() async throws {
    let fixture = try WebFixture.make(members: 1)
    let panel = "/panels/\(fixture.panel.id)"
    let open = #"<form method="post" action="\#(panel)/open">"#
    let close = #"<a class="button" href="\#(panel)/close">"#
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let fresh = try await page(client, panel, browser)
      #expect(fresh.contains(open))
      #expect(!fresh.contains(close))
      #expect(try await post(client, "\(panel)/open", browser).status == .seeOther)
      let opened = try await page(client, panel, browser)
      #expect(!opened.contains(open))
      #expect(opened.contains(close))
      let ids = try fixture.store.items(panel: fixture.panel).map { "\($0.id)" }.joined(separator: ",")
      #expect(
        try await post(client, "\(panel)/close", browser, [("items", ids), ("confirm", "yes")]).status == .seeOther)
      let closed = try await page(client, panel, browser)
      #expect(!closed.contains(open))
      #expect(!closed.contains(close))
      #expect(closed.contains(#"<td data-label="State">closed</td><td data-label="Decision">no decision</td>"#))
      let again = try await post(client, "\(panel)/open", browser)
      #expect(again.status == .conflict)
      #expect(Browser.body(again).contains("Every candidate link has been put to this panel already."))
      #expect(try fixture.store.items(panel: fixture.panel).count == 2)
    }
  }

  @Test("an override needs a reason: without one it is refused and nothing is stored; with one it is recorded")
  func override() async throws {
    let fixture = try WebFixture.make(members: 1)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try fixture.store.castVote(
      as: fixture.store.identity(of: fixture.members[0]), item: items[0].id, ballot: Ballot(.disagree))
    _ = try fixture.store.closeItems(panel: fixture.panel, actor: "ruth")
    let uri = "/panels/\(fixture.panel.id)/items/\(items[0].id)/override"
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let form = try await page(client, "/panels/\(fixture.panel.id)", browser)
      #expect(form.contains(#"<form method="post" action="\#(uri)">"#))
      #expect(form.contains(#"<legend>New decision on I\#(items[0].id)</legend>"#))
      let before = try fixture.store.panelDecisions(panel: fixture.panel)
      let linkBefore = try fixture.store.link(items[0].linkID)
      for fields in [[("outcome", "accepted"), ("reason", "   ")], [("outcome", "accepted")]] {
        let refused = try await post(client, uri, browser, fields)
        #expect(refused.status == .badRequest)
        #expect(
          Browser.body(refused).contains(
            "<p>Write why you are overriding the panel&#39;s decision on I\(items[0].id): the reason is kept with it.</p>"
          ))
      }
      let noOutcome = try await post(client, uri, browser, [("reason", "because")])
      #expect(noOutcome.status == .badRequest)
      #expect(try fixture.store.panelDecisions(panel: fixture.panel) == before)
      #expect(try fixture.store.link(items[0].linkID) == linkBefore)
      let done = try await post(
        client, uri, browser, [("outcome", "accepted"), ("reason", "The member misread the quote.")])
      #expect(done.status == .seeOther)
      #expect(done.headers[.location] == "/panels/\(fixture.panel.id)/audit")
      let made = try #require(try fixture.store.panelDecisions(panel: fixture.panel).last)
      #expect(
        [made.kind.rawValue, made.outcome.rawValue, made.reason, made.actor] == [
          "override", "accepted", "override: The member misread the quote.", "ruth",
        ])
      #expect(try fixture.store.link(items[0].linkID).status == .accepted)
      let after = try await page(client, "/panels/\(fixture.panel.id)", browser)
      #expect(after.contains(#"<td data-label="Decision">accepted (override by ruth)</td>"#))
    }
  }

  @Test("a researcher rewords an open question on the panel page; members read the new words; bad wording is refused")
  func reword() async throws {
    let fixture = try WebFixture.make(members: 1)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let uri = "/panels/\(fixture.panel.id)/items/\(items[0].id)/reword"
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let form = try await page(client, "/panels/\(fixture.panel.id)", browser)
      #expect(form.contains(#"<form method="post" action="\#(uri)">"#))
      #expect(
        form.contains(
          #"<summary>Reword I\#(items[0].id): Does the peer group make people less alone?</summary>"#))
      #expect(
        form.contains(
          #"<textarea id="wording-\#(items[0].id)" name="wording" rows="2" maxlength="300" required>Does the peer group make people less alone?</textarea>"#
        ))
      #expect(
        form.contains(
          #"<label for="wording-\#(items[0].id)">New question for I\#(items[0].id) (one yes-or-no question, at most 300 characters; no votes yet)</label>"#
        ))
      for (fields, message) in [
        ([("wording", "  ")], "Write the question as members should read it."),
        (
          [("wording", String(repeating: "x", count: 301))],
          "The new wording is 301 characters long; at most 300 fit. Ask one short question a member can answer yes or no."
        ),
      ] {
        let refused = try await post(client, uri, browser, fields)
        #expect(refused.status == .badRequest)
        #expect(Browser.body(refused).contains("<p>\(message)</p>"), "\(Browser.body(refused))")
      }
      #expect(try fixture.store.item(items[0].id).wording == nil)
      let done = try await post(client, uri, browser, [("wording", "Does the peer group help you feel less alone?")])
      #expect(done.status == .seeOther)
      #expect(done.headers[.location] == "/panels/\(fixture.panel.id)")
      #expect(try fixture.store.item(items[0].id).question.text == "Does the peer group help you feel less alone?")
      let audit = auditRows(try await page(client, "/panels/\(fixture.panel.id)/audit", browser))
      #expect(
        audit.contains(
          "ruth | question reworded | reworded I\(items[0].id) from “Does the peer group make people less alone?” to “Does the peer group help you feel less alone?”"
        ))
      let member = try await join(client, fixture, member: 0)
      let seen = try await page(client, "/panel/items/\(items[0].id)", member)
      #expect(seen.contains("<h1>Does the peer group help you feel less alone?</h1>"))
      let missing = try await post(client, "/panels/\(fixture.panel.id)/items/999/reword", browser, [("wording", "x")])
      #expect(missing.status == .notFound)
    }
  }

  @Test("taking up a member's suggestion opens it as a new question, once")
  func adoptSuggestion() async throws {
    let fixture = try WebFixture.make(members: 1)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    let vote = try fixture.store.castVote(
      as: fixture.store.identity(of: fixture.members[0]), item: items[0].id,
      ballot: Ballot(.disagree, suggestion: .otherWayRound))
    let uri = "/panels/\(fixture.panel.id)/suggestions/\(vote.id)/adopt"
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let before = try await page(client, "/panels/\(fixture.panel.id)", browser)
      #expect(
        before.contains(
          #"<li>Member 1 on I\#(items[0].id) would put it the other way round: “Does feeling less alone make the peer group more likely?”"#
            + "\n" + #"<form method="post" action="\#(uri)" class="inline">"#))
      let adopted = try await post(client, uri, browser)
      #expect(adopted.status == .seeOther)
      let all = try fixture.store.items(panel: fixture.panel)
      #expect(all.count == 3)
      let made = try #require(all.last)
      #expect(made.fromVoteID == vote.id)
      #expect(made.isOpen)
      #expect(made.question.text == "Does feeling less alone make the peer group more likely?")
      let after = try await page(client, "/panels/\(fixture.panel.id)", browser)
      #expect(after.contains(#"<span class="state">taken up as I\#(made.id)</span>"#))
      #expect(!after.contains(uri))
      let twice = try await post(client, uri, browser)
      #expect(twice.status == .conflict)
      #expect(
        Browser.body(twice).contains(
          "<p>The suggestion of vote V\(vote.id) was already taken up as I\(made.id).</p>"))
      #expect(try fixture.store.items(panel: fixture.panel).count == 3)
    }
  }

  @Test("the audit log lists every opening, vote, closing, decision, override and adoption in order, with who")
  func auditLog() async throws {
    let fixture = try WebFixture.make(members: 2)
    let creator = testActor
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let panel = "/panels/\(fixture.panel.id)"
      _ = try await post(client, "\(panel)/open", browser)
      let items = try fixture.store.items(panel: fixture.panel)
      try await Task.sleep(for: .milliseconds(5))
      let first = try fixture.store.castVote(
        as: fixture.store.identity(of: fixture.members[0]), item: items[0].id,
        ballot: Ballot(.agree, strength: .aLot, suggestion: .sayItDifferently, suggestionText: "Do friends help?"))
      try await Task.sleep(for: .milliseconds(5))
      try fixture.store.castVote(
        as: fixture.store.identity(of: fixture.members[1]), item: items[0].id, ballot: Ballot(.disagree))
      try await Task.sleep(for: .milliseconds(5))
      _ = try await post(
        client, "\(panel)/close", browser, [("items", "\(items[0].id),\(items[1].id)"), ("confirm", "yes")])
      try await Task.sleep(for: .milliseconds(5))
      _ = try await post(
        client, "\(panel)/items/\(items[0].id)/override", browser,
        [("outcome", "accepted"), ("reason", "Checked again.")])
      try await Task.sleep(for: .milliseconds(5))
      _ = try await post(client, "\(panel)/suggestions/\(first.id)/adopt", browser)
      let made = try #require(try fixture.store.items(panel: fixture.panel).last)
      let html = try await page(client, "\(panel)/audit", browser)
      #expect(html.contains("<h1>Audit log of Carers&#39; panel</h1>"))
      let (one, two) = (items[0].id, items[1].id)
      #expect(
        auditRows(html) == [
          "\(creator) | panel made | made the panel (rule unanimous, quorum 1)",
          "\(creator) | member added | added member Member 1",
          "\(creator) | member added | added member Member 2",
          "ruth | question opened | opened I\(one) (link L\(items[0].linkID)): Does the peer group make people less alone?",
          "ruth | question opened | opened I\(two) (link L\(items[1].linkID)): Does &lt;script&gt;alert(2)&lt;/script&gt; lead to more anxiety?",
          "Member 1 | vote | voted agree on I\(one), strength a-lot, suggested say-it-differently: “Do friends help?”",
          "Member 2 | vote | voted disagree on I\(one)",
          "ruth | voting closed | closed voting on I\(one)",
          "ruth | decision | decided I\(one) by the panel&#39;s rule: rejected: not unanimous (1 agree, 1 disagree, 0 not sure)",
          "ruth | voting closed | closed voting on I\(two)",
          "ruth | decision | decided I\(two) by the panel&#39;s rule: no decision: quorum not reached (0 votes cast, 1 needed)",
          "ruth | override | overrode the panel on I\(one): accepted. Reason: Checked again.",
          "ruth | suggestion taken up | took up the suggestion of vote V\(first.id) as I\(made.id): Do friends help?",
        ])
    }
  }

  @Test("a member's saved answer is announced at the top of the page, and a member with nothing open is told so")
  func memberNotices() async throws {
    let fixture = try WebFixture.make(members: 1)
    try await fixture.app().test(.router) { client in
      let browser = try await join(client, fixture, member: 0)
      let empty = try await page(client, "/panel", browser)
      #expect(empty.contains("<p>There are no questions for you right now.</p>"))
      #expect(!empty.contains("0 of 0 done"))
      let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
      try fixture.store.castVote(
        as: fixture.store.identity(of: fixture.members[0]), item: items[0].id, ballot: Ballot(.agree))
      let saved = try await page(client, "/panel/items/\(items[0].id)?saved=1", browser)
      #expect(
        saved.contains(
          #"<main id="main">"# + "\n"
            + #"<p class="saved" role="status">Your answer is saved. You can change it until voting closes.</p>"#))
    }
  }

  @Test("tables reflow into one block per row on a narrow screen, each cell named by its column")
  func tablesReflow() async throws {
    let fixture = try WebFixture.make(members: 1)
    _ = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor)
    try await fixture.app().test(.router) { client in
      let browser = try await signIn(client)
      let css = try await page(client, "/style.css", browser)
      #expect(css.contains("@media (max-width: 40rem) {"))
      #expect(
        css.contains(#"table.reflow td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }"#))
      for uri in ["/", "/panels/\(fixture.panel.id)", "/panels/\(fixture.panel.id)/audit", "/links"] {
        let html = try await page(client, uri, browser)
        #expect(html.contains(#"<table class="reflow" tabindex="0">"#), "\(uri)")
        #expect(!html.contains("<td>"), "\(uri)")
      }
    }
  }
}
