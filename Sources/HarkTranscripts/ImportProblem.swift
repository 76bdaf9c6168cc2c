// Every message the import readers show a user, kept together so they read alike.

package enum ImportProblem {
  package static func notFound(_ name: String) -> HarkError {
    HarkError(
      "the file does not exist", subject: name,
      hint: "Check the path and the spelling of the file name")
  }

  package static func isFolder(_ name: String) -> HarkError {
    HarkError(
      "is a folder, not a file", subject: name, hint: "Give the path of one transcript file")
  }

  static func unreadable(_ name: String, reason: String) -> HarkError {
    HarkError(
      "cannot be read (\(reason))", subject: name,
      hint: "Check that you have permission to read the file, or copy it somewhere you do")
  }

  static func empty(_ name: String) -> HarkError {
    HarkError(
      "the file is empty", subject: name,
      hint: "Check that this is the right file, or export it again")
  }

  static func blank(_ name: String) -> HarkError {
    HarkError(
      "the file has no text, only spaces and blank lines", subject: name,
      hint: "Check that this is the right file, or export it again")
  }

  static func binary(_ name: String) -> HarkError {
    HarkError(
      "looks like a binary file, not a transcript", subject: name,
      hint:
        "Export the transcript as plain text (.txt, UTF-8) or another supported format and import that file"
    )
  }

  static func zipAsText(_ name: String) -> HarkError {
    HarkError(
      "looks like a binary file, not a transcript", subject: name,
      hint: "It is a zip archive; if it is a Word document, give it the .docx extension")
  }

  static func utf16(_ name: String) -> HarkError {
    HarkError(
      "is saved as UTF-16 text, but Hark reads UTF-8", subject: name,
      hint: "Open it in a text editor and save it again with the encoding UTF-8")
  }

  static func invalidUTF8(_ name: String, line: Int) -> HarkError {
    HarkError(
      "this line has bytes that are not valid UTF-8 text", subject: name, line: line,
      hint:
        "Give the file's encoding with --encoding (\(TextEncoding.acceptedNames)), or save it again as UTF-8")
  }

  static func invalidText(_ name: String, line: Int?, encoding: TextEncoding) -> HarkError {
    HarkError(
      "\(line == nil ? "the file" : "this line") is not valid \(encoding.displayName) text", subject: name,
      line: line,
      hint: "Give the file's encoding with --encoding (\(TextEncoding.acceptedNames)), or save it again as UTF-8")
  }

  static func undefinedInWindows1252(_ name: String, line: Int, byte: UInt8) -> HarkError {
    let hex = String(byte, radix: 16, uppercase: true)
    return HarkError(
      "this line has the byte 0x\(hex), which is no character in Windows-1252", subject: name, line: line,
      hint: "If the file is Latin-1 (ISO 8859-1), give --encoding latin-1; otherwise save it again as UTF-8")
  }

  static func tooLarge(_ name: String, size: Int) -> HarkError {
    HarkError(
      "is \(mebibytes(size)) MiB, more than the \(mebibytes(TranscriptReader.maximumFileSize)) MiB limit",
      subject: name, hint: "Split it into smaller files and import each one")
  }

  static func unsupported(_ name: String, fileExtension: String) -> HarkError {
    let problem =
      fileExtension.isEmpty
      ? "cannot be imported: the file name has no extension"
      : "cannot be imported: .\(fileExtension) files are not supported"
    return HarkError(
      problem, subject: name,
      hint:
        "Hark reads transcripts from .txt, .md, .markdown, .vtt, .srt and .docx files; save or export it as one of these"
    )
  }

  static func noTurns(_ name: String, format: TranscriptFormat) -> HarkError {
    let forms: String
    switch format {
    case .text:
      forms =
        "\"Name: what they said\" at the start of a line, optionally after a time such as [00:01:23]"
    case .markdown:
      forms =
        "\"Name: what they said\", \"**Name:** what they said\", \"**Name**: what they said\" or \"__Name:__ what they said\" at the start of a line"
    case .webVTT:
      forms =
        "cues with a voice tag \"<v Name>what they said</v>\" or starting \"Name: what they said\""
    case .srt:
      forms =
        "subtitle lines \"Name: text\", \"NAME: text\", \"- Name: text\", \"[Name] text\" or \">> Name: text\""
    case .docx:
      forms = "paragraphs starting with a bold \"Name:\" or with \"Name: what they said\""
    }
    return HarkError(
      "no speaker turns found", subject: name,
      hint:
        "Hark recognises turns written as \(forms); a name is 1 to 4 words without sentence punctuation"
    )
  }

  static func missingWebVTTHeader(_ name: String) -> HarkError {
    HarkError(
      "does not start with the line WEBVTT, so it is not a WebVTT file", subject: name, line: 1,
      hint:
        "Export the captions again as WebVTT; if the file holds SRT subtitles, rename it to .srt")
  }

  static func noCues(_ name: String, format: TranscriptFormat) -> HarkError {
    let what = format == .srt ? "subtitles" : "cues"
    return HarkError(
      "has no \(what) (no timed text)", subject: name,
      hint: "Check that the file is a complete export of the recording's transcript")
  }

  static func badTiming(_ name: String, line: Int, found: String, format: TranscriptFormat)
    -> HarkError
  {
    let example = format == .srt ? "00:00:01,000 --> 00:00:04,200" : "00:00:01.000 --> 00:00:04.200"
    let shown = found.isEmpty ? "an empty line" : "\"\(shortened(found))\""
    return HarkError(
      "expected a timing line like \(example) but found \(shown)", subject: name, line: line,
      hint:
        "Correct or remove this \(format == .srt ? "subtitle" : "cue"), then import the file again")
  }

  static func unexpectedSRTLine(_ name: String, line: Int, found: String) -> HarkError {
    HarkError(
      "expected a subtitle number or a timing line but found \"\(shortened(found))\"",
      subject: name, line: line,
      hint:
        "Each subtitle starts with its number, then a timing line like 00:00:01,000 --> 00:00:04,200"
    )
  }

  static func notAZip(_ name: String) -> HarkError {
    HarkError(
      "is not a Word document (it is not a zip archive)", subject: name,
      hint: "Open it in Word and save it as .docx again; if it is plain text, rename it to .txt")
  }

  static func noDocumentXML(_ name: String) -> HarkError {
    HarkError(
      "is a zip archive but not a Word document (it has no word/document.xml)", subject: name,
      hint: "Open the transcript in Word and save it as a .docx document")
  }

  static func documentXMLTooLarge(_ name: String) -> HarkError {
    HarkError(
      "has a word/document.xml larger than \(mebibytes(DocxReader.maximumDocumentXMLSize)) MiB",
      subject: name,
      hint: "Split the transcript into smaller documents and import each one")
  }

  static func docxTextTooLarge(_ name: String) -> HarkError {
    HarkError(
      "holds more than \(mebibytes(DocxReader.maximumTextSize)) MiB of text, the most Hark reads from one transcript",
      subject: name, hint: "Split the transcript into smaller documents and import each one")
  }

  static func damagedDocx(_ name: String, detail: String) -> HarkError {
    HarkError(
      "is damaged: \(detail)", subject: name,
      hint: "Open it in Word and save it again; if Word cannot open it, export the transcript again"
    )
  }

  /// "20" for whole numbers of MiB, else one decimal ("25.3"), rounded up so a file just
  /// over the limit never reads as equal to it.
  private static func mebibytes(_ bytes: Int) -> String {
    let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
    return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
  }

  private static func shortened(_ text: String) -> String {
    text.unicodeScalars.count <= 60 ? text : String(scalars: text.unicodeScalars.prefix(57)) + "..."
  }
}
