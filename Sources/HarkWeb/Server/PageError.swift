// A page to answer with instead of going on: a refusal, a missing item, a
// sign-in needed. Thrown from a route or middleware, answered as HTML.
import Hummingbird

struct PageError: HTTPResponseError {
  let page: Response
  var status: HTTPResponse.Status { page.status }

  init(_ page: Response) { self.page = page }

  func response(from request: Request, context: some RequestContext) throws -> Response { page }
}
