// Map files on the command line: `hark export --format
// mental-modeler|mmp|graphml|dot|map-json`, `hark import` of Mental Modeler
// files, `hark map paths` and `hark map voices`.

import ArgumentParser
import Foundation
import HarkMap
import HarkStore
import HarkTranscripts

enum MapFilesCommand {
  /// Export formats written from the approved map (accepted links only) rather than from a link selection.
  static let formats: Set<Export.Format> = [.mentalModeler, .mmp, .graphml, .dot, .mapJSON]

  /// Writes the approved map, says what was written and what the format leaves out.
  static func export(_ store: ProjectStore, format: Export.Format, to output: String) throws {
    let map = try CognitiveMap.approved(from: store)
    if map.links.isEmpty {
      throw HarkError(
        "the project has no accepted links, so there is no map to export", subject: store.path,
        hint: "Accept links with `hark links accept L1 L2 …`, then export again")
    }
    try Export.checkOutput(output)
    try write(map, format: format, store: store, to: output)
    print(
      "Wrote \(output) (\(format.rawValue), approved map: \(map.concepts.count) concepts, \(map.links.count) links)")
    print("Not carried in \(format.rawValue):")
    for line in notCarried(format) { print("  " + line) }
  }

  /// What each map format cannot hold; every one leaves out the evidence itself.
  static func notCarried(_ format: Export.Format) -> [String] {
    let evidence = "quotes, participants, panel votes and decisions (the map carries their result, not them)"
    switch format {
    case .mentalModeler:
      return [
        "confidence, citations and sources of each link (a matrix holds one weight per cause and effect)",
        "link and concept ids", evidence,
      ]
    case .mmp:
      return [
        "confidence beyond Mental Modeler's whole steps 0 … 3",
        "citations and sources as numbers (written as each relationship's note)", "link and concept ids",
        "concept groups after the fifth (Mental Modeler has groups 0 … 5; 0 is for concepts with none)",
        "scenarios (Hark keeps none; run them with `hark map simulate`)", evidence,
      ]
    case .dot:
      return [
        "confidence as a number (links below \(MapNumber.text(MapDOT.lowConfidence)) are drawn dashed)",
        "citations and sources", evidence,
      ]
    default:
      return [evidence]
    }
  }

  /// Writes `map` in a map format; .mmp and DOT take their title from the project's file name.
  static func write(_ map: CognitiveMap, format: Export.Format, store: ProjectStore, to output: String) throws {
    let title = URL(fileURLWithPath: store.path).deletingPathExtension().lastPathComponent
    let text: String
    switch format {
    case .mentalModeler: text = MentalModelerCSV.write(map)
    case .mmp: text = MentalModelerMMP.write(map, title: title)
    case .graphml: text = MapGraphML.write(map)
    case .dot: text = MapDOT.write(map, title: title)
    default: text = MapJSON.write(map)
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
  }

  /// Whether `hark import` treats a file with this extension as a map.
  static func isMapFile(_ path: String) -> Bool {
    ["mmp", "csv"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
  }

  static func importMap(_ store: ProjectStore, from path: String) throws {
    let url = URL(fileURLWithPath: path)
    let isProject = url.pathExtension.lowercased() == "mmp"
    let map = try MapImport.read(contentsOf: url)
    let summary = try MapImport.apply(
      map, to: store, file: url.lastPathComponent, format: isProject ? "mmp" : "mental-modeler-csv",
      actor: DecisionActor.current)
    print(
      "\(url.lastPathComponent) (Mental Modeler \(isProject ? "project" : "matrix")): "
        + "\(summary.conceptsAdded) concepts added, \(summary.conceptsFound) already in the project; "
        + "\(summary.linksAdded) links added and \(summary.linksUpdated) updated, all accepted")
  }

  /// The approved map and who stands behind each link.
  static func load(_ project: ProjectOption) throws -> (CognitiveMap, LinkSources) {
    let store = try project.open()
    let map = try CognitiveMap.approved(from: store)
    if map.links.isEmpty {
      throw HarkError(
        "the project has no accepted links, so there is no map yet", subject: project.path,
        hint: "Accept links with `hark links accept L1 L2 …`")
    }
    return (map, try LinkSources.load(for: map, from: store))
  }

  static func linkName(_ map: CognitiveMap, _ index: Int) -> String {
    let link = map.links[index]
    let id = link.projectID.map { "L\($0)  " } ?? ""
    return "\(id)\(map.concepts[link.cause].name) → \(map.concepts[link.effect].name)"
  }
}

struct MapPathsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "paths",
    abstract: "Chains of accepted links from one concept to another.",
    discussion: """
      --same-source keeps only chains that one source (a participant, or a document where no \
      participant is known) told in full: each link of the chain has evidence from that source.
      """)

  @OptionGroup var project: ProjectOption
  @Argument(help: "The concept the chains start from.") var from: String
  @Argument(help: "The concept the chains end at.") var to: String
  @Option(help: "The most links in a chain.") var maxSteps = 3
  @Flag(help: "Only chains one source told in full.") var sameSource = false

