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
  public static func read(contentsOf url: URL, options: TranscriptReadOptions = .init()) throws
    -> ImportedTranscript
  {
    try readWithBytes(contentsOf: url, options: options).transcript
  }

  /// Reads a transcript and also hands back the file's bytes, read once, so the store can
  /// recognise a file imported before without reading it again.
  public static func readWithBytes(contentsOf url: URL, options: TranscriptReadOptions = .init()) throws
    -> (transcript: ImportedTranscript, bytes: Data)
  {
    let name = url.lastPathComponent
    var format = TranscriptFormat.text
    let data = try ImportFile.data(at: url) { format = try Self.format(ofFileNamed: name) }
    return (try read(data: data, name: name, format: format, options: options), data)
  }

  /// Same from bytes already in memory; `name` is used in errors and for the title fallback.
  public static func read(
    data: Data, name: String, format: TranscriptFormat, options: TranscriptReadOptions = .init()
  ) throws -> ImportedTranscript {
    if format == .docx { return try DocxReader.read(data, name: name) }
    let (text, notes) = try TranscriptText.decodeTranscript(data, name: name, encoding: options.encoding)
    var transcript: ImportedTranscript
    switch format {
    case .text, .markdown:
      transcript = try PlainTextReader.read(
        text, name: name, markdown: format == .markdown, narrator: options.narrator)
    case .webVTT:
      transcript = try WebVTTReader.read(text, name: name)
    case .srt:
      transcript = try SRTReader.read(text, name: name)
    case .docx:
      preconditionFailure("read above")
    }
    transcript.notes = notes + transcript.notes
    if options.narrator != nil, transcript.turns.contains(where: { $0.speaker != options.narrator }),
      !transcript.notes.contains(where: { $0.hasPrefix("no speaker labels") })
    {
      transcript.notes.append("--speaker not used: the file names its speakers")
    }
    return transcript
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

/// What the user told the import about the files, when the files cannot say it themselves.
public struct TranscriptReadOptions: Sendable, Equatable {
  /// The text encoding; nil finds it from the bytes.
  public var encoding: TextEncodingChoice?
  /// The narrator of a transcript without speaker labels; nil names them after the file.
  public var narrator: String?

  public init(encoding: TextEncodingChoice? = nil, narrator: String? = nil) {
    self.encoding = encoding
    self.narrator = narrator
  }
}

/// Reading a file the user named, with errors that say what to do.
package enum ImportFile {
  /// The file's bytes. `check` runs once the file is known to exist and be a file (the
  /// extension check goes there), before a byte is read.
  package static func data(at url: URL, check: () throws -> Void = {}) throws -> Data {
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
