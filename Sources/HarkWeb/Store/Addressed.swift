// Items a page's address names, looked up inside a page's one read or
// write. An address that names nothing is the one "not found" page.
import HarkStore
import HarkTranscripts

extension ProjectStore {
  /// The panel `/panels/:id/…` names.
  func addressedPanel(_ id: PanelID?) throws -> Panel {
    guard let panel = try panels().first(where: { $0.id == id }) else { throw WebError.notFound("panel") }
    return panel
  }

  /// A question of `panel`, as `/panels/:id/items/:item/…` names it.
  func addressedItem(_ id: PanelItemID?, of panel: Panel) throws -> PanelItem {
    guard let item = try items(panel: panel).first(where: { $0.id == id }) else {
      throw WebError.notFound(
        "question", where: "of this panel", back: "/panels/\(panel.id)", backLabel: "Back to the panel")
    }
    return item
  }
}
