// Who the command line records decisions under, read from the environment.
// The store takes every decision's actor as an argument; only the command
// line (and the developer's tools, which run as a user too) ask the
// environment.
import Foundation

/// The name a person's decisions are recorded under, and where it came from:
/// `$HARK_USER` when set, else the login name (`$USER`). The web workbench
/// never uses it (it records the signed-in researcher); the command line says
/// which one it used whenever it is not `$HARK_USER` (`DecisionActor`).
public struct ActorName: Sendable, Equatable {
  public enum Origin: String, Sendable, Equatable {
    /// Set on purpose: `HARK_USER=ruth hark links accept L4`.
    case harkUser = "$HARK_USER"
    /// The login name, as HARK_USER is not set.
    case loginName = "$USER"
  }

  public var name: String
  /// Nil when neither variable is set: the name is then "unknown".
  public var origin: Origin?

  public init(name: String, origin: Origin?) {
    self.name = name
    self.origin = origin
  }

  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> ActorName
  {
    if let user = environment["HARK_USER"], !user.isEmpty { return ActorName(name: user, origin: .harkUser) }
    if let user = environment["USER"], !user.isEmpty { return ActorName(name: user, origin: .loginName) }
    return ActorName(name: "unknown", origin: nil)
  }

  /// Where the name came from, in words, for a note to the person acting.
  public var explanation: String {
    switch origin {
    case .harkUser: "as \(name), from $HARK_USER"
    case .loginName: "as \(name), your login name ($USER); set HARK_USER to record another name"
    case nil: "as \"unknown\": neither HARK_USER nor USER is set; set HARK_USER to your name"
    }
  }
}
