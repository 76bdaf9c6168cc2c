// Why a request was not done, as a kind the HTTP status follows from, with
// what the page says about it. Routes and middleware throw these; the error
// page middleware is the one place they become pages (`Pages.answer`).
import HarkAccounts
import HarkStore
import HarkTranscripts
import Hummingbird

struct WebError: Error, Sendable {
  enum Kind: Sendable, CaseIterable {
    /// A panel page asked for without a member's session.
    case signInNeeded
    /// Signed in, but not as someone who may do this (or a form without its
    /// CSRF token, or an invite link that no longer works).
    case forbidden
    /// The address names nothing there is.
    case notFound
    /// What was sent cannot be used as it is: the page says what to change.
    case badInput
    /// Sound on its own, but the project has moved on: closed already, taken
    /// up already, nothing left to open.
    case conflict
    /// The project is locked by another writer for longer than a request waits.
    case unavailable

    var status: HTTPResponse.Status {
      switch self {
      case .signInNeeded: .unauthorized
      case .forbidden: .forbidden
      case .notFound: .notFound
      case .badInput: .badRequest
      case .conflict: .conflict
      case .unavailable: .serviceUnavailable
      }
    }
  }

  var kind: Kind
  var heading: String
  var message: String
  /// Where the page's one link goes, and what it says.
  var back: String
  var backLabel: String

  init(
    _ kind: Kind, heading: String, message: String, back: String = "/", backLabel: String = "Go back to the start"
  ) {
    self.kind = kind
    self.heading = heading
    self.message = message
    self.back = back
    self.backLabel = backLabel
  }

  /// The one "not found" page: "No such code", "That address names no code."
  /// `where` narrows it ("of this panel"); `message` replaces the sentence.
  static func notFound(
    _ what: String, where place: String? = nil, message: String? = nil, back: String = "/",
    backLabel: String = "Go back to the start"
  ) -> WebError {
    WebError(
      .notFound, heading: "No such \(what)",
      message: message ?? "That address names no \(what)\(place.map { " " + $0 } ?? "").", back: back,
      backLabel: backLabel)
  }

  /// A refused change: "Nothing was changed" and why.
  static func unchanged(_ message: String, kind: Kind = .badInput, back: String, backLabel: String) -> WebError {
    WebError(kind, heading: "Nothing was changed", message: message, back: back, backLabel: backLabel)
  }
}

extension WebError.Kind {
  /// The store's kind of refusal as a page's kind: a store "no such item" is a
  /// 404 and "taken already" a 409 wherever it is thrown, with no route
  /// having to know which call can throw which.
  init(_ kind: HarkError.Kind) {
    self =
      switch kind {
      case .invalidInput: .badInput
      case .notFound: .notFound
      case .conflict: .conflict
      }
  }

  /// Why a vote was not stored, as a kind.
  init(_ refusal: VoteRefusal) {
    self =
      switch refusal {
      case .noSuchItem, .notYourPanel: .notFound
      case .notAMember: .forbidden
      case .closed: .conflict
      case .suggestionNeedsWords, .tooLong: .badInput
      }
  }
}

/// A page that is only for someone signed in, asked for by a visitor: they
/// are sent to sign in.
struct SignInFirst: Error, Sendable {}

extension WebError {
  /// What another module's error means for a page, or nil for an error no
  /// one planned for (answered 500).
  init?(_ error: any Error, request: Request) {
    switch error {
    case let error as WebError:
      self = error
    case let error where ProjectBusy.matches(error) || error is ProjectBusy:
      self.init(
        .unavailable, heading: "Hark is busy for a moment",
        message: "Another task is writing to the project, so this was not done. Nothing was changed. "
          + "Please go back and try again in a few seconds.",
        back: request.method == .get ? request.uri.description : "/")
    case let refusal as VoteRefusal:
      // Another panel's question is answered exactly as a missing one, so a
      // member cannot learn which ids exist by trying them.
      switch refusal {
      case .noSuchItem(let id), .notYourPanel(let id):
        self = .notFound(
          "question", message: "There is no question I\(id) for you.", back: "/panel",
          backLabel: "Back to your questions")
      default:
        self.init(
          Kind(refusal), heading: "This answer was not saved", message: refusal.description, back: "/panel",
          backLabel: "Back to your questions")
      }
    case let refusal as InviteRefusal:
      self.init(.forbidden, heading: "This link does not work", message: refusal.description)
    case let error as HarkError:
      // The store refuses what it is given: words missing (400), an item
      // that is not there (404), a name taken (409); its kind says which.
      self.init(Kind(error.kind), heading: "That could not be done", message: error.description)
    default:
      return nil
    }
  }
}
