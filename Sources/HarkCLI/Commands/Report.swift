// `hark map report` (a static HTML report folder) and `hark map picture` (the map as SVG).
import ArgumentParser
import Foundation
import HarkMap
import HarkStore
import HarkTranscripts

struct MapPicture: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "picture",
    abstract: "Draw the approved map (or a matrix CSV) as an SVG picture.",
    discussion: """
      Arrows run from cause to effect: blue with + for positive links, orange-red with − for negative ones, \
      thicker for larger |weight|, dashed when confidence is below 0.5. The layout is fixed for a given map, \
      so drawing the same map twice gives the same file.
      """)
  @OptionGroup var source: MapSource
  @Option(help: ArgumentHelp("Where to write the SVG.", valueName: "file.svg")) var output: String

  func run() throws {
    let map = try source.load()
    try ReportFiles.write(MapSVG.render(map), to: URL(fileURLWithPath: output))
    print("wrote \(output) (\(plural(map.concepts.count, "concept")), \(plural(map.links.count, "link")))")
  }
}

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a static HTML report of the approved map: index.html and map.svg.",
    discussion: """
      The report holds the map picture, the strongest links with their quotes (speakers by pseudonym and \
      group only), the indices, a scenario (the concept with the highest outdegree held at 1, against the \
      steady state) and the sources per participant group per link. It has no JavaScript.
      """)
  @OptionGroup var project: ProjectOption
  @Option(help: ArgumentHelp("The folder to write the report into (made when missing).", valueName: "folder"))
  var output: String

  func run() throws {
    let store = try project.open()
    let map = try CognitiveMap.approved(from: store)
    if map.links.isEmpty {
      throw HarkError(
        "the project has no accepted links, so there is no map to report", subject: project.path,
        hint: "Accept links with `hark links accept L1 L2 …` first")
    }
    let report = try MapReport(map: map, store: store)
    let folder = URL(fileURLWithPath: output)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw HarkError("cannot make the report folder", subject: output, hint: "Choose a folder you can write to")
    }
    try ReportFiles.write(report.svg, to: folder.appendingPathComponent("map.svg"))
    try ReportFiles.write(report.html, to: folder.appendingPathComponent("index.html"))
    print(
      "wrote \(folder.appendingPathComponent("index.html").path) and map.svg "
        + "(\(plural(map.concepts.count, "concept")), \(plural(map.links.count, "link")))")
  }
}

enum ReportFiles {
  /// Writes through a temporary file, so a failed write leaves no half file behind.
  static func write(_ text: String, to url: URL) throws {
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw HarkError(
        "cannot write the file", subject: url.path, hint: "Check that the folder exists and that you can write to it")
    }
  }
}
