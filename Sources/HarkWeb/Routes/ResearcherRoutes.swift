// The researcher's pages: sign in, panels with their questions,
// tallies and decisions; open links for review, add members,
// override a decision with a reason, take up a member's suggestion, and the
// panel's audit log.
import Foundation
import HarkPanels
import HarkStore
import HarkTranscripts
import Hummingbird

struct ResearcherRoutes: Sendable {
  let store: WebStore
  let pages: Pages
  let gate: SignInGate
  let baseURL: String
  let secureCookies: Bool

  func add(to router: Router<WebContext>) {
    router.get("/", use: home)
    router.get("/sign-in", use: signInPage)
    router.post("/sign-in", use: signIn)
    router.get("/panels/:id", use: panelPage)
    router.post("/panels/:id/open", use: openLinks)
    router.post("/panels/:id/members", use: addMember)
    router.post("/panels/:id/members/:member/invite", use: newInvite)
    router.post("/panels/:id/members/:member/revoke", use: revokeAccess)
    router.post("/panels/:id/items/:item/override", use: overrideDecision)
    router.post("/panels/:id/items/:item/reword", use: rewordQuestion)
    router.post("/panels/:id/suggestions/:vote/adopt", use: adoptSuggestion)
    router.get("/panels/:id/audit", use: audit)
  }

  func home(_ request: Request, context: WebContext) async throws -> Response {
    if context.session?.member != nil { return Pages.redirect(to: "/panel") }
    let (session, _) = try context.requireResearcher()
    let panels = try await store.read { store in
      try store.panels().map { panel in
        Home.Panel(
          id: panel.id, name: panel.name, rule: panel.rule.description, members: try store.members(panel: panel).count,
          open: try store.items(panel: panel).filter(\.isOpen).count)
      }
    }
    return pages.render(
      "researcher-home", title: "Panels", context: Home(hasPanels: !panels.isEmpty, panels: panels), session: session)
  }

  func signInPage(_ request: Request, context: WebContext) async throws -> Response {
    pages.render("sign-in", title: "Sign in", context: SignInForm(name: nil, problem: nil), session: nil)
  }

  func signIn(_ request: Request, context: WebContext) async throws -> Response {
    let form = try await Form.read(request, context: context)
    let name = form.text("name") ?? ""
    let (password, address, gate) = (form["password"] ?? "", context.remoteAddress, gate)
    switch try await store.write({ try gate.signIn(store: $0, name: name, password: password, address: address) }) {
    case .signedIn(_, let session):
      var response = Pages.redirect(to: "/")
      response.setCookie(SessionCookie.set(session, secure: secureCookies))
      return response
    case .wrongNameOrPassword:
      return pages.render(
        "sign-in", title: "Sign in",
        context: SignInForm(name: name, problem: "That name and password do not match. Check them and try again."),
        session: nil, status: .unauthorized)
    case .refused(let until):
      // Whole seconds first: a date's round trip through the store may add a
      // hair to the wait, which must not show as one more minute.
      let minutes = max(1, Int((until.timeIntervalSince(gate.now()).rounded() / 60).rounded(.up)))
      return pages.render(
        "sign-in", title: "Sign in",
        context: SignInForm(
          name: name,
          problem: "Too many failed attempts. Wait \(minutes) minute\(minutes == 1 ? "" : "s") before trying again."),
        session: nil, status: .tooManyRequests)
    }
  }

  func panelPage(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let (panelID, csrf) = (context.id(as: PanelID.self), session.csrf)
    let page = try await store.read { store in
      try Self.panelPage(try store.addressedPanel(panelID), csrf: csrf, in: store)
    }
    return pages.render("researcher-panel", title: page.name, context: page, session: session)
  }

