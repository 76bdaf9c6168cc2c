// `hark codings`: the codes on passages, suggested by plugins or made by
// hand, listed and curated from the terminal, so a project curated without
// the browser exports its codings too.
import ArgumentParser
import HarkStore
import HarkTranscripts

struct Codings: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List codings and accept or reject the plugins' suggestions.",
    subcommands: [ListCodings.self, AcceptCodings.self, RejectCodings.self],
    defaultSubcommand: ListCodings.self)
}

/// Which codings a command works on: named ids, or every one a filter finds.
struct CodingFilter: ParsableArguments {
  @Option(help: "Only this document, e.g. D3.") var document: String?
  @Option(help: "Only codings with this code.") var code: String?
  @Option(help: "Only codings with this status: suggested, accepted or rejected.") var status: String?

  func codings(_ store: ProjectStore) throws -> [CodingRecord] {
    let wanted = try status.map { text in
      guard let status = CodingStatus(rawValue: text) else {
        throw ValidationError("--status must be \(CodingStatus.choices)")
      }
      return status
    }
    let documents =
      try document.map { [try parseID($0, what: "document") as DocumentID] }
      ?? store.documentSummaries().map(\.id)
    if let first = documents.first, document != nil, !(try store.hasDocument(first)) {
      throw HarkError("no document D\(first)", hint: "Run `hark documents` to list them")
    }
    return try documents.flatMap { try store.codings(document: $0) }.filter { coding in
      (code == nil || coding.code.caseInsensitiveCompare(code!) == .orderedSame)
        && (wanted == nil || coding.status == wanted)
    }
  }
}

struct ListCodings: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Codings in text order, with who made them and why.")
  @OptionGroup var project: ProjectOption
  @OptionGroup var filter: CodingFilter
  @Option(help: "Show at most this many.") var limit = 40

  func run() throws {
    let codings = try filter.codings(try project.open())
    if codings.isEmpty {
      print("No codings found: run `hark code`, or widen --document, --code and --status.")
      return
    }
    print("id      document status     code                   quote")
    for c in codings.prefix(limit) {
      let quote = c.quote.count > 60 ? String(c.quote.prefix(59)) + "…" : c.quote
      print(
        "\(Terminal.pad("G\(c.id)", 7)) \(Terminal.pad("D\(c.documentID)", 8)) \(Terminal.pad(c.status.rawValue, 10)) "
          + "\(Terminal.pad(c.code, 22)) “\(quote.replacingOccurrences(of: "\n", with: " "))”")
      if !c.explanation.isEmpty { print("        why: \(c.explanation)") }
    }
    if codings.count > limit { print("… \(codings.count - limit) more (--limit)") }
  }
}

/// What accept and reject share: ids, or every suggestion a filter finds.
struct CodingDecision: ParsableArguments {
  @OptionGroup var project: ProjectOption
  @Argument(help: "Coding ids, e.g. G12 G13.") var ids: [String] = []
  @Flag(help: "Every suggested coding that --document and --code find, instead of ids.") var allSuggested = false
  @OptionGroup var filter: CodingFilter

  func apply(_ status: CodingStatus) throws {
    let store = try project.open()
    var chosen = try ids.map { try parseID($0, what: "coding") as CodingID }
    if allSuggested {
      guard ids.isEmpty else { throw ValidationError("Give coding ids or --all-suggested, not both") }
      guard filter.status == nil || filter.status == "suggested" else {
        throw ValidationError("--all-suggested works on suggested codings; leave out --status")
      }
      chosen = try filter.codings(store).filter { $0.status == .suggested }.map(\.id)
    } else if chosen.isEmpty {
      throw ValidationError("Give coding ids (see `hark codings`), or --all-suggested with --document or --code")
    }
    let changed = Set(try store.setCodingStatus(chosen, to: status, actor: DecisionActor.current))
    for id in chosen { print("G\(id) \(changed.contains(id) ? status.rawValue : "was already \(status.rawValue)")") }
    if chosen.isEmpty { print("No suggested codings found.") }
  }
}

struct AcceptCodings: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept", abstract: "Accept suggested codings: they are exported to other tools.")
  @OptionGroup var decision: CodingDecision
  func run() throws { try decision.apply(.accepted) }
}

struct RejectCodings: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reject", abstract: "Reject suggested codings: they stay in the project, marked rejected.")
  @OptionGroup var decision: CodingDecision
  func run() throws { try decision.apply(.rejected) }
}
