// Decisions when voting closes: the panel's rule and quorum, overrides with
// reasons, links accepted through the curation log, suggestions taken up.
import Foundation
import GRDB
import HarkPanels
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Panel decisions")
struct PanelDecisionTests {
  @Test("unanimous: one no keeps a link off; not sure stands aside and is not a no")
  func unanimous() {
    #expect(
      PanelRule.unanimous.decide(VoteTally(agree: 3), quorum: 3) == (
        .accepted, "accepted: all 3 votes agree (unanimous)"
      ))
    #expect(
      PanelRule.unanimous.decide(VoteTally(agree: 1, notSure: 1), quorum: 2)
        == (
          .accepted,
          "accepted: everyone who said yes or no agrees (1 agree, 0 disagree, 1 not sure; not sure is not a no; unanimous)"
        ))
    #expect(
      PanelRule.unanimous.decide(VoteTally(agree: 2, disagree: 1), quorum: 1)
        == (.rejected, "rejected: not unanimous (2 agree, 1 disagree, 0 not sure)"))
  }

  @Test("majority: more yes than no accepts, more no rejects, an even split is no decision; not sure is neither")
  func majority() {
    #expect(
      PanelRule.majority.decide(VoteTally(agree: 2, disagree: 1, notSure: 2), quorum: 1)
        == (.accepted, "accepted: more agree than disagree (2 agree, 1 disagree, 2 not sure; not sure is not a no)"))
    #expect(
      PanelRule.majority.decide(VoteTally(agree: 1, disagree: 2), quorum: 1)
        == (.rejected, "rejected: more disagree than agree (1 agree, 2 disagree, 0 not sure)"))
    #expect(
      PanelRule.majority.decide(VoteTally(agree: 1, disagree: 1, notSure: 1), quorum: 1)
        == (.none, "no decision: yes and no are even (1 agree, 1 disagree, 1 not sure)"))
  }

  @Test("a threshold accepts when the share of yes among yes and no reaches it exactly or more")
  func threshold() {
    let rule = PanelRule.threshold(0.75)
    #expect(
      rule.decide(VoteTally(agree: 3, disagree: 1), quorum: 1)
        == (.accepted, "accepted: 75% agree, 75% needed (3 agree, 1 disagree, 0 not sure)"))
    #expect(
      rule.decide(VoteTally(agree: 2, notSure: 1), quorum: 1)
        == (
          .accepted, "accepted: 100% agree of those who said yes or no, 75% needed (2 agree, 0 disagree, 1 not sure)"
        ))
    #expect(
      rule.decide(VoteTally(agree: 2, disagree: 1, notSure: 1), quorum: 1)
        == (
          .rejected,
          "rejected: 66.7% agree of those who said yes or no, 75% needed (2 agree, 1 disagree, 1 not sure)"
        ))
  }

  @Test("when everyone is not sure there is no decision, whatever the rule")
  func everyoneNotSure() {
    for rule in [PanelRule.unanimous, .majority, .threshold(0.5)] {
      #expect(
        rule.decide(VoteTally(notSure: 3), quorum: 2)
          == (.none, "no decision: nobody said yes or no (0 agree, 0 disagree, 3 not sure)"))
    }
  }

  @Test("each rule explains itself in plain words, saying what not sure does")
  func explanations() {
    #expect(
      PanelRule.unanimous.explanation
        == "Unanimous: a link goes on the map when everyone who says yes or no says yes; one no keeps it off. "
        + "“Not sure” counts as taking part (towards the quorum) but is neither a yes nor a no. "
        + "If everyone is not sure, there is no decision.")
    #expect(PanelRule.majority.explanation.hasSuffix("An even split, or everyone not sure, is no decision."))
    #expect(PanelRule.threshold(0.75).explanation.hasPrefix("Threshold: a link goes on the map when at least 75% "))
  }

  @Test("below the quorum there is no decision, whatever the rule")
  func quorum() {
    for rule in [PanelRule.unanimous, .majority, .threshold(0.5)] {
      #expect(
        rule.decide(VoteTally(agree: 2), quorum: 3) == (
          .none, "no decision: quorum not reached (2 votes cast, 3 needed)"
        ))
    }
    #expect(
      PanelRule.unanimous.decide(VoteTally(), quorum: 1) == (
        .none, "no decision: quorum not reached (0 votes cast, 1 needed)"
      ))
  }

  @Test("closing decides by the rule; accepted sets the link accepted with a decision row")
  func closeAccepts() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, quorum: 2)
    let items = try store.openItems(panel: panel, links: [1, 2, 3], actor: testActor)
    for member in members { try store.castVote(as: member, item: items[0].id, ballot: Ballot(.agree)) }
    try store.castVote(as: members[0], item: items[1].id, ballot: Ballot(.agree))
    try store.castVote(as: members[1], item: items[1].id, ballot: Ballot(.disagree))
    try store.castVote(as: members[0], item: items[2].id, ballot: Ballot(.agree))
    let decisions = try store.closeItems(panel: panel, actor: testActor)
    #expect(
      decisions.map(\.reason) == [
        "accepted: all 3 votes agree (unanimous)", "rejected: not unanimous (1 agree, 1 disagree, 0 not sure)",
        "no decision: quorum not reached (1 vote cast, 2 needed)",
      ])
    #expect(decisions.map(\.outcome) == [.accepted, .rejected, .none])
    #expect(decisions.map(\.tally) == [VoteTally(agree: 3), VoteTally(agree: 1, disagree: 1), VoteTally(agree: 1)])
    #expect(decisions.allSatisfy { $0.kind == .rule && $0.actor == testActor })
    #expect(try store.link(1).status == .accepted)
    #expect(try store.link(2).status == .rejected)
    #expect(try store.link(3).status == .candidate)
    let logged = try store.decisions(subject: .link(1))
    #expect(logged.map(\.action) == [.accept])
    #expect(logged[0].actor == "panel:carers")
    #expect(
      logged[0].detail
        == #"{"closed_by":"\#(testActor)","from":"candidate","panel_decision":1,"panel_item":1,"to":"accepted"}"#
    )
    #expect(try store.decisions(subject: .link(3)).isEmpty)
    #expect(try store.items(panel: panel).allSatisfy { !$0.isOpen })
  }

  @Test("closing a closed item, another panel's item or none at all is refused and closes nothing")
  func closeRefusals() throws {
    let store = try PanelFixture.project()
    let (panel, _) = try PanelFixture.panel(store)
    let (other, _) = try PanelFixture.panel(store, name: "youth")
    let none = #expect(throws: HarkError.self) { try store.closeItems(panel: panel, actor: testActor) }
    #expect(none?.description == "panel carers: no items are open. Open links with `hark panels open carers`")
    let items = try store.openItems(panel: panel, links: [1, 2], actor: testActor)
    let theirs = try store.openItems(panel: other, links: [3], actor: testActor)[0]
    let wrong = #expect(throws: HarkError.self) {
      try store.closeItems(panel: panel, items: [items[0].id, theirs.id], actor: testActor)
    }
    #expect(
      wrong?.description
        == "panel carers: no item I\(theirs.id) in this panel. Run `hark panels show carers` to see its items")
    #expect(try store.items(panel: panel).allSatisfy(\.isOpen))
    _ = try store.closeItems(panel: panel, items: [items[0].id], actor: testActor)
    let twice = #expect(throws: HarkError.self) {
      try store.closeItems(panel: panel, items: [items[0].id], actor: testActor)
    }
    #expect(twice?.problem == "item I\(items[0].id) is already closed")
  }

  @Test("an override is its own recorded act with a reason, beside the panel's decision")
  func override() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    let open = #expect(throws: HarkError.self) {
      try store.overrideDecision(item: item.id, outcome: .rejected, reason: "duplicate", actor: testActor)
    }
    #expect(open?.problem == "voting on I\(item.id) is still open")
    _ = try store.closeItems(panel: panel, actor: testActor)
    #expect(try store.link(1).status == .accepted)
    let noReason = #expect(throws: HarkError.self) {
      try store.overrideDecision(item: item.id, outcome: .rejected, reason: "  ", actor: testActor)
    }
    #expect(
      noReason?.description
        == "item I1: an override needs a reason. Say why with --reason \"…\"; it is kept with the decision")
    let none = #expect(throws: HarkError.self) {
      try store.overrideDecision(item: item.id, outcome: .none, reason: "x", actor: testActor)
    }
    #expect(none?.problem == "an override decides: accepted or rejected")
    let missing = #expect(throws: HarkError.self) {
      try store.overrideDecision(item: 99, outcome: .accepted, reason: "x", actor: testActor)
    }
    #expect(missing?.problem == "no review item I99")
    let made = try store.overrideDecision(item: item.id, outcome: .rejected, reason: "same as L2", actor: testActor)
    #expect(made.kind == .override && made.outcome == .rejected && made.reason == "override: same as L2")
    #expect(try store.panelDecisions(panel: panel).map(\.outcome) == [.accepted, .rejected])
    #expect(try store.link(1).status == .rejected)
    #expect(try store.decisions(subject: .link(1)).map(\.action) == [.accept, .reject])
    let edit = #expect(throws: DatabaseError.self) {
      try store.pool.write { db in try db.execute(sql: "UPDATE panel_decision SET outcome = 'accepted'") }
    }
    #expect(edit?.message == "panel decisions are append-only")
  }

  @Test("decisions made for a signed-in researcher name that researcher in both logs")
  func actorNamed() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 1)
    let item = try store.openItems(panel: panel, links: [1], actor: "amina")[0]
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    let closed = try store.closeItems(panel: panel, actor: "amina")
    let overridden = try store.overrideDecision(item: item.id, outcome: .rejected, reason: "typo", actor: "grace")
    #expect(closed.map(\.actor) == ["amina"])
    #expect(overridden.actor == "grace")
    #expect(try store.decisions(subject: .panelItem(item.id)).map(\.actor) == ["amina"])
    // The link log names who decided: the panel by its rule, then the researcher who overrode it.
    #expect(
      try store.decisions(subject: .link(1)).map { "\($0.actor) \($0.action)" } == [
        "panel:carers accept", "grace reject",
      ])
  }

  @Test("taking up 'the other way round' opens the reversed claim; accepting it makes and accepts that link")
  func adoptOtherWayRound() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 1)
    let item = try store.openItems(panel: panel, links: [2], actor: testActor)[0]
    let vote = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.disagree, suggestion: .otherWayRound))
    let adopted = try store.adoptSuggestion(vote: vote.id, actor: testActor)
    #expect(adopted.question.text == "Does anxiety make the waiting list more likely?")
    #expect(adopted.fromVoteID == vote.id && adopted.linkID == 2 && adopted.isOpen)
    try store.castVote(as: members[0], item: adopted.id, ballot: Ballot(.agree))
    _ = try store.closeItems(panel: panel, items: [adopted.id], actor: testActor)
    let reversed = try #require(try store.links().first { $0.cause == "anxiety" && $0.effect == "waiting list" })
    #expect(reversed.status == .accepted)
    #expect(try store.decisions(subject: .link(reversed.id)).map(\.action) == [.create, .accept])
    let twice = #expect(throws: HarkError.self) { try store.adoptSuggestion(vote: vote.id, actor: testActor) }
    #expect(twice?.problem == "the suggestion of vote V\(vote.id) was already taken up as I\(adopted.id)")
  }

  @Test("taking up 'the opposite' flips the polarity; 'say it differently' keeps the member's words")
  func adoptOppositeAndWording() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 2)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let opposite = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.disagree, suggestion: .opposite))
    let words = try store.castVote(
      as: members[1], item: item.id,
      ballot: Ballot(.agree, suggestion: .sayItDifferently, suggestionText: "Do peer groups help you feel less alone?"))
    let flipped = try store.adoptSuggestion(vote: opposite.id, actor: testActor)
    #expect(flipped.question.text == "Does the peer group make people more alone?")
    #expect(flipped.polarity == -1)
    let reworded = try store.adoptSuggestion(vote: words.id, actor: testActor)
    #expect(reworded.question.text == "Do peer groups help you feel less alone?")
    for member in members { try store.castVote(as: member, item: flipped.id, ballot: Ballot(.agree)) }
    _ = try store.closeItems(panel: panel, items: [flipped.id], actor: testActor)
    #expect(try store.link(1).polarity == -1 && store.link(1).status == .accepted)
    #expect(try store.decisions(subject: .link(1)).map(\.action) == [.setPolarity, .accept])
  }

  @Test("rejecting the opposite of a link, or a reversed link that does not exist, leaves the links alone")
  func rejectOtherClaims() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 1)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let opposite = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, suggestion: .opposite))
    let reversed = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree, suggestion: .otherWayRound))
    let flipped = try store.adoptSuggestion(vote: opposite.id, actor: testActor)
    let swapped = try store.adoptSuggestion(vote: reversed.id, actor: testActor)
    try store.castVote(as: members[0], item: flipped.id, ballot: Ballot(.disagree))
    try store.castVote(as: members[0], item: swapped.id, ballot: Ballot(.disagree))
    let decisions = try store.closeItems(panel: panel, items: [flipped.id, swapped.id], actor: testActor)
    #expect(decisions.map(\.outcome) == [.rejected, .rejected])
    #expect(try store.links().count == 3)
    #expect(try store.link(1).status == .candidate && store.link(1).polarity == 1)
    #expect(try store.decisions(subject: .link(1)).isEmpty)
  }

  @Test("a vote without a suggestion, or no vote at all, cannot be taken up")
  func adoptRefusals() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 1)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    let vote = try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    let plain = #expect(throws: HarkError.self) { try store.adoptSuggestion(vote: vote.id, actor: testActor) }
    #expect(plain?.description == "vote V\(vote.id) makes no suggestion. Only votes with a suggestion can be taken up")
    let missing = #expect(throws: HarkError.self) { try store.adoptSuggestion(vote: 77, actor: testActor) }
    #expect(missing?.problem == "no vote V77")
    #expect(try store.items(panel: panel).count == 1)
  }
}

