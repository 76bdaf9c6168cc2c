// A small, safe XML reader for map files: an element tree, with document
// type declarations (and so entities) refused before parsing starts.

import Foundation
import HarkStore
import HarkTranscripts

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One element of a parsed map file: name, attributes, text and children.
struct MapXMLElement {
  var name: String
  var attributes: [String: String]
  var text = ""
  var children: [MapXMLElement] = []
  /// Line of the start tag in the file.
  var line: Int

  func child(_ name: String) -> MapXMLElement? {
    children.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
  }

  func children(_ name: String) -> [MapXMLElement] {
    children.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
  }

  /// The trimmed text of the named child, or "" when it is absent.
  func value(_ name: String) -> String {
    (child(name)?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

enum MapXML {
  /// Parses `data` into its root element. A DOCTYPE is refused outright: map
  /// files never need one, and it is how entity expansion bombs and external
  /// entities (which read other files) get in.
  static func parse(_ data: Data, file: String) throws -> MapXMLElement {
    if let line = doctypeLine(data) {
      throw HarkError(
        "has a document type declaration (<!DOCTYPE …>), which Hark refuses: it can declare entities that expand without end or read other files",
        subject: file, line: line, hint: "Remove the <!DOCTYPE …> declaration, or export the file again from its tool")
    }
    try XMLLimits(maximumElements: 1_000_000).check([UInt8](data), subject: file)
    let builder = TreeBuilder()
    let parser = XMLParser(stream: InputStream(data: data))
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = false
    parser.delegate = builder
    let parsed = parser.parse()
    // The parser can report success and still record an error, so both are checked.
    guard parsed, parser.parserError == nil, let root = builder.root else {
      throw HarkError(
        "is not well-formed XML", subject: file,
        line: parser.lineNumber, hint: "Check that the file is complete, or export it again from its tool")
    }
    return root
  }

  /// The line of a `<!DOCTYPE` in the prolog, the only place XML allows one.
  /// The scan steps over the XML declaration, processing instructions and
  /// comments whole, so nothing inside them hides a DOCTYPE behind them.
  static func doctypeLine(_ data: Data) -> Int? {
    let bytes = [UInt8](data)
    var line = 1
    var index = 0
    func starts(_ text: String, caseInsensitive: Bool = false) -> Bool {
      let marker = Array(text.utf8)
      guard index + marker.count <= bytes.count else { return false }
      return zip(bytes[index..<index + marker.count], marker).allSatisfy {
        caseInsensitive ? $0.0 & 0xDF == $0.1 & 0xDF : $0.0 == $0.1
      }
    }
    /// Moves past the next `end`, counting lines; false when it never comes.
    func skip(past end: String) -> Bool {
      while index < bytes.count {
        if starts(end) {
          index += end.utf8.count
          return true
        }
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
      }
      return false
    }
    while index < bytes.count {
      if starts("<!DOCTYPE", caseInsensitive: true) { return line }
      if starts("<?") {
        guard skip(past: "?>") else { return nil }
      } else if starts("<!--") {
        guard skip(past: "-->") else { return nil }
      } else if bytes[index] == UInt8(ascii: "<") {
        return nil  // the root element: the prolog is over
      } else {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
      }
    }
    return nil
  }

  /// Escapes text for element content and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      default:
        // Control characters cannot appear in XML 1.0 at all; they are dropped.
        if scalar.value < 0x20 { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: MapXMLElement?
    var stack: [MapXMLElement] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String]
    ) {
      stack.append(MapXMLElement(name: elementName, attributes: attributes, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
      guard let element = stack.popLast() else { return }
      if stack.isEmpty {
        root = element
      } else {
        stack[stack.count - 1].children.append(element)
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: block, as: UTF8.self) }
    }
  }
}
