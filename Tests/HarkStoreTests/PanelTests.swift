// Panels, members, invite links and review items.
import Foundation
import GRDB
import HarkAccounts
import HarkPanels
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Panels and invites")
struct PanelTests {
  @Test("a project made before panels existed opens with its links kept and panels ready to use")
  func migratesOlderProject() throws {
    let path = try makeTemporaryFolder("hark-panel").appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v1: documents, coding runs, candidates, decisions")
    try queue.write { db in
      try db.execute(sql: "INSERT INTO concept(label, key, created_at) VALUES ('a', 'a', 'then'), ('b', 'b', 'then')")
      try db.execute(sql: "INSERT INTO link(cause_id, effect_id, created_at) VALUES (1, 2, 'then')")
    }
    try queue.close()
    let store = try ProjectStore(path: path)
    #expect(
      try store.appliedMigrations().prefix(2) == [
        "v1: documents, coding runs, candidates, decisions", "v2: researcher accounts, panels, votes, panel decisions",
      ])
    let panel = try store.createPanel(name: "carers", actor: testActor)
    #expect(
      try store.openItems(panel: panel, links: [1], actor: testActor).map(\.question.text) == ["Does a lead to more b?"]
    )
  }

  @Test("rules parse from the command line's words and print back the same")
  func rules() throws {
    #expect(try PanelRule(parsing: "unanimous") == .unanimous)
    #expect(try PanelRule(parsing: "Majority") == .majority)
    #expect(try PanelRule(parsing: "threshold:0.75") == .threshold(0.75))
    #expect(PanelRule.threshold(0.75).description == "threshold:0.75")
    #expect(PanelRule.threshold(1).description == "threshold:1")
  }

  @Test("an unknown rule or a share outside 0 to 1 is refused with what to write")
  func badRules() {
    let unknown = #expect(throws: HarkError.self) { try PanelRule(parsing: "consensus") }
    #expect(unknown?.description == "panel rule: unknown rule \"consensus\". Use unanimous, majority or threshold:0.75")
    for text in ["threshold:0", "threshold:1.5", "threshold:", "threshold:most"] {
      let error = #expect(throws: HarkError.self) { try PanelRule(parsing: text) }
      #expect(
        error?.description
          == "panel rule: \"\(text)\" has no share between 0 and 1. Write the share of votes that must agree, e.g. threshold:0.75"
      )
    }
  }

  @Test("a panel is created once with its rule and quorum; the creation is logged")
  func createPanel() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "carers", rule: .majority, quorum: 3, actor: testActor)
    #expect(try store.panels() == [panel])
    #expect(try store.panel(named: "CARERS") == panel)
    #expect(try store.panel(named: "P\(panel.id)") == panel)
    #expect(
      try store.decisions(subject: .panel(panel.id)).map(\.detail) == [
        #"{"name":"carers","quorum":3,"rule":"majority"}"#
      ])
    let again = #expect(throws: HarkError.self) { try store.createPanel(name: "Carers", actor: testActor) }
    #expect(again?.description == "there is already a panel called Carers. Choose another name")
    let quorum = #expect(throws: HarkError.self) { try store.createPanel(name: "x", quorum: 0, actor: testActor) }
    #expect(quorum?.problem == "the quorum must be at least 1, got 0")
    let missing = #expect(throws: HarkError.self) { try store.panel(named: "nobody") }
    #expect(missing?.description == "no panel called nobody. Run `hark panels list` to see the panels")
  }

  @Test("members get Member N unless given a pseudonym; a name or pseudonym is used once per panel")
  func members() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "carers", actor: testActor)
    let first = try store.addMember(panel: panel, name: "Jo Bloggs", actor: testActor)
    let second = try store.addMember(panel: panel, name: "Sam Smith", pseudonym: "Robin", actor: testActor)
    #expect([first.pseudonym, second.pseudonym] == ["Member 1", "Robin"])
    let sameName = #expect(throws: HarkError.self) {
      try store.addMember(panel: panel, name: "Jo Bloggs", actor: testActor)
    }
    #expect(
      sameName?.description
        == "panel carers: Jo Bloggs is already a member. To send a new sign-in link use `hark panels invite carers \"Jo Bloggs\"`"
    )
    let samePseudonym = #expect(throws: HarkError.self) {
      try store.addMember(panel: panel, name: "Kim", pseudonym: "Robin", actor: testActor)
    }
    #expect(samePseudonym?.problem == "another member is already shown as \"Robin\"")
    #expect(try store.members(panel: panel).map(\.name) == ["Jo Bloggs", "Sam Smith"])
    // The log names pseudonyms, never real names.
    #expect(!(try store.decisions().map(\.detail).joined().contains("Bloggs")))
  }

  @Test("an invite link signs its member in once; the token is stored only as a digest")
  func redeemOnce() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "carers", actor: testActor)
    let member = try store.addMember(panel: panel, name: "Jo", actor: testActor)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let invite = try store.issueInvite(member: member, now: now, actor: testActor)
    #expect(invite.expiresAt == now.addingTimeInterval(14 * 86400))
    #expect(invite.link(baseURL: "http://127.0.0.1:8080/") == "http://127.0.0.1:8080/join/\(invite.token)")
    let stored = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT token_sha256 FROM panel_invite") }
    #expect(stored == [Secrets.digest(invite.token)])
    let (session, identity) = try store.redeemInvite(token: invite.token, now: now.addingTimeInterval(60))
    #expect(identity == store.identity(of: member))
    #expect(try store.sessionHolder(token: session.token, now: now.addingTimeInterval(61)) == .member(identity))
    let again = #expect(throws: InviteRefusal.self) { try store.redeemInvite(token: invite.token, now: now) }
    #expect(again == .used)
  }

  @Test("an expired, revoked or unknown invite signs nobody in")
  func refusedInvites() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "carers", actor: testActor)
    let member = try store.addMember(panel: panel, name: "Jo", actor: testActor)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let short = try store.issueInvite(member: member, lifetime: 3600, now: now, actor: testActor)
    #expect(throws: InviteRefusal.expired) {
      try store.redeemInvite(token: short.token, now: now.addingTimeInterval(3600))
    }
    let revoked = try store.issueInvite(member: member, now: now, actor: testActor)
    #expect(
      try store.revokeInvites(member: member, now: now, actor: testActor) == RevokedAccess(invites: 2, sessions: 0))
    #expect(throws: InviteRefusal.revoked) { try store.redeemInvite(token: revoked.token, now: now) }
    #expect(throws: InviteRefusal.unknown) { try store.redeemInvite(token: "made-up", now: now) }
    #expect(
      try store.revokeInvites(member: member, now: now, actor: testActor) == RevokedAccess(invites: 0, sessions: 0))
    #expect(
      InviteRefusal.expired.description == "This sign-in link has expired. Ask the researcher for a new link.")
    #expect(try PanelFixture.count(store, "SELECT count(*) FROM session") == 0)
  }

  @Test("revoking a member's invites also signs them out, and is logged")
  func revokeSignsOut() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "carers", actor: testActor)
    let member = try store.addMember(panel: panel, name: "Jo", actor: testActor)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let (session, _) = try store.redeemInvite(
      token: try store.issueInvite(member: member, now: now, actor: testActor).token, now: now)
    let unused = try store.issueInvite(member: member, now: now, actor: testActor)
    let revoked = try store.revokeInvites(member: member, now: now.addingTimeInterval(60), actor: "amina")
    #expect(revoked == RevokedAccess(invites: 1, sessions: 1))
    #expect(try store.sessionHolder(token: session.token, now: now.addingTimeInterval(61)) == nil)
    #expect(throws: InviteRefusal.revoked) { try store.redeemInvite(token: unused.token, now: now) }
    let logged = try #require(try store.decisions(subject: .panel(panel.id)).last)
    #expect(logged.actor == "amina" && logged.action == .revokeInvites)
    #expect(logged.detail == #"{"invites":1,"member":1,"sessions":1}"#)
  }

  @Test("an invite must last some time")
  func zeroLifetime() throws {
    let store = try PanelFixture.project()
    let member = try store.addMember(
      panel: try store.createPanel(name: "carers", actor: testActor), name: "Jo", actor: testActor)
    let error = #expect(throws: HarkError.self) { try store.issueInvite(member: member, lifetime: 0, actor: testActor) }
    #expect(error?.description == "member Member 1: an invite must last some time. e.g. --expires-in 14d")
  }

  @Test("a link's question reads more or less of the effect, without doubling a label's own word")
  func questions() {
    #expect(
      PlainQuestion(cause: "feeling listened to", effect: "trust in services", polarity: 1).text
        == "Does feeling listened to lead to more trust in services?")
    #expect(
      PlainQuestion(cause: "peer support", effect: "anxiety", polarity: -1).text
        == "Does peer support lead to less anxiety?")
    #expect(PlainQuestion(cause: "a", effect: "less alone", polarity: 1).effect == "less alone")
    #expect(PlainQuestion(cause: "a", effect: "less alone", polarity: -1).effect == "more alone")
    #expect(PlainQuestion(cause: "a", effect: "more hope", polarity: -1).effect == "less hope")
    #expect(PlainQuestion(cause: "a", effect: "fewer visits", polarity: -1).effect == "more visits")
    #expect(
      PlainQuestion(cause: "a", effect: "b", polarity: 1, wording: "Does A help with B?").text == "Does A help with B?")
  }

  @Test("opening links makes one item each with its question and quotes by pseudonym and group only")
  func openItems() throws {
    let store = try PanelFixture.project()
    let (panel, _) = try PanelFixture.panel(store)
    let items = try store.openItems(panel: panel, links: [3, 2], actor: testActor)
    #expect(
      items.map(\.question.text) == [
        "Does being listened to lead to more trust in services?", "Does the waiting list lead to more anxiety?",
      ])
    #expect(items.map(\.linkID) == [3, 2])
    #expect(
      try store.quotes(item: items[0])
        == [ItemQuote(quote: "Being listened to helped me trust services again.", pseudonym: "Grace", group: "carers")])
    #expect(try store.quotes(item: items[0]).map(\.speaker) == ["Grace (carers)"])
    #expect(ItemQuote(quote: "x", pseudonym: nil, group: nil).speaker == "someone")
    #expect(try store.decisions(subject: .panelItem(items[0].id)).map(\.action) == [.open])
  }

  @Test("opening a link already open, an unknown link or nothing is refused, and nothing is opened")
  func openRefusals() throws {
    let store = try PanelFixture.project()
    let (panel, _) = try PanelFixture.panel(store)
    _ = try store.openItems(panel: panel, links: [1], actor: testActor)
    let twice = #expect(throws: HarkError.self) { try store.openItems(panel: panel, links: [2, 1], actor: testActor) }
    #expect(
      twice?.description
        == "panel carers: link L1 is already open for review as I1. Close it first with `hark panels close carers I1`")
    let unknown = #expect(throws: HarkError.self) {
      try store.openItems(panel: panel, links: [2, 99], actor: testActor)
    }
    #expect(unknown?.description == "panel carers: no link L99. Run `hark links` to list them")
    let none = #expect(throws: HarkError.self) { try store.openItems(panel: panel, links: [], actor: testActor) }
    #expect(none?.problem == "no links to open")
    #expect(try store.items(panel: panel).map(\.linkID) == [1])
    let accepted = #expect(throws: HarkError.self) {
      try store.openItems(panel: panel, status: .accepted, actor: testActor)
    }
    #expect(accepted?.problem == "no accepted links left to open")
    #expect(try store.openItems(panel: panel, status: .candidate, actor: testActor).map(\.linkID) == [2, 3])
  }
}
