// Reading a .qdpx zip without trusting it: every entry's path is checked before
// anything is read, sizes are checked as declared and counted as unpacked.
import Foundation
import HarkTranscripts
import ZIPFoundation

struct RefiQDAArchive {
  /// project.qde may unpack to at most this many bytes: its element tree takes several
  /// times that in memory.
  static let maximumProjectSize = 64 * 1024 * 1024
  /// Each source text, like a transcript file.
  static let maximumSourceSize = TranscriptReader.maximumFileSize
  /// All the entries Hark reads, together: every source is held in memory until the
  /// import's one transaction commits.
  static let maximumTotalSize = 256 * 1024 * 1024

  let name: String
  private let archive: Archive
  /// Entries by their path in lower case, '\' read as '/'.
  private let entries: [String: Entry]
  let projectEntry: Entry
  private var read = 0

  init(url: URL) throws {
    name = url.lastPathComponent
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw ImportProblem.notFound(name)
    }
    if isFolder.boolValue { throw ImportProblem.isFolder(name) }
    let head = (try? FileHandle(forReadingFrom: url)).map { handle in
      defer { try? handle.close() }
      return (try? handle.read(upToCount: 4)) ?? Data()
    }
    guard let head, head.starts(with: [0x50, 0x4B]),
      let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil)
    else {
      throw HarkError(
        "is not a REFI-QDA project (.qdpx files are zip archives, and this is not one)", subject: name,
        hint: "Export the project again as REFI-QDA (.qdpx) from the program that made it")
    }
    self.archive = archive
    var entries: [String: Entry] = [:]
    var declared: UInt64 = 0
    var projects: [Entry] = []
    for entry in archive {
      let path = entry.path.replacingOccurrences(of: "\\", with: "/")
      let parts = path.split(separator: "/", omittingEmptySubsequences: false)
      if path.hasPrefix("/") || parts.contains("..") || (parts.first?.hasSuffix(":") ?? false) {
        throw HarkError(
          "has an entry whose path leaves the archive (\"\(entry.path)\"), which Hark refuses", subject: name,
          hint: "This file may have been made to harm; export the project again from the program that made it")
      }
      if entry.type == .symlink {
        throw HarkError(
          "has an entry that is a symbolic link (\"\(entry.path)\"), which Hark refuses", subject: name,
          hint: "Export the project again from the program that made it")
      }
      guard entry.type == .file else { continue }
      let isProject = path.lowercased().hasSuffix(".qde")
      let limit = isProject ? Self.maximumProjectSize : Self.maximumSourceSize
      // Only entries Hark may read count; a large picture beside the texts is never unpacked.
      if isProject || path.lowercased().hasSuffix(".txt") {
        if entry.uncompressedSize > UInt64(limit) {
          throw Self.tooLarge(name, entry: entry.path, limit: limit)
        }
        declared += entry.uncompressedSize
      }
      if isProject { projects.append(entry) }
      entries[path.lowercased()] = entry
    }
    if declared > UInt64(Self.maximumTotalSize) {
      throw HarkError(
        "says its texts unpack to \(Self.mebibytes(declared)) MiB, more than the \(Self.maximumTotalSize >> 20) MiB Hark reads from one project",
        subject: name, hint: "Split the project, or export fewer sources at a time")
    }
    self.entries = entries
    // ATLAS.ti names the file after the project; others call it project.qde.
    let preferred = projects.first { $0.path.replacingOccurrences(of: "\\", with: "/").lowercased() == "project.qde" }
    guard let project = preferred ?? (projects.count == 1 ? projects[0] : nil) else {
      throw HarkError(
        projects.isEmpty
          ? "has no project.qde (no .qde file at all), so it is not a REFI-QDA project"
          : "has \(projects.count) .qde files and none is called project.qde, so Hark cannot tell which is the project",
        subject: name, hint: "Export the project again as REFI-QDA (.qdpx)")
    }
    projectEntry = project
  }

  /// The entry at `path` (letter case ignored), or nil.
  func entry(_ path: String) -> Entry? {
    let key = path.replacingOccurrences(of: "\\", with: "/").lowercased()
    return entries[key] ?? key.removingPercentEncoding.flatMap { entries[$0] }
  }

  /// The text file an `internal://NAME` path names: `sources/NAME`, in any letter case
  /// (some tools write `Sources/`), or NAME anywhere in the archive.
  func internalSource(_ file: String) -> Entry? {
    if let found = entry("sources/" + file) ?? entry(file) { return found }
    let wanted = file.lowercased()
    return entries.first { ($0.key as NSString).lastPathComponent == wanted }?.value
  }

  /// Unpacks `entry`, counting the bytes: the size in the directory can lie.
  mutating func data(_ entry: Entry) throws -> Data {
    let limit = entry == projectEntry ? Self.maximumProjectSize : Self.maximumSourceSize
    var data = Data()
    var total = read
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        total += chunk.count
        guard data.count + chunk.count <= limit else {
          throw Self.tooLarge(name, entry: entry.path, limit: limit)
        }
        guard total <= Self.maximumTotalSize else {
          throw HarkError(
            "unpacks to more than the \(Self.maximumTotalSize >> 20) MiB Hark reads from one project", subject: name,
            hint: "Split the project, or export fewer sources at a time")
        }
        data.append(chunk)
      }
    } catch let error as HarkError {
      throw error
    } catch {
      throw HarkError(
        "is damaged: \(entry.path) cannot be unpacked (\(error))", subject: name,
        hint: "Export the project again from the program that made it")
    }
    read = total
    return data
  }

  private static func tooLarge(_ name: String, entry: String, limit: Int) -> HarkError {
    HarkError(
      "has \(entry), which unpacks to more than \(mebibytes(UInt64(limit))) MiB, the most Hark reads for one file",
      subject: name, hint: "Split large sources into smaller ones before exporting")
  }

  static func mebibytes(_ bytes: UInt64) -> String { "\((bytes + (1 << 20) - 1) >> 20)" }
}
