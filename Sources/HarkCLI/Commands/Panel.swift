// `hark panels`: lived-experience panels, their members and sign-in links.
import ArgumentParser
import Foundation
import HarkPanels
import HarkStore
import HarkTranscripts

struct Panels: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Lived-experience panels: members, sign-in links, items to review, votes and decisions.",
    subcommands: [
      ListPanels.self, CreatePanel.self, ShowPanel.self, AddPanelMember.self, InvitePanelMember.self,
      RevokePanelInvite.self, OpenPanelItems.self, ClosePanelItems.self, OverridePanelDecision.self,
      AdoptSuggestion.self, RewordPanelItem.self,
    ],
    defaultSubcommand: ListPanels.self)
}

/// Parses "I3" (an item) or "V12" (a vote), the prefix optional.
func parseReference<Kind: IDKind>(_ text: String, what: String) throws -> EntityID<Kind> {
  guard let id = EntityID<Kind>(parsing: text) else {
    throw HarkError(
      "\"\(text)\" is not \(what) id",
      hint: "Write it as \(Kind.prefix.map(String.init) ?? "")12 (see `hark panels show PANEL`)")
  }
  return id
}

/// "14d", "36h", "90m" or a number of days.
func parseDuration(_ text: String) throws -> TimeInterval {
  let units: [Character: TimeInterval] = ["d": 86400, "h": 3600, "m": 60]
  var body = Substring(text)
  var unit: TimeInterval = 86400
  if let last = body.last, let seconds = units[last] {
    unit = seconds
    body = body.dropLast()
  }
  guard let value = Double(body), value > 0 else {
    throw HarkError("\"\(text)\" is not a length of time", hint: "Write it as 14d, 36h or 90m")
  }
  return value * unit
}

func utcMinute(_ date: Date) -> String {
  let formatter = DateFormatter()
  formatter.locale = Locale(identifier: "en_US_POSIX")
  formatter.timeZone = TimeZone(identifier: "UTC")
  formatter.dateFormat = "yyyy-MM-dd HH:mm"
  return formatter.string(from: date) + " UTC"
}

struct CreatePanel: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a panel.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel's name.") var name: String
  @Option(help: "How it decides: unanimous, majority or threshold:0.75.") var rule = "unanimous"
  @Option(help: "Votes an item needs before it can be decided.") var quorum = 1

  func run() throws {
    let rule = try PanelRule(parsing: rule)
    let panel = try project.open().createPanel(name: name, rule: rule, quorum: quorum, actor: DecisionActor.current)
    print("Created panel \(panel.name) (rule \(panel.rule), quorum \(panel.quorum)).")
  }
}

/// --public-url and --expires-in, shared by add-member and invite.
struct InviteOptions: ParsableArguments {
  @Option(
    help:
      "The address panel members open `hark serve` at, such as https://panel.example.org. Given once, it is kept in the project."
  )
  var publicURL: String?
  /// The option's earlier name, still accepted.
  @Option(name: .customLong("base-url"), help: .hidden) var baseURL: String?
  @Option(help: "How long the link works: 14d, 36h, 90m.") var expiresIn = "14d"

  /// The address links use; checked before anything is changed.
  func address(_ store: ProjectStore) throws -> String {
    try store.resolvePublicAddress(given: publicURL ?? baseURL, actor: DecisionActor.unannounced)
  }

  func issue(_ store: ProjectStore, member: PanelMember, panel: Panel, address: String) throws {
    let invite = try store.issueInvite(
      member: member, lifetime: try parseDuration(expiresIn), actor: DecisionActor.unannounced)
    print("Sign-in link for \(member.pseudonym) in \(panel.name) (works once, until \(utcMinute(invite.expiresAt))):")
    print(invite.link(baseURL: address))
    if let warning = PublicAddress.loopbackWarning(address) { Terminal.printError("warning: \(warning)") }
  }
}

struct AddPanelMember: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add-member", abstract: "Add a member and print their one-time sign-in link.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel.") var panel: String
  @Argument(help: "The member's name (researchers see it; others see the pseudonym).") var name: String
  @Option(help: "How others see them (default: Member N).") var pseudonym: String?
  @OptionGroup var invite: InviteOptions

  func run() throws {
    let store = try project.open()
    let panel = try store.panel(named: panel)
    _ = try parseDuration(invite.expiresIn)
    let address = try invite.address(store)
    let member = try store.addMember(panel: panel, name: name, pseudonym: pseudonym, actor: DecisionActor.current)
    print("Added \(member.name) to \(panel.name) as \(member.pseudonym).")
    try invite.issue(store, member: member, panel: panel, address: address)
  }
}

struct InvitePanelMember: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invite", abstract: "Print a new one-time sign-in link for a member.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel.") var panel: String
  @Argument(help: "The member's name or pseudonym.") var member: String
  @OptionGroup var invite: InviteOptions

  func run() throws {
    let store = try project.open()
    let panel = try store.panel(named: panel)
    let member = try store.member(panel: panel, named: member)
    _ = try parseDuration(invite.expiresIn)
    try invite.issue(store, member: member, panel: panel, address: try invite.address(store))
  }
}

