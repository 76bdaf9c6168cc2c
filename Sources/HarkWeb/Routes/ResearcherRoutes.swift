// The researcher's pages: sign in, panels with their questions,
// tallies and decisions; open links for review, add members,
// override a decision with a reason, take up a member's suggestion, and the
// panel's audit log.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct ResearcherRoutes: Sendable {
  let store: ProjectStore
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

  func home(_ request: Request, context: WebContext) throws -> Response {
    if context.session?.member != nil { return Pages.redirect(to: "/panel") }
    let (session, _) = try pages.requireResearcher(context)
    let panels = try store.panels().map { panel -> [String: Any] in
      [
        "id": panel.id, "name": panel.name, "rule": panel.rule.description,
        "members": try store.members(panel: panel).count,
        "open": try store.items(panel: panel).filter(\.isOpen).count,
      ]
    }
    return pages.render(
      "researcher-home", title: "Panels", values: ["hasPanels": !panels.isEmpty, "panels": panels], session: session)
  }

  func signInPage(_ request: Request, context: WebContext) throws -> Response {
    pages.render("sign-in", title: "Sign in", values: [:], session: nil)
  }

  func signIn(_ request: Request, context: WebContext) async throws -> Response {
    let form = try await Form.read(request, context: context)
    let name = form.text("name") ?? ""
    switch try gate.signIn(store: store, name: name, password: form["password"] ?? "", address: context.remoteAddress) {
    case .signedIn(_, let session):
      var response = Pages.redirect(to: "/")
      response.setCookie(SessionCookie.set(session, secure: secureCookies))
      return response
    case .wrongNameOrPassword:
      return pages.render(
        "sign-in", title: "Sign in",
        values: ["name": name, "problem": "That name and password do not match. Check them and try again."],
        session: nil, status: .unauthorized)
    case .refused(let until):
      // Whole seconds first: a date's round trip through the store may add a
      // hair to the wait, which must not show as one more minute.
      let minutes = max(1, Int((until.timeIntervalSince(gate.now()).rounded() / 60).rounded(.up)))
      return pages.render(
        "sign-in", title: "Sign in",
        values: [
          "name": name,
          "problem": "Too many failed attempts. Wait \(minutes) minute\(minutes == 1 ? "" : "s") before trying again.",
        ], session: nil, status: .tooManyRequests)
    }
  }

  func panelPage(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let items = try store.items(panel: panel)
    let inForce = Dictionary(
      try store.panelDecisions(panel: panel).map { ($0.itemID, $0) }, uniquingKeysWith: { _, latest in latest })
    // Each item's current votes, read once for the tallies and the suggestions.
    let votes = try items.map { try store.currentVotes(item: $0.id) }
    let rows = zip(items, votes).map { item, votes -> [String: Any] in
      let tally = ProjectStore.tally(votes)
      return [
        "id": item.id, "question": item.question.text, "agree": tally.agree, "disagree": tally.disagree,
        "notSure": tally.notSure,
        "state": item.isOpen ? "open" : "closed", "open": item.isOpen, "panel": panel.id,
        "decision": inForce[item.id].map { Self.decisionText($0) } ?? "none yet",
      ]
    }
    let open = zip(items, votes).filter { $0.0.isOpen }.map { item, votes -> [String: Any] in
      [
        "id": item.id, "question": item.question.text, "panel": panel.id, "csrf": session.csrf,
        "votes": votes.isEmpty ? "no votes yet" : votes.count == 1 ? "1 vote so far" : "\(votes.count) votes so far",
      ]
    }
    let closed = items.filter { !$0.isOpen }.map { item -> [String: Any] in
      ["id": item.id, "question": item.question.text, "panel": panel.id, "csrf": session.csrf]
    }
    let agreement = try store.agreement(panel: panel)
    let members = try store.members(panel: panel).map { member -> [String: Any] in
      ["id": member.id, "name": member.name, "pseudonym": member.pseudonym, "panel": panel.id, "csrf": session.csrf]
    }
    let suggestions = suggestionValues(items, votes: votes, panel: panel, session: session)
    let comments = try store.comments(panel: panel).map { vote -> [String: Any] in
      ["item": vote.itemID, "who": vote.pseudonym, "comment": vote.ballot.comment, "at": vote.at]
    }
    let values: [String: Any] = [
      "id": panel.id, "name": panel.name, "rule": panel.rule.description, "quorum": panel.quorum,
      "ruleExplanation": panel.rule.explanation,
      "agreement": Self.agreementText(agreement), "hasItems": !rows.isEmpty, "items": rows, "members": members,
      "csrf": session.csrf, "canOpen": !(try linksToOpen(panel, items: items)).isEmpty,
      "canClose": items.contains(where: \.isOpen), "openItems": open, "hasClosed": !closed.isEmpty, "closed": closed,
      "hasSuggestions": !suggestions.isEmpty, "suggestions": suggestions,
      "hasComments": !comments.isEmpty, "comments": comments,
    ]
    return pages.render("researcher-panel", title: panel.name, values: values, session: session)
  }

  func openLinks(_ request: Request, context: WebContext) throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let ids = try linksToOpen(panel, items: try store.items(panel: panel))
    guard !ids.isEmpty else {
      return pages.problem(
        .conflict, heading: "Nothing to open",
        message: "Every candidate link has been put to this panel already.", session: session,
        back: "/panels/\(panel.id)", backLabel: "Back to the panel")
    }
    _ = try store.openItems(panel: panel, links: ids, actor: researcher.name)
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func overrideDecision(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let itemID = Int64(context.parameters.get("item") ?? "")
    guard let item = try store.items(panel: panel).first(where: { $0.id == itemID }) else {
      throw PageError(noSuch("question", panel: panel, session: session))
    }
    let form = try await Form.read(request, context: context)
    let outcome = form["outcome"].flatMap(PanelOutcome.init(rawValue:)).flatMap { $0 == .none ? nil : $0 }
    guard let outcome else {
      return refused(panel, session: session, message: "Choose the decision: on the map or off the map.")
    }
    guard let reason = form.text("reason") else {
      return refused(
        panel, session: session,
        message: "Write why you are overriding the panel's decision on I\(item.id): the reason is kept with it.")
    }
    guard !item.isOpen else {
      return refused(panel, session: session, message: "Voting on I\(item.id) is still open: close voting first.")
    }
    do {
      _ = try store.overrideDecision(item: item.id, outcome: outcome, reason: reason, actor: researcher.name)
    } catch let error as HarkError {
      return refused(panel, session: session, message: Pages.sentence(error))
    }
    return Pages.redirect(to: "/panels/\(panel.id)/audit")
  }

  /// Puts an open question in the researcher's words; the change and who made
  /// it go to the audit log, and votes already cast keep the words they answered.
  func rewordQuestion(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let itemID = Int64(context.parameters.get("item") ?? "")
    guard let item = try store.items(panel: panel).first(where: { $0.id == itemID }) else {
      throw PageError(noSuch("question", panel: panel, session: session))
    }
    let form = try await Form.read(request, context: context)
    guard let wording = form.text("wording") else {
      return refused(panel, session: session, message: "Write the question as members should read it.")
    }
    do {
      try store.reword(item: item.id, to: wording, actor: researcher.name)
    } catch let error as HarkError {
      return refused(panel, session: session, message: Pages.sentence(error))
    }
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func adoptSuggestion(_ request: Request, context: WebContext) throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let items = try store.items(panel: panel)
    guard let voteID = Int64(context.parameters.get("vote") ?? ""), let vote = try? store.vote(voteID),
      items.contains(where: { $0.id == vote.itemID })
    else {
      throw PageError(noSuch("suggestion", panel: panel, session: session))
    }
    do {
      _ = try store.adoptSuggestion(vote: vote.id, actor: researcher.name)
    } catch let error as HarkError {
      return refused(panel, session: session, message: Pages.sentence(error), status: .conflict)
    }
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func audit(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let entries = try store.panelAudit(panel: panel).map { entry -> [String: Any] in
      [
        "at": entry.at, "when": Self.when(entry.at), "who": entry.who, "act": Self.actText(entry.act),
        "detail": entry.detail,
      ]
    }
    return pages.render(
      "panel-audit", title: "Audit log of \(panel.name)",
      values: ["id": panel.id, "name": panel.name, "hasEntries": !entries.isEmpty, "entries": entries],
      session: session)
  }

  func addMember(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let form = try await Form.read(request, context: context)
    guard let name = form.text("name") else {
      return pages.problem(
        .badRequest, heading: "No name given", message: "Write the member's name to add them.", session: session,
        back: "/panels/\(panel.id)", backLabel: "Back to the panel")
    }
    let member = try store.addMember(
      panel: panel, name: name, pseudonym: form.text("pseudonym"), actor: researcher.name)
    return try invitePage(member, panel: panel, researcher: researcher, session: session)
  }

  /// A new one-time link for a member who lost theirs, or whose link expired.
  func newInvite(_ request: Request, context: WebContext) throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let member = try member(context, panel: panel, session: session)
    return try invitePage(member, panel: panel, researcher: researcher, session: session)
  }

  /// Cancels a member's unused links and signs them out everywhere: for a
  /// link that reached the wrong person.
  func revokeAccess(_ request: Request, context: WebContext) throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let member = try member(context, panel: panel, session: session)
    let revoked = try store.revokeInvites(member: member, actor: researcher.name)
    func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
    return pages.problem(
      .ok, heading: "\(member.pseudonym)'s links are cancelled",
      message:
        "Cancelled \(count(revoked.invites, "unused sign-in link")) and ended \(count(revoked.sessions, "session")) of \(member.name). To let them back in, make a new sign-in link.",
      session: session, back: "/panels/\(panel.id)", backLabel: "Back to the panel")
  }

  private func invitePage(_ member: PanelMember, panel: Panel, researcher: Researcher, session: SignedIn) throws
    -> Response
  {
    let invite = try store.issueInvite(member: member, actor: researcher.name)
    let expires = DateFormatter.localizedString(from: invite.expiresAt, dateStyle: .long, timeStyle: .none)
    return pages.render(
      "invite", title: "Sign-in link",
      values: [
        "name": member.name, "pseudonym": member.pseudonym, "link": invite.link(baseURL: baseURL),
        "expires": expires, "panel": panel.id, "loopbackOnly": PublicAddress.isLoopbackOnly(baseURL),
      ], session: session)
  }

  // MARK: - Parts

  private func panel(_ context: WebContext, session: SignedIn) throws -> Panel {
    let id = Int64(context.parameters.get("id") ?? "")
    guard let panel = try store.panels().first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(.notFound, heading: "No such panel", message: "That address names no panel.", session: session))
    }
    return panel
  }

  private func member(_ context: WebContext, panel: Panel, session: SignedIn) throws -> PanelMember {
    let id = Int64(context.parameters.get("member") ?? "")
    guard let member = try store.members(panel: panel).first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "No such member", message: "That address names no member of \(panel.name).",
          session: session, back: "/panels/\(panel.id)", backLabel: "Back to the panel"))
    }
    return member
  }

  /// Candidate links this panel has not been asked about yet.
  private func linksToOpen(_ panel: Panel, items: [PanelItem]) throws -> [Int64] {
    let asked = Set(items.map(\.linkID))
    return try store.links(status: .candidate).map(\.id).filter { !asked.contains($0) }.sorted()
  }

  /// Members' current suggestions on the panel's items, each with the
  /// question it would ask and whether it was taken up already.
  private func suggestionValues(_ items: [PanelItem], votes: [[PanelVote]], panel: Panel, session: SignedIn)
    -> [[String: Any]]
  {
    var values: [[String: Any]] = []
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
        var entry: [String: Any] = [
          "vote": vote.id, "item": item.id, "who": vote.pseudonym, "kind": Self.suggestionText(kind),
          "question": question, "panel": panel.id, "csrf": session.csrf,
        ]
        if let made = items.first(where: { $0.fromVoteID == vote.id }) { entry["takenUp"] = made.id }
        values.append(entry)
      }
    }
    return values
  }

  private func refused(
    _ panel: Panel, session: SignedIn, message: String, status: HTTPResponse.Status = .badRequest
  ) -> Response {
    pages.problem(
      status, heading: "Nothing was changed", message: message, session: session, back: "/panels/\(panel.id)",
      backLabel: "Back to the panel")
  }

  private func noSuch(_ what: String, panel: Panel, session: SignedIn) -> Response {
    pages.problem(
      .notFound, heading: "No such \(what)", message: "That address names no \(what) of this panel.", session: session,
      back: "/panels/\(panel.id)", backLabel: "Back to the panel")
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
