// `hark map`: numbers, scenarios, pictures and reports of the approved map or a matrix file.
import ArgumentParser
import Foundation
import HarkMap
import HarkStore
import HarkTranscripts

struct MapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "map",
    abstract:
      "Indices, \"what if\" scenarios, pictures and reports of the approved map (or a Mental Modeler matrix CSV).",
    subcommands: [
      MapStats.self, MapSimulate.self, MapPathsCommand.self, MapVoicesCommand.self, MapPicture.self, Report.self,
    ])
}

/// Where a map command's map comes from: the project's accepted links, or a
/// Mental Modeler matrix CSV given with --matrix.
package struct MapSource: ParsableArguments {
  @OptionGroup var project: ProjectOption
  @Option(
    help: ArgumentHelp(
      "A Mental Modeler matrix CSV to use instead of the project's approved map.", valueName: "file.csv"))
  var matrix: String?

  package init() {}

  package func load() throws -> CognitiveMap {
    if let matrix {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: matrix))
      } catch {
        throw HarkError("cannot read the file", subject: matrix, hint: "Check the path given to --matrix")
      }
      return try MentalModelerCSV.read(String(decoding: data, as: UTF8.self), file: matrix)
    }
    let map = try CognitiveMap.approved(from: try project.open())
    if map.links.isEmpty {
      throw HarkError(
        "the project has no accepted links, so there is no map yet", subject: project.path,
        hint: "Accept links with `hark links accept L1 L2 …`, or give a matrix file with --matrix")
    }
    return map
  }
}

/// Numbers printed for people: short, and never "-0.000".
func mapNumber(_ value: Double, _ digits: Int = 3) -> String {
  let text = String(format: "%.\(digits)f", value)
  return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
}

/// A JSON string literal.
package func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

struct MapStats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Per concept indegree, outdegree, centrality and type; per map counts, density, complexity, hierarchy.",
    discussion: """
      Degrees are weighted: the sum of |weight| of a concept's incoming or outgoing links. \
      A transmitter has only outgoing links, a receiver only incoming ones, an ordinary concept both. \
      Density is links / (n(n−1)) for n concepts; complexity is receivers / transmitters; \
      the hierarchy index is MacDonald's (1983) on the weighted outdegrees (0 democratic … 1 hierarchical).
      """)
  @OptionGroup var source: MapSource
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    let map = try source.load()
    let indices = MapIndices(map)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(indices), as: UTF8.self))
      return
    }
    print(MapStatsText.render(indices))
  }
}

enum MapStatsText {
  static func render(_ indices: MapIndices) -> String {
    let complexity =
      indices.complexity.map {
        "\(mapNumber($0)) (\(plural(indices.receivers, "receiver")) / \(plural(indices.transmitters, "transmitter")))"
      }
      ?? "none (no transmitter; \(plural(indices.receivers, "receiver")))"
    var lines = [
      "concepts    \(indices.concepts)",
      "links       \(indices.links)",
      "components  \(indices.components) (weakly connected)",
      "density     \(mapNumber(indices.density)) (links / (n(n−1)))",
      "complexity  \(complexity)",
      "hierarchy   \(mapNumber(indices.hierarchy)) (MacDonald 1983, weighted outdegree)",
      "",
      "concept" + String(repeating: " ", count: 24) + " type         in     out    centrality",
    ]
    let ranked = indices.perConcept.enumerated().sorted {
      ($0.element.centrality, $1.offset) > ($1.element.centrality, $0.offset)
    }
    for (_, concept) in ranked {
      lines.append(
        "\(Terminal.pad(Terminal.clip(concept.name, 30), 31)) \(Terminal.pad(concept.type.rawValue, 12)) \(Terminal.pad(mapNumber(concept.indegree), 6)) \(Terminal.pad(mapNumber(concept.outdegree), 6)) \(mapNumber(concept.centrality))"
      )
    }
    return lines.joined(separator: "\n")
  }
}
