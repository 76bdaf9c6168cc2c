// What the concept templates read: the tree, one concept, and the split form.
import HarkStore
import HarkTranscripts

/// A link as the concept pages list it.
struct ConceptLink: Sendable {
  let id: LinkID
  let cause: String
  let effect: String
  let polarity: String
  let status: String
  let quotes: String
  let sources: String

  init(_ link: LinkSummary) {
    id = link.id
    cause = link.cause
    effect = link.effect
    polarity = link.polarity < 0 ? "negative" : "positive"
    status = link.status.rawValue
    quotes = ConceptRoutes.count(link.citations, "quote")
    sources = ConceptRoutes.count(link.sources, "source")
  }
}

extension ConceptRoutes {
  /// "concepts": the concept tree.
  struct Tree: PageContext {
    /// Every node sets hasChildren and children: the partial would otherwise
    /// find its parent's values and recurse for ever.
    struct Node {
      let id: ConceptID
      let label: String
      let links: String
      let mentions: String
      let documents: String
      let hasChildren: Bool
      let children: [Node]
    }
    /// A merge or parent the labels suggest (`ConceptSuggestions`), with a
    /// button that applies it through the concept's own form.
    struct Suggestion {
      let id: ConceptID
      let label: String
      let otherID: ConceptID
      let otherLabel: String
      let reason: String
      let merge: Bool
    }
    let hasConcepts: Bool
    let concepts: [Node]
    let csrf: String
    let hasSuggestions: Bool
    let suggestions: [Suggestion]
  }

  /// "concept": one concept with its links and the forms that change it.
  struct ConceptPage: PageContext, Sendable {
    struct Choice: Sendable {
      let id: ConceptID
      let label: String
      var selected = false
    }
    let id: ConceptID
    let label: String
    let path: String
    let hasParent: Bool
    let csrf: String
    let counts: String
    let mergeTargets: [Choice]
    let parents: [Choice]
    let hasLinks: Bool
    let links: [ConceptLink]
    /// The concept this one is the opposite of.
    let opposite: Choice?
  }

  /// "concept-split": the two labels and, for each link and mention, which side.
  struct SplitForm: PageContext, Sendable {
    struct Side: Sendable {
      let value: String
      let label: String
      let checked: Bool
    }
    struct Link: Sendable {
      let id: LinkID
      let cause: String
      let effect: String
      let quotes: String
      let sides: [Side]

      init(_ link: ConceptLink, sides: [Side]) {
        id = link.id
        cause = link.cause
        effect = link.effect
        quotes = link.quotes
        self.sides = sides
      }
    }
    struct Mention: Sendable {
      let id: MentionID
      let quote: String
      let speaker: String
      let document: String
      let sides: [Side]
    }
    let id: ConceptID
    let label: String
    let csrf: String
    let first: String
    let second: String
    let hasLinks: Bool
    let links: [Link]
    let hasMentions: Bool
    let mentions: [Mention]
    let problem: String?
  }
}
