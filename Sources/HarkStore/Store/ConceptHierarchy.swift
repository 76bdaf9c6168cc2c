// Hierarchical concept labels: a concept may sit under a parent concept
// ("trust" under "services"). The parent is its own column, so the label a
// panel member reads stays the concept's own words.
import Foundation
import GRDB
import HarkTranscripts

/// A live concept in the hierarchy, with its counts and its depth (0 for a
/// concept with no parent).
public struct ConceptNode: Sendable, Equatable {
  public var concept: ConceptSummary
  public var parentID: ConceptID?
  public var depth: Int
  /// Links that have this concept as cause or effect.
  public var links: Int
  /// "services / trust": the labels from the top of the tree down.
  public var path: [String]
}

extension ProjectStore {
  /// Every live concept in tree order: each parent followed by its children,
  /// siblings by label.
  public func conceptTree() throws -> [ConceptNode] {
    let concepts = try self.concepts()
    let (parents, merges, linkCounts) = try pool.read { db in
      var parents: [ConceptID: ConceptID] = [:]
      for concept in try ConceptRecord.placed().fetchAll(db) { parents[concept.id] = concept.parentID }
      var links: [ConceptID: Int] = [:]
      for link in try LinkRecord.fetchAll(db) {
        links[link.causeID, default: 0] += 1
        if link.effectID != link.causeID { links[link.effectID, default: 0] += 1 }
      }
      return (parents, try ConceptMerges.fetch(db), links)
    }
    let live = Dictionary(concepts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var children: [ConceptID?: [ConceptSummary]] = [:]
    var parentOf: [ConceptID: ConceptID] = [:]
    for concept in concepts {
      var parent = parents[concept.id].map(merges.live)
      if let found = parent, found == concept.id || live[found] == nil { parent = nil }
      if let parent { parentOf[concept.id] = parent }
      children[parent, default: []].append(concept)
    }
    var nodes: [ConceptNode] = []
    var placed: Set<ConceptID> = []
    func visit(_ concept: ConceptSummary, depth: Int, path: [String]) {
      guard placed.insert(concept.id).inserted else { return }
      let path = path + [concept.label]
      nodes.append(
        ConceptNode(
          concept: concept, parentID: parentOf[concept.id], depth: depth, links: linkCounts[concept.id] ?? 0,
          path: path))
      for child in (children[concept.id] ?? []).sorted(by: Self.byLabel) {
        visit(child, depth: depth + 1, path: path)
      }
    }
    for root in (children[nil] ?? []).sorted(by: Self.byLabel) { visit(root, depth: 0, path: []) }
    // A cycle can only come from a store edited by hand; its concepts are still listed, at the top.
    for concept in concepts.sorted(by: Self.byLabel) where !placed.contains(concept.id) {
      visit(concept, depth: 0, path: [])
    }
    return nodes
  }

  static func byLabel(_ a: ConceptSummary, _ b: ConceptSummary) -> Bool {
    let order = a.label.localizedCaseInsensitiveCompare(b.label)
    return order == .orderedSame ? a.id < b.id : order == .orderedAscending
  }

  /// Puts a concept under `parent`, or at the top when nil. Refused, storing
  /// nothing, when either is unknown or merged away, or when it would make a
  /// concept its own ancestor.
  public func setConceptParent(_ id: ConceptID, to parent: ConceptID?, actor: String) throws {
    try pool.write { db in
      let current = try Self.liveConcept(db, id)
      if let parent {
        let target = try Self.liveConcept(db, parent)
        guard parent != id else {
          throw HarkError(
            "a concept cannot be its own parent", subject: "concept C\(id)", hint: "Choose another concept")
        }
        var ancestor: ConceptID? = parent
        var seen: Set<ConceptID> = []
        while let step = ancestor, seen.insert(step).inserted {
          if step == id {
            throw HarkError(
              "\"\(target.label)\" sits under \"\(current.label)\": a concept cannot go under its own child",
              subject: "concept C\(id)", hint: "Choose a parent that is not below this concept")
          }
          ancestor = try ConceptID.fetchOne(db, sql: "SELECT parent_id FROM concept WHERE id = ?", arguments: [step])
            .map { try Self.mergedTarget(db, $0) }
        }
      }
      let old = try ConceptID.fetchOne(db, sql: "SELECT parent_id FROM concept WHERE id = ?", arguments: [id])
      try db.execute(sql: "UPDATE concept SET parent_id = ? WHERE id = ?", arguments: [parent, id])
      try Self.log(
        db, actor: actor, subject: .concept(id), action: .setParent, detail: [.from: .id(old), .to: .id(parent)])
    }
  }

  /// A concept that has not been merged away, or an error naming it.
  static func liveConcept(_ db: Database, _ id: ConceptID) throws -> (label: String, key: String) {
    guard let concept = try ConceptRecord.fetchOne(db, key: id) else {
      throw HarkError("no concept C\(id)", hint: "Run `hark concepts` to list them", kind: .notFound)
    }
    if let into = concept.mergedInto {
      throw HarkError(
        "C\(id) was already merged into C\(into)", subject: "concept C\(id)", hint: "Use C\(into) instead",
        kind: .conflict)
    }
    return (concept.label, concept.key)
  }
}
