// Brings a map from another tool into a project: its concepts, and its links
// as accepted links with the file's weights, each with a recorded decision.

import Foundation
import HarkStore
import HarkTranscripts

public enum MapImport {
  public typealias Summary = MapImportSummary

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

  /// Adds the map to the project in one transaction (`ProjectStore.importMap`):
  /// concepts are matched by their key (a merged concept stands for the one it
  /// became) or created; each link becomes accepted with the file's polarity
  /// and strength |weight|. If anything fails the project is left exactly as it was.
  public static func apply(
    _ map: CognitiveMap, to store: ProjectStore, file: String, format: String, actor: String
  ) throws -> Summary {
    for link in map.links where link.cause == link.effect {
      throw HarkError(
        "the concept \"\(map.concepts[link.cause].name)\" is linked to itself", subject: file,
        hint: "Hark's links join two different concepts; remove that link from the map and import again")
    }
    return try store.importMap(
      concepts: map.concepts.map(\.name),
      links: map.links.map { ImportedMapLink(cause: $0.cause, effect: $0.effect, weight: $0.weight) }, file: file,
      format: format, actor: actor)
  }
}
