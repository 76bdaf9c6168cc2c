// Who stands behind each link of a map: the sources of its evidence, with the
// participant group each belongs to.

import HarkStore

/// One source of evidence: a participant, or a document where no participant is known.
public struct EvidenceSource: Hashable, Sendable, Comparable {
  public var name: String
  /// The participant's group; `EvidenceSource.noGroup` when none is known.
  public var group: String

  public static let noGroup = "(no group)"

  public init(name: String, group: String) {
    self.name = name
    self.group = group.isEmpty ? EvidenceSource.noGroup : group
  }

  public static func < (a: EvidenceSource, b: EvidenceSource) -> Bool {
    (a.name, a.group) < (b.name, b.group)
  }
}

/// The sources behind each link of one map, parallel to `map.links`.
public struct LinkSources: Sendable, Equatable {
  public var byLink: [Set<EvidenceSource>]

  public init(byLink: [Set<EvidenceSource>]) {
    self.byLink = byLink
  }

  /// Reads the evidence of the map's links from the project. A link without a
  /// project id (from a file) has no sources.
  public static func load(for map: CognitiveMap, from store: ProjectStore) throws -> LinkSources {
    var byID: [LinkID: Set<EvidenceSource>] = [:]
    let wanted = Set(map.links.compactMap(\.projectID))
    if !wanted.isEmpty {
      for evidence in try store.evidence() where wanted.contains(evidence.linkID) {
        let source =
          evidence.participant.map { EvidenceSource(name: $0, group: evidence.group ?? "") }
          ?? EvidenceSource(name: "document: \(evidence.document)", group: "")
        byID[evidence.linkID, default: []].insert(source)
      }
    }
    return LinkSources(byLink: map.links.map { link in link.projectID.flatMap { byID[$0] } ?? [] })
  }
}
