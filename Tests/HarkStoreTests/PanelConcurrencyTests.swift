// No lost votes: many members voting at once through separate connections.
import Foundation
import GRDB
import HarkPanels
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Panel votes under concurrency")
struct PanelConcurrencyTests {
  @Test("200 members each casting 25 votes at once store exactly 5,000 votes and every tally is right")
  func twoHundredMembers() throws {
    let store = try PanelFixture.project()
    let panel = try store.createPanel(name: "everyone", rule: .majority, actor: testActor)
    // 25 links to vote on.
    let linkIDs: [LinkID] = try store.pool.write { db in
      var ids: [LinkID] = []
      for i in 0..<25 {
        for label in ["cause \(i)", "effect \(i)"] {
          try db.execute(
            sql: "INSERT INTO concept(label, key, created_at) VALUES (?, ?, 'now')", arguments: [label, label])
        }
        try db.execute(
          sql: """
            INSERT INTO link(cause_id, effect_id, created_at)
            SELECT c.id, e.id, 'now' FROM concept c, concept e WHERE c.key = ? AND e.key = ?
            """, arguments: ["cause \(i)", "effect \(i)"])
        ids.append(LinkID(db.lastInsertedRowID))
      }
      return ids
    }
    let items = try store.openItems(panel: panel, links: linkIDs, actor: testActor)
    let members = try (0..<200).map {
      store.identity(of: try store.addMember(panel: panel, name: "m\($0)", actor: testActor))
    }
    // Member m answers item i by (m + i) % 3, so every tally is known in advance.
    let answers: [VoteAnswer] = [.agree, .disagree, .notSure]
    // Four stores on the same file: four pools whose writers contend through
    // SQLite's busy timeout, as separate server processes would.
    let path = store.path
    let stores = try (0..<4).map { _ in try ProjectStore(path: path) }
    let failures = Failures()
    let threads = members.enumerated().map { index, member in
      let own = stores[index % stores.count]
      return Thread {
        for (i, item) in items.enumerated() {
          do {
            try own.castVote(
              as: member, item: item.id, ballot: Ballot(answers[(Int(member.memberID.rawValue) + i) % 3]))
          } catch {
            failures.add("\(error)")
          }
        }
        failures.finished()
      }
    }
    let start = Date()
    for thread in threads { thread.start() }
    failures.waitFor(threads.count)
    let seconds = Date().timeIntervalSince(start)
    #expect(failures.messages.isEmpty)
    #expect(try PanelFixture.count(store, "SELECT count(*) FROM panel_vote") == 5000)
    for (i, item) in items.enumerated() {
      var expected = VoteTally()
      for member in members {
        switch answers[(Int(member.memberID.rawValue) + i) % 3] {
        case .agree: expected.agree += 1
        case .disagree: expected.disagree += 1
        case .notSure: expected.notSure += 1
        }
      }
      #expect(try store.tally(item: item.id) == expected)
    }
    #expect(try members.allSatisfy { try store.progress($0).text == "25 of 25 done" })
    print("5,000 votes from 200 concurrent members in \(String(format: "%.2f", seconds)) s")
  }
}

/// Collects errors from the voting threads and lets the test wait for them all.
final class Failures: @unchecked Sendable {
  private let condition = NSCondition()
  private var done = 0
  private(set) var messages: [String] = []

  func add(_ message: String) {
    condition.lock()
    messages.append(message)
    condition.unlock()
  }

  func finished() {
    condition.lock()
    done += 1
    condition.signal()
    condition.unlock()
  }

  func waitFor(_ count: Int) {
    condition.lock()
    while done < count { condition.wait() }
    condition.unlock()
  }
}
