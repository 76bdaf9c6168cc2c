// One rule, written once: a concept merged into another stands for the live
// concept it became. Merges can chain (A into B, then B into C: A stands for
// C); every reader that meets a concept id follows the chain here.
import Foundation
import GRDB

/// Where each merged concept went, read in one go: `live(_:)` answers for any
/// concept id without going back to the store.
public struct ConceptMerges: Sendable, Equatable {
  /// concept id → the concept it was merged into (merged concepts only).
  var mergedInto: [ConceptID: ConceptID]

  /// The merges recorded on these concepts (`mergedInto`); give merged ones too.
  public init(_ concepts: [ConceptSummary]) {
    mergedInto = [:]
    for concept in concepts {
      if let into = concept.mergedInto { mergedInto[concept.id] = into }
    }
  }

  init(mergedInto: [ConceptID: ConceptID]) { self.mergedInto = mergedInto }

  /// The live concept `id` stands for: itself when it was never merged.
  public func live(_ id: ConceptID) -> ConceptID {
    Self.follow(id) { mergedInto[$0] }
  }

  /// The rule itself. `next` gives the concept an id was merged into, or nil
  /// for a live one. A cycle (which no merge makes, as only live concepts
  /// merge) ends at the last concept before it would repeat.
  static func follow(_ id: ConceptID, next: (ConceptID) throws -> ConceptID?) rethrows -> ConceptID {
    var id = id
    var seen: Set<ConceptID> = [id]
    while let into = try next(id), seen.insert(into).inserted { id = into }
    return id
  }

  static func fetch(_ db: Database) throws -> ConceptMerges {
    var mergedInto: [ConceptID: ConceptID] = [:]
    for concept in try ConceptRecord.merged().fetchAll(db) { mergedInto[concept.id] = concept.mergedInto }
    return ConceptMerges(mergedInto: mergedInto)
  }
}

extension ProjectStore {
  /// Every merge in the project, to resolve many concept ids at once.
  func conceptMerges() throws -> ConceptMerges {
    try pool.read { db in try ConceptMerges.fetch(db) }
  }

  /// The live concept `id` became through merges (itself when not merged),
  /// read inside a transaction one step at a time.
  static func mergedTarget(_ db: Database, _ id: ConceptID) throws -> ConceptID {
    let step = try db.cachedStatement(sql: "SELECT merged_into FROM concept WHERE id = ?")
    return try ConceptMerges.follow(id) { try ConceptID.fetchOne(step, arguments: [$0]) }
  }
}
