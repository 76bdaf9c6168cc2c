// A change that waits for another process's write lock holds up only the
// request that made it: the store's waits run off Swift's cooperative
// threads, so pages keep answering.
import Foundation
import HTTPTypes
import HarkStore
import HarkTestSupport
import HarkTranscripts
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import HarkWeb

@Suite("Waiting writes and pages")
struct WaitingWriteTests {
  /// A number that tasks and callbacks add to.
  final class Count: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var now: Int { value.withLock { $0 } }
  }

  @Test("a page answers while more writes than there are cores wait for another process's write lock")
  func pageWhileWritesWait() async throws {
    let fixture = try WebFixture.make()
    let waiting = Count()
    // The notice comes once per wait, after 50 ms of it: the first write is
    // then inside SQLite's busy handler, the others queued behind it.
    let store = try ProjectStore(
      path: fixture.store.path, lockWait: LockWait(patience: 30, noticeAfter: 0.05) { waiting.add() })
    let app = Application(router: try WebServer.router(store: store, baseURL: "http://127.0.0.1:8080"))
    try await app.test(.live) { client in
      let port = try #require(client.port)
      var browser = Browser()
      browser.keepCookie(
        try await client.execute(
          uri: "/sign-in", method: .post, headers: browser.headers(form: true),
          body: Browser.form([("name", "ruth"), ("password", WebFixture.password)])))
      let csrf = try #require(
        Browser.csrf(
          in: Browser.body(try await client.execute(uri: "/links", method: .get, headers: browser.headers()))))
      let (form, page) = (browser.headers(form: true), browser.headers())
      let holder = try LockHolder(fixture.store.path)
      let writers = ProcessInfo.processInfo.activeProcessorCount + 2
      let finished = Count()
      try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
        // Each on a connection of its own, as separate browsers send them.
        for _ in 0..<writers {
          group.addTask {
            let status = try await TestClient.withClient(host: "127.0.0.1", port: port) { http in
              try await http.post(
                "/links/1/accept", headers: form, body: Browser.form([("csrf", csrf), ("back", "/links")])
              ).status
            }
            finished.add()
            return status
          }
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while waiting.now == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(waiting.now == 1, "a write is waiting for the lock")
        // The writes were sent together; give the rest time to reach the
        // server. (Should one be late, the check is weaker, never wrong.)
        try await Task.sleep(for: .milliseconds(500))
        let shown = try await TestClient.withClient(host: "127.0.0.1", port: port) { http in
          try await http.get("/links/1", headers: page)
        }
        #expect(shown.status == .ok)
        #expect(String(buffer: shown.body ?? .init()).contains("<h1>L1: peer group → less alone</h1>"))
        #expect(finished.now == 0, "the page answered while every write still waited")
        holder.release()
        var statuses: [HTTPResponse.Status] = []
        for try await status in group { statuses.append(status) }
        #expect(statuses == Array(repeating: .seeOther, count: writers))
      }
      #expect(try fixture.store.link(1).status == .accepted)
    }
  }
}
