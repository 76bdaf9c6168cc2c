// The panel member's pages: sign in by invite link, see one proposed link at
// a time with the quotes behind it, vote, see progress and decisions.
import Foundation
import HarkStore
import Hummingbird

struct MemberRoutes: Sendable {
  let store: ProjectStore
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
  func joinPage(_ request: Request, context: WebContext) throws -> Response {
    let token = try context.parameters.require("token")
    return pages.render("join", title: "Welcome", values: ["token": token], session: context.session)
  }

  func join(_ request: Request, context: WebContext) throws -> Response {
    let token = try context.parameters.require("token")
    do {
      let (session, _) = try store.redeemInvite(token: token)
      var response = Pages.redirect(to: "/panel")
      response.setCookie(SessionCookie.set(session, secure: secureCookies))
      return response
    } catch let refusal as InviteRefusal {
      return pages.problem(
        .forbidden, heading: "This link does not work", message: refusal.description, session: nil, back: "/",
        backLabel: "Go to the start")
    }
  }

  func home(_ request: Request, context: WebContext) throws -> Response {
    let (session, member) = try requireMember(context)
    let header = try store.header(for: member)
    let open = try store.openItems(for: member)
    let progress = try store.progress(member)
    let next = try store.nextItem(for: member)
    let decisions = try store.decisions(for: member)
    let values: [String: Any] = [
      "panel": header.panel.name, "ruleExplanation": header.panel.rule.explanation,
      "progress": progress.text,
      "next": next.map { String($0.id) } ?? false,
      "nextLabel": progress.done == 0 ? "Start with the first question" : "Go to the next question",
      "hasItems": !open.isEmpty,
      "items": open.map { entry -> [String: Any] in
        [
          "id": entry.item.id, "question": entry.item.question.text,
          "state": entry.vote == nil ? "not answered yet" : "answered",
        ]
      },
      "hasDecisions": !decisions.isEmpty,
      "decisions": decisions.map { view -> [String: Any] in
        [
          "question": view.item.question.text, "outcome": Self.outcomeText(view),
          "tally": Self.tallyText(view.decision.tally),
        ]
      },
    ]
    return pages.render("member-home", title: "Your panel", values: values, session: session)
  }

  func itemPage(_ request: Request, context: WebContext) throws -> Response {
    let (session, member) = try requireMember(context)
    let id = try itemID(context)
    let view = try refusalPage(session) { try store.itemView(for: member, item: id) }
    let saved = request.uri.queryParameters["saved"] != nil
    return pages.render(
      "member-item", title: view.item.question.text,
      values: itemValues(view, session: session, saved: saved, problem: nil, ballot: view.myVote?.ballot),
      session: session)
  }

  func vote(_ request: Request, context: WebContext) async throws -> Response {
    let (session, member) = try requireMember(context)
    let id = try itemID(context)
    let form = try await Form.read(request, context: context)
    let ballot = Ballot(
      VoteAnswer(rawValue: form["answer"] ?? "") ?? .notSure,
      strength: form.text("strength").flatMap(VoteStrength.init(rawValue:)),
      suggestion: form.text("suggestion").flatMap(SuggestionKind.init(rawValue:)),
      suggestionText: form["suggestion_text"] ?? "", comment: form["comment"] ?? "")
    guard VoteAnswer(rawValue: form["answer"] ?? "") != nil else {
      return try reshow(
        id, member: member, session: session, ballot: nil, problem: "Choose an answer: yes, no or not sure.")
    }
    do {
      try store.castVote(as: member, item: id, ballot: ballot)
    } catch let error where ProjectBusy.matches(error) {
      // Nothing was stored; the member's choices stay on the page to send again.
      return try reshow(
        id, member: member, session: session, ballot: ballot, status: .serviceUnavailable,
        problem: "Your answer was not saved: Hark was busy for a moment. Your choices are still here. "
          + "Please press the button again.")
    } catch let refusal as VoteRefusal {
      switch refusal {
      case .suggestionNeedsWords, .tooLong:
        return try reshow(id, member: member, session: session, ballot: ballot, problem: refusal.description)
      default:
        throw PageError(refusalResponse(refusal, session: session))
      }
    }
    // One question at a time: straight on to the next one not answered yet.
    if let next = try store.nextItem(for: member) { return Pages.redirect(to: "/panel/items/\(next.id)") }
    return Pages.redirect(to: "/panel/items/\(id)?saved=1")
  }

