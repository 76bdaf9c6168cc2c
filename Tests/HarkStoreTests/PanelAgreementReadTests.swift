// A panel's agreement as the store reads it: each member's current answer on each item.
import Foundation
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("Panel agreement from votes")
struct PanelAgreementReadTests {
  @Test("a panel's agreement uses each member's current answer on each item")
  func panelAgreement() throws {
    let store = try PanelFixture.project()
    let (panel, members) = try PanelFixture.panel(store, members: 2)
    let items = try store.openItems(panel: panel, links: [1, 2], actor: testActor)
    try store.castVote(as: members[0], item: items[0].id, ballot: Ballot(.disagree))
    try store.castVote(as: members[0], item: items[0].id, ballot: Ballot(.agree))
    try store.castVote(as: members[1], item: items[0].id, ballot: Ballot(.agree))
    try store.castVote(as: members[0], item: items[1].id, ballot: Ballot(.disagree))
    try store.castVote(as: members[1], item: items[1].id, ballot: Ballot(.notSure))
    let agreement = try store.agreement(panel: panel)
    #expect(agreement.items == 2 && agreement.votes == 4)
    #expect(agreement.percent == 0.5)
    // Units (agree, agree), (disagree, not sure): n = 4, margins 2, 1, 1, observed
    // disagreement 2, expected 16 − 6 = 10: alpha = 1 − 3 × 2 / 10 = 0.4.
    #expect(abs((agreement.alpha ?? 0) - 0.4) < 1e-12)
  }
}
