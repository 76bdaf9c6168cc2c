import ArgumentParser
import Foundation
import HarkMap
import HarkStore
import HarkTranscripts

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the project's concepts, links and quotes for other tools.",
    discussion: """
      json: everything (see docs/export-json.md)
      csv: one row per quote behind each link
      qdpx: a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)
      qdc: the REFI-QDA codebook alone

      The approved map (the accepted links; these formats ignore --links):
      mental-modeler: the weight matrix CSV Mental Modeler imports
      mmp: a Mental Modeler project
      graphml: concepts and links with weight, polarity, confidence, citations and \
      sources as data keys (Gephi, yEd)
      dot: Graphviz DOT
      map-json: the map as JSON

      Each export says what its format does not carry.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, csv, graphml
    case mentalModeler = "mental-modeler"
    case qdpx, qdc
    case mmp, dot
    case mapJSON = "map-json"
  }

  @OptionGroup var project: ProjectOption
  @Option(help: "json, csv, graphml, mental-modeler, qdpx, qdc, mmp, dot or map-json.") var format: Format
  @Option(help: "The file to write.") var output: String
  @Option(help: "Which links: accepted, not-rejected (default) or all.") var links = "not-rejected"

  func run() throws {
    guard let selection = LinkSelection(rawValue: links) else {
      throw ValidationError("--links must be accepted, not-rejected or all")
    }
    let store = try project.open()
    if format == .qdpx || format == .qdc {
      return try RefiQDACommand.export(store, format: format, to: output, links: selection)
    }
    if MapFilesCommand.formats.contains(format) {
      return try MapFilesCommand.export(store, format: format, to: output)
    }
    try Export.write(store, format: format, to: output, links: selection)
    let count = try store.links().filter { selection.includes($0.status) }.count
    print("Wrote \(output) (\(format.rawValue), \(count) links: \(selection.rawValue))")
  }

  static func write(_ store: ProjectStore, format: Format, to output: String, links selection: LinkSelection) throws {
    try checkOutput(output)
    switch format {
    case .qdpx, .qdc: try RefiQDACommand.write(store, format: format, to: output, links: selection)
    case .mentalModeler, .mmp, .graphml, .dot, .mapJSON:
      try MapFilesCommand.write(
        try CognitiveMap.selected(from: store, links: selection), format: format, store: store, to: output)
    case .json: try JSONExport.write(store, to: output, links: selection)
    case .csv:
      try Data(try CSVExport.make(store, links: selection).utf8).write(
        to: URL(fileURLWithPath: output), options: .atomic)
    }
  }

  /// An export goes to a file in a folder that exists.
  static func checkOutput(_ output: String) throws {
    let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: directory) else {
      throw HarkError("the folder does not exist", subject: directory, hint: "Create it first")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
      throw HarkError(
        "is a folder", subject: output, hint: "Give a file name for the export, e.g. \(output)/export.json")
    }
  }
}