  func validate() throws {
    guard (1...12).contains(maxSteps) else { throw ValidationError("--max-steps must be from 1 to 12") }
  }

  func run() throws {
    let (map, sources) = try MapFilesCommand.load(project)
    let start = try MapPaths.concept(named: from, in: map)
    let end = try MapPaths.concept(named: to, in: map)
    let paths = MapPaths.find(
      in: map, from: start, to: end, maxSteps: maxSteps, sources: sources, sameSource: sameSource)
    let names = "from \"\(map.concepts[start].name)\" to \"\(map.concepts[end].name)\" within \(maxSteps) steps"
    let told = sameSource ? " told in full by one source" : ""
    guard !paths.isEmpty else {
      print("No chains \(names)\(told)")
      return
    }
    print("\(paths.count) \(paths.count == 1 ? "chain" : "chains") \(names)\(told):")
    for path in paths {
      let chain = path.concepts.map { map.concepts[$0].name }.joined(separator: " → ")
      let who =
        path.sharedSources.isEmpty
        ? "no one source told all of it" : "told in full by \(path.sharedSources.map(\.name).joined(separator: ", "))"
      print("  \(chain)  (weight \(MapNumber.signed((path.weight * 1000).rounded() / 1000)); \(who))")
    }
  }
}

struct MapVoicesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "voices",
    abstract: "How many sources from each participant group stand behind each link and concept.",
    discussion: """
      Links whose sources all come from one group are flagged. --group G prints the map as \
      that group tells it: the links with at least one source from G, counting G's sources only.
      """)

  @OptionGroup var project: ProjectOption
  @Option(help: "Show the map as this participant group tells it.") var group: String?
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    let (map, sources) = try MapFilesCommand.load(project)
    let balance = VoiceBalance(map: map, sources: sources)
    if let group {
      guard balance.groups.contains(group) else {
        throw HarkError(
          "no source behind the approved map belongs to the group \"\(group)\"", subject: project.path,
          hint: "Groups behind the map: \(balance.groups.joined(separator: ", "))")
      }
      let (filtered, _) = VoiceBalance.filter(map, sources: sources, group: group)
      if json {
        print(MapJSON.write(filtered), terminator: "")
        return
      }
      print("The map as \(group) tell it: \(filtered.concepts.count) concepts, \(filtered.links.count) links")
      for index in filtered.links.indices {
        let link = filtered.links[index]
        print(
          "  \(MapFilesCommand.linkName(filtered, index))  "
            + "(weight \(MapNumber.signed(link.weight)), \(link.sources) \(link.sources == 1 ? "source" : "sources"))")
      }
      return
    }
    if json {
      print(Self.json(map, balance), terminator: "")
      return
    }
    print(
      "Groups: \(balance.groups.isEmpty ? "none (no link has evidence from a participant)" : balance.groups.joined(separator: ", "))"
    )
    print("Links")
    for row in balance.links {
      let flag = row.restsOnOneGroup ? "  [one group only]" : ""
      print("  \(MapFilesCommand.linkName(map, row.index))  \(Self.counts(row))\(flag)")
    }
    print("Concepts")
    for row in balance.concepts {
      let id = map.concepts[row.index].projectID.map { "C\($0)  " } ?? ""
      print("  \(id)\(map.concepts[row.index].name)  \(Self.counts(row))")
    }
    let one = balance.links.filter(\.restsOnOneGroup).count
    print("\(one) of \(balance.links.count) links rest on one group only")
  }

  static func counts(_ row: VoiceBalance.Row) -> String {
    if row.sourcesByGroup.isEmpty { return "no sources" }
    return row.sourcesByGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
  }

  static func json(_ map: CognitiveMap, _ balance: VoiceBalance) -> String {
    func groups(_ row: VoiceBalance.Row) -> String {
      "{"
        + row.sourcesByGroup.sorted { $0.key < $1.key }.map { "\(MapJSON.string($0.key)): \($0.value)" }
        .joined(separator: ", ") + "}"
    }
    var out = "{\n  \"groups\": [\(balance.groups.map(MapJSON.string).joined(separator: ", "))],\n  \"links\": [\n"
    out += balance.links.map { row in
      let link = map.links[row.index]
      return "    {\"id\": \(MapJSON.string(link.projectID.map { "L\($0)" } ?? "")), "
        + "\"cause\": \(MapJSON.string(map.concepts[link.cause].name)), "
        + "\"effect\": \(MapJSON.string(map.concepts[link.effect].name)), "
        + "\"sources\": \(groups(row)), \"oneGroupOnly\": \(row.restsOnOneGroup)}"
    }.joined(separator: ",\n")
    out += "\n  ],\n  \"concepts\": [\n"
    out += balance.concepts.map { row in
      let concept = map.concepts[row.index]
      return "    {\"id\": \(MapJSON.string(concept.projectID.map { "C\($0)" } ?? "")), "
        + "\"name\": \(MapJSON.string(concept.name)), \"sources\": \(groups(row))}"
    }.joined(separator: ",\n")
    out += "\n  ]\n}\n"
    return out
  }
}