  func openLinks(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let panelID = context.id(as: PanelID.self)
    let panel = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      let ids = try Self.linksToOpen(panel, items: try store.items(panel: panel), in: store)
      guard !ids.isEmpty else {
        throw WebError(
          .conflict, heading: "Nothing to open", message: "Every candidate link has been put to this panel already.",
          back: "/panels/\(panel.id)", backLabel: "Back to the panel")
      }
      _ = try store.openItems(panel: panel, links: ids, actor: researcher.name)
      return panel
    }
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func overrideDecision(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let (panelID, itemID) = (context.id(as: PanelID.self), context.id("item", as: PanelItemID.self))
    let form = try await Form.read(request, context: context)
    let outcome = form["outcome"].flatMap(PanelOutcome.init(rawValue:)).flatMap { $0 == .none ? nil : $0 }
    let reason = form.text("reason")
    let panel = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      let item = try store.addressedItem(itemID, of: panel)
      guard let outcome else { throw Self.refused(panel, "Choose the decision: on the map or off the map.") }
      guard let reason else {
        throw Self.refused(
          panel, "Write why you are overriding the panel's decision on I\(item.id): the reason is kept with it.")
      }
      guard !item.isOpen else {
        throw Self.refused(panel, "Voting on I\(item.id) is still open: close voting first.", kind: .conflict)
      }
      try Self.refusing(panel) {
        _ = try store.overrideDecision(item: item.id, outcome: outcome, reason: reason, actor: researcher.name)
      }
      return panel
    }
    return Pages.redirect(to: "/panels/\(panel.id)/audit")
  }

  /// Puts an open question in the researcher's words; the change and who made
  /// it go to the audit log, and votes already cast keep the words they answered.
  func rewordQuestion(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let (panelID, itemID) = (context.id(as: PanelID.self), context.id("item", as: PanelItemID.self))
    let wording = try await Form.read(request, context: context).text("wording")
    let panel = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      let item = try store.addressedItem(itemID, of: panel)
      guard let wording else { throw Self.refused(panel, "Write the question as members should read it.") }
      try Self.refusing(panel) { try store.reword(item: item.id, to: wording, actor: researcher.name) }
      return panel
    }
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func adoptSuggestion(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let (panelID, voteID) = (context.id(as: PanelID.self), context.id("vote", as: PanelVoteID.self))
    let panel = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      let items = try store.items(panel: panel)
      guard let voteID, let vote = try? store.vote(voteID), items.contains(where: { $0.id == vote.itemID }) else {
        throw WebError.notFound(
          "suggestion", where: "of this panel", back: "/panels/\(panel.id)", backLabel: "Back to the panel")
      }
      try Self.refusing(panel) { _ = try store.adoptSuggestion(vote: vote.id, actor: researcher.name) }
      return panel
    }
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func audit(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let panelID = context.id(as: PanelID.self)
    let page = try await store.read { store in
      let panel = try store.addressedPanel(panelID)
      let entries = try store.panelAudit(panel: panel).map { entry in
        Audit.Entry(
          at: entry.at, when: Self.when(entry.at), who: entry.who, act: Self.actText(entry.act), detail: entry.detail)
      }
      return Audit(id: panel.id, name: panel.name, hasEntries: !entries.isEmpty, entries: entries)
    }
    return pages.render("panel-audit", title: "Audit log of \(page.name)", context: page, session: session)
  }

  func addMember(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try context.requireResearcher()
    let panelID = context.id(as: PanelID.self)
    let form = try await Form.read(request, context: context)
    let (name, pseudonym, baseURL) = (form.text("name"), form.text("pseudonym"), baseURL)
    let page = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      guard let name else {
        throw WebError(
          .badInput, heading: "No name given", message: "Write the member's name to add them.",
          back: "/panels/\(panel.id)", backLabel: "Back to the panel")
      }
      let member = try store.addMember(panel: panel, name: name, pseudonym: pseudonym, actor: researcher.name)
      return try Self.invite(member, panel: panel, actor: researcher.name, baseURL: baseURL, in: store)
    }
    return pages.render("invite", title: "Sign-in link", context: page, session: session)
  }

  /// A new one-time link for a member who lost theirs, or whose link expired.
  func newInvite(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try context.requireResearcher()
    let (panelID, memberID, baseURL) = (
      context.id(as: PanelID.self), context.id("member", as: PanelMemberID.self), baseURL
    )
    let page = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      let member = try Self.member(memberID, of: panel, in: store)
      return try Self.invite(member, panel: panel, actor: researcher.name, baseURL: baseURL, in: store)
    }
    return pages.render("invite", title: "Sign-in link", context: page, session: session)
  }

  /// Cancels a member's unused links and signs them out everywhere: for a
  /// link that reached the wrong person.
  func revokeAccess(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try context.requireResearcher()
    let (panelID, memberID) = (context.id(as: PanelID.self), context.id("member", as: PanelMemberID.self))
    let (panel, member, revoked) = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      let member = try Self.member(memberID, of: panel, in: store)
      return (panel, member, try store.revokeInvites(member: member, actor: researcher.name))
    }
    func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
    return pages.notice(
      heading: "\(member.pseudonym)'s links are cancelled",
      message:
        "Cancelled \(count(revoked.invites, "unused sign-in link")) and ended \(count(revoked.sessions, "session")) of \(member.name). To let them back in, make a new sign-in link.",
      session: session, back: "/panels/\(panel.id)", backLabel: "Back to the panel")
  }

  private static func invite(
    _ member: PanelMember, panel: Panel, actor: String, baseURL: String, in store: ProjectStore
  ) throws -> Invite {
    let invite = try store.issueInvite(member: member, actor: actor)
    return Invite(
      name: member.name, pseudonym: member.pseudonym, link: invite.link(baseURL: baseURL),
      expires: DateFormatter.localizedString(from: invite.expiresAt, dateStyle: .long, timeStyle: .none),
      panel: panel.id, loopbackOnly: PublicAddress.isLoopbackOnly(baseURL))
  }

  // MARK: - Parts

  private static func panelPage(_ panel: Panel, csrf: String, in store: ProjectStore) throws -> PanelPage {
    let items = try store.items(panel: panel)
    let inForce = Dictionary(
      try store.panelDecisions(panel: panel).map { ($0.itemID, $0) }, uniquingKeysWith: { _, latest in latest })
    // Each item's current votes, read once for the tallies and the suggestions.
    let votes = try items.map { try store.currentVotes(item: $0.id) }
    let rows = zip(items, votes).map { item, votes in
      let tally = ProjectStore.tally(votes)
      return PanelPage.Row(
        id: item.id, question: item.question.text, agree: tally.agree, disagree: tally.disagree,
        notSure: tally.notSure, state: item.isOpen ? "open" : "closed", open: item.isOpen, panel: panel.id,
        decision: inForce[item.id].map { Self.decisionText($0) } ?? "none yet")
    }
    let open = zip(items, votes).filter { $0.0.isOpen }.map { item, votes in
      PanelPage.OpenItem(
        id: item.id, question: item.question.text, panel: panel.id, csrf: csrf,
        votes: votes.isEmpty ? "no votes yet" : votes.count == 1 ? "1 vote so far" : "\(votes.count) votes so far")
    }
    let closed = items.filter { !$0.isOpen }.map { item in
      PanelPage.ClosedItem(id: item.id, question: item.question.text, panel: panel.id, csrf: csrf)
    }
    let members = try store.members(panel: panel).map { member in
      PanelPage.Member(id: member.id, name: member.name, pseudonym: member.pseudonym, panel: panel.id, csrf: csrf)
    }
    let suggestions = suggestions(items, votes: votes, panel: panel, csrf: csrf)
    let comments = try store.comments(panel: panel).map { vote in
      PanelPage.Comment(item: vote.itemID, who: vote.pseudonym, comment: vote.ballot.comment, at: vote.at)
    }
    return PanelPage(
      id: panel.id, name: panel.name, rule: panel.rule.description, quorum: panel.quorum,
      ruleExplanation: panel.rule.explanation, agreement: Self.agreementText(try store.agreement(panel: panel)),
      hasItems: !rows.isEmpty, items: rows, members: members, csrf: csrf,
      canOpen: !(try linksToOpen(panel, items: items, in: store)).isEmpty, canClose: items.contains(where: \.isOpen),
      openItems: open, hasClosed: !closed.isEmpty, closed: closed, hasSuggestions: !suggestions.isEmpty,
      suggestions: suggestions, hasComments: !comments.isEmpty, comments: comments)
  }

  private static func member(_ id: PanelMemberID?, of panel: Panel, in store: ProjectStore) throws -> PanelMember {
    guard let member = try store.members(panel: panel).first(where: { $0.id == id }) else {
      throw WebError.notFound(
        "member", where: "of \(panel.name)", back: "/panels/\(panel.id)", backLabel: "Back to the panel")
    }
    return member
  }

  /// Candidate links this panel has not been asked about yet.
  private static func linksToOpen(_ panel: Panel, items: [PanelItem], in store: ProjectStore) throws -> [LinkID] {
    let asked = Set(items.map(\.linkID))
    return try store.links(status: .candidate).map(\.id).filter { !asked.contains($0) }.sorted()
  }

  /// Members' current suggestions on the panel's items, each with the
  /// question it would ask and whether it was taken up already.
  private static func suggestions(_ items: [PanelItem], votes: [[PanelVote]], panel: Panel, csrf: String)
    -> [PanelPage.Suggestion]
  {
    var suggestions: [PanelPage.Suggestion] = []
    for (item, current) in zip(items, votes) {
      for vote in current {
        guard let kind = vote.ballot.suggestion else { continue }
        let question: String =
          switch kind {
          case .otherWayRound:
            PlainQuestion(cause: item.effect, effect: item.cause, polarity: item.polarity).text
          case .opposite: PlainQuestion(cause: item.cause, effect: item.effect, polarity: -item.polarity).text
          case .sayItDifferently: vote.ballot.suggestionText
          }
        suggestions.append(
          PanelPage.Suggestion(
            vote: vote.id, item: item.id, who: vote.pseudonym, kind: Self.suggestionText(kind), question: question,
            panel: panel.id, csrf: csrf, takenUp: items.first(where: { $0.fromVoteID == vote.id })?.id))
      }
    }
    return suggestions
  }

  /// A change to a panel refused: "Nothing was changed", and back to the panel.
  private static func refused(_ panel: Panel, _ message: String, kind: WebError.Kind = .badInput) -> WebError {
    WebError.unchanged(message, kind: kind, back: "/panels/\(panel.id)", backLabel: "Back to the panel")
  }

  /// Runs a change; the store's refusal becomes a refused page, its status
  /// from the refusal's kind.
  private static func refusing(_ panel: Panel, _ change: () throws -> Void) throws {
    do { try change() } catch let error as HarkError {
      throw refused(panel, Pages.sentence(error), kind: .init(error.kind))
    }
  }

  static func decisionText(_ decision: PanelDecision) -> String {
    let outcome =
      switch decision.outcome {
      case .accepted: "accepted"
      case .rejected: "rejected"
      case .none: "no decision"
      }
    return decision.kind == .override ? "\(outcome) (override by \(decision.actor))" : outcome
  }

  static func suggestionText(_ kind: SuggestionKind) -> String {
    switch kind {
    case .otherWayRound: "the other way round"
    case .opposite: "the opposite"
    case .sayItDifferently: "said differently"
    }
  }

  static func actText(_ act: PanelAuditEntry.Act) -> String {
    switch act {
    case .create: "panel made"
    case .addMember: "member added"
    case .invite: "sign-in link"
    case .revokeInvites: "links cancelled"
    case .open: "question opened"
    case .adopt: "suggestion taken up"
    case .reword: "question reworded"
    case .vote: "vote"
    case .close: "voting closed"
    case .decision: "decision"
    case .override: "override"
    }
  }

  /// "2026-12-04 17:50:28 UTC" from the stored ISO 8601 time.
  static func when(_ at: String) -> String {
    let parts = at.split(separator: "T", maxSplits: 1)
    guard parts.count == 2 else { return at }
    return "\(parts[0]) \(parts[1].prefix(8)) UTC"
  }

  static func agreementText(_ agreement: PanelAgreement) -> String {
    guard let percent = agreement.percent else { return "not enough votes yet" }
    let alpha = agreement.alpha.map { String(format: "%.2f", $0) } ?? "not defined"
    return "\(Int((percent * 100).rounded()))% of pairs agree, Krippendorff's alpha \(alpha)"
  }
}
