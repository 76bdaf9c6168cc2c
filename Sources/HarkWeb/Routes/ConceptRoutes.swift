// The researcher's concept pages: the concepts as a tree with their counts,
// and renaming, merging, splitting and placing a concept under a parent,
// each a plain form. A refused change says why and stores nothing.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct ConceptRoutes: Sendable {
  let store: WebStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/concepts", use: list)
    router.get("/concepts/:id", use: concept)
    router.get("/concepts/:id/split", use: splitPage)
    router.post("/concepts/:id/rename", use: rename)
    router.post("/concepts/:id/merge", use: merge)
    router.post("/concepts/:id/parent", use: setParent)
    router.post("/concepts/:id/split", use: split)
  }

  func list(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let tree = try await store.read { try $0.conceptTree() }
    let labels = Dictionary(tree.map { ($0.concept.id, $0.concept.label) }, uniquingKeysWith: { first, _ in first })
    let suggestions = ConceptSuggestions.suggest(tree).map { s in
      Tree.Suggestion(
        id: s.concept, label: labels[s.concept] ?? "", otherID: s.other, otherLabel: labels[s.other] ?? "",
        reason: s.reason, merge: s.kind == .merge)
    }
    var children: [ConceptID?: [ConceptNode]] = [:]
    for node in tree { children[node.parentID, default: []].append(node) }
    func entry(_ node: ConceptNode) -> Tree.Node {
      let below = (children[node.concept.id] ?? []).map(entry)
      return Tree.Node(
        id: node.concept.id, label: node.concept.label, links: Self.count(node.links, "link"),
        mentions: Self.count(node.concept.mentions, "mention"),
        documents: Self.count(node.concept.documents, "document"), hasChildren: !below.isEmpty, children: below)
    }
    let roots = tree.filter { $0.parentID == nil }.map(entry)
    return pages.render(
      "concepts", title: "Concepts",
      context: Tree(
        hasConcepts: !roots.isEmpty, concepts: roots, csrf: session.csrf, hasSuggestions: !suggestions.isEmpty,
        suggestions: suggestions), session: session)
  }

  func concept(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let (id, csrf) = (context.id(as: ConceptID.self), session.csrf)
    let page = try await store.read { store in
      let tree = try store.conceptTree()
      let node = try Self.liveNode(id, in: tree, store: store)
      let id = node.concept.id
      let others = tree.filter { $0.concept.id != id }
      let below = Set(Self.descendants(of: id, in: tree))
      let links = try store.links().filter { $0.causeID == id || $0.effectID == id }
      return ConceptPage(
        id: id, label: node.concept.label, path: node.path.joined(separator: " / "), hasParent: node.parentID != nil,
        csrf: csrf,
        counts:
          "\(Self.count(node.links, "link")), \(Self.count(node.concept.mentions, "mention")) in \(Self.count(node.concept.documents, "document"))",
        mergeTargets: others.map { ConceptPage.Choice(id: $0.concept.id, label: $0.path.joined(separator: " / ")) },
        parents: others.filter { !below.contains($0.concept.id) }.map { other in
          ConceptPage.Choice(
            id: other.concept.id, label: other.path.joined(separator: " / "),
            selected: other.concept.id == node.parentID)
        },
        hasLinks: !links.isEmpty, links: links.map(ConceptLink.init),
        opposite: try node.concept.oppositeOf.map { ConceptPage.Choice(id: $0, label: try store.concept($0).label) })
    }
    return pages.render("concept", title: page.label, context: page, session: session)
  }

  func splitPage(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let (id, csrf) = (context.id(as: ConceptID.self), session.csrf)
    let page = try await store.read { store in
      try Self.split(try Self.liveNode(id, store: store), csrf: csrf, form: nil, problem: nil, in: store)
    }
    return pages.render("concept-split", title: "Split \(page.label)", context: page, session: session)
  }

  func rename(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: ConceptID.self)
    let label = try await Form.read(request, context: context)["label"] ?? ""
    let node = try await store.write { store in
      let node = try Self.liveNode(id, store: store)
      try Self.refusing(node) { try store.renameConcept(node.concept.id, to: label, actor: researcher.name) }
      return node
    }
    return Pages.redirect(to: "/concepts/\(node.concept.id)")
  }

  func merge(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: ConceptID.self)
    let form = try await Form.read(request, context: context)
    let (target, asOpposite) = (ConceptID(number: form["into"] ?? ""), form["as_opposite"] == "yes")
    let into = try await store.write { store in
      let node = try Self.liveNode(id, store: store)
      guard let target else {
        throw Self.refusal(node, message: "Choose the concept to merge “\(node.concept.label)” into.")
      }
      try Self.refusing(node) {
        try store.mergeConcept(node.concept.id, into: target, asOpposite: asOpposite, actor: researcher.name)
      }
      return target
    }
    return Pages.redirect(to: "/concepts/\(into)")
  }

  func setParent(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: ConceptID.self)
    let text = try await Form.read(request, context: context).text("parent")
    let parent = text.flatMap { ConceptID(number: $0) }
    let node = try await store.write { store in
      let node = try Self.liveNode(id, store: store)
      guard text == nil || parent != nil else {
        throw Self.refusal(node, message: "Choose a parent from the list, or none.")
      }
      try Self.refusing(node) { try store.setConceptParent(node.concept.id, to: parent, actor: researcher.name) }
      return node
    }
    return Pages.redirect(to: "/concepts/\(node.concept.id)")
  }

  /// A refused split shows the split page again with the choices made.
  func split(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try context.requireResearcher()
    let (id, csrf) = (context.id(as: ConceptID.self), session.csrf)
    let form = try await Form.read(request, context: context)
    var links: [LinkID: SplitSide] = [:]
    var mentions: [MentionID: SplitSide] = [:]
    for (name, value) in form.fields {
      guard let side = SplitSide(rawValue: value) else { continue }
      if name.hasPrefix("link-"), let id = LinkID(number: name.dropFirst(5)) { links[id] = side }
      if name.hasPrefix("mention-"), let id = MentionID(number: name.dropFirst(8)) { mentions[id] = side }
    }
    let plan = ConceptSplitPlan(
      first: form["first"] ?? "", second: form["second"] ?? "", links: links, mentions: mentions)
    let refused = try await store.write { store -> SplitForm? in
      let node = try Self.liveNode(id, store: store)
      do {
        try store.splitConcept(node.concept.id, plan, actor: researcher.name)
        return nil
      } catch let error as HarkError {
        return try Self.split(node, csrf: csrf, form: form, problem: Pages.sentence(error), in: store)
      }
    }
    guard let refused else { return Pages.redirect(to: "/concepts") }
    return pages.render(
      "concept-split", title: "Split \(refused.label)", context: refused, session: session,
      status: WebError.Kind.badInput.status)
  }

  // MARK: - Parts

  private static func split(_ node: ConceptNode, csrf: String, form: Form?, problem: String?, in store: ProjectStore)
    throws -> SplitForm
  {
    let id = node.concept.id
    func sides(_ name: String) -> [SplitForm.Side] {
      SplitSide.allCases.map { side in
        SplitForm.Side(
          value: side.rawValue, label: side == .first ? "First label" : "Second label",
          checked: form?[name] == side.rawValue)
      }
    }
    let links = try store.links().filter { $0.causeID == id || $0.effectID == id }.map { link in
      SplitForm.Link(ConceptLink(link), sides: sides("link-\(link.id)"))
    }
    let mentions = try store.conceptMentions(id).map { mention in
      SplitForm.Mention(
        id: mention.id, quote: mention.quote, speaker: Self.speaker(mention.participant, mention.group),
        document: mention.document, sides: sides("mention-\(mention.id)"))
    }
    return SplitForm(
      id: id, label: node.concept.label, csrf: csrf, first: form?["first"] ?? node.concept.label,
      second: form?["second"] ?? "", hasLinks: !links.isEmpty, links: links, hasMentions: !mentions.isEmpty,
      mentions: mentions, problem: problem)
  }

  /// Runs a change; the store's refusal becomes a refused page, its status
  /// from the refusal's kind.
  private static func refusing(_ node: ConceptNode, _ change: () throws -> Void) throws {
    do { try change() } catch let error as HarkError {
      throw refusal(node, message: Pages.sentence(error), kind: .init(error.kind))
    }
  }

  private static func refusal(_ node: ConceptNode, message: String, kind: WebError.Kind = .badInput) -> WebError {
    WebError.unchanged(
      message, kind: kind, back: "/concepts/\(node.concept.id)", backLabel: "Back to “\(node.concept.label)”")
  }

  /// The live concept the address names; a merged one says where it went.
  private static func liveNode(_ id: ConceptID?, in tree: [ConceptNode]? = nil, store: ProjectStore) throws
    -> ConceptNode
  {
    if let node = try (tree ?? store.conceptTree()).first(where: { $0.concept.id == id }) { return node }
    if let id, let merged = try? store.concept(id), let into = merged.mergedInto {
      throw WebError(
        .notFound, heading: "“\(merged.label)” was merged",
        message: "This concept was merged into another; its links and mentions are there now.",
        back: "/concepts/\(into)", backLabel: "Go to the concept it became")
    }
    throw WebError.notFound("concept", back: "/concepts", backLabel: "All concepts")
  }

  private static func descendants(of id: ConceptID, in tree: [ConceptNode]) -> [ConceptID] {
    var found: [ConceptID] = []
    var frontier = [id]
    while let next = frontier.popLast() {
      let below = tree.filter { $0.parentID == next }.map(\.concept.id)
      found += below
      frontier += below
    }
    return found
  }

  static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

  static func speaker(_ pseudonym: String?, _ group: String?) -> String {
    guard let pseudonym else { return "someone not known" }
    guard let group, !group.isEmpty else { return pseudonym }
    return "\(pseudonym) (\(group))"
  }
}
