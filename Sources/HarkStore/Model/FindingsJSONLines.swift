// The JSON-lines codec of what a plugin found: one object per result, as
// `hark plugins run` prints it. Fields come out in a fixed order, named from
// `ResultField`; offsets are code points, and each span carries the text it
// covers, cut from the document's UTF-8 without decoding it.

/// Writes one document's results as lines on a `JSONLineWriter`. Each result
/// type writes its own line (below); this holds what they share.
struct FindingLines {
  let document: String
  let bytes: UnsafeBufferPointer<UInt8>
  let offsets: TextOffsets

  /// Which span of a result: its whole quote, or a link's cause or effect.
  enum Part { case whole, cause, effect }

  /// The fields every line starts with: the document, the kind of result,
  /// and what names it.
  func begin(_ kind: String, _ field: StaticString, _ value: String, into out: inout JSONLineWriter) {
    out.begin()
    out.field(ResultField.document, document)
    out.field(ResultField.kind, kind)
    out.field(field, value)
  }

  /// A span's offsets and the text they cover.
  func span(_ range: Range<Int>, _ part: Part = .whole, into out: inout JSONLineWriter) {
    let (start, end) = (range.lowerBound, range.upperBound)
    let (from, to) = offsets.bytes(start, end)
    let names: (StaticString, StaticString, StaticString) =
      switch part {
      case .whole: (ResultField.start, ResultField.end, ResultField.quote)
      case .cause: (ResultField.causeStart, ResultField.causeEnd, ResultField.causeQuote)
      case .effect: (ResultField.effectStart, ResultField.effectEnd, ResultField.effectQuote)
      }
    out.field(names.0, start)
    out.field(names.1, end)
    out.field(names.2, bytes, from, to)
  }
}

extension CodeFinding {
  func writeJSONLine(_ line: FindingLines, into out: inout JSONLineWriter) {
    line.begin("code", ResultField.code, code, into: &out)
    line.span(span, into: &out)
    out.field(ResultField.confidence, confidence)
    out.field(ResultField.explanation, explanation)
    out.end()
  }
}

extension ConceptFinding {
  func writeJSONLine(_ line: FindingLines, into out: inout JSONLineWriter) {
    line.begin("concept", ResultField.label, label, into: &out)
    line.span(span, into: &out)
    out.field(ResultField.confidence, confidence)
    out.field(ResultField.explanation, explanation)
    out.end()
  }
}

extension LinkFinding {
  func writeJSONLine(_ line: FindingLines, into out: inout JSONLineWriter) {
    line.begin("link", ResultField.cause, cause, into: &out)
    out.field(ResultField.effect, effect)
    out.field(ResultField.polarity, polarity)
    out.field(ResultField.strength, strength)
    out.field(ResultField.confidence, confidence)
    line.span(span, into: &out)
    if let causeSpan { line.span(causeSpan, .cause, into: &out) }
    if let effectSpan { line.span(effectSpan, .effect, into: &out) }
    out.field(ResultField.explanation, explanation)
    out.end()
  }
}

extension ScoreFinding {
  func writeJSONLine(_ line: FindingLines, into out: inout JSONLineWriter) {
    line.begin("score", ResultField.name, name, into: &out)
    out.field(ResultField.value, value)
    line.span(span, into: &out)
    out.field(ResultField.explanation, explanation)
    out.end()
  }
}

extension Findings {
  /// Every result, one line each: codes, concepts, links, then scores, each
  /// in the order found. `text` is the document's UTF-8, which the offsets
  /// count code points of.
  public func writeJSONLines(document: String, text: [UInt8], into out: inout JSONLineWriter) {
    let offsets = TextOffsets(text)
    text.withUnsafeBufferPointer { bytes in
      let line = FindingLines(document: document, bytes: bytes, offsets: offsets)
      for c in codes { c.writeJSONLine(line, into: &out) }
      for c in concepts { c.writeJSONLine(line, into: &out) }
      for l in links { l.writeJSONLine(line, into: &out) }
      for s in scores { s.writeJSONLine(line, into: &out) }
    }
  }
}
