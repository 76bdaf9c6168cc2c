// Checks everything a plugin emitted before anything is stored, and turns
// UTF-8 byte offsets into code point offsets. One bad result fails the whole
// call: a plugin that emits garbage cannot be trusted on that document.
import HarkStore

public struct GarbageResult: Error, CustomStringConvertible, Equatable {
  public var description: String
}

public enum ResultValidator {
  /// - Parameters:
  ///   - current: the document analysed (results with no document name refer to it), nil in finish.
  ///   - text: the UTF-8 text of a document id this call may refer to, nil when it may not.
  public static func validate(
    _ raw: RawResults, current: String?, text: @escaping (String) -> [UInt8]?
  ) throws -> [String: Findings] {
    if let first = raw.refused.first {
      throw GarbageResult(description: first)
    }
    if raw.dropped > 0 {
      throw GarbageResult(description: "emitted more than \(HostLimits.resultsPerDocument) results for one document")
    }
    // In `finish` results may name every document of the corpus: they are
    // checked one document at a time, so only one document's text is held
    // (memory does not grow with the corpus). Each result keeps its number
    // in what the plugin emitted, for the message.
    var resolver = DocumentResolver(current: current, text: text, keepsOne: current == nil)
    var found: [String: Findings] = [:]

    func code(_ i: Int) throws {
      let r = raw.codes[i]
      let what = "code result \(i + 1)"
      let doc = try resolver.document(r.document, what)
      let span = try resolver.span(doc, r.start, r.end, what)
      found[doc.id, default: Findings()].codes.append(
        CodeFinding(
          code: try label(r.code, "code name", what), span: span,
          confidence: try unit(r.confidence, "confidence", what), explanation: try explanation(r.explanation, what)))
    }
    func concept(_ i: Int) throws {
      let r = raw.concepts[i]
      let what = "concept result \(i + 1)"
      let doc = try resolver.document(r.document, what)
      let span = try resolver.span(doc, r.start, r.end, what)
      found[doc.id, default: Findings()].concepts.append(
        ConceptFinding(
          label: try label(r.label, "label", what), span: span,
          confidence: try unit(r.confidence, "confidence", what), explanation: try explanation(r.explanation, what)))
    }
    func link(_ i: Int) throws {
      let r = raw.links[i]
      let what = "link result \(i + 1)"
      let doc = try resolver.document(r.document, what)
      let span = try resolver.span(doc, r.start, r.end, what)
      guard r.polarity == 1 || r.polarity == -1 else {
        throw GarbageResult(description: "\(what): polarity is \(r.polarity); it must be +1 or -1")
      }
      func part(_ part: RawSpan, _ name: String) throws -> Range<Int>? {
        let (s, e) = (part.start, part.end)
        if s == 0 && e == 0 { return nil }
        guard r.start <= s, e <= r.end else {
          throw GarbageResult(
            description: "\(what): \(name) span \(s)..<\(e) lies outside the evidence span \(r.start)..<\(r.end)")
        }
        return try resolver.span(doc, s, e, what)
      }
      found[doc.id, default: Findings()].links.append(
        LinkFinding(
          cause: try label(r.cause, "cause", what), effect: try label(r.effect, "effect", what),
          polarity: Int(r.polarity), strength: try unit(r.strength, "strength", what),
          confidence: try unit(r.confidence, "confidence", what), span: span,
          causeSpan: try part(r.causeSpan, "cause"),
          effectSpan: try part(r.effectSpan, "effect"),
          explanation: try explanation(r.explanation, what)))
    }
    func score(_ i: Int) throws {
      let r = raw.scores[i]
      let what = "score result \(i + 1)"
      let doc = try resolver.document(r.document, what)
      let span = try resolver.span(doc, r.start, r.end, what)
      guard r.value.isFinite, -1 <= r.value, r.value <= 1 else {
        throw GarbageResult(description: "\(what): value is \(r.value); it must be a number from -1 to 1")
      }
      found[doc.id, default: Findings()].scores.append(
        ScoreFinding(
          name: try label(r.name, "name", what), span: span, value: r.value,
          explanation: try explanation(r.explanation, what)))
    }
    if current != nil {
      for i in raw.codes.indices { try code(i) }
      for i in raw.concepts.indices { try concept(i) }
      for i in raw.links.indices { try link(i) }
      for i in raw.scores.indices { try score(i) }
      return found
    }
    var order: [(document: [UInt8], kind: Int, index: Int)] = []
    order.reserveCapacity(raw.codes.count + raw.concepts.count + raw.links.count + raw.scores.count)
    order += raw.codes.indices.map { (raw.codes[$0].document, 0, $0) }
    order += raw.concepts.indices.map { (raw.concepts[$0].document, 1, $0) }
    order += raw.links.indices.map { (raw.links[$0].document, 2, $0) }
    order += raw.scores.indices.map { (raw.scores[$0].document, 3, $0) }
    // By document, then in the order they were emitted.
    order.sort { a, b in
      a.document != b.document
        ? a.document.lexicographicallyPrecedes(b.document) : (a.kind, a.index) < (b.kind, b.index)
    }
    for entry in order {
      switch entry.kind {
      case 0: try code(entry.index)
      case 1: try concept(entry.index)
      case 2: try link(entry.index)
      default: try score(entry.index)
      }
    }
    return found
  }

  private static func utf8(_ bytes: [UInt8], _ field: String, _ what: String) throws -> String {
    // ASCII (most explanations) is valid UTF-8 as it stands.
    if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    switch CStruct.decode(bytes) {
    case .text(let s): return s
    case .invalid(let offset, let before):
      throw GarbageResult(
        description:
          "\(what): \(field) is not valid UTF-8 at byte \(offset) (after \"\(before)\"); if it should have ended there, the string lacks its NUL terminator"
      )
    case .unterminated: throw GarbageResult(description: "\(what): \(field) has no NUL terminator")
    }
  }

