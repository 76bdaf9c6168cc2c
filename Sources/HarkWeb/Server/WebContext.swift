// What every request carries through the middleware to a route: who is
// signed in (from the session cookie), their CSRF token, and where the
// request came from (for the sign-in rate limit).
import Foundation
import HarkAccounts
import HarkStore
import Hummingbird
import NIOCore

public struct WebContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The client's address as the server sees it ("127.0.0.1"); "unknown" when
  /// the channel has none.
  public let remoteAddress: String
  /// Set by `SessionMiddleware` when the request carries a live session.
  public var session: SignedIn?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
  }

  /// Pages are small forms: nothing a browser sends us needs more.
  public var maxUploadSize: Int { 64 * 1024 }
}

/// A live session: who holds it and the CSRF token its forms must carry.
public struct SignedIn: Sendable {
  public let holder: SessionHolder
  public let token: String
  /// What the page header says: a researcher's name, a member's pseudonym.
  public let displayName: String
  /// Worked out once per request: a page puts it in every form and the layout.
  public let csrf: String

  public init(holder: SessionHolder, token: String, displayName: String) {
    self.holder = holder
    self.token = token
    self.displayName = displayName
    csrf = CSRF.token(forSession: token)
  }

  public var researcher: Researcher? {
    if case .researcher(let researcher) = holder { return researcher }
    return nil
  }

  public var member: MemberIdentity? {
    if case .member(let member) = holder { return member }
    return nil
  }
}
