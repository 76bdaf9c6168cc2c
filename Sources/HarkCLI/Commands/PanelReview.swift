// `hark panels open / close / override / adopt-suggestion`: a panel's review,
// from links opened as items to the decisions made when voting closes.
import ArgumentParser
import Foundation
import HarkPanels
import HarkStore

struct OpenPanelItems: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open", abstract: "Open links for the panel's review, one item each.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel.") var panel: String
  @Argument(help: "Link ids, e.g. L4 L7.") var links: [String] = []
  @Flag(help: "Every accepted link not already open.") var allAccepted = false
  @Flag(help: "Every candidate link not already open.") var allCandidates = false

  func run() throws {
    let chosen = [!links.isEmpty, allAccepted, allCandidates].filter { $0 }.count
    guard chosen == 1 else {
      throw ValidationError("Name links (L4 L7), or give --all-accepted or --all-candidates: one of the three.")
    }
    let store = try project.open()
    let panel = try store.panel(named: panel)
    let items: [PanelItem]
    if allAccepted {
      items = try store.openItems(panel: panel, status: .accepted, actor: DecisionActor.current)
    } else if allCandidates {
      items = try store.openItems(panel: panel, status: .candidate, actor: DecisionActor.current)
    } else {
      items = try store.openItems(
        panel: panel, links: try links.map { try parseID($0, what: "link") as LinkID }, actor: DecisionActor.current)
    }
    print("Opened \(plural(items.count, "item")) for \(panel.name):")
    for item in items { print("  I\(item.id)  L\(item.linkID)  \(item.question.text)") }
  }
}

struct ClosePanelItems: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close", abstract: "Close voting and decide by the panel's rule (every open item if none named).")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel.") var panel: String
  @Argument(help: "Item ids, e.g. I1 I2.") var items: [String] = []

  func run() throws {
    let store = try project.open()
    let panel = try store.panel(named: panel)
    let ids = try items.map { try parseReference($0, what: "an item") as PanelItemID }
    for decision in try store.closeItems(panel: panel, items: ids, actor: DecisionActor.current) {
      print("I\(decision.itemID)  \(decision.reason)")
      if let effect = try store.mapEffect(of: decision) { print("    \(effect)") }
    }
  }
}

struct OverridePanelDecision: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "override", abstract: "Decide a closed item in place of the panel, with a reason that is kept.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Item id, e.g. I3.") var item: String
  @Option(help: "accepted or rejected.") var decision: String
  @Option(help: "Why the panel's decision is overridden.") var reason: String

  func run() throws {
    guard let outcome = PanelOutcome(rawValue: decision), outcome != .none else {
      throw ValidationError("--decision must be accepted or rejected")
    }
    let id = try parseReference(item, what: "an item") as PanelItemID
    let store = try project.open()
    let made = try store.overrideDecision(item: id, outcome: outcome, reason: reason, actor: DecisionActor.current)
    print("I\(made.itemID)  \(made.outcome.rawValue) by \(made.actor): \(made.reason)")
    if let effect = try store.mapEffect(of: made) { print("    \(effect)") }
  }
}

struct AdoptSuggestion: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adopt-suggestion", abstract: "Take up a member's suggestion as a new item for the panel.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Vote id, e.g. V12.") var vote: String

  func run() throws {
    let item = try project.open().adoptSuggestion(
      vote: try parseReference(vote, what: "a vote") as PanelVoteID, actor: DecisionActor.current)
    print("Opened I\(item.id) from V\(item.fromVoteID!): \(item.question.text)")
  }
}

struct RewordPanelItem: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reword",
    abstract: "Put an open item's question in your own words (kept with the item and in the audit log).")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Item id, e.g. I4.") var item: String
  @Argument(help: "The question as members should read it.") var wording: String

  func run() throws {
    let id = try parseReference(item, what: "an item") as PanelItemID
    let store = try project.open()
    let before = try store.item(id).question.text
    let item = try store.reword(item: id, to: wording, actor: DecisionActor.current)
    print("I\(item.id)  reworded by \(DecisionActor.current)")
    print("  was: \(before)")
    print("  now: \(item.question.text)")
  }
}
