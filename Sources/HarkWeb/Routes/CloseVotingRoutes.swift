// Closing voting, for every open question of a panel or for one: first a
// page that says what will happen (which questions, how many answers), then
// Confirm or Cancel. Closing cannot be undone: members can no longer answer,
// and each question is decided by the panel's rule.
import Foundation
import HarkStore
import Hummingbird

struct CloseVotingRoutes: Sendable {
  let store: WebStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/panels/:id/close", use: confirmAll)
    router.get("/panels/:id/items/:item/close", use: confirmOne)
    router.post("/panels/:id/close", use: close)
  }

  func confirmAll(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let (panelID, csrf) = (context.id(as: PanelID.self), session.csrf)
    let page = try await store.read { store in
      let panel = try store.addressedPanel(panelID)
      return try Self.confirmation(panel, items: try store.items(panel: panel).filter(\.isOpen), csrf: csrf, in: store)
    }
    return pages.render("close-voting", title: page.heading, context: page, session: session)
  }

  func confirmOne(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let (panelID, itemID, csrf) = (context.id(as: PanelID.self), context.id("item", as: PanelItemID.self), session.csrf)
    let page = try await store.read { store in
      let panel = try store.addressedPanel(panelID)
      let item = try store.addressedItem(itemID, of: panel)
      guard item.isOpen else { throw Self.nothingToClose(panel, message: "Voting on I\(item.id) is closed already.") }
      return try Self.confirmation(panel, items: [item], csrf: csrf, in: store)
    }
    return pages.render("close-voting", title: page.heading, context: page, session: session)
  }

  /// Closes exactly the questions the confirmation page listed. A form
  /// without `confirm` (an old page, a hand-made request) closes nothing and
  /// goes to the confirmation page instead.
  func close(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let panelID = context.id(as: PanelID.self)
    let form = try await Form.read(request, context: context)
    let listed = (form["items"] ?? "").split(separator: ",").compactMap { PanelItemID(number: $0) }
    let confirmed = form["confirm"] == "yes" && !listed.isEmpty
    let panel = try await store.write { store in
      let panel = try store.addressedPanel(panelID)
      guard confirmed else { return panel }
      let open = Set(try store.items(panel: panel).filter(\.isOpen).map(\.id))
      guard Set(listed).isSubset(of: open) else {
        let gone = listed.filter { !open.contains($0) }.map { "I\($0)" }.joined(separator: ", ")
        throw Self.nothingToClose(
          panel,
          message: "Nothing was closed: \(gone) is no longer open for voting in this panel. Look at the panel again.")
      }
      _ = try store.closeItems(panel: panel, items: listed, actor: researcher.name)
      return panel
    }
    return Pages.redirect(to: confirmed ? "/panels/\(panel.id)" : "/panels/\(panel.id)/close")
  }

  // MARK: - Parts

  /// The "close-voting" template.
  struct Confirmation: PageContext, Sendable {
    struct Item: Sendable {
      let id: PanelItemID
      let question: String
      let tally: String
    }
    let panel: PanelID
    let name: String
    let heading: String
    let what: String
    let items: [Item]
    let ids: String
    let csrf: String
    let rule: String
    let quorum: Int
    let answers: String
  }

  private static func confirmation(_ panel: Panel, items: [PanelItem], csrf: String, in store: ProjectStore) throws
    -> Confirmation
  {
    guard !items.isEmpty else {
      throw nothingToClose(panel, message: "No question of this panel is open for voting.")
    }
    var answers = 0
    var members = Set<PanelMemberID>()
    let rows = try items.map { item -> Confirmation.Item in
      let votes = try store.currentVotes(item: item.id)
      answers += votes.count
      members.formUnion(votes.map(\.memberID))
      let tally = ProjectStore.tally(votes)
      return Confirmation.Item(
        id: item.id, question: item.question.text,
        tally: "\(count(votes.count, "answer")): \(tally.agree) yes, \(tally.disagree) no, \(tally.notSure) not sure")
    }
    let what = items.count == 1 ? "I\(items[0].id)" : count(items.count, "question")
    return Confirmation(
      panel: panel.id, name: panel.name, heading: "Close voting on \(what)?", what: what, items: rows,
      ids: items.map { "\($0.id)" }.joined(separator: ","), csrf: csrf, rule: panel.rule.description,
      quorum: panel.quorum, answers: "\(count(answers, "answer")) in all, from \(count(members.count, "member")).")
  }

  private static func nothingToClose(_ panel: Panel, message: String) -> WebError {
    WebError(
      .conflict, heading: "Nothing to close", message: message, back: "/panels/\(panel.id)",
      backLabel: "Back to the panel")
  }

  private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
