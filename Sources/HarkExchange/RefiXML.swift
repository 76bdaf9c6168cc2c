// XML for REFI-QDA files: escaping for the writer, and a reader that refuses
// document type declarations (so no entity can expand or reach outside) and
// builds a small element tree.
import Foundation
import HarkTranscripts

#if canImport(FoundationXML)
  import FoundationXML
#endif

enum RefiXML {
  /// Text content: markup characters escaped; a CR kept as a reference, since a
  /// parser turns a literal CRLF into LF; characters XML 1.0 forbids become U+FFFD.
  static func text(_ value: String) -> String {
    escape(value, attribute: false)
  }

  /// An attribute value: as `text`, and tabs and line ends as references, since a
  /// parser turns literal ones into spaces.
  static func attribute(_ value: String) -> String {
    escape(value, attribute: true)
  }

  private static func escape(_ value: String, attribute: Bool) -> String {
    var out = String.UnicodeScalarView()
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
      case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
      case "\n" where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
      case "\t" where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
      default:
        let v = scalar.value
        let allowed = v == 0x9 || v == 0xA || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
        out.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return String(out)
  }

  /// ` creationDateTime="…"` when `value` is an xsd:dateTime, else nothing: times from another
  /// tool's import are kept as written and may not be one.
  static func creationDateTime(_ value: String?) -> String {
    guard let value,
      value.wholeMatch(of: /-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/) != nil
    else { return "" }
    return " creationDateTime=\"\(value)\""
  }

  /// One element as read: local name, attributes, child elements and its own text.
  final class Element {
    let name: String
    let attributes: [String: String]
    let line: Int
    var children: [Element] = []
    var text = ""

    init(name: String, attributes: [String: String], line: Int) {
      self.name = name
      self.attributes = attributes
      self.line = line
    }

    func child(_ name: String) -> Element? { children.first { $0.name == name } }
    func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
    subscript(attribute: String) -> String? { attributes[attribute] }
  }

  /// Elements in one project or codebook file: a project with 100,000 codings has about
  /// 400,000; the tree Hark builds takes a few hundred bytes per element.
  static let maximumElements = 1_000_000

  /// Parses `data` into its root element. `subject` names the file in errors
  /// ("study.qdpx: project.qde").
  static func parse(_ data: Data, subject: String) throws -> Element {
    try refuseDocumentType(data, subject: subject)
    try XMLLimits(maximumElements: maximumElements).check([UInt8](data), subject: subject)
    let builder = TreeBuilder()
    // A stream, not one Data: libxml2 refuses a single chunk past 10 MB.
    let parser = XMLParser(stream: InputStream(data: data))
    parser.shouldProcessNamespaces = true
    parser.shouldResolveExternalEntities = false
    parser.delegate = builder
    // The parser can report success and still record an error, so both are checked.
    guard parser.parse(), parser.parserError == nil, let root = builder.root else {
      let why = (parser.parserError as NSError?).map { reason(of: $0) } ?? "it ends too early"
      throw HarkError(
        "is not well-formed XML: \(why)", subject: subject, line: max(1, builder.errorLine ?? parser.lineNumber),
        hint: "Export the project again from the program that made it; Hark changed nothing")
    }
    return root
  }

  /// What went wrong, in words for the common cases; the parser's own message says little on Linux.
  private static func reason(of error: NSError) -> String {
    let words: [Int: String] = [
      3: "it does not start with an element", 4: "it is empty", 5: "there is more after the last element",
      9: "a character XML does not allow", 23: "an entity reference without its closing ;",
      26: "an entity that is not declared (XML declares only &amp; &lt; &gt; &quot; &apos;)",
      34: "a quoted value that is never closed", 38: "a < inside an attribute value",
      39: "an attribute value without quotes", 41: "an attribute without a value", 42: "an attribute given twice",
      73: "a tag without its closing >", 76: "an end tag that does not match its start tag",
      77: "an element that is never closed",
    ]
    return "\(words[error.code] ?? "error") (libxml2 error \(error.code))"
  }

  /// Refuses a `<!DOCTYPE` before the root element: REFI-QDA needs none, and
  /// without one no entity can be declared, so neither an expansion bomb nor an
  /// external entity can be read. Only the prolog is scanned, where a DOCTYPE must stand.
  static func refuseDocumentType(_ data: Data, subject: String) throws {
    let bytes = [UInt8](data.prefix(1 << 20))
    var index = 0
    var line = 1
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw HarkError(
        "is saved as UTF-16 XML, but REFI-QDA files are UTF-8", subject: subject,
        hint: "Export the project again with UTF-8 encoding")
    }
    func skip(past end: [UInt8]) {
      while index < bytes.count, !bytes[index...].starts(with: end) {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
      }
      index += end.count
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A {
        line += 1
        index += 1
      } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        index += 1
      } else if bytes[index...].starts(with: Array("<?".utf8)) {
        skip(past: Array("?>".utf8))
      } else if bytes[index...].starts(with: Array("<!--".utf8)) {
        skip(past: Array("-->".utf8))
      } else if bytes[index...].starts(with: Array("<!".utf8)) {
        throw HarkError(
          "has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare entities that expand without end or read other files",
          subject: subject, line: line,
          hint: "REFI-QDA files need none; remove it, or export the project again")
      } else {
        return
      }
    }
  }

  private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: Element?
    /// The line the first error was reported on; by the time parse() returns, the parser may have read on.
    var errorLine: Int?
    private var stack: [Element] = []

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
      if errorLine == nil { errorLine = parser.lineNumber }
    }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let element = Element(name: elementName, attributes: attributes, line: parser.lineNumber)
      if let parent = stack.last { parent.children.append(element) } else if root == nil { root = element }
      stack.append(element)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
      _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      stack.last?.text += String(decoding: block, as: UTF8.self)
    }

    // Reached only if a declaration slipped past the prolog scan: stop at once.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
      parser.abortParsing()
    }

    func parser(
      _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?
    ) {
      parser.abortParsing()
    }
  }
}
