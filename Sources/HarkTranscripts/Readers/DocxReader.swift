// Reads Word (.docx) transcripts: paragraphs from word/document.xml, a bold "Name:" opens a turn.
import Foundation
import ZIPFoundation

enum DocxReader {
  /// word/document.xml may unpack to at most this many bytes, so a small crafted archive
  /// cannot fill the memory: 64 MiB holds far more than a 20 MiB transcript's markup.
  static let maximumDocumentXMLSize = 64 * 1024 * 1024
  /// The transcript's text may hold at most as many bytes (as UTF-8) as a text file may.
  static let maximumTextSize = TranscriptReader.maximumFileSize

  static func read(_ data: Data, name: String) throws -> ImportedTranscript {
    guard data.count <= TranscriptReader.maximumFileSize else {
      throw ImportProblem.tooLarge(name, size: data.count)
    }
    guard !data.isEmpty else { throw ImportProblem.empty(name) }
    guard data.starts(with: [0x50, 0x4B]),
      let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil)
    else {
      throw ImportProblem.notAZip(name)
    }
    guard let entry = archive["word/document.xml"] else { throw ImportProblem.noDocumentXML(name) }
    guard entry.uncompressedSize <= UInt64(maximumDocumentXMLSize) else {
      throw ImportProblem.documentXMLTooLarge(name)
    }
    var xml = Data()
    do {
      // The size in the archive's directory can lie, so the unpacked bytes are counted too.
      _ = try archive.extract(entry) { chunk in
        guard xml.count + chunk.count <= maximumDocumentXMLSize else {
          throw ImportProblem.documentXMLTooLarge(name)
        }
        xml.append(chunk)
      }
    } catch let error as HarkError {
      throw error
    } catch {
      throw ImportProblem.damagedDocx(name, detail: "word/document.xml cannot be unpacked")
    }
    return try read(documentXML: xml, name: name)
  }

  /// Reads word/document.xml once it is out of the archive; the XML is checked against
  /// `XMLLimits` before the parser sees it.
  static func read(documentXML xml: Data, name: String) throws -> ImportedTranscript {
    try XMLLimits().check([UInt8](xml), subject: "\(name): word/document.xml")
    let paragraphs = try DocumentXML.paragraphs(xml, name: name)
    return try transcript(paragraphs, name: name)
  }

  private static func transcript(_ paragraphs: [DocumentXML.Paragraph], name: String) throws
    -> ImportedTranscript
  {
    var text = ""
    var offset = 0
    var turns: [ImportedTurn] = []
    var open: (speaker: String, start: Int?, end: Int)?
    var headingTitle: String?
    var firstTitle: String?
    func close() {
      if let turn = open, let start = turn.start {
        turns.append(ImportedTurn(speaker: turn.speaker, start: start, end: turn.end))
      }
      open = nil
    }

    for paragraph in paragraphs {
      let raw = Array(paragraph.runs.map(\.text).joined().unicodeScalars)
      var lower = 0
      var upper = raw.count
      while lower < upper, raw[lower].properties.isWhitespace { lower += 1 }
      while upper > lower, raw[upper - 1].properties.isWhitespace { upper -= 1 }
      guard lower < upper else { continue }

      let label = paragraph.isHeading ? nil : speakerLabel(paragraph, raw, lower..<upper)
      let split = label?.wordsStart ?? lower
      // Normalised in two parts so the words' start is known; both parts end or start at a
      // blank or ":", which NFC never joins across.
      let (before, beforeCount) = normalised(raw[lower..<split])
      let (words, wordsCount) = normalised(raw[split..<upper])
      if !text.isEmpty {
        text += "\n\n"
        offset += 2
      }
      let wordsStart = offset + beforeCount
      text += before
      text += words
      offset = wordsStart + wordsCount

      if paragraph.isHeading {
        close()
        if headingTitle == nil, paragraph.isTitle { headingTitle = before + words }
        if turns.isEmpty, firstTitle == nil { firstTitle = before + words }
      } else if let label {
        close()
        open = (label.speaker, words.isEmpty ? nil : wordsStart, offset)
      } else if open != nil {
        if open!.start == nil { open!.start = wordsStart }
        open!.end = offset
      } else if turns.isEmpty, firstTitle == nil {
        firstTitle = words
      }
    }
    close()
    guard !turns.isEmpty else { throw ImportProblem.noTurns(name, format: .docx) }
    let title = headingTitle ?? firstTitle ?? TranscriptReader.titleFromFileName(name)
    return ImportedTranscript(title: title, format: .docx, text: text + "\n", turns: turns)
  }

  /// The NFC text of `scalars` and its length in scalars.
  private static func normalised(_ scalars: ArraySlice<Unicode.Scalar>) -> (String, Int) {
    let text = String(scalars: scalars)
    // A CR or NEL (written as &#13; or &#x85;) needs the line-end pass even when NFC does not.
    guard TranscriptText.mayNeedNFC(text) || scalars.contains(where: { $0 == "\r" || $0 == "\u{85}" }) else {
      return (text, scalars.count)
    }
    let composed = TranscriptText.normalise(text)
    return (composed, composed.unicodeScalars.count)
  }

  /// The speaker of a paragraph that opens a turn: its first run is bold and that bold text
  /// ends with ":" or is followed by ":"; or the paragraph reads `Name: text`.
  private static func speakerLabel(
    _ paragraph: DocumentXML.Paragraph, _ raw: [Unicode.Scalar], _ range: Range<Int>
  ) -> SpeakerLabel? {
    var boldEnd = 0
    var runIndex = 0
    let runs = paragraph.runs
    while runIndex < runs.count,
      runs[runIndex].text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    {
      boldEnd += runs[runIndex].text.unicodeScalars.count
      runIndex += 1
    }
    var boldStart = boldEnd
    while runIndex < runs.count, runs[runIndex].isBold {
      boldEnd += runs[runIndex].text.unicodeScalars.count
      runIndex += 1
    }
    while boldStart < boldEnd, raw[boldStart].properties.isWhitespace { boldStart += 1 }
    if boldEnd > boldStart {
      var nameEnd = boldEnd
      while nameEnd > boldStart, raw[nameEnd - 1].properties.isWhitespace { nameEnd -= 1 }
      var after: Int?
      if nameEnd > boldStart, raw[nameEnd - 1] == ":" {
        nameEnd -= 1
        after = boldEnd
      } else {
        let colon = SpeakerLabel.skipBlanks(raw, from: boldEnd, to: range.upperBound)
        if colon < range.upperBound, raw[colon] == ":" { after = colon + 1 }
      }
      while nameEnd > boldStart, raw[nameEnd - 1].isBlankInLine { nameEnd -= 1 }
      if let after, SpeakerLabel.isName(raw[boldStart..<nameEnd]) {
        return SpeakerLabel(
          speaker: String(scalars: raw[boldStart..<nameEnd]),
          wordsStart: SpeakerLabel.skipBlanks(raw, from: after, to: range.upperBound))
      }
    }
    return SpeakerLabel.find(in: raw, line: range, style: .plain)
  }
}
