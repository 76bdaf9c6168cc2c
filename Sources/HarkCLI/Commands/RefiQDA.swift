// `hark export --format qdpx|qdc` and `hark import FILE.qdpx|FILE.qdc`: REFI-QDA exchange
// with NVivo, ATLAS.ti, MAXQDA and QualCoder, and what each direction leaves behind.
import Foundation
import HarkExchange
import HarkStore
import HarkTranscripts

enum RefiQDACommand {
  /// Writes the file and prints what was written and what REFI-QDA could not carry.
  static func export(_ store: ProjectStore, format: Export.Format, to output: String, links: LinkSelection) throws {
    let summary = try write(store, format: format, to: output, links: links)
    if format == .qdc {
      print("Wrote \(output) (qdc: \(summary.codes) codes)")
    } else {
      print(
        "Wrote \(output) (qdpx: \(summary.sources) sources, \(summary.codes) codes, \(summary.codings) codings, "
          + "\(summary.cases) cases, \(summary.users) users, \(summary.notes) notes; links: \(links.rawValue))")
    }
    if !summary.notCarried.isEmpty {
      print("Not carried as REFI-QDA items:")
      for line in summary.notCarried { print("  " + line) }
    }
  }

  @discardableResult
  static func write(_ store: ProjectStore, format: Export.Format, to output: String, links: LinkSelection) throws
    -> RefiQDAExportSummary
  {
    let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: directory) else {
      throw HarkError("the folder does not exist", subject: directory, hint: "Create it first")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
      throw HarkError(
        "is a folder", subject: output,
        hint: "Give a file name for the export, e.g. \(output)/project.\(format.rawValue)")
    }
    return format == .qdc
      ? try RefiQDAExport.writeCodebook(store, to: output)
      : try RefiQDAExport.writeProject(store, to: output, links: links)
  }

  static func importCodebook(_ store: ProjectStore, from file: String) throws {
    let summary = try RefiQDACodebookImport.importCodebook(at: file, into: store, actor: DecisionActor.unannounced)
    let codes = summary.codesAdded + summary.codesReused
    print(
      "Imported \(URL(fileURLWithPath: file).lastPathComponent) (REFI-QDA codebook): "
        + "\(codes) \(codes == 1 ? "code" : "codes")"
        + (summary.codesReused > 0 ? " (\(summary.codesReused) already in the project)" : ""))
    if !summary.notCarried.isEmpty {
      print("Not carried into Hark:")
      for line in summary.notCarried { print("  " + line) }
    }
  }

  static func importProject(_ store: ProjectStore, from file: String) throws {
    let summary = try RefiQDAImport.importProject(at: file, into: store, actor: DecisionActor.unannounced)
    func already(_ count: Int) -> String { count > 0 ? " (\(count) already in the project)" : "" }
    print(
      "Imported \(URL(fileURLWithPath: file).lastPathComponent): \(summary.documents) documents, "
        + "\(summary.codesAdded + summary.codesReused) codes\(already(summary.codesReused)), \(summary.codings) codings, "
        + "\(summary.participantsAdded + summary.participantsKept) participants\(already(summary.participantsKept)), "
        + "\(summary.notes) notes")
    if !summary.notCarried.isEmpty {
      print("Not carried into Hark:")
      for line in summary.notCarried { print("  " + line) }
    }
  }
}
