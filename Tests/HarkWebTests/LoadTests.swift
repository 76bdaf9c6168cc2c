import Foundation
import HTTPTypes
import HarkPanels
import HarkTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import HarkStore
@testable import HarkWeb

@Suite("Votes under load")
struct LoadTests {
  @Test("200 members casting 25 votes each at once over loopback: exactly 5,000 votes stored, every tally right")
  func noLostVotes() async throws {
    let memberCount = 200
    let itemCount = 25
    let fixture = try WebFixture.make(members: memberCount, extraLinks: itemCount - 2)
    let items = try fixture.store.openItems(panel: fixture.panel, status: .candidate, actor: testActor).map(\.id)
    #expect(items.count == itemCount)
    let tokens = try fixture.members.map { try fixture.store.issueInvite(member: $0, actor: testActor).token }
    /// Member m answers item k with answer (m + k) % 3, so every tally is known.
    let answers = [VoteAnswer.agree, .disagree, .notSure]
    try await fixture.app().test(.live) { client in
      let port = try #require(client.port)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for (m, token) in tokens.enumerated() {
          group.addTask {
            try await TestClient.withClient(host: "127.0.0.1", port: port) { http in
              let joined = try await http.post("/join/\(token)", body: ByteBuffer())
              #expect(joined.status == .seeOther)
              let cookie = String(try #require(joined.headers[.setCookie]).split(separator: ";")[0])
              let page = try await http.get("/panel/items/\(items[0])", headers: [.cookie: cookie])
              let csrf = try #require(Browser.csrf(in: String(buffer: page.body ?? ByteBuffer())))
              for (k, item) in items.enumerated() {
                let response = try await http.post(
                  "/panel/items/\(item)",
                  headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                  body: Browser.form([("csrf", csrf), ("answer", answers[(m + k) % 3].rawValue)]))
                #expect(response.status == .seeOther)
              }
            }
          }
        }
        try await group.waitForAll()
      }
    }
    let stored = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM panel_vote")
    }
    #expect(stored == memberCount * itemCount)
    for (k, item) in items.enumerated() {
      var expected = VoteTally()
      for m in 0..<memberCount {
        switch answers[(m + k) % 3] {
        case .agree: expected.agree += 1
        case .disagree: expected.disagree += 1
        case .notSure: expected.notSure += 1
        }
      }
      #expect(try fixture.store.tally(item: item) == expected)
    }
  }
}
