// The count of open connections behind the connection limit, on its own:
// which connection is closed to make room, and that its bookkeeping stays small.
import NIOCore
import NIOEmbedded
import Testing

@testable import HarkWeb

@Suite("Open connections")
struct OpenConnectionsTests {
  static func connected() throws -> EmbeddedChannel {
    let channel = EmbeddedChannel()
    try channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
    return channel
  }

  @Test("past the limit the connection waiting longest for a request is closed; busy ones never are")
  func closesLongestWaiting() throws {
    let connections = OpenConnections(limit: 2)
    let busy = try Self.connected()
    let waiting = try Self.connected()
    connections.opened(busy)
    connections.opened(waiting)
    connections.busy(busy)
    let newcomer = try Self.connected()
    connections.opened(newcomer)
    #expect(busy.isActive)
    #expect(!waiting.isActive)
    #expect(newcomer.isActive)
    #expect(connections.count == 2)
    // Only busy connections besides the newcomer: nothing to close, the count goes over.
    connections.busy(newcomer)
    let another = try Self.connected()
    connections.opened(another)
    #expect([busy.isActive, newcomer.isActive, another.isActive] == [true, true, true])
    #expect(connections.count == 3)
  }

  @Test("a long-lived server's queue of waiting connections stays bounded however many requests are answered")
  func queueStaysBounded() throws {
    let connections = OpenConnections(limit: 100)
    let channels = try (0..<3).map { _ in try Self.connected() }
    for channel in channels { connections.opened(channel) }
    for round in 0..<20_000 {
      let channel = channels[round % 3]
      connections.busy(channel)
      connections.waiting(channel)
    }
    #expect(connections.queued <= 4 * 3 + 1024 + 1)
    #expect(connections.count == 3)
    for channel in channels { connections.closed(channel) }
    #expect(connections.count == 0)
  }
}
