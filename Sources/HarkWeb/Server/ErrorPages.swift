// What a person sees when a request fails in a way no route planned for:
// never a bare status with an empty body. A project locked by another writer
// for longer than a web request waits is "busy, try again" (503); anything
// else is a plain apology (500) that says nothing was half-done, which the
// store's one-transaction-per-change rule makes true.
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
    } catch let error as HTTPResponseError {
      throw error
    } catch let error where ProjectBusy.matches(error) {
      var response = pages.problem(
        .serviceUnavailable, heading: "Hark is busy for a moment",
        message: "Another task is writing to the project, so this was not done. Nothing was changed. "
          + "Please go back and try again in a few seconds.",
        session: context.session, back: request.method == .get ? request.uri.description : "/")
      response.headers[.retryAfter] = "5"
      return response
    } catch let error as HarkError {
      return pages.problem(
        .badRequest, heading: "That could not be done", message: error.description, session: context.session)
    } catch {
      return pages.problem(
        .internalServerError, heading: "Something went wrong",
        message: "Hark could not finish this, and nothing was changed. Please go back and try again; "
          + "if it happens again, tell the researcher what you were doing.",
        session: context.session)
    }
  }
}
