// Middleware every page goes through: security headers on every response,
// the session looked up from its cookie, and the CSRF check on every form.
import Foundation
import HarkAccounts
import HarkStore
import Hummingbird

/// Headers that keep pages from being framed, sniffed or fed scripts from
/// elsewhere. Pages use no script at all, so the policy allows none.
struct SecurityHeadersMiddleware: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as HTTPResponseError {
      response = try error.response(from: request, context: context)
    }
    response.headers[.contentSecurityPolicy] =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.init("Referrer-Policy")!] = "no-referrer"
    response.headers[.init("X-Frame-Options")!] = "DENY"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}

/// Reads the session cookie and, when it names a live session, puts who holds
/// it into the context. An unknown or expired cookie is ignored (and cleared).
/// A lookup that fails is answered here, as the error pages answer anything.
struct SessionMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let store: WebStore
  let pages: Pages
  let secureCookies: Bool

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var context = context
    var stale = false
    if let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty {
      let found: (holder: SessionHolder, displayName: String)?
      do {
        found = try await store.read { try $0.session(token: token) }
      } catch {
        return pages.answer(error, request: request, session: nil)
      }
      if let found {
        context.session = SignedIn(holder: found.holder, token: token, displayName: found.displayName)
      } else {
        stale = true
      }
    }
    var response = try await next(request, context)
    if stale && response.headers[.setCookie] == nil { response.setCookie(SessionCookie.clear(secure: secureCookies)) }
    return response
  }
}

/// Every state-changing request (POST) must carry the session's CSRF token in
/// the form field `csrf`; a request without a session has none to carry and
/// is refused too, except the two forms that start a session.
struct CSRFMiddleware: RouterMiddleware {
  typealias Context = WebContext
  /// Whether a POST to `path` starts a session rather than using one: the
  /// sign-in form and an invite link's button.
  static func startsSession(_ path: String) -> Bool { path == "/sign-in" || path.hasPrefix("/join/") }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    guard request.method == .post, !Self.startsSession(request.uri.path) else {
      return try await next(request, context)
    }
    let form = try await Form.read(request, context: context)
    guard let session = context.session, let submitted = form["csrf"],
      CSRF.isValid(submitted, forSession: session.token)
    else {
      throw WebError(
        .forbidden, heading: "This form could not be sent",
        message: "It has expired or did not come from this Hark. Go back, reload the page and try again.")
    }
    var request = request
    request.body = .init(buffer: form.raw)
    return try await next(request, context)
  }
}

enum SessionCookie {
  static let name = "hark_session"

  /// HttpOnly so no script can read it, SameSite=Strict so no other site can
  /// send it; Secure when the public address is https (served over TLS,
  /// directly or behind a proxy), so the browser never sends it over http.
  static func set(_ session: NewSession, secure: Bool) -> Cookie {
    Cookie(
      name: name, value: session.token, expires: session.expiresAt, path: "/", secure: secure, httpOnly: true,
      sameSite: .strict)
  }

  static func clear(secure: Bool) -> Cookie {
    Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
  }
}
