// The researcher's pages: sign in and out, panels with their questions,
// tallies and decisions; open links for review, close voting, add members.
import Foundation
import HarkCore
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
    router.post("/sign-out", use: signOut)
    router.get("/panels/:id", use: panelPage)
    router.post("/panels/:id/open", use: openLinks)
    router.post("/panels/:id/close", use: closeVoting)
    router.post("/panels/:id/members", use: addMember)
  }

  func home(_ request: Request, context: WebContext) throws -> Response {
    if context.session?.member != nil { return Pages.redirect(to: "/panel") }
    let (session, _) = try requireResearcher(context)
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
      let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
      return pages.render(
        "sign-in", title: "Sign in",
        values: [
          "name": name,
          "problem": "Too many failed attempts. Wait \(minutes) minute\(minutes == 1 ? "" : "s") before trying again.",
        ], session: nil, status: .tooManyRequests)
    }
  }

  func signOut(_ request: Request, context: WebContext) throws -> Response {
    if let session = context.session { try store.endSession(token: session.token) }
    var response = Pages.redirect(to: context.session?.member != nil ? "/signed-out" : "/sign-in")
    response.setCookie(SessionCookie.clear())
    return response
  }

  func panelPage(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try requireResearcher(context)
    let panel = try panel(context, session: session)
    let items = try store.items(panel: panel).map { item -> [String: Any] in
      let tally = try store.tally(item: item.id)
      return [
        "id": item.id, "question": item.question.text, "agree": tally.agree, "disagree": tally.disagree,
        "notSure": tally.notSure, "state": item.isOpen ? "open" : "closed",
      ]
    }
    let agreement = try store.agreement(panel: panel)
    let members = try store.members(panel: panel).map { ["name": $0.name, "pseudonym": $0.pseudonym] }
    let values: [String: Any] = [
      "id": panel.id, "name": panel.name, "rule": panel.rule.description, "quorum": panel.quorum,
      "agreement": Self.agreementText(agreement), "hasItems": !items.isEmpty, "items": items, "members": members,
      "csrf": session.csrf,
    ]
    return pages.render("researcher-panel", title: panel.name, values: values, session: session)
  }

  func openLinks(_ request: Request, context: WebContext) throws -> Response {
    let (session, researcher) = try requireResearcher(context)
    let panel = try panel(context, session: session)
    _ = try store.openItems(panel: panel, status: "candidate", actor: researcher.name)
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func closeVoting(_ request: Request, context: WebContext) throws -> Response {
    let (session, researcher) = try requireResearcher(context)
    let panel = try panel(context, session: session)
    _ = try store.closeItems(panel: panel, actor: researcher.name)
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  func addMember(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try requireResearcher(context)
    let panel = try panel(context, session: session)
    let form = try await Form.read(request, context: context)
    guard let name = form.text("name") else {
      return pages.problem(
        .badRequest, heading: "No name given", message: "Write the member's name to add them.", session: session,
        back: "/panels/\(panel.id)", backLabel: "Back to the panel")
    }
    let member = try store.addMember(
      panel: panel, name: name, pseudonym: form.text("pseudonym"), actor: researcher.name)
    let invite = (member, try store.issueInvite(member: member, actor: researcher.name))
    let expires = DateFormatter.localizedString(from: invite.1.expiresAt, dateStyle: .long, timeStyle: .none)
    return pages.render(
      "invite", title: "Sign-in link",
      values: [
        "name": invite.0.name, "pseudonym": invite.0.pseudonym, "link": invite.1.link(baseURL: baseURL),
        "expires": expires, "panel": panel.id,
      ], session: session)
  }

  // MARK: - Parts

  private func requireResearcher(_ context: WebContext) throws -> (SignedIn, Researcher) {
    guard let session = context.session else { throw PageError(Pages.redirect(to: "/sign-in")) }
    guard let researcher = session.researcher else {
      throw PageError(
        pages.problem(
          .forbidden, heading: "For researchers only",
          message: "This page is for the researchers running the study.", session: session, back: "/panel",
          backLabel: "Back to your questions"))
    }
    return (session, researcher)
  }

  private func panel(_ context: WebContext, session: SignedIn) throws -> Panel {
    let id = Int64(context.parameters.get("id") ?? "")
    guard let panel = try store.panels().first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(.notFound, heading: "No such panel", message: "That address names no panel.", session: session))
    }
    return panel
  }

  static func agreementText(_ agreement: PanelAgreement) -> String {
    guard let percent = agreement.percent else { return "not enough votes yet" }
    let alpha = agreement.alpha.map { String(format: "%.2f", $0) } ?? "not defined"
    return "\(Int((percent * 100).rounded()))% of pairs agree, Krippendorff's alpha \(alpha)"
  }
}
