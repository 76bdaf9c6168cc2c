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
    // The standard library's validation is fast even in debug builds; the line is looked
    // for only when there is a bad byte.
    if !declaresSingleByteEncoding(bytes), String(validating: bytes, as: UTF8.self) == nil,
      let line = TextDecoding.lineOfFirstInvalidUTF8InArray(bytes)
    {
      throw HarkError(
        "this line has bytes that are not valid UTF-8, which XML files must be", subject: subject, line: line,
        hint: "Export the file again from the program that made it; Hark changed nothing")
    }
    var scanner = Scanner(bytes: bytes)
    var depth = 0
    var elements = 0
    while let tag = scanner.nextTag() {
      switch tag {
      case .emptyInstruction:
        // Foundation's parser reads a NULL pointer on a processing instruction with no data.
        throw HarkError(
          "has a processing instruction with nothing after its name (like <?name?>), which Hark cannot read",
          subject: subject, line: scanner.line,
          hint: "Remove it, or export the file again from the program that made it; Hark changed nothing")
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
      /// `<?name?>`: a processing instruction without data.
      case emptyInstruction
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
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if next == UInt8(ascii: "!") {
          if has(Self.commentStart) {
            skip(past: Self.commentEnd)
          } else if has(Self.cdataStart) {
            skip(past: Self.cdataEnd)
          } else {
            skip(past: Self.tagEnd)
          }
        } else if next == UInt8(ascii: "?") {
          let hasData = instructionHasData()
          skip(past: Self.instructionEnd)
          if !hasData { return .emptyInstruction }
        } else if next == UInt8(ascii: "/") {
          skipTag()
          return .end
        } else {
          let empty = skipTag()
          return .start(empty: empty)
        }
      }
      return nil
    }

    private static let commentStart = Array("<!--".utf8)
    private static let commentEnd = Array("-->".utf8)
    private static let cdataStart = Array("<![CDATA[".utf8)
    private static let cdataEnd = Array("]]>".utf8)
    private static let instructionEnd = Array("?>".utf8)
    private static let tagEnd = Array(">".utf8)

    /// At `<?`: true when something other than blanks follows the target name before `?>`.
    private func instructionHasData() -> Bool {
      var position = index + 2
      while position < bytes.count, !isBlank(bytes[position]), !isInstructionEnd(position) { position += 1 }
      while position < bytes.count, isBlank(bytes[position]) { position += 1 }
      return position < bytes.count && !isInstructionEnd(position)
    }

    private func isInstructionEnd(_ position: Int) -> Bool {
      bytes[position] == UInt8(ascii: "?") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: ">")
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func has(_ marker: [UInt8]) -> Bool {
      guard index + marker.count <= bytes.count else { return false }
      for offset in 0..<marker.count where bytes[index + offset] != marker[offset] { return false }
      return true
    }

    private mutating func skip(past marker: [UInt8]) {
      while index < bytes.count, !has(marker) {
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
