// REFI-QDA codebook import: a .qdc from another tool adds its codes (with
// their hierarchy, descriptions and colours) to the project, in one
// transaction or not at all. A .qdc is one XML file whose root is <CodeBook>.
import Foundation
import HarkStore
import HarkTranscripts

public enum RefiQDACodebookImport {
  /// A codebook is a list of codes; anything this large is not one.
  static let largestFile = 64 * 1024 * 1024

  @discardableResult
  public static func importCodebook(at path: String, into store: ProjectStore, actor: String) throws
    -> RefiQDAImportSummary
  {
    let url = URL(fileURLWithPath: path)
    let name = url.lastPathComponent
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    guard let size else {
      throw HarkError("the file does not exist or cannot be read", subject: name, hint: "Check the path")
    }
    guard size <= largestFile else {
      throw HarkError(
        "is \(size / 1024 / 1024) MB, more than a codebook (the limit is \(largestFile / 1024 / 1024) MB)",
        subject: name, hint: "Check that this is the REFI-QDA codebook (.qdc) you meant; Hark changed nothing")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw HarkError("cannot be read", subject: name, hint: "Check that you may read the file")
    }
    let root = try RefiXML.parse(data, subject: name)
    guard root.name == "CodeBook" else {
      throw HarkError(
        "has <\(root.name)> where a REFI-QDA codebook starts with <CodeBook>", subject: name, line: root.line,
        hint: "Export the codebook again as a .qdc, or import a whole project as .qdpx")
    }
    let project = RefiProject(codebook: root, name: name)
    return try store.importExchangeProject(project.plain, from: name, actor: actor)
  }
}

extension RefiProject {
  /// A project holding only the codebook's codes; the rest stays empty.
  init(codebook root: RefiXML.Element, name: String) {
    qdeName = name
    codes = Self.codes(in: root.child("Codes"))
    let sets = root.child("Sets")?.children.count ?? 0
    if sets > 0 { notCarried.append("\(sets) sets: left out") }
  }
}