  // MARK: - Parts

  private func reshow(
    _ id: Int64, member: MemberIdentity, session: SignedIn, ballot: Ballot?, status: HTTPResponse.Status = .badRequest,
    problem: String
  ) throws -> Response {
    let view = try refusalPage(session) { try store.itemView(for: member, item: id) }
    var response = pages.render(
      "member-item", title: view.item.question.text,
      values: itemValues(view, session: session, saved: false, problem: problem, ballot: ballot), session: session,
      status: status)
    if status == .serviceUnavailable { response.headers[.retryAfter] = "2" }
    return response
  }

  private func itemValues(_ view: MemberItemView, session: SignedIn, saved: Bool, problem: String?, ballot: Ballot?)
    -> [String: Any]
  {
    let question = view.item.question
    var values: [String: Any] = [
      "id": view.item.id, "question": question.text,
      "progress": view.progress.text, "open": view.item.isOpen, "csrf": session.csrf, "saved": saved,
      "hasQuotes": !view.quotes.isEmpty,
      "quotes": view.quotes.map { ["quote": $0.quote, "speaker": $0.speaker] },
      "suggestionText": ballot?.suggestionText ?? "", "comment": ballot?.comment ?? "",
    ]
    // The choices are written out in the template (a panel page is read far
    // more often than it changes); only which ones are ticked comes from here.
    if let ballot {
      values["checked" + Self.flag(ballot.answer)] = true
      if let strength = ballot.strength { values["checked" + Self.flag(strength)] = true }
      if let suggestion = ballot.suggestion { values["checked" + Self.flag(suggestion)] = true }
    }
    // Absent, not nil: Mustache would print "nil".
    if let problem { values["problem"] = problem }
    return values
  }

  private func requireMember(_ context: WebContext) throws -> (SignedIn, MemberIdentity) {
    guard let session = context.session, let member = session.member else {
      throw PageError(
        pages.problem(
          .unauthorized, heading: "Please sign in",
          message:
            "Panel members sign in with the link the researcher gave them. Open that link again, or ask for a new one.",
          session: context.session))
    }
    return (session, member)
  }

  private func itemID(_ context: WebContext) throws -> Int64 {
    guard let id = Int64(context.parameters.get("id") ?? "") else {
      throw PageError(
        pages.problem(.notFound, heading: "No such question", message: "That address names no question.", session: nil))
    }
    return id
  }

  private func refusalPage<T>(_ session: SignedIn, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let refusal as VoteRefusal {
      throw PageError(refusalResponse(refusal, session: session))
    }
  }

  private func refusalResponse(_ refusal: VoteRefusal, session: SignedIn) -> Response {
    // Another panel's question is answered exactly as a missing one, so a
    // member cannot learn which ids exist by trying them.
    switch refusal {
    case .noSuchItem(let id), .notYourPanel(let id):
      return pages.problem(
        .notFound, heading: "No such question", message: "There is no question I\(id) for you.", session: session,
        back: "/panel", backLabel: "Back to your questions")
    default: break
    }
    let status: HTTPResponse.Status =
      switch refusal {
      case .noSuchItem: .notFound
      case .notYourPanel, .notAMember: .forbidden
      case .closed: .conflict
      case .suggestionNeedsWords, .tooLong: .badRequest
      }
    return pages.problem(
      status, heading: "This answer was not saved", message: refusal.description, session: session, back: "/panel",
      backLabel: "Back to your questions")
  }

  /// "not-sure" → "NotSure": the template's name for a ticked choice.
  static func flag<T: RawRepresentable<String>>(_ choice: T) -> String {
    choice.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
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