  private static func label(_ bytes: [UInt8], _ field: String, _ what: String) throws -> String {
    if let plain = asciiLabel(bytes) { return plain }
    let s = try utf8(bytes, field, what).trimmingCharactersInWhitespace()
    guard !s.isEmpty else { throw GarbageResult(description: "\(what): \(field) is empty") }
    guard s.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
      throw GarbageResult(description: "\(what): \(field) \"\(s.prefix(40))\" has no letters or digits")
    }
    guard bytes.count <= HostLimits.labelBytes else {
      throw GarbageResult(
        description: "\(what): \(field) is \(bytes.count) bytes, over the limit of \(HostLimits.labelBytes)")
    }
    return s
  }

  /// The common case without building Characters: an ASCII label with a
  /// letter or digit, within the limit; trimmed of ASCII whitespace (the
  /// only whitespace ASCII has). Nil sends the label the long way, which
  /// also words the errors.
  private static func asciiLabel(_ bytes: [UInt8]) -> String? {
    guard bytes.count <= HostLimits.labelBytes else { return nil }
    return bytes.withUnsafeBufferPointer { b -> String? in
      var alphanumeric = false
      for byte in b {
        guard byte < 0x80 else { return nil }
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (0x30...0x39).contains(byte) {
          alphanumeric = true
        }
      }
      guard alphanumeric else { return nil }
      func blank(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
      var start = 0
      var end = b.count
      while start < end, blank(b[start]) { start += 1 }
      while end > start, blank(b[end - 1]) { end -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }
  }

  private static func explanation(_ bytes: [UInt8], _ what: String) throws -> String {
    guard bytes.count <= HostLimits.explanationBytes else {
      throw GarbageResult(
        description: "\(what): explanation is \(bytes.count) bytes, over the limit of \(HostLimits.explanationBytes)")
    }
    return try utf8(bytes, "explanation", what)
  }

  private static func unit(_ value: Double, _ field: String, _ what: String) throws -> Double {
    guard value.isFinite, 0 <= value, value <= 1 else {
      throw GarbageResult(description: "\(what): \(field) is \(value); it must be a number from 0 to 1")
    }
    return value
  }
}

/// Finds the document a result names and converts its spans.
private struct DocumentResolver {
  struct Doc {
    let id: String
    let text: [UInt8]
    /// Code points before every 64th byte, so a conversion walks at most 63
    /// bytes; nil for ASCII text, where a byte offset is a code point offset.
    let checkpoints: [Int]?

    init(id: String, text: [UInt8]) {
      self.id = id
      self.text = text
      guard text.contains(where: { $0 >= 0x80 }) else {
        checkpoints = nil
        return
      }
      var checkpoints = [0]
      checkpoints.reserveCapacity(text.count / 64 + 1)
      var n = 0
      for (i, byte) in text.enumerated() {
        if byte & 0xC0 != 0x80 { n += 1 }
        if (i + 1) % 64 == 0 { checkpoints.append(n) }
      }
      self.checkpoints = checkpoints
    }

    func scalarIndex(_ offset: Int) -> Int {
      guard let checkpoints else { return offset }
      var n = checkpoints[offset / 64]
      var i = offset / 64 * 64
      while i < offset {
        if text[i] & 0xC0 != 0x80 { n += 1 }
        i += 1
      }
      return n
    }
  }
  let current: String?
  let text: (String) -> [UInt8]?
  var cache: [String: Doc] = [:]
  /// Keep only the last document read (results come one document at a time).
  let keepsOne: Bool
  /// The current document, once read: most results name no document, and
  /// this spares each of them a dictionary lookup.
  var currentDoc: Doc?

  init(current: String?, text: @escaping (String) -> [UInt8]?, keepsOne: Bool = false) {
    self.current = current
    self.text = text
    self.keepsOne = keepsOne
  }

  mutating func document(_ name: [UInt8], _ what: String) throws -> Doc {
    if name.isEmpty, let currentDoc { return currentDoc }
    var id = String(decoding: name, as: UTF8.self)
    if id.isEmpty {
      guard let current else { throw GarbageResult(description: "\(what): names no document (required in finish)") }
      id = current
    }
    if let doc = cache[id] { return doc }
    guard let bytes = text(id) else {
      throw GarbageResult(description: "\(what): names document \"\(id.prefix(60))\", which this call may not refer to")
    }
    let doc = Doc(id: id, text: bytes)
    if keepsOne { cache.removeAll() }
    cache[id] = doc
    if id == current { currentDoc = doc }
    return doc
  }

  func span(_ doc: Doc, _ start: UInt32, _ end: UInt32, _ what: String) throws -> Range<Int> {
    let count = doc.text.count
    guard start <= end else {
      throw GarbageResult(description: "\(what): span \(start)..<\(end) ends before it starts")
    }
    guard Int(end) <= count else {
      throw GarbageResult(description: "\(what): span \(start)..<\(end) lies outside the text (\(count) bytes)")
    }
    for offset in [Int(start), Int(end)] where offset < count && doc.text[offset] & 0xC0 == 0x80 {
      throw GarbageResult(
        description: "\(what): offset \(offset) falls inside a UTF-8 character, not on a code point boundary")
    }
    return doc.scalarIndex(Int(start))..<doc.scalarIndex(Int(end))
  }
}

extension String {
  func trimmingCharactersInWhitespace() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
