// How long a client may take to send a request, and how many connections the
// server keeps open. Slow or half-sent requests cost a connection each; with
// no limits, enough of them (20,000 in testing) used up every file the
// process may open and every real request timed out.
import NIOCore

public struct ConnectionLimits: Sendable {
  /// From a connection opening, or its last answer being sent, to the whole
  /// head of the next request arriving. A half-sent request is closed after
  /// this; so is a kept-alive connection that sends nothing more.
  public var headerTimeout: TimeAmount
  /// From a request's head to the end of its body (pages send small forms).
  public var bodyTimeout: TimeAmount
  /// Hummingbird's own idle timeout: no byte at all for this long, e.g. a
  /// body that stopped half-way, closes the connection.
  public var idleTimeout: TimeAmount
  /// Open connections before the longest-waiting one that has not yet sent a
  /// whole request head is closed to make room for a new one.
  public var maxConnections: Int

  /// Ten seconds is ample for a browser on a slow mobile link to send a head
  /// (a few hundred bytes) and short enough that a flood of half-sent
  /// requests holds little. A thousand connections is far above what a panel
  /// of a few dozen people opens, and far below the 20,000 files Hark may open.
  public init(
    headerTimeout: TimeAmount = .seconds(10), bodyTimeout: TimeAmount = .seconds(30),
    idleTimeout: TimeAmount = .seconds(30), maxConnections: Int = 1000
  ) {
    self.headerTimeout = headerTimeout
    self.bodyTimeout = bodyTimeout
    self.idleTimeout = idleTimeout
    self.maxConnections = maxConnections
  }
}
