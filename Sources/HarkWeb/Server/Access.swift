// Who may open a page: the one check each route makes first.
import HarkStore
import HarkTranscripts
import Hummingbird

extension WebContext {
  /// The signed-in researcher. A visitor is sent to sign in; a panel member
  /// is told the page is for researchers only (403).
  func requireResearcher() throws -> (SignedIn, Researcher) {
    guard let session else { throw SignInFirst() }
    guard let researcher = session.researcher else {
      throw WebError(
        .forbidden, heading: "For researchers only", message: "This page is for the researchers running the study.",
        back: "/panel", backLabel: "Back to your questions")
    }
    return (session, researcher)
  }

  /// The signed-in panel member; anyone else is asked to sign in with their link (401).
  func requireMember() throws -> (SignedIn, MemberIdentity) {
    guard let session, let member = session.member else {
      throw WebError(
        .signInNeeded, heading: "Please sign in",
        message:
          "Panel members sign in with the link the researcher gave them. Open that link again, or ask for a new one.")
    }
    return (session, member)
  }

  /// The route parameter `name` as an id of the kind asked for, or nil when it is not a number.
  func id<Kind: IDKind>(_ name: String = "id", as _: EntityID<Kind>.Type) -> EntityID<Kind>? {
    EntityID(number: parameters.get(name) ?? "")
  }
}

extension Pages {
  /// A store error as one sentence for a page: the problem, then what to do.
  static func sentence(_ error: HarkError) -> String {
    let problem = error.problem.prefix(1).uppercased() + error.problem.dropFirst()
    return error.hint.map { "\(problem). \($0)." } ?? "\(problem)."
  }
}
