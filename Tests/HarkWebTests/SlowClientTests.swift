// Slow and half-sent requests against the real server on loopback: they are
// closed after the header timeout, and a flood of them neither holds more
// connections than the limit nor keeps a real request waiting.
import Foundation
import HTTPTypes
import HarkStore
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

@testable import HarkWeb

@Suite("Slow clients")
struct SlowClientTests {
  /// A connection that sends the start of a request head and then nothing.
  static func halfSent(port: Int) async throws -> any Channel {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: port).get()
    try await channel.writeAndFlush(ByteBuffer(string: "GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")).get()
    return channel
  }

  /// Whether the server closed `channel` within `seconds`.
  static func closed(_ channel: any Channel, within seconds: Double) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      if !channel.isActive { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return !channel.isActive
  }

  static func app(_ fixture: WebFixture, limits: ConnectionLimits) throws -> some ApplicationProtocol {
    try WebServer.application(store: fixture.store, host: "127.0.0.1", port: 0, limits: limits)
  }

  @Test("a half-sent request is closed once the header timeout passes, not before")
  func halfSentClosedAfterTimeout() async throws {
    let fixture = try WebFixture.make()
    let limits = ConnectionLimits(headerTimeout: .seconds(2), maxConnections: 100)
    try await Self.app(fixture, limits: limits).test(.live) { client in
      let port = try #require(client.port)
      // Timed from before connecting: the server's clock starts as it accepts.
      let opened = ContinuousClock.now
      let slow = try await Self.halfSent(port: port)
      // Still open 1.5 s after connecting (however long connecting took)...
      let early = (opened + .seconds(1.5)) - ContinuousClock.now
      let seconds = Double(early.components.seconds) + Double(early.components.attoseconds) / 1e18
      #expect(await Self.closed(slow, within: max(0, seconds)) == false)
      // ...and closed soon after the 2 s timeout.
      #expect(await Self.closed(slow, within: 3) == true)
      let after = ContinuousClock.now - opened
      #expect(after >= .seconds(2) && after < .seconds(4.5), "closed after \(after)")
    }
  }

  @Test("300 half-sent requests: the oldest are closed to keep 40 open, and a real request is answered at once")
  func floodOfHalfSentRequests() async throws {
    let fixture = try WebFixture.make()
    // A header timeout far longer than the test: every closing seen here is
    // the connection limit's doing.
    let limits = ConnectionLimits(headerTimeout: .seconds(60), maxConnections: 40)
    try await Self.app(fixture, limits: limits).test(.live) { client in
      let port = try #require(client.port)
      var slow: [any Channel] = []
      for _ in 0..<300 { slow.append(try await Self.halfSent(port: port)) }
      let started = ContinuousClock.now
      let answer = try await TestClient.withClient(host: "127.0.0.1", port: port) { http in
        try await http.get("/sign-in")
      }
      let took = ContinuousClock.now - started
      #expect(answer.status == .ok)
      #expect(String(buffer: answer.body ?? ByteBuffer()).contains("<h1>Sign in</h1>"))
      #expect(took < .seconds(2), "the real request took \(took)")
      // The oldest half-sent connections made room for later ones; the newest
      // are still open. About 260 are closed in all (300 + the test client's
      // own, less the 40 kept); which ones near that boundary depends on the
      // order the server accepted them in, which a loaded machine can shuffle,
      // so the check leaves a margin of 10 on each side of it.
      var closedCount = 0
      for channel in slow[..<250] where await Self.closed(channel, within: 5) { closedCount += 1 }
      #expect(closedCount == 250)
      #expect(slow[270...].allSatisfy { $0.isActive })
      for channel in slow { try? await channel.close() }
    }
  }
}