struct RevokePanelInvite: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke-invite", abstract: "Cancel a member's unused sign-in links and sign them out.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel.") var panel: String
  @Argument(help: "The member's name or pseudonym.") var member: String

  func run() throws {
    let store = try project.open()
    let panel = try store.panel(named: panel)
    let member = try store.member(panel: panel, named: member)
    let revoked = try store.revokeInvites(member: member, actor: DecisionActor.current)
    print(
      revoked.isEmpty
        ? "\(member.pseudonym) has no unused sign-in links and is not signed in."
        : "Cancelled \(plural(revoked.invites, "sign-in link")) and ended \(plural(revoked.sessions, "session")) for \(member.pseudonym) in \(panel.name)."
    )
  }
}

struct ListPanels: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "The panels, with their rules.")
  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let panels = try store.panels()
    if panels.isEmpty {
      print("No panels yet: create one with `hark panels create NAME`.")
      return
    }
    print("panel                rule             quorum  members  open  closed")
    for panel in panels {
      let items = try store.items(panel: panel)
      let open = items.filter(\.isOpen).count
      print(
        "\(Terminal.pad(panel.name, 20)) \(Terminal.pad(panel.rule.description, 16)) \(Terminal.pad(String(panel.quorum), 7)) \(Terminal.pad(String(try store.members(panel: panel).count), 8)) \(Terminal.pad(String(open), 5)) \(items.count - open)"
      )
    }
  }
}

struct ShowPanel: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "A panel's members, items, tallies, decisions and suggestions.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The panel.") var panel: String

  func run() throws {
    let store = try project.open()
    print(try PanelText.show(store, panel: try store.panel(named: panel)))
  }
}

enum PanelText {
  static func tally(_ t: VoteTally) -> String { "\(t.agree) agree, \(t.disagree) disagree, \(t.notSure) not sure" }

  static func show(_ store: ProjectStore, panel: Panel) throws -> String {
    var lines = [
      "\(panel.name): rule \(panel.rule), quorum \(panel.quorum)", panel.rule.explanation, "",
      "Members (real names are for researchers only):",
    ]
    let members = try store.members(panel: panel)
    if members.isEmpty { lines.append("  none yet: `hark panels add-member \(panel.name) NAME`") }
    for m in members {
      let progress = try store.progress(store.identity(of: m))
      lines.append("  \(Terminal.pad(m.pseudonym, 14)) \(Terminal.pad(m.name, 20)) \(progress.text)")
    }
    let items = try store.items(panel: panel)
    let decisions = try store.panelDecisions(panel: panel)
    lines += ["", "Items:"]
    if items.isEmpty { lines.append("  none yet: `hark panels open \(panel.name) L4`") }
    var suggestions: [PanelVote] = []
    for item in items {
      let votes = try store.currentVotes(item: item.id)
      suggestions += votes.filter { $0.ballot.suggestion != nil }
      let state: String
      if item.isOpen {
        state = "open"
      } else if let last = decisions.last(where: { $0.itemID == item.id }) {
        let outcome = last.outcome == .none ? "no decision" : last.outcome.rawValue
        state = last.kind == .override ? "\(outcome) (override)" : outcome
      } else {
        state = "closed"
      }
      let origin = item.fromVoteID.map { ", from V\($0)" } ?? ""
      lines.append("  I\(item.id)  L\(item.linkID)\(origin)  \(state): \(tally(try store.tally(item: item.id)))")
      lines.append("      \(item.question.text)")
    }
    if !decisions.isEmpty {
      lines += ["", "Decisions:"]
      for d in decisions { lines.append("  I\(d.itemID)  \(d.at)  \(d.actor)  \(d.reason)") }
    }
    if !suggestions.isEmpty {
      lines += ["", "Suggestions (take one up with `hark panels adopt-suggestion V…`):"]
      for v in suggestions {
        let text = v.ballot.suggestionText.isEmpty ? "" : ": “\(v.ballot.suggestionText)”"
        lines.append("  V\(v.id)  I\(v.itemID)  \(v.pseudonym)  \(v.ballot.suggestion!.rawValue)\(text)")
      }
    }
    let comments = try store.comments(panel: panel)
    if !comments.isEmpty {
      lines += ["", "What members said (\"Anything else you want to say?\"):"]
      for v in comments { lines.append("  V\(v.id)  I\(v.itemID)  \(v.pseudonym)  \(v.at)  “\(v.ballot.comment)”") }
    }
    let agreement = try store.agreement(panel: panel)
    lines.append("")
    if let percent = agreement.percent {
      let alpha = agreement.alpha.map { Terminal.number($0, 3) } ?? "not defined (every answer the same)"
      lines.append(
        "Agreement: \(Terminal.number(percent * 100, 1))% of pairs agree; Krippendorff's alpha (nominal) \(alpha); \(plural(agreement.items, "item")), \(plural(agreement.votes, "vote"))"
      )
    } else {
      lines.append("Agreement: not yet measurable (no item has two votes)")
    }
    return lines.joined(separator: "\n")
  }
}
