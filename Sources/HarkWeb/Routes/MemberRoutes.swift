// The panel member's pages: sign in by invite link, see one proposed link at
// a time with the quotes behind it, vote, see progress and decisions.
import Foundation
import HarkPanels
import HarkStore
import Hummingbird

struct MemberRoutes: Sendable {
  let store: WebStore
  let pages: Pages
  let secureCookies: Bool

  func add(to router: Router<WebContext>) {
    router.get("/join/:token", use: joinPage)
    router.post("/join/:token", use: join)
    router.get("/panel", use: home)
    router.get("/panel/items/:id", use: itemPage)
    router.post("/panel/items/:id", use: vote)
  }

  /// Opening the link shows a button; only pressing it uses the invite up, so
  /// a mail scanner that follows links cannot spend it.
  func joinPage(_ request: Request, context: WebContext) async throws -> Response {
    let token = try context.parameters.require("token")
    return pages.render("join", title: "Welcome", context: Join(token: token), session: context.session)
  }

  /// A link that does not work is refused as `InviteRefusal` (403).
  func join(_ request: Request, context: WebContext) async throws -> Response {
    let token = try context.parameters.require("token")
    let session = try await store.write { try $0.redeemInvite(token: token).session }
    var response = Pages.redirect(to: "/panel")
    response.setCookie(SessionCookie.set(session, secure: secureCookies))
    return response
  }

  func home(_ request: Request, context: WebContext) async throws -> Response {
    let (session, member) = try context.requireMember()
    let page = try await store.read { store in
      let header = try store.header(for: member)
      let open = try store.openItems(for: member)
      let progress = try store.progress(member)
      let next = try store.nextItem(for: member)
      let decisions = try store.decisions(for: member)
      return Home(
        panel: header.panel.name, ruleExplanation: header.panel.rule.explanation, progress: progress.text,
        next: next.map { "\($0.id)" },
        nextLabel: progress.done == 0 ? "Start with the first question" : "Go to the next question",
        hasItems: !open.isEmpty,
        items: open.map { entry in
          Home.Item(
            id: entry.item.id, question: entry.item.question.text,
            state: entry.vote == nil ? "not answered yet" : "answered")
        },
        hasDecisions: !decisions.isEmpty,
        decisions: decisions.map { view in
          Home.Decision(
            question: view.item.question.text, outcome: Self.outcomeText(view),
            tally: Self.tallyText(view.decision.tally))
        })
    }
    return pages.render("member-home", title: "Your panel", context: page, session: session)
  }

  func itemPage(_ request: Request, context: WebContext) async throws -> Response {
    let (session, member) = try context.requireMember()
    let id = try itemID(context)
    let view = try await store.read { try $0.itemView(for: member, item: id) }
    let saved = request.uri.queryParameters["saved"] != nil
    return pages.render(
      "member-item", title: view.item.question.text,
      context: Item(view, csrf: session.csrf, saved: saved, problem: nil, ballot: view.myVote?.ballot),
      session: session)
  }

  func vote(_ request: Request, context: WebContext) async throws -> Response {
    let (session, member) = try context.requireMember()
    let id = try itemID(context)
    let form = try await Form.read(request, context: context)
    let ballot = Ballot(
      VoteAnswer(rawValue: form["answer"] ?? "") ?? .notSure,
      strength: form.text("strength").flatMap(VoteStrength.init(rawValue:)),
      suggestion: form.text("suggestion").flatMap(SuggestionKind.init(rawValue:)),
      suggestionText: form["suggestion_text"] ?? "", comment: form["comment"] ?? "")
    guard VoteAnswer(rawValue: form["answer"] ?? "") != nil else {
      return try await reshow(
        id, member: member, session: session, ballot: nil, problem: "Choose an answer: yes, no or not sure.")
    }
    let next: PanelItem?
    do {
      next = try await store.write { store in
        _ = try store.castVote(as: member, item: id, ballot: ballot)
        return try store.nextItem(for: member)
      }
    } catch let error where ProjectBusy.matches(error) {
      // Nothing was stored; the member's choices stay on the page to send again.
      return try await reshow(
        id, member: member, session: session, ballot: ballot, kind: .unavailable,
        problem: "Your answer was not saved: Hark was busy for a moment. Your choices are still here. "
          + "Please press the button again.")
    } catch let refusal as VoteRefusal where WebError.Kind(refusal) == .badInput {
      return try await reshow(id, member: member, session: session, ballot: ballot, problem: refusal.description)
    }
    // One question at a time: straight on to the next one not answered yet.
    if let next { return Pages.redirect(to: "/panel/items/\(next.id)") }
    return Pages.redirect(to: "/panel/items/\(id)?saved=1")
  }

  // MARK: - Parts

  /// The question again with what the member chose and why it was not saved.
  private func reshow(
    _ id: PanelItemID, member: MemberIdentity, session: SignedIn, ballot: Ballot?, kind: WebError.Kind = .badInput,
    problem: String
  ) async throws -> Response {
    let view = try await store.read { try $0.itemView(for: member, item: id) }
    var response = pages.render(
      "member-item", title: view.item.question.text,
      context: Item(view, csrf: session.csrf, saved: false, problem: problem, ballot: ballot), session: session,
      status: kind.status)
    if kind == .unavailable { response.headers[.retryAfter] = "2" }
    return response
  }

  private func itemID(_ context: WebContext) throws -> PanelItemID {
    guard let id = context.id(as: PanelItemID.self) else { throw WebError.notFound("question") }
    return id
  }

  static func outcomeText(_ view: MemberDecisionView) -> String {
    let decision = view.decision
    guard decision.kind == .override else {
      switch decision.outcome {
      case .accepted: return "agreed: it goes on the map"
      case .rejected: return "not agreed: it stays off the map"
      case .none:
        return decision.tally.cast == 0 || decision.reason.contains("quorum")
          ? "no decision: not enough people answered" : "no decision: the panel was not decided either way"
      }
    }
    let map = decision.outcome == .accepted ? "it goes on the map" : "it stays off the map"
    let panel: String
    switch view.panelsOwn?.outcome {
    case .accepted: panel = "the panel agreed"
    case .rejected: panel = "the panel did not agree"
    default: panel = "the panel made no decision"
    }
    var reason = decision.reason
    if reason.hasPrefix("override: ") { reason.removeFirst("override: ".count) }
    if view.panelsOwn?.outcome == decision.outcome {
      return "the researcher confirmed \(map), as the panel decided. Their reason: \(reason)"
    }
    return "the researcher decided \(map), although \(panel). Their reason: \(reason)"
  }

  static func tallyText(_ tally: VoteTally) -> String {
    "\(tally.agree) yes, \(tally.disagree) no, \(tally.notSure) not sure"
  }
}
