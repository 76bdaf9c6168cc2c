// Brings a map from another tool into a project: its concepts, and its links
// as accepted links with the file's weights, each with a recorded decision.

import Foundation
import GRDB
import HarkCore

public enum MapImport {
  public struct Summary: Sendable, Equatable {
    public var conceptsAdded = 0
    public var conceptsFound = 0
    public var linksAdded = 0
    public var linksUpdated = 0
  }

  /// Reads a Mental Modeler file by its extension: `.mmp` (XML) or `.csv` (matrix).
  public static func read(contentsOf url: URL) throws -> CognitiveMap {
    let name = url.lastPathComponent
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw HarkError(
        FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "the file does not exist", subject: name,
        hint: "Check the path and that you may read the file")
    }
    switch url.pathExtension.lowercased() {
    case "mmp": return try MentalModelerMMP.read(data, file: name)
    case "csv":
      guard let text = String(data: data, encoding: .utf8) else {
        throw HarkError(
          "is not UTF-8 text", subject: name, hint: "Save the matrix again as CSV with the encoding UTF-8")
      }
      return try MentalModelerCSV.read(text, file: name)
    default:
      throw HarkError(
        "is not a map file Hark reads", subject: name,
        hint: "Import a Mental Modeler project (.mmp) or weight matrix (.csv)")
    }
  }

  /// Adds the map to the project in one transaction: concepts are matched by
  /// their key (a merged concept stands for the one it became) or created;
  /// each link becomes accepted with the file's polarity and strength |weight|.
  /// If anything fails the project is left exactly as it was.
  public static func apply(_ map: CognitiveMap, to store: ProjectStore, file: String, format: String) throws -> Summary
  {
    for link in map.links where link.cause == link.effect {
      throw HarkError(
        "the concept \"\(map.concepts[link.cause].name)\" is linked to itself", subject: file,
        hint: "Hark's links join two different concepts; remove that link from the map and import again")
    }
    return try store.pool.write { db in
      var summary = Summary()
      let now = Clock.now()
      var ids: [Int64] = []
      for concept in map.concepts {
        let label = concept.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = ConceptKey.make(label)
        if var id = try Int64.fetchOne(db, sql: "SELECT id FROM concept WHERE key = ?", arguments: [key]) {
          var seen: Set<Int64> = [id]
          while let next = try Int64.fetchOne(db, sql: "SELECT merged_into FROM concept WHERE id = ?", arguments: [id]),
            seen.insert(next).inserted
          {
            id = next
          }
          ids.append(id)
          summary.conceptsFound += 1
        } else {
          try db.execute(
            sql: "INSERT INTO concept(label, key, created_at) VALUES (?, ?, ?)", arguments: [label, key, now])
          let id = db.lastInsertedRowID
          ids.append(id)
          summary.conceptsAdded += 1
          try decide(db, at: now, subject: "concept:\(id)", detail: ["file": file, "format": format, "label": label])
        }
      }
      for link in map.links {
        let cause = ids[link.cause]
        let effect = ids[link.effect]
        guard cause != effect else {
          throw HarkError(
            "\"\(map.concepts[link.cause].name)\" and \"\(map.concepts[link.effect].name)\" are the same concept in this project",
            subject: file, hint: "Merge or rename them in the file so that each link joins two different concepts")
        }
        let polarity = link.weight < 0 ? -1 : 1
        let strength = abs(link.weight)
        var detail: [String: Any] = ["file": file, "format": format, "polarity": polarity, "strength": strength]
        let id: Int64
        if let row = try Row.fetchOne(
          db.cachedStatement(sql: "SELECT id, status FROM link WHERE cause_id = ? AND effect_id = ?"),
          arguments: [cause, effect])
        {
          id = row["id"]
          detail["from"] = row["status"] as String
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
          id = db.lastInsertedRowID
          detail["from"] = "new"
          summary.linksAdded += 1
        }
        try decide(db, at: now, subject: "link:\(id)", detail: detail)
      }
      return summary
    }
  }

  /// One time for the whole import: its decisions were taken together.
  private static func decide(_ db: Database, at now: String, subject: String, detail: [String: Any]) throws {
    let json = try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])
    // Prepared once and reused: an import of 10,000 links writes 10,000 decisions.
    try db.cachedStatement(
      sql: "INSERT INTO decision(at, actor, subject, action, detail) VALUES (?, ?, ?, 'import', ?)"
    )
    .execute(arguments: [now, Actor.current, subject, String(decoding: json, as: UTF8.self)])
  }
}
