// Checks an XML file's bytes before Foundation's XMLParser sees them. That parser (on
// Linux) stops the process with SIGILL when an element or attribute name holds bytes that
// are not UTF-8, and building or freeing a tree 100,000 elements deep overflows the stack;
// huge element counts exhaust memory. So every XML import (Word, REFI-QDA, Mental Modeler)
// scans the bytes first and refuses such files with the line and the limit reached.

/// Limits on an XML document Hark will parse.
public struct XMLLimits: Sendable {
  /// Elements inside elements: Word and REFI-QDA files nest a few dozen levels.
  public var maximumDepth: Int
  /// Elements in the whole document.
  public var maximumElements: Int

  public init(maximumDepth: Int = 256, maximumElements: Int = 2_000_000) {
    self.maximumDepth = maximumDepth
    self.maximumElements = maximumElements
  }

  /// Refuses `bytes` when they are not UTF-8 (unless the XML declaration names a
  /// one-byte encoding), nest deeper than `maximumDepth` or hold more than `maximumElements` elements.
  /// `subject` names the file in errors ("study.qdpx: project.qde").
  public func check(_ bytes: [UInt8], subject: String) throws {
    if !declaresSingleByteEncoding(bytes), let line = TextDecoding.lineOfFirstInvalidUTF8InArray(bytes) {
      throw HarkError(
        "this line has bytes that are not valid UTF-8, which XML files must be", subject: subject, line: line,
        hint: "Export the file again from the program that made it; Hark changed nothing")
    }
    var scanner = Scanner(bytes: bytes)
    var depth = 0
    var elements = 0
    while let tag = scanner.nextTag() {
      switch tag {
      case .start(let empty):
        elements += 1
        if elements > maximumElements {
          throw HarkError(
            "has more than \(maximumElements) XML elements, the most Hark reads from one file", subject: subject,
            line: scanner.line, hint: "Split it into smaller files, or export it again from the program that made it")
        }
        if !empty {
          depth += 1
          if depth > maximumDepth {
            throw HarkError(
              "has XML elements nested more than \(maximumDepth) deep, the most Hark reads", subject: subject,
              line: scanner.line,
              hint: "No transcript, project or map needs that; export the file again from the program that made it")
          }
        }
      case .end:
        depth = max(0, depth - 1)
      }
    }
  }

  /// True when the XML declaration names an encoding of one byte per character, which the
  /// parser turns into valid UTF-8 itself. Any other declaration (UTF-8, none, or a name the
  /// parser may not know, which it then reads as UTF-8) needs valid UTF-8 bytes.
  private func declaresSingleByteEncoding(_ bytes: [UInt8]) -> Bool {
    guard bytes.starts(with: Array("<?xml".utf8)) else { return false }
    let end = bytes.prefix(200).firstIndex(of: UInt8(ascii: ">")) ?? min(bytes.count, 200)
    let declaration = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
    guard let range = declaration.range(of: "encoding") else { return false }
    let value = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
    let name = value.prefix { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "?" }
    return ["iso-8859-1", "latin1", "iso_8859-1", "windows-1252", "us-ascii", "ascii"].contains(String(name))
  }

  /// Finds tags in XML bytes, stepping over comments, CDATA sections, processing
  /// instructions, declarations and quoted attribute values.
  private struct Scanner {
    enum Tag {
      case start(empty: Bool)
      case end
    }

    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func nextTag() -> Tag? {
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A { line += 1 }
        guard byte == UInt8(ascii: "<") else {
          index += 1
          continue
        }
        if has("<!--") {
          skip(past: "-->")
        } else if has("<![CDATA[") {
          skip(past: "]]>")
        } else if has("<?") {
          skip(past: "?>")
        } else if has("<!") {
          skip(past: ">")
        } else if has("</") {
          skipTag()
          return .end
        } else {
          let empty = skipTag()
          return .start(empty: empty)
        }
      }
      return nil
    }

    private func has(_ text: String) -> Bool {
      let marker = Array(text.utf8)
      return index + marker.count <= bytes.count && bytes[index..<index + marker.count].elementsEqual(marker)
    }

    private mutating func skip(past text: String) {
      let marker = Array(text.utf8)
      while index < bytes.count, !has(text) {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
      }
      index = min(bytes.count, index + marker.count)
    }

    /// Moves past the tag's `>`; true when it closed with `/>`.
    @discardableResult
    private mutating func skipTag() -> Bool {
      var quote: UInt8?
      var previous: UInt8 = 0
      index += 1
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A { line += 1 }
        if let open = quote {
          if byte == open { quote = nil }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: ">") {
          index += 1
          return previous == UInt8(ascii: "/")
        }
        previous = byte
        index += 1
      }
      return false
    }
  }
}
