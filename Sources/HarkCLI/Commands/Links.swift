import ArgumentParser
import HarkStore

struct Links: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List, show, accept, reject and edit candidate links, or review them one at a time.",
    subcommands: [ListLinks.self, ShowLink.self, AcceptLink.self, RejectLink.self, EditLink.self, Review.self],
    defaultSubcommand: ListLinks.self)
}

func describe(_ l: LinkSummary) -> String {
  "\(l.cause) \(l.polarity > 0 ? "→ (+)" : "→ (−)") \(l.effect)"
}

struct ListLinks: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "Link bundles, best supported first.")
  @OptionGroup var project: ProjectOption
  @Option(help: "Only links with this status: candidate, accepted or rejected.") var status: String?
  @Option(help: "Show at most this many.") var limit = 40

  func run() throws {
    let selected = try status.map { written in
      guard let status = LinkStatus(rawValue: written) else {
        throw ValidationError("--status must be \(LinkStatus.choices)")
      }
      return status
    }
    let links = try project.open().links(status: selected)
    if links.isEmpty { print("No links\(status.map { " with status \($0)" } ?? ""): run `hark code` first.") }
    print("id     sources quotes weight  status     link")
    for l in links.prefix(limit) {
      print(
        "\(Terminal.pad("L\(l.id)", 6)) \(Terminal.pad(String(l.sources), 7)) \(Terminal.pad(String(l.citations), 6)) \(Terminal.pad(String(format: "%+.2f", l.weight), 7)) \(Terminal.pad(l.status.rawValue, 10)) \(describe(l))"
      )
    }
    if links.count > limit { print("… \(links.count - limit) more (--limit)") }
  }
}

struct ShowLink: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "A link with every quote behind it.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Link id, e.g. L4.") var id: String

  func run() throws {
    let store = try project.open()
    let link = try store.link(try parseID(id, what: "link") as LinkID)
    print(
      LinkText.full(
        link, evidence: try store.evidence(link: link.id), decisions: try store.decisions(subject: .link(link.id))))
  }
}

enum LinkText {
  static func full(_ l: LinkSummary, evidence: [Evidence], decisions: [Decision]) -> String {
    var lines = [
      "L\(l.id)  \(describe(l))",
      "status \(l.status.rawValue); weight \(String(format: "%+.2f", l.weight)) (strength \(Terminal.number(l.strength)))\(l.edited ? ", edited by a researcher" : ""); \(plural(l.citations, "quote")) from \(plural(l.sources, "source"))",
    ]
    for (i, e) in evidence.enumerated() {
      let who = e.participant.map { "\($0)\(e.group.map { ", \($0)" } ?? "")" } ?? "unknown speaker"
      lines.append("")
      lines.append("  [\(i + 1)] \(who) — \(e.document) [\(e.start)..<\(e.end)]")
      lines.append("      “\(e.quote)”")
      lines.append("      why: \(e.explanation)")
    }
    if !decisions.isEmpty {
      lines.append("")
      for d in decisions { lines.append("  \(d.at)  \(d.actor)  \(d.action)  \(d.detail)") }
    }
    return lines.joined(separator: "\n")
  }
}

/// What accept and reject share: several ids, a note, one decision each.
struct LinkDecision: ParsableArguments {
  @OptionGroup var project: ProjectOption
  @Argument(help: "Link ids, e.g. L4 L7.") var ids: [String]
  @Option(help: "Why (kept with the decision).") var note: String?

  func apply(_ status: LinkStatus) throws {
    let store = try project.open()
    // Every id is checked before anything changes.
    let links = try ids.map { try parseID($0, what: "link") as LinkID }
    for link in links {
      try store.setLinkStatus(link, to: status, note: note, actor: DecisionActor.current)
      print("L\(link) \(status.rawValue)")
    }
  }
}

struct AcceptLink: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept candidate links.")
  @OptionGroup var decision: LinkDecision
  func run() throws { try decision.apply(.accepted) }
}

struct RejectLink: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject candidate links.")
  @OptionGroup var decision: LinkDecision
  func run() throws { try decision.apply(.rejected) }
}

struct EditLink: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "edit", abstract: "Set a link's polarity or strength.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Link id, e.g. L4.") var id: String
  @Option(help: "+ (more cause, more effect) or - (more cause, less effect).") var polarity: String?
  @Option(help: "Strength from 0 to 1.") var strength: Double?

  func run() throws {
    guard polarity != nil || strength != nil else { throw ValidationError("Give --polarity or --strength (or both).") }
    var sign: Int?
    if let polarity {
      switch polarity {
      case "+", "positive", "+1", "1": sign = 1
      case "-", "−", "negative", "-1": sign = -1
      default: throw ValidationError("--polarity must be + or -")
      }
    }
    let store = try project.open()
    let link = try parseID(id, what: "link") as LinkID
    try store.editLink(link, polarity: sign, strength: strength, actor: DecisionActor.current)
    print("L\(link) now \(describe(try store.link(link))), strength \(Terminal.number(try store.link(link).strength))")
  }
}
