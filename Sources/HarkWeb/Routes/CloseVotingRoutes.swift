// Closing voting, for every open question of a panel or for one: first a
// page that says what will happen (which questions, how many answers), then
// Confirm or Cancel. Closing cannot be undone: members can no longer answer,
// and each question is decided by the panel's rule.
import Foundation
import HarkStore
import Hummingbird

struct CloseVotingRoutes: Sendable {
  let store: ProjectStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/panels/:id/close", use: confirmAll)
    router.get("/panels/:id/items/:item/close", use: confirmOne)
    router.post("/panels/:id/close", use: close)
  }

  func confirmAll(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    return try confirmation(panel, items: try store.items(panel: panel).filter(\.isOpen), session: session)
  }

  func confirmOne(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let id = Int64(context.parameters.get("item") ?? "")
    guard let item = try store.items(panel: panel).first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "No such question", message: "That address names no question of this panel.",
          session: session, back: "/panels/\(panel.id)", backLabel: "Back to the panel"))
    }
    guard item.isOpen else {
      return nothingToClose(panel, session: session, message: "Voting on I\(item.id) is closed already.")
    }
    return try confirmation(panel, items: [item], session: session)
  }

  /// Closes exactly the questions the confirmation page listed. A form
  /// without `confirm` (an old page, a hand-made request) closes nothing and
  /// goes to the confirmation page instead.
  func close(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let panel = try panel(context, session: session)
    let form = try await Form.read(request, context: context)
    let listed = (form["items"] ?? "").split(separator: ",").compactMap { Int64($0) }
    guard form["confirm"] == "yes", !listed.isEmpty else { return Pages.redirect(to: "/panels/\(panel.id)/close") }
    let items = try store.items(panel: panel)
    let open = Set(items.filter(\.isOpen).map(\.id))
    guard Set(listed).isSubset(of: open) else {
      let gone = listed.filter { !open.contains($0) }.map { "I\($0)" }.joined(separator: ", ")
      return nothingToClose(
        panel, session: session,
        message: "Nothing was closed: \(gone) is no longer open for voting in this panel. Look at the panel again.")
    }
    _ = try store.closeItems(panel: panel, items: listed, actor: researcher.name)
    return Pages.redirect(to: "/panels/\(panel.id)")
  }

  // MARK: - Parts

  private func confirmation(_ panel: Panel, items: [PanelItem], session: SignedIn) throws -> Response {
    guard !items.isEmpty else {
      return nothingToClose(panel, session: session, message: "No question of this panel is open for voting.")
    }
    var answers = 0
    var members = Set<Int64>()
    let rows = try items.map { item -> [String: Any] in
      let votes = try store.currentVotes(item: item.id)
      answers += votes.count
      members.formUnion(votes.map(\.memberID))
      let tally = ProjectStore.tally(votes)
      return [
        "id": item.id, "question": item.question.text,
        "tally": "\(count(votes.count, "answer")): \(tally.agree) yes, \(tally.disagree) no, \(tally.notSure) not sure",
      ]
    }
    let what = items.count == 1 ? "I\(items[0].id)" : count(items.count, "question")
    let values: [String: Any] = [
      "panel": panel.id, "name": panel.name, "heading": "Close voting on \(what)?", "what": what,
      "items": rows, "ids": items.map { String($0.id) }.joined(separator: ","), "csrf": session.csrf,
      "rule": panel.rule.description, "quorum": panel.quorum,
      "answers": "\(count(answers, "answer")) in all, from \(count(members.count, "member")).",
    ]
    return pages.render("close-voting", title: "Close voting on \(what)?", values: values, session: session)
  }

  private func nothingToClose(_ panel: Panel, session: SignedIn, message: String) -> Response {
    pages.problem(
      .conflict, heading: "Nothing to close", message: message, session: session, back: "/panels/\(panel.id)",
      backLabel: "Back to the panel")
  }

  private func panel(_ context: WebContext, session: SignedIn) throws -> Panel {
    let id = Int64(context.parameters.get("id") ?? "")
    guard let panel = try store.panels().first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(.notFound, heading: "No such panel", message: "That address names no panel.", session: session))
    }
    return panel
  }

  private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
