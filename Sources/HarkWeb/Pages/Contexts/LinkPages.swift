// What the link templates read: the list of link bundles and one bundle,
// each with the evidence filter's form ("evidence-filter").
import HarkStore
import HarkTranscripts

/// The "evidence-filter" partial's values, copied into each page that shows it.
struct FilterForm {
  struct Group {
    let name: String
    let selected: Bool
  }
  struct Attribute {
    let text: String
    let selected: Bool
  }
  let action: String
  let filtered: Bool
  let groups: [Group]
  let attributes: [Attribute]

  init(_ filter: EvidenceFilter, facets: ParticipantFacets, action: String) {
    self.action = action
    filtered = !filter.isEmpty
    groups = facets.groups.map { Group(name: $0, selected: $0 == filter.group) }
    attributes = facets.attributes.map { Attribute(text: $0.text, selected: $0 == filter.attribute) }
  }
}

extension LinkRoutes {
  /// "links": every bundle, best supported first.
  struct LinkList: PageContext {
    struct Row {
      let id: LinkID
      let cause: String
      let effect: String
      let polarity: String
      let status: String
      let citations: Int
      let sourceCount: Int
      let href: String
      let canAccept: Bool
      let canReject: Bool

      init(_ link: LinkSummary, href: String) {
        id = link.id
        cause = link.cause
        effect = link.effect
        polarity = link.polarity < 0 ? "negative" : "positive"
        status = link.status.rawValue
        citations = link.citations
        sourceCount = link.sources
        self.href = href
        canAccept = link.status != .accepted
        canReject = link.status != .rejected
      }
    }
    let action: String
    let filtered: Bool
    let groups: [FilterForm.Group]
    let attributes: [FilterForm.Attribute]
    let hasLinks: Bool
    let links: [Row]
    let csrf: String
    let back: String
    let caption: String
  }

  /// "link": one bundle with its quotes.
  struct LinkPage: PageContext {
    struct Quote {
      let quote: String
      let speaker: String
      let document: String
      let documentID: DocumentID
    }
    let id: LinkID
    let cause: String
    let effect: String
    let sign: String
    let polarity: String
    let status: String
    let action: String
    let filtered: Bool
    let groups: [FilterForm.Group]
    let attributes: [FilterForm.Attribute]
    let counts: String
    let hasQuotes: Bool
    let quotes: [Quote]
    let csrf: String
    let back: String
    let canAccept: Bool
    let canReject: Bool

    init(
      _ link: LinkSummary, form: FilterForm, counts: String, hasQuotes: Bool, quotes: [Quote], csrf: String,
      back: String
    ) {
      id = link.id
      cause = link.cause
      effect = link.effect
      sign = link.polarity < 0 ? "−" : "+"
      polarity = link.polarity < 0 ? "negative" : "positive"
      status = link.status.rawValue
      action = form.action
      filtered = form.filtered
      groups = form.groups
      attributes = form.attributes
      self.counts = counts
      self.hasQuotes = hasQuotes
      self.quotes = quotes
      self.csrf = csrf
      self.back = back
      canAccept = link.status != .accepted
      canReject = link.status != .rejected
    }
  }
}
