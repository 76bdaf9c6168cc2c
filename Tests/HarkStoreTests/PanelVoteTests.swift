// Votes: cast and changed until an item closes, kept append-only, refused
// outside the member's own panel, on closed items and as someone else.
import Foundation
import GRDB
import HarkPanels
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Panel votes")
struct PanelVoteTests {
  @Test("a changed vote adds a row; the latest is the current vote and every row is kept")
  func changeVote() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let first = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.disagree))
    let second = try store.castVote(
      as: members[0], item: item.id,
      ballot: Ballot(
        .agree, strength: .aLot, suggestion: .sayItDifferently, suggestionText: "  Peers help  ", comment: " yes "))
    #expect(
      second.ballot
        == Ballot(.agree, strength: .aLot, suggestion: .sayItDifferently, suggestionText: "Peers help", comment: "yes"))
    #expect(try store.voteHistory(item: item.id).map(\.id) == [first.id, second.id])
    #expect(try store.currentVotes(item: item.id) == [second])
    #expect(try store.tally(item: item.id) == VoteTally(agree: 1))
    #expect(try store.myVote(members[0], item: item.id) == second)
    #expect(try store.myVote(members[1], item: item.id) == nil)
    #expect(second.pseudonym == "Member 1")
  }

  @Test("votes cannot be updated or deleted, even by SQL")
  func appendOnly() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    for sql in ["UPDATE panel_vote SET answer = 'disagree'", "DELETE FROM panel_vote"] {
      let error = #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: sql) } }
      #expect(error?.message == "votes are append-only")
    }
  }

  @Test("a vote on another panel's item is refused")
  func otherPanel() throws {
    let store = try PanelFixture.project()
    let (carers, carerMembers) = try PanelFixture.panel(store, name: "carers")
    let (_, youthMembers) = try PanelFixture.panel(store, name: "youth")
    let item = try store.openItems(panel: carers, links: [1], actor: testActor)[0]
    #expect(throws: VoteRefusal.notYourPanel(item: item.id)) {
      try store.castVote(as: youthMembers[0], item: item.id, ballot: Ballot(.agree))
    }
    #expect(try store.castVote(as: carerMembers[0], item: item.id, ballot: Ballot(.agree)).itemID == item.id)
    #expect(try store.voteHistory(item: item.id).count == 1)
    #expect(
      VoteRefusal.notYourPanel(item: 4).description
        == "Item I4 belongs to another panel: you can vote only in your own panel.")
  }

  @Test("a vote on a closed item is refused, by the API and by the database")
  func closedItem() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    _ = try store.closeItems(panel: panel, items: [item.id], actor: testActor)
    #expect(throws: VoteRefusal.closed(item: item.id)) {
      try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    }
    let direct = #expect(throws: DatabaseError.self) {
      try store.pool.write { db in
        try db.execute(
          sql: "INSERT INTO panel_vote(item_id, member_id, answer, at) VALUES (?, ?, 'agree', 'now')",
          arguments: [item.id, members[0].memberID])
      }
    }
    #expect(direct?.message == "voting on this item has closed")
  }

  @Test("a vote as someone who is not a member of the panel named is refused")
  func notAMember() throws {
    let store = try PanelFixture.project()
    let (carers, carerMembers) = try PanelFixture.panel(store, name: "carers")
    let item = try store.openItems(panel: carers, links: [1], actor: testActor)[0]
    // An identity claiming a carers' panel seat for a member who is not there.
    let (_, youthMembers) = try PanelFixture.panel(store, name: "youth")
    let forged = MemberIdentity(memberID: youthMembers[0].memberID, panelID: carers.id)
    #expect(throws: VoteRefusal.notAMember) { try store.castVote(as: forged, item: item.id, ballot: Ballot(.agree)) }
    let ghost = MemberIdentity(memberID: 999, panelID: carers.id)
    #expect(throws: VoteRefusal.notAMember) { try store.castVote(as: ghost, item: item.id, ballot: Ballot(.agree)) }
    #expect(try store.voteHistory(item: item.id).isEmpty)
    // And the database refuses a row that puts a member in another panel's item.
    let direct = #expect(throws: DatabaseError.self) {
      try store.pool.write { db in
        try db.execute(
          sql: "INSERT INTO panel_vote(item_id, member_id, answer, at) VALUES (?, ?, 'agree', 'now')",
          arguments: [item.id, youthMembers[0].memberID])
      }
    }
    #expect(direct?.message == "a member votes only in their own panel")
    #expect(try store.castVote(as: carerMembers[0], item: item.id, ballot: Ballot(.notSure)).ballot.answer == .notSure)
  }

  @Test("a vote on an item that does not exist is refused")
  func noSuchItem() throws {
    let store = try PanelFixture.project()
    let (_, members) = try PanelFixture.panel(store)
    #expect(throws: VoteRefusal.noSuchItem(42)) { try store.castVote(as: members[0], item: 42, ballot: Ballot(.agree)) }
  }

  @Test("saying it differently needs words; overlong comments and suggestions are refused")
  func ballotRefusals() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    #expect(throws: VoteRefusal.suggestionNeedsWords) {
      try store.castVote(
        as: members[0], item: item.id, ballot: Ballot(.agree, suggestion: .sayItDifferently, suggestionText: "  "))
    }
    let long = String(repeating: "x", count: 2001)
    #expect(throws: VoteRefusal.tooLong(field: "comment", limit: 2000)) {
      try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, comment: long))
    }
    #expect(throws: VoteRefusal.tooLong(field: "suggestion", limit: 2000)) {
      try store.castVote(
        as: members[0], item: item.id, ballot: Ballot(.agree, suggestion: .opposite, suggestionText: long))
    }
    #expect(try store.voteHistory(item: item.id).isEmpty)
    // Suggestion words without a suggestion are dropped, not stored.
    let vote = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, suggestionText: "stray"))
    #expect(vote.ballot.suggestionText == "")
  }

  @Test("progress counts the open items a member has voted on, and the next item is the first without a vote")
  func progress() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let items = try store.openItems(panel: panel, links: [1, 2, 3], actor: testActor)
    #expect(try store.progress(members[0]).text == "0 of 3 done")
    try store.castVote(as: members[0], item: items[0].id, ballot: Ballot(.agree))
    try store.castVote(as: members[0], item: items[0].id, ballot: Ballot(.disagree))
    try store.castVote(as: members[0], item: items[2].id, ballot: Ballot(.agree))
    #expect(try store.progress(members[0]) == VoteProgress(done: 2, total: 3))
    #expect(try store.progress(members[1]).text == "0 of 3 done")
    #expect(try store.nextItem(for: members[0])?.id == items[1].id)
    #expect(try store.openItems(for: members[0]).map { $0.vote?.ballot.answer } == [.disagree, nil, .agree])
    _ = try store.closeItems(panel: panel, items: [items[1].id], actor: testActor)
    #expect(try store.progress(members[0]).text == "2 of 2 done")
    #expect(try store.nextItem(for: members[0]) == nil)
  }
}