@Suite("Panel decisions and the researcher's own")
struct PanelOverRulingTests {
  @Test("1 yes and 1 not sure under unanimous accepts, and leaves the researcher's accept in place")
  func notSureKeepsAccepted() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, quorum: 2, members: 2)
    try store.setLinkStatus(1, to: .accepted, actor: "ruth")
    let item = try store.openItems(panel: panel, links: [1], actor: "ruth")[0]
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.agree))
    try store.castVote(as: members[1], item: item.id, ballot: Ballot(.notSure))
    let decision = try #require(try store.closeItems(panel: panel, actor: "ruth").first)
    #expect(decision.outcome == .accepted)
    #expect(try store.link(1).status == .accepted)
    #expect(try store.mapEffect(of: decision) == nil)
    #expect(try store.decisions(subject: .link(1)).map { "\($0.actor) \($0.action)" } == ["ruth accept"])
  }

  @Test("a panel's no on a link the researcher accepted takes it off the map, and says whose decision it replaced")
  func panelReplacesResearcher() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 1)
    try store.setLinkStatus(1, to: .accepted, actor: "ruth")
    let accepted = try #require(try store.decisions(subject: .link(1)).last)
    let item = try store.openItems(panel: panel, links: [1], actor: "ruth")[0]
    try store.castVote(as: members[0], item: item.id, ballot: Ballot(.disagree))
    let decision = try #require(try store.closeItems(panel: panel, actor: "ruth").first)
    #expect(try store.link(1).status == .rejected)
    #expect(
      try store.mapEffect(of: decision)
        == "L1 leaves the map; this replaces the earlier accept by ruth at \(accepted.at) (to keep that, override: "
        + "`hark panels override I\(item.id) --decision accepted --reason \"…\"`)")
    let logged = try #require(try store.decisions(subject: .link(1)).last)
    #expect(logged.actor == "panel:carers")
    #expect(logged.detail.contains(#""replaces":"accept by ruth at \#(accepted.at)""#))
  }
}
