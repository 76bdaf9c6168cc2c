// A map from another tool written into a project: its concepts, and its links
// as accepted links with the file's weights, each with a recorded decision.
import Foundation
import GRDB
import HarkTranscripts

/// A link of a map being imported: indexes into its list of concept labels.
public struct ImportedMapLink: Sendable, Equatable {
  public var cause: Int
  public var effect: Int
  /// In -1...1: its sign is the polarity, its size the strength.
  public var weight: Double

  public init(cause: Int, effect: Int, weight: Double) {
    self.cause = cause
    self.effect = effect
    self.weight = weight
  }
}

/// What a map import did to the project.
public struct MapImportSummary: Sendable, Equatable {
  public var conceptsAdded = 0
  public var conceptsFound = 0
  public var linksAdded = 0
  public var linksUpdated = 0
}

extension ProjectStore {
  /// Adds the map in one transaction: concepts are matched by their key (a
  /// merged concept stands for the live one it became) or created; each link
  /// becomes accepted with the file's polarity and strength |weight|. Every
  /// concept added and link touched gets an `import` decision naming the
  /// file and format, all at one time. If anything fails the project is left
  /// exactly as it was.
  public func importMap(
    concepts names: [String], links: [ImportedMapLink], file: String, format: String, actor: String
  ) throws -> MapImportSummary {
    try pool.write { db in
      var summary = MapImportSummary()
      let now = Clock.now()
      var ids: [ConceptID] = []
      for name in names {
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = ConceptKey.make(label)
        if let id = try ConceptID.fetchOne(db, sql: "SELECT id FROM concept WHERE key = ?", arguments: [key]) {
          ids.append(try Self.mergedTarget(db, id))
          summary.conceptsFound += 1
        } else {
          try db.execute(
            sql: "INSERT INTO concept(label, key, created_at) VALUES (?, ?, ?)", arguments: [label, key, now])
          let id = ConceptID(db.lastInsertedRowID)
          ids.append(id)
          summary.conceptsAdded += 1
          try Self.log(
            db, at: now, actor: actor, subject: .concept(id), action: .import,
            detail: [.file: .string(file), .format: .string(format), .label: .string(label)])
        }
      }
      for link in links {
        let cause = ids[link.cause]
        let effect = ids[link.effect]
        guard cause != effect else {
          throw HarkError(
            "\"\(names[link.cause])\" and \"\(names[link.effect])\" are the same concept in this project",
            subject: file, hint: "Merge or rename them in the file so that each link joins two different concepts")
        }
        let polarity = link.weight < 0 ? -1 : 1
        let strength = abs(link.weight)
        var detail: DecisionDetail = [
          .file: .string(file), .format: .string(format), .polarity: .integer(polarity), .strength: .number(strength),
        ]
        let id: LinkID
        if let existing = try LinkRecord.between(cause, effect).fetchOne(db) {
          id = existing.id
          detail[.from] = .string(existing.status.rawValue)
          try db.execute(
            sql: "UPDATE link SET status = 'accepted', polarity = ?, strength = ? WHERE id = ?",
            arguments: [polarity, strength, id])
          summary.linksUpdated += 1
        } else {
          try db.cachedStatement(
            sql: """
              INSERT INTO link(cause_id, effect_id, status, polarity, strength, created_at)
              VALUES (?, ?, 'accepted', ?, ?, ?)
              """
          ).execute(arguments: [cause, effect, polarity, strength, now])
          id = LinkID(db.lastInsertedRowID)
          detail[.from] = .string("new")
          summary.linksAdded += 1
        }
        try Self.log(db, at: now, actor: actor, subject: .link(id), action: .import, detail: detail)
      }
      return summary
    }
  }
}
