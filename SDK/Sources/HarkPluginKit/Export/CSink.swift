import HarkPluginABI

// Forwards results to the host's C callbacks.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class CSink: ResultSink {
  /// The host's sink, read as far as its struct_size goes: a callback an
  /// older host's sink lacks is nil, so emitting that kind reports false.
  let sink: hark_sink
  init(_ sink: UnsafePointer<hark_sink>) { self.sink = hostStruct(sink) }

  func emit(_ code: CodeResult) -> Bool {
    guard let emit = sink.emit_code else { return false }
    return withCStrings(code.document ?? "", code.code, code.explanation) { s0, s1, s2 in
      var r = hark_code_result()
      r.struct_size = UInt32(MemoryLayout<hark_code_result>.size)
      r.document = s0
      r.code = s1
      r.start = clampOffset(code.span.lowerBound)
      r.end = clampOffset(code.span.upperBound)
      r.confidence = code.confidence
      r.explanation = s2
      return emit(sink.host_data, &r) == Int32(HARK_OK.rawValue)
    }
  }

  func emit(_ concept: ConceptResult) -> Bool {
    guard let emit = sink.emit_concept else { return false }
    return withCStrings(concept.document ?? "", concept.label, concept.explanation) { s0, s1, s2 in
      var r = hark_concept_result()
      r.struct_size = UInt32(MemoryLayout<hark_concept_result>.size)
      r.document = s0
      r.label = s1
      r.start = clampOffset(concept.span.lowerBound)
      r.end = clampOffset(concept.span.upperBound)
      r.confidence = concept.confidence
      r.explanation = s2
      return emit(sink.host_data, &r) == Int32(HARK_OK.rawValue)
    }
  }

  func emit(_ link: LinkResult) -> Bool {
    guard let emit = sink.emit_link else { return false }
    return withCStrings(link.document ?? "", link.cause, link.effect, link.explanation) { s0, s1, s2, s3 in
      var r = hark_link_result()
      r.struct_size = UInt32(MemoryLayout<hark_link_result>.size)
      r.document = s0
      r.cause = s1
      r.effect = s2
      r.polarity = Int32(clamping: link.polarity)
      r.strength = link.strength
      r.confidence = link.confidence
      r.start = clampOffset(link.span.lowerBound)
      r.end = clampOffset(link.span.upperBound)
      if let c = link.causeSpan {
        r.cause_start = clampOffset(c.lowerBound)
        r.cause_end = clampOffset(c.upperBound)
      }
      if let e = link.effectSpan {
        r.effect_start = clampOffset(e.lowerBound)
        r.effect_end = clampOffset(e.upperBound)
      }
      r.explanation = s3
      return emit(sink.host_data, &r) == Int32(HARK_OK.rawValue)
    }
  }

  func emit(_ score: ScoreResult) -> Bool {
    guard let emit = sink.emit_score else { return false }
    return withCStrings(score.document ?? "", score.name, score.explanation) { s0, s1, s2 in
      var r = hark_score_result()
      r.struct_size = UInt32(MemoryLayout<hark_score_result>.size)
      r.document = s0
      r.name = s1
      r.start = clampOffset(score.span.lowerBound)
      r.end = clampOffset(score.span.upperBound)
      r.value = score.value
      r.explanation = s2
      return emit(sink.host_data, &r) == Int32(HARK_OK.rawValue)
    }
  }

  func log(_ message: String, level: Int32) {
    guard let log = sink.log else { return }
    message.withCString { log(sink.host_data, level, $0) }
  }
}

private func clampOffset(_ value: Int) -> UInt32 { UInt32(clamping: value) }

/// Calls `body` with NUL-terminated views of the strings, valid for the call.
/// Native Swift strings are stored with a trailing NUL, so this copies nothing
/// on the path every result takes.
@inline(__always)
func withCStrings<R>(
  _ a: String, _ b: String, _ c: String,
  body: (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>) -> R
) -> R {
  a.withCString { pa in b.withCString { pb in c.withCString { pc in body(pa, pb, pc) } } }
}

@inline(__always)
func withCStrings<R>(
  _ a: String, _ b: String, _ c: String, _ d: String,
  body: (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>) -> R
) -> R {
  a.withCString { pa in b.withCString { pb in c.withCString { pc in d.withCString { pd in body(pa, pb, pc, pd) } } } }
}
