// Who may open a page: the one check every researcher route makes first.
import HarkStore
import HarkTranscripts
import Hummingbird

extension Pages {
  /// The signed-in researcher, or a page to answer with instead: sign-in for
  /// a visitor, "for researchers only" (403) for a panel member.
  func requireResearcher(_ context: WebContext) throws -> (SignedIn, Researcher) {
    guard let session = context.session else { throw PageError(Pages.redirect(to: "/sign-in")) }
    guard let researcher = session.researcher else {
      throw PageError(
        problem(
          .forbidden, heading: "For researchers only",
          message: "This page is for the researchers running the study.", session: session, back: "/panel",
          backLabel: "Back to your questions"))
    }
    return (session, researcher)
  }

  /// A store error as one sentence for a page: the problem, then what to do.
  static func sentence(_ error: HarkError) -> String {
    let problem = error.problem.prefix(1).uppercased() + error.problem.dropFirst()
    return error.hint.map { "\(problem). \($0)." } ?? "\(problem)."
  }
}
