// Signing out. A researcher signs out at once (they sign in again with their
// password). A panel member has no password: their way back is a link, so
// "Sign out" first says so and offers a new one-time link of their own,
// shown once as they leave, or signing out without one on a shared computer.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct SignOutRoutes: Sendable {
  let store: WebStore
  let pages: Pages
  let secureCookies: Bool
  let baseURL: String

  func add(to router: Router<WebContext>) {
    router.get("/panel/sign-out", use: memberSignOutPage)
    router.post("/sign-out", use: signOut)
    router.get("/signed-out", use: signedOut)
  }

  func memberSignOutPage(_ request: Request, context: WebContext) async throws -> Response {
    guard let session = context.session, session.member != nil else { return Pages.redirect(to: "/") }
    let expires = Self.day(Date().addingTimeInterval(ProjectStore.defaultInviteLifetime))
    return pages.render(
      "member-sign-out", title: "Before you sign out", context: BeforeSignOut(csrf: session.csrf, expires: expires),
      session: session)
  }

  func signOut(_ request: Request, context: WebContext) async throws -> Response {
    guard let session = context.session else { return Pages.redirect(to: "/sign-in") }
    let form = try await Form.read(request, context: context)
    let identity = form["return"] == "link" ? session.member : nil
    let (token, actor) = (session.token, "\(session.displayName) (panel member, signing out)")
    let returnLink = try await store.write { store -> PanelInvite? in
      // Issued before the session ends, so a failure leaves the member signed in.
      let link = try identity.map { try store.issueInvite(member: try Self.member($0, in: store), actor: actor) }
      try store.endSession(token: token)
      return link
    }
    var response: Response
    if let returnLink {
      response = pages.render(
        "signed-out-with-link", title: "You are signed out",
        context: ReturnLink(link: returnLink.link(baseURL: baseURL), expires: Self.day(returnLink.expiresAt)),
        session: nil)
    } else {
      response = Pages.redirect(to: session.member != nil ? "/signed-out" : "/sign-in")
    }
    response.setCookie(SessionCookie.clear(secure: secureCookies))
    return response
  }

  func signedOut(_ request: Request, context: WebContext) async throws -> Response {
    pages.notice(
      heading: "You are signed out", message: "To come back, ask the researcher for a new sign-in link.",
      session: context.session, back: "/sign-in", backLabel: "Researchers sign in here")
  }

  /// "member-sign-out": the two ways to sign out.
  struct BeforeSignOut: PageContext {
    let csrf: String
    let expires: String
  }

  /// "signed-out-with-link": the member's way back, shown once.
  struct ReturnLink: PageContext {
    let link: String
    let expires: String
  }

  /// The member behind a live session. Members are never deleted, and a
  /// session names a member by foreign key, so the lookup cannot miss while
  /// the session is live; the error only guards against a broken file.
  private static func member(_ identity: MemberIdentity, in store: ProjectStore) throws -> PanelMember {
    guard let panel = try store.panels().first(where: { $0.id == identity.panelID }),
      let member = try store.members(panel: panel).first(where: { $0.id == identity.memberID })
    else { throw WebError.notFound("member", message: "You are no longer on the panel.") }
    return member
  }

  /// "18 December 2026": the day a link stops working, in words.
  static func day(_ date: Date) -> String {
    DateFormatter.localizedString(from: date, dateStyle: .long, timeStyle: .none)
  }
}
