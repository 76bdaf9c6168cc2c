// The researcher's link pages: every link bundle with its quote and source
// counts, one bundle with all its quotes, both filterable by who spoke
// (participant group or attribute), and accepting or rejecting in place.
import Foundation
import HarkStore
import Hummingbird

struct LinkRoutes: Sendable {
  let store: ProjectStore
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

  func list(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let filter = try filter(request, session: session)
    let links = try store.links(filter: filter)
    let here = "/links" + Self.query(filter)
    var values = try filterValues(filter, action: "/links")
    values["hasLinks"] = !links.isEmpty
    values["links"] = links.map { link -> [String: Any] in
      var row = ConceptRoutes.linkValues(link)
      row["href"] = "/links/\(link.id)" + Self.query(filter)
      row["canAccept"] = link.status != .accepted
      row["canReject"] = link.status != .rejected
      return row
    }
    values["csrf"] = session.csrf
    values["back"] = here
    values["caption"] =
      filter.isEmpty
      ? "Link bundles, best supported first" : "Link bundles counting only quotes from \(Self.who(filter))"
    return pages.render("links", title: "Links", values: values, session: session)
  }

  func link(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let link = try found(context, session: session)
    let filter = try filter(request, session: session)
    let quotes = try store.evidence(link: link.id, filter: filter)
    var values = try filterValues(filter, action: "/links/\(link.id)")
    for (key, value) in ConceptRoutes.linkValues(link) where key != "quotes" && key != "sources" {
      values[key] = value
    }
    let speakers = Set(quotes.compactMap(\.participant)).count + quotes.filter { $0.participant == nil }.count
    values["counts"] =
      "\(ConceptRoutes.count(quotes.count, "quote")) from \(ConceptRoutes.count(speakers, "source"))"
      + (filter.isEmpty ? "" : ", counting only \(Self.who(filter))")
    values["hasQuotes"] = !quotes.isEmpty
    values["quotes"] = quotes.map { quote -> [String: Any] in
      [
        "quote": quote.quote, "speaker": ConceptRoutes.speaker(quote.participant, quote.group),
        "document": quote.document, "documentID": quote.documentID,
      ]
    }
    values["csrf"] = session.csrf
    values["back"] = "/links/\(link.id)" + Self.query(filter)
    values["canAccept"] = link.status != .accepted
    values["canReject"] = link.status != .rejected
    return pages.render("link", title: "L\(link.id): \(link.cause) → \(link.effect)", values: values, session: session)
  }

  func setStatus(_ request: Request, context: WebContext, to status: LinkStatus) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let link = try found(context, session: session)
    let form = try await Form.read(request, context: context)
    try store.setLinkStatus(link.id, to: status, actor: researcher.name)
    // Back to the page the button was on, only ever a link page of this site.
    let back = form["back"] ?? ""
    let safe = (back == "/links" || back.hasPrefix("/links?") || back.hasPrefix("/links/")) && !back.contains("//")
    return Pages.redirect(to: safe ? back : "/links")
  }

  // MARK: - Parts

  /// The filter the query names; an attribute not written name=value is refused.
  private func filter(_ request: Request, session: SignedIn) throws -> EvidenceFilter {
    // Parsed as a form is: a browser's GET form writes spaces as "+".
    let query = Form.parse(request.uri.query ?? "")
    let group = query["group"].flatMap { $0.isEmpty ? nil : $0 }
    var attribute: ParticipantAttribute?
    if let text = query["attribute"], !text.isEmpty {
      guard let parsed = ParticipantAttribute(parsing: text) else {
        throw PageError(
          pages.problem(
            .badRequest, heading: "This filter does not work",
            message: "Write the participant attribute as name=value, for example “age band=18-24”.", session: session,
            back: "/links", backLabel: "All links"))
      }
      attribute = parsed
    }
    return EvidenceFilter(group: group, attribute: attribute)
  }

  private func filterValues(_ filter: EvidenceFilter, action: String) throws -> [String: Any] {
    let facets = try store.participantFacets()
    return [
      "action": action, "filtered": !filter.isEmpty,
      "groups": facets.groups.map { ["name": $0, "selected": $0 == filter.group] },
      "attributes": facets.attributes.map { ["text": $0.text, "selected": $0 == filter.attribute] },
    ]
  }

  private func found(_ context: WebContext, session: SignedIn) throws -> LinkSummary {
    let id = Int64(context.parameters.get("id") ?? "")
    guard let link = try store.links().first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "No such link", message: "That address names no link.", session: session,
          back: "/links", backLabel: "All links"))
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
