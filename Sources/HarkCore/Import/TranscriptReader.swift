import Foundation

/// Reads interview transcripts into normalised text and speaker turns.
///
/// Every reader stores Unicode NFC text with LF line ends and no byte order mark, and gives
/// turn ranges as Unicode scalar offsets into that text. Plain text and Markdown keep the
/// file's own text; WebVTT, SRT and Word documents are rebuilt as one paragraph per turn
/// (`Name: words`), paragraphs separated by a blank line.
///
/// Titles: the first `# ` heading (Markdown), heading-styled paragraph (Word) or the first
/// line or paragraph when it is not a turn; WebVTT uses a `Title:` line in a NOTE block.
/// Otherwise the file name without its extension.
public enum TranscriptReader {
  /// Maximum size of a transcript file we read: 20 MiB (20 × 1024 × 1024 bytes). Larger
  /// files are refused with a suggestion to split them.
  public static let maximumFileSize = 20 * 1024 * 1024

  /// Reads a transcript, choosing the reader by extension (.txt, .md/.markdown, .vtt, .srt, .docx).
  public static func read(contentsOf url: URL) throws -> ImportedTranscript {
    try readWithBytes(contentsOf: url).transcript
  }

  /// Reads a transcript and also hands back the file's bytes, read once, so the store can
  /// recognise a file imported before without reading it again.
  public static func readWithBytes(contentsOf url: URL) throws -> (transcript: ImportedTranscript, bytes: Data) {
    let name = url.lastPathComponent
    var format = TranscriptFormat.text
    let data = try ImportFile.data(at: url) { format = try Self.format(ofFileNamed: name) }
    return (try read(data: data, name: name, format: format), data)
  }

  /// Same from bytes already in memory; `name` is used in errors and for the title fallback.
  public static func read(data: Data, name: String, format: TranscriptFormat) throws
    -> ImportedTranscript
  {
    switch format {
    case .text:
      return try PlainTextReader.read(
        TranscriptText.decode(data, name: name), name: name, markdown: false)
    case .markdown:
      return try PlainTextReader.read(
        TranscriptText.decode(data, name: name), name: name, markdown: true)
    case .webVTT:
      return try WebVTTReader.read(TranscriptText.decode(data, name: name), name: name)
    case .srt:
      return try SRTReader.read(TranscriptText.decode(data, name: name), name: name)
    case .docx:
      return try DocxReader.read(data, name: name)
    }
  }

  /// The format a file name's extension stands for (case-insensitive).
  public static func format(ofFileNamed name: String) throws -> TranscriptFormat {
    let fileExtension = (name as NSString).pathExtension
    switch fileExtension.lowercased() {
    case "txt": return .text
    case "md", "markdown": return .markdown
    case "vtt": return .webVTT
    case "srt": return .srt
    case "docx": return .docx
    default: throw ImportProblem.unsupported(name, fileExtension: fileExtension)
    }
  }

  /// "marcus-homelessness-zoom.vtt" -> "marcus-homelessness-zoom".
  static func titleFromFileName(_ name: String) -> String {
    let stem = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
    return stem.isEmpty ? name : stem
  }
}

/// Reading a file the user named, with errors that say what to do.
enum ImportFile {
  /// The file's bytes. `check` runs once the file is known to exist and be a file (the
  /// extension check goes there), before a byte is read.
  static func data(at url: URL, check: () throws -> Void = {}) throws -> Data {
    let name = url.lastPathComponent
    let path = url.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ImportProblem.notFound(name)
    }
    guard !isDirectory.boolValue else { throw ImportProblem.isFolder(name) }
    try check()
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
      size > TranscriptReader.maximumFileSize
    {
      throw ImportProblem.tooLarge(name, size: size)
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw ImportProblem.unreadable(name, reason: "permission denied")
    }
    do {
      return try Data(contentsOf: url)
    } catch {
      throw ImportProblem.unreadable(name, reason: error.localizedDescription)
    }
  }
}
