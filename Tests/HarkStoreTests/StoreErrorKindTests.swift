// The store says what kind of refusal each is: a missing item is not found,
// a taken name or a closed item a conflict, anything else invalid input, so
// a front end can answer each without knowing which call threw it.
import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Store refusals and their kinds")
struct StoreErrorKindTests {
  /// The kind and the message of what `body` throws.
  func refusal(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "nothing thrown"
    } catch let error as HarkError {
      return "\(error.kind): \(error.problem)"
    } catch {
      return "not a HarkError: \(error)"
    }
  }

  @Test("a missing link, concept, panel, item or vote is not found; a taken name or a closed item is a conflict")
  func kinds() throws {
    let store = try PanelFixture.project()
    let (panel, _) = try PanelFixture.panel(store, members: 1)
    let item = try store.openItems(panel: panel, links: [1], actor: testActor)[0]
    _ = try store.closeItems(panel: panel, items: [item.id], actor: testActor)
    #expect(refusal { _ = try store.link(99) } == "notFound: no link L99")
    #expect(refusal { try store.setLinkStatus(99, to: .accepted, actor: testActor) } == "notFound: no link L99")
    #expect(refusal { _ = try store.concept(99) } == "notFound: no concept C99")
    #expect(refusal { _ = try store.panel(named: "nobody") } == "notFound: no panel called nobody")
    #expect(refusal { _ = try store.item(99) } == "notFound: no review item I99")
    #expect(refusal { _ = try store.vote(99) } == "notFound: no vote V99")
    #expect(
      refusal { _ = try store.createPanel(name: "CARERS", actor: testActor) }
        == "conflict: there is already a panel called CARERS")
    #expect(
      refusal { _ = try store.closeItems(panel: panel, items: [item.id], actor: testActor) }
        == "conflict: item I\(item.id) is already closed")
    #expect(refusal { _ = try store.createPanel(name: " ", actor: testActor) } == "invalidInput: a panel needs a name")
  }
}
