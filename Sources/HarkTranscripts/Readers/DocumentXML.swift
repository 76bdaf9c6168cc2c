import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The paragraphs of word/document.xml with their runs' text and boldness.
final class DocumentXML: NSObject, XMLParserDelegate {
  struct Run {
    var text = ""
    var isBold = false
  }

  struct Paragraph {
    var runs: [Run] = []
    /// Style ids as Word writes them in English ("Title", "Heading1"); other languages'
    /// ids are not recognised and such paragraphs count as plain ones.
    var isTitle = false
    var isHeading = false

    mutating func setStyle(_ style: String) {
      let key = style.lowercased().filter { $0 != " " }
      isTitle = key == "title" || key == "heading1"
      isHeading = key.hasPrefix("heading") || key == "title" || key == "subtitle"
    }
  }

  static func paragraphs(_ xml: Data, name: String) throws -> [Paragraph] {
    let collector = DocumentXML()
    // Given one Data, the parser hands libxml2 a single chunk, which it refuses past 10 MB;
    // a stream is fed in pieces.
    let parser = XMLParser(stream: InputStream(data: xml))
    parser.shouldProcessNamespaces = true
    parser.delegate = collector
    // The parser can report success and still record an error, so both are checked.
    let parsed = parser.parse()
    if collector.textBytes > DocxReader.maximumTextSize { throw ImportProblem.docxTextTooLarge(name) }
    guard parsed, parser.parserError == nil else {
      throw ImportProblem.damagedDocx(
        name, detail: "word/document.xml is not well-formed XML (at its line \(parser.lineNumber))")
    }
    return collector.paragraphs
  }

  private static let wordNamespaces: Set<String> = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
  ]
  private static let compatibilityNamespace =
    "http://schemas.openxmlformats.org/markup-compatibility/2006"

  private var paragraphs: [Paragraph] = []
  /// Text gathered so far, in UTF-8 bytes; parsing stops once it passes the limit.
  private var textBytes = 0
  private var paragraph = Paragraph()
  private var paragraphDepth = 0
  /// Inside text boxes, compatibility fallbacks and tracked moves' old places, which repeat
  /// text or float outside the flow of the transcript.
  private var skipDepth = 0
  private var inParagraphProperties = false
  private var run: Run?
  private var inRunProperties = false
  private var textBuffer: String?
  private var preservesSpace = false

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if isSkipped(elementName, namespaceURI) || skipDepth > 0 {
      if isSkipped(elementName, namespaceURI) { skipDepth += 1 }
      return
    }
    guard let namespaceURI, Self.wordNamespaces.contains(namespaceURI) else { return }
    switch elementName {
    case "p":
      paragraphDepth += 1
      if paragraphDepth == 1 { paragraph = Paragraph() }
    case "pPr":
      if run == nil { inParagraphProperties = true }
    case "pStyle":
      if inParagraphProperties, let style = attribute("val", in: attributes) {
        paragraph.setStyle(style)
      }
    case "r":
      run = Run()
    case "rPr":
      if run != nil { inRunProperties = true }
    case "b":
      if inRunProperties {
        let value = attribute("val", in: attributes)?.lowercased()
        run?.isBold = !(value == "0" || value == "false" || value == "off")
      }
    case "t":
      if run != nil {
        textBuffer = ""
        preservesSpace = attribute("space", in: attributes) == "preserve"
      }
    case "tab":
      if !inRunProperties { run?.text += " " }
      textBytes += 1
    case "br", "cr":
      run?.text += "\n"
      textBytes += 1
    case "noBreakHyphen":
      run?.text += "-"
    default:
      break
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    if skipDepth > 0 {
      if isSkipped(elementName, namespaceURI) { skipDepth -= 1 }
      return
    }
    guard let namespaceURI, Self.wordNamespaces.contains(namespaceURI) else { return }
    switch elementName {
    case "p":
      paragraphDepth -= 1
      if paragraphDepth == 0 { paragraphs.append(paragraph) }
      // Each paragraph costs a blank line in the stored text.
      textBytes += 2
      if textBytes > DocxReader.maximumTextSize { parser.abortParsing() }
    case "pPr":
      inParagraphProperties = false
    case "r":
      if let run { paragraph.runs.append(run) }
      run = nil
      inRunProperties = false
    case "rPr":
      inRunProperties = false
    case "t":
      if let text = textBuffer {
        run?.text += preservesSpace ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      textBuffer = nil
    default:
      break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if skipDepth == 0, textBuffer != nil {
      textBuffer! += string
      // Counted as it arrives, so one huge text element is stopped early, not at its end.
      textBytes += string.utf8.count
      if textBytes > DocxReader.maximumTextSize { parser.abortParsing() }
    }
  }

  private func isSkipped(_ elementName: String, _ namespaceURI: String?) -> Bool {
    guard let namespaceURI else { return false }
    return
      ((elementName == "txbxContent" || elementName == "moveFrom")
      && Self.wordNamespaces.contains(namespaceURI))
      || (elementName == "Fallback" && namespaceURI == Self.compatibilityNamespace)
  }

  /// Attribute names keep their prefix ("w:val", "xml:space") even with namespaces processed.
  private func attribute(_ localName: String, in attributes: [String: String]) -> String? {
    if let value = attributes[localName] { return value }
    return attributes.first { $0.key.hasSuffix(":" + localName) }?.value
  }
}
