// The fuzzy cognitive map every map command works on: concepts and signed,
// weighted links, whether they come from a project's approved links or from
// a file another tool wrote.
import HarkStore

/// A fuzzy cognitive map: concepts and weighted cause → effect links.
public struct CognitiveMap: Sendable, Equatable {
  /// One concept of the map.
  public struct Concept: Sendable, Equatable {
    public var name: String
    /// The concept's id in the project it came from, if any.
    public var projectID: ConceptID?
    /// The group another tool put the concept in (a Mental Modeler concept
    /// group), if any.
    public var group: String?

    public init(name: String, projectID: ConceptID? = nil, group: String? = nil) {
      self.name = name
      self.projectID = projectID
      self.group = group
    }
  }

  /// One link: `cause` and `effect` index `concepts`; the sign of `weight`
  /// is the polarity.
  public struct Link: Sendable, Equatable {
    public var cause: Int
    public var effect: Int
    /// −1 … 1.
    public var weight: Double
    /// How sure the evidence makes us, 0 … 1 (drawn dashed when low).
    public var confidence: Double
    /// Pieces of evidence (quotes) behind the link.
    public var citations: Int
    /// Distinct sources (participants, or documents where no participant is known).
    public var sources: Int
    /// The link's id in the project it came from, if any.
    public var projectID: LinkID?

    public init(
      cause: Int, effect: Int, weight: Double, confidence: Double = 1, citations: Int = 0, sources: Int = 0,
      projectID: LinkID? = nil
    ) {
      self.cause = cause
      self.effect = effect
      self.weight = weight
      self.confidence = confidence
      self.citations = citations
      self.sources = sources
      self.projectID = projectID
    }
  }

  public var concepts: [Concept]
  public var links: [Link]

  public init(concepts: [Concept], links: [Link]) {
    self.concepts = concepts
    self.links = links
  }
}
