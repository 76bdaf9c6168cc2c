// The researcher's link pages: every link bundle with its quote and source
// counts, one bundle with all its quotes, both filterable by who spoke
// (participant group or attribute), and accepting or rejecting in place.
import Foundation
import HarkStore
import Hummingbird

struct LinkRoutes: Sendable {
  let store: WebStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/links", use: list)
    router.get("/links/:id", use: link)
    router.post("/links/:id/accept") { request, context in
      try await setStatus(request, context: context, to: .accepted)
    }
    router.post("/links/:id/reject") { request, context in
      try await setStatus(request, context: context, to: .rejected)
    }
  }

  func list(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let filter = try Self.filter(request)
    let here = "/links" + Self.query(filter)
    let (links, facets) = try await store.read { store in
      (try store.links(filter: filter), try store.participantFacets())
    }
    let form = FilterForm(filter, facets: facets, action: "/links")
    let page = LinkList(
      action: form.action, filtered: form.filtered, groups: form.groups, attributes: form.attributes,
      hasLinks: !links.isEmpty,
      links: links.map { LinkList.Row($0, href: "/links/\($0.id)" + Self.query(filter)) }, csrf: session.csrf,
      back: here,
      caption: filter.isEmpty
        ? "Link bundles, best supported first" : "Link bundles counting only quotes from \(Self.who(filter))")
    return pages.render("links", title: "Links", context: page, session: session)
  }

  func link(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let id = context.id(as: LinkID.self)
    let filter = try Self.filter(request)
    let (link, quotes, facets) = try await store.read { store in
      let link = try Self.found(id, in: store)
      return (link, try store.evidence(link: link.id, filter: filter), try store.participantFacets())
    }
    let speakers = Set(quotes.compactMap(\.participant)).count + quotes.filter { $0.participant == nil }.count
    let page = LinkPage(
      link, form: FilterForm(filter, facets: facets, action: "/links/\(link.id)"),
      counts: "\(ConceptRoutes.count(quotes.count, "quote")) from \(ConceptRoutes.count(speakers, "source"))"
        + (filter.isEmpty ? "" : ", counting only \(Self.who(filter))"),
      hasQuotes: !quotes.isEmpty,
      quotes: quotes.map { quote in
        LinkPage.Quote(
          quote: quote.quote, speaker: ConceptRoutes.speaker(quote.participant, quote.group),
          document: quote.document, documentID: quote.documentID)
      }, csrf: session.csrf, back: "/links/\(link.id)" + Self.query(filter))
    return pages.render("link", title: "L\(link.id): \(link.cause) → \(link.effect)", context: page, session: session)
  }

  func setStatus(_ request: Request, context: WebContext, to status: LinkStatus) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: LinkID.self)
    let form = try await Form.read(request, context: context)
    try await store.write { store in
      try store.setLinkStatus(try Self.found(id, in: store).id, to: status, actor: researcher.name)
    }
    // Back to the page the button was on, only ever a link page of this site.
    let back = form["back"] ?? ""
    let safe = (back == "/links" || back.hasPrefix("/links?") || back.hasPrefix("/links/")) && !back.contains("//")
    return Pages.redirect(to: safe ? back : "/links")
  }

  // MARK: - Parts

  /// The filter the query names; an attribute not written name=value is refused.
  private static func filter(_ request: Request) throws -> EvidenceFilter {
    // Parsed as a form is: a browser's GET form writes spaces as "+".
    let query = Form.parse(request.uri.query ?? "")
    let group = query["group"].flatMap { $0.isEmpty ? nil : $0 }
    var attribute: ParticipantAttribute?
    if let text = query["attribute"], !text.isEmpty {
      guard let parsed = ParticipantAttribute(parsing: text) else {
        throw WebError(
          .badInput, heading: "This filter does not work",
          message: "Write the participant attribute as name=value, for example “age band=18-24”.", back: "/links",
          backLabel: "All links")
      }
      attribute = parsed
    }
    return EvidenceFilter(group: group, attribute: attribute)
  }

  private static func found(_ id: LinkID?, in store: ProjectStore) throws -> LinkSummary {
    guard let link = try store.links().first(where: { $0.id == id }) else {
      throw WebError.notFound("link", back: "/links", backLabel: "All links")
    }
    return link
  }

  /// "?group=…&attribute=…" for the filter, empty when there is none.
  static func query(_ filter: EvidenceFilter) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    var parts: [String] = []
    if let group = filter.group {
      parts.append("group=" + (group.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
    }
    if let attribute = filter.attribute {
      parts.append("attribute=" + (attribute.text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
    }
    return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
  }

  /// "people in group “carers” with age band=18-24".
  static func who(_ filter: EvidenceFilter) -> String {
    var text = "people"
    if let group = filter.group { text += " in group “\(group)”" }
    if let attribute = filter.attribute { text += " with \(attribute.text)" }
    return text
  }
}
