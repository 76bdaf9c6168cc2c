// The researcher's concept pages: the concepts as a tree with their counts,
// and renaming, merging, splitting and placing a concept under a parent,
// each a plain form. A refused change says why and stores nothing.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct ConceptRoutes: Sendable {
  let store: ProjectStore
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

  func list(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let tree = try store.conceptTree()
    var children: [Int64?: [ConceptNode]] = [:]
    for node in tree { children[node.parentID, default: []].append(node) }
    func values(_ node: ConceptNode) -> [String: Any] {
      let below = (children[node.concept.id] ?? []).map(values)
      // Every node sets hasChildren and children: the partial would otherwise
      // find its parent's values and recurse for ever.
      return [
        "id": node.concept.id, "label": node.concept.label, "links": Self.count(node.links, "link"),
        "mentions": Self.count(node.concept.mentions, "mention"),
        "documents": Self.count(node.concept.documents, "document"), "hasChildren": !below.isEmpty,
        "children": below,
      ]
    }
    let roots = tree.filter { $0.parentID == nil }.map(values)
    return pages.render(
      "concepts", title: "Concepts", values: ["hasConcepts": !roots.isEmpty, "concepts": roots], session: session)
  }

  func concept(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let tree = try store.conceptTree()
    let node = try liveNode(context, session: session, in: tree)
    let id = node.concept.id
    let others = tree.filter { $0.concept.id != id }
    let below = Set(descendants(of: id, in: tree))
    let links = try store.links().filter { $0.causeID == id || $0.effectID == id }
    var values: [String: Any] = [
      "id": id, "label": node.concept.label, "path": node.path.joined(separator: " / "),
      "hasParent": node.parentID != nil, "csrf": session.csrf,
      "counts":
        "\(Self.count(node.links, "link")), \(Self.count(node.concept.mentions, "mention")) in \(Self.count(node.concept.documents, "document"))",
      "mergeTargets": others.map { ["id": $0.concept.id, "label": $0.path.joined(separator: " / ")] },
      "parents": others.filter { !below.contains($0.concept.id) }.map { other -> [String: Any] in
        [
          "id": other.concept.id, "label": other.path.joined(separator: " / "),
          "selected": other.concept.id == node.parentID,
        ]
      },
      "hasLinks": !links.isEmpty, "links": links.map(Self.linkValues),
    ]
    if let positive = node.concept.oppositeOf {
      values["opposite"] = ["id": positive, "label": try store.concept(positive).label] as [String: Any]
    }
    return pages.render("concept", title: node.concept.label, values: values, session: session)
  }

  func splitPage(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let node = try liveNode(context, session: session)
    return try renderSplit(node, session: session, form: nil, problem: nil)
  }

  func rename(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let node = try liveNode(context, session: session)
    let form = try await Form.read(request, context: context)
    return try refusing(node, session: session) {
      try store.renameConcept(node.concept.id, to: form["label"] ?? "", actor: researcher.name)
    }
  }

  func merge(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let node = try liveNode(context, session: session)
    let form = try await Form.read(request, context: context)
    guard let target = Int64(form["into"] ?? "") else {
      throw PageError(
        refusal(node, session: session, message: "Choose the concept to merge “\(node.concept.label)” into."))
    }
    return try refusing(node, session: session, then: "/concepts/\(target)") {
      try store.mergeConcept(
        node.concept.id, into: target, asOpposite: form["as_opposite"] == "yes", actor: researcher.name)
    }
  }

  func setParent(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let node = try liveNode(context, session: session)
    let form = try await Form.read(request, context: context)
    let text = form.text("parent")
    let parent = text.flatMap { Int64($0) }
    guard text == nil || parent != nil else {
      throw PageError(refusal(node, session: session, message: "Choose a parent from the list, or none."))
    }
    return try refusing(node, session: session) {
      try store.setConceptParent(node.concept.id, to: parent, actor: researcher.name)
    }
  }

  func split(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let node = try liveNode(context, session: session)
    let form = try await Form.read(request, context: context)
    var links: [Int64: SplitSide] = [:]
    var mentions: [Int64: SplitSide] = [:]
    for (name, value) in form.fields {
      guard let side = SplitSide(rawValue: value) else { continue }
      if name.hasPrefix("link-"), let id = Int64(name.dropFirst(5)) { links[id] = side }
      if name.hasPrefix("mention-"), let id = Int64(name.dropFirst(8)) { mentions[id] = side }
    }
    let plan = ConceptSplitPlan(
      first: form["first"] ?? "", second: form["second"] ?? "", links: links, mentions: mentions)
    do {
      try store.splitConcept(node.concept.id, plan, actor: researcher.name)
    } catch let error as HarkError {
      return try renderSplit(node, session: session, form: form, problem: Pages.sentence(error), status: .badRequest)
    }
    return Pages.redirect(to: "/concepts")
  }

  // MARK: - Parts

  private func renderSplit(
    _ node: ConceptNode, session: SignedIn, form: Form?, problem: String?, status: HTTPResponse.Status = .ok
  ) throws -> Response {
    let id = node.concept.id
    func sides(_ name: String) -> [[String: Any]] {
      SplitSide.allCases.map { side in
        [
          "value": side.rawValue, "label": side == .first ? "First label" : "Second label",
          "checked": form?[name] == side.rawValue,
        ]
      }
    }
    var values: [String: Any] = [
      "id": id, "label": node.concept.label, "csrf": session.csrf,
      "first": form?["first"] ?? node.concept.label, "second": form?["second"] ?? "",
      "links": try store.links().filter { $0.causeID == id || $0.effectID == id }.map { link -> [String: Any] in
        var values = Self.linkValues(link)
        values["sides"] = sides("link-\(link.id)")
        return values
      },
      "mentions": try store.conceptMentions(id).map { mention -> [String: Any] in
        [
          "id": mention.id, "quote": mention.quote, "speaker": Self.speaker(mention.participant, mention.group),
          "document": mention.document, "sides": sides("mention-\(mention.id)"),
        ]
      },
    ]
    values["hasLinks"] = !(values["links"] as? [Any] ?? []).isEmpty
    values["hasMentions"] = !(values["mentions"] as? [Any] ?? []).isEmpty
    if let problem { values["problem"] = problem }
    return pages.render(
      "concept-split", title: "Split \(node.concept.label)", values: values, session: session, status: status)
  }

  /// Runs a change; a refusal becomes a 400 page naming the problem.
  private func refusing(_ node: ConceptNode, session: SignedIn, then next: String? = nil, _ change: () throws -> Void)
    throws -> Response
  {
    do {
      try change()
    } catch let error as HarkError {
      return refusal(node, session: session, message: Pages.sentence(error))
    }
    return Pages.redirect(to: next ?? "/concepts/\(node.concept.id)")
  }

  private func refusal(_ node: ConceptNode, session: SignedIn, message: String) -> Response {
    pages.problem(
      .badRequest, heading: "Nothing was changed", message: message, session: session,
      back: "/concepts/\(node.concept.id)", backLabel: "Back to “\(node.concept.label)”")
  }

  private func liveNode(_ context: WebContext, session: SignedIn, in tree: [ConceptNode]? = nil) throws -> ConceptNode {
    let id = Int64(context.parameters.get("id") ?? "")
    if let node = try (tree ?? store.conceptTree()).first(where: { $0.concept.id == id }) { return node }
    if let id, let merged = try? store.concept(id), let into = merged.mergedInto {
      throw PageError(
        pages.problem(
          .notFound, heading: "“\(merged.label)” was merged",
          message: "This concept was merged into another; its links and mentions are there now.", session: session,
          back: "/concepts/\(into)", backLabel: "Go to the concept it became"))
    }
    throw PageError(
      pages.problem(
        .notFound, heading: "No such concept", message: "That address names no concept.", session: session,
        back: "/concepts", backLabel: "All concepts"))
  }

  private func descendants(of id: Int64, in tree: [ConceptNode]) -> [Int64] {
    var found: [Int64] = []
    var frontier = [id]
    while let next = frontier.popLast() {
      let below = tree.filter { $0.parentID == next }.map(\.concept.id)
      found += below
      frontier += below
    }
    return found
  }

  static func linkValues(_ link: LinkSummary) -> [String: Any] {
    [
      "id": link.id, "cause": link.cause, "effect": link.effect, "sign": link.polarity < 0 ? "−" : "+",
      "polarity": link.polarity < 0 ? "negative" : "positive", "status": link.status.rawValue,
      "quotes": count(link.citations, "quote"), "sources": count(link.sources, "source"), "citations": link.citations,
      "sourceCount": link.sources,
    ]
  }

  static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

  static func speaker(_ pseudonym: String?, _ group: String?) -> String {
    guard let pseudonym else { return "someone not known" }
    guard let group, !group.isEmpty else { return pseudonym }
    return "\(pseudonym) (\(group))"
  }
}
