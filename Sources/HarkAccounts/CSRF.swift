// CSRF tokens for forms, derived from the session token a browser holds.
import Crypto
import Foundation

/// CSRF tokens derived from the session token: HMAC-SHA256 keyed by the
/// session's secret. Nothing to store, different for every session, and a
/// token seen in a page does not reveal the session cookie.
public enum CSRF {
  public static func token(forSession session: String) -> String {
    let mac = HMAC<Crypto.SHA256>.authenticationCode(
      for: Data("hark csrf v1".utf8), using: SymmetricKey(data: Data(session.utf8)))
    return Secrets.base64URL(Data(mac))
  }

  /// Whether a submitted form's token belongs to this session (constant time).
  public static func isValid(_ submitted: String, forSession session: String) -> Bool {
    Secrets.constantTimeEqual(Array(submitted.utf8), Array(token(forSession: session).utf8))
  }
}
