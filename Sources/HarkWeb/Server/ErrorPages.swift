// What a person sees when a request is not done: never a bare status with an
// empty body. Every refusal, and every error no route planned for, is
// answered here, the status from the error's kind (`WebError`): a project
// locked by another writer for longer than a web request waits is "busy,
// try again" (503); an error nobody planned for is a plain apology (500)
// that says nothing was half-done, which the store's one-transaction-per-
// change rule makes true. It runs inside the session middleware, so the
// page's header shows who is signed in.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct ErrorPageMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let pages: Pages

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch {
      return pages.answer(error, request: request, session: context.session)
    }
  }
}

extension Pages {
  /// The page for an error: the one mapping from errors to statuses.
  func answer(_ error: any Error, request: Request, session: SignedIn?) -> Response {
    if error is SignInFirst { return Pages.redirect(to: "/sign-in") }
    if let error = error as? any HTTPResponseError {
      // Hummingbird's own: an address no route serves is the same page as an
      // id that names nothing; a body over the size limit keeps its 413.
      if error.status == .notFound { return problem(WebError.notFound("page"), session: session) }
      return problem(
        WebError(
          .badInput, heading: "That could not be done",
          message: (error as? HTTPError)?.body ?? "Hark could not read this request (\(error.status))."),
        session: session, status: error.status)
    }
    guard let error = WebError(error, request: request) else {
      return problem(
        WebError(
          .badInput, heading: "Something went wrong",
          message: "Hark could not finish this, and nothing was changed. Please go back and try again; "
            + "if it happens again, tell the researcher what you were doing."),
        session: session, status: .internalServerError)
    }
    var response = problem(error, session: session)
    if error.kind == .unavailable { response.headers[.retryAfter] = "5" }
    return response
  }
}
