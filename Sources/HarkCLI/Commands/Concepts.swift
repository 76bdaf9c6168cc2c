import ArgumentParser
import HarkStore

struct Concepts: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List, show, merge, rename and group candidate concepts.",
    subcommands: [
      ListConcepts.self, ShowConcept.self, SuggestConcepts.self, MergeConcepts.self, RenameConcept.self,
      ParentConcept.self,
    ],
    defaultSubcommand: ListConcepts.self)
}

struct ListConcepts: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Concepts, most widely mentioned first.")
  @OptionGroup var project: ProjectOption
  @Option(help: "Show at most this many.") var limit = 40

  func run() throws {
    let concepts = try project.open().concepts().filter { $0.mentions > 0 }
    if concepts.isEmpty { print("No concepts yet: run `hark code`.") }
    print("id     documents  sources  mentions  concept")
    for c in concepts.prefix(limit) {
      let opposite = c.oppositeOf.map { "  (opposite of C\($0))" } ?? ""
      print(
        "\(Terminal.pad("C\(c.id)", 6)) \(Terminal.pad(String(c.documents), 10)) \(Terminal.pad(String(c.sources), 8)) \(Terminal.pad(String(c.mentions), 9)) \(c.label)\(opposite)"
      )
    }
    if concepts.count > limit { print("… \(concepts.count - limit) more (--limit)") }
  }
}

struct ShowConcept: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "A concept, its links and decisions.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Concept id, e.g. C3.") var id: String
  @Option(help: "Show at most this many mentions.") var limit = 20

  func run() throws {
    let store = try project.open()
    let c = try store.concept(try parseID(id, what: "concept") as ConceptID)
    print("C\(c.id)  \(c.label)")
    if let into = c.mergedInto { print("merged into C\(into)") }
    if let positive = c.oppositeOf {
      print("the opposite of C\(positive) \"\(try store.concept(positive).label)\": its links are on C\(positive)")
    }
    print("\(c.mentions) mentions in \(c.documents) documents by \(c.sources) participants")
    for link in try store.links() where link.causeID == c.id || link.effectID == c.id {
      print(
        "  L\(link.id)  \(link.cause) \(link.polarity > 0 ? "→ +" : "→ −") \(link.effect)  (\(link.citations) quotes, \(link.status.rawValue))"
      )
    }
    for d in try store.decisions(subject: .concept(c.id)) {
      print("  \(d.at)  \(d.actor)  \(d.action)  \(d.detail)")
    }
    let mentions = try store.conceptMentions(c.id)
    if !mentions.isEmpty { print("\nMentions:") }
    for m in mentions.prefix(limit) {
      let who = m.participant ?? "unknown speaker"
      print("  \(m.document) [\(m.start)..<\(m.end)] \(who): “\(m.quote.replacingOccurrences(of: "\n", with: " "))”")
      if !m.explanation.isEmpty { print("      why: \(m.explanation)") }
    }
    if mentions.count > limit { print("  … \(mentions.count - limit) more (--limit)") }
  }
}

struct MergeConcepts: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Merge a concept into another: its mentions and links move there.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The concept to merge away, e.g. C7.") var source: String
  @Argument(help: "The concept it becomes, e.g. C2.") var target: String
  @Flag(
    help: ArgumentHelp(
      "The first concept is the opposite of the second (\"mistrust\" of \"trust\"): its links turn round.",
      discussion: "Concepts already known to be opposites (\"not trust\" and \"trust\") are merged this way anyway."))
  var asOpposite = false

  func run() throws {
    let store = try project.open()
    let from = try parseID(source, what: "concept") as ConceptID
    let into = try parseID(target, what: "concept") as ConceptID
    let a = try store.concept(from)
    let b = try store.concept(into)
    let merge = try store.mergeConcept(from, into: into, asOpposite: asOpposite, actor: DecisionActor.current)
    print(
      "Merged C\(from) \"\(a.label)\" into C\(into) \"\(b.label)\"\(merge.asOpposite ? " as its opposite" : "")")
    guard !merge.turnedLinks.isEmpty else { return }
    // Say so: what each moved quote claims now reads the other way round.
    print("Turned round, so each keeps what its quotes say:")
    let links = try store.links()
    for id in merge.turnedLinks {
      guard let link = links.first(where: { $0.id == id }) else { continue }
      print("  L\(link.id)  \(link.cause) → (\(link.polarity > 0 ? "+" : "−")) \(link.effect)")
    }
  }
}

struct RenameConcept: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give a concept a new label.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Concept id, e.g. C3.") var id: String
  @Option(help: "Show at most this many mentions.") var limit = 20
  @Argument(help: "The new label (\"Support; peer support\" for a hierarchy).") var label: String

  func run() throws {
    let store = try project.open()
    let concept = try parseID(id, what: "concept") as ConceptID
    let old = try store.concept(concept)
    try store.renameConcept(concept, to: label, actor: DecisionActor.current)
    print("C\(concept) \"\(old.label)\" is now \"\(label)\"")
  }
}

struct SuggestConcepts: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest",
    abstract: "Concepts whose words say they are one concept, or a kind of another: merges and parents to consider.",
    discussion: """
      Nothing is changed: each suggestion says why, and the command that would apply it. Only labels are \
      compared ("drinking" and "drink"; "debt" and "Money; debt"; "detox waiting list" under "waiting \
      list"); concepts that mean the same in other words are yours to find and merge.
      """)
  @OptionGroup var project: ProjectOption
  @Option(help: "Show at most this many.") var limit = 40

  func run() throws {
    let store = try project.open()
    let suggestions = try store.conceptSuggestions()
    guard !suggestions.isEmpty else {
      print(
        "No suggestions: no two concepts' labels say they belong together. Merge by meaning with `hark concepts merge`."
      )
      return
    }
    let labels = Dictionary(try store.concepts().map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
    for s in suggestions.prefix(limit) {
      let concept = "C\(s.concept) “\(labels[s.concept] ?? "")”"
      let other = "C\(s.other) “\(labels[s.other] ?? "")”"
      switch s.kind {
      case .merge:
        print("merge   \(concept) into \(other): \(s.reason)")
        print("        hark concepts merge C\(s.concept) C\(s.other)")
      case .parent:
        print("parent  \(concept) under \(other): \(s.reason)")
        print("        hark concepts parent C\(s.concept) C\(s.other)")
      }
    }
    if suggestions.count > limit { print("… \(suggestions.count - limit) more (--limit)") }
  }
}

struct ParentConcept: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parent", abstract: "Put a concept under a more general one (or back at the top with --none).")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The concept to place, e.g. C7.") var id: String
  @Argument(help: "The more general concept, e.g. C2.") var parent: String?
  @Flag(help: "Take the concept out from under its parent.") var none = false

  func validate() throws {
    if none && parent != nil { throw ValidationError("Give the parent concept or --none, not both") }
    if !none && parent == nil {
      throw ValidationError("Give the parent concept (e.g. C2), or --none to put \(id) back at the top")
    }
  }

  func run() throws {
    let store = try project.open()
    let concept = try parseID(id, what: "concept") as ConceptID
    let under = try parent.map { try parseID($0, what: "concept") as ConceptID }
    try store.setConceptParent(concept, to: under, actor: DecisionActor.current)
    let label = try store.concept(concept).label
    if let under {
      print("C\(concept) \"\(label)\" is now under C\(under) \"\(try store.concept(under).label)\"")
    } else {
      print("C\(concept) \"\(label)\" is now at the top")
    }
  }
}
