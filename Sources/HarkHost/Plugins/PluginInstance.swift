// One open instance of a plugin, called in this process. Used by workers and
// by --in-process runs. Not thread-safe: one thread at a time (the ABI's rule).
import HarkPluginABI

#if canImport(Glibc)
  import Glibc
#endif

public final class PluginInstance {
  public let library: PluginLibrary
  private let handle: OpaquePointer
  private var closed = false

  /// Opens an instance, after checking `optionsJSON` against the plugin's
  /// options_schema: options that do not fit never reach the plugin.
  public init(library: PluginLibrary, optionsJSON: String) throws {
    self.library = library
    do {
      try OptionsSchema.check(optionsJSON, schema: library.descriptor.optionsSchema, plugin: library.descriptor.id)
    } catch let error as OptionsError {
      throw PluginCallError.failed(error.description)
    }
    var error = [CChar](repeating: 0, count: 2048)
    let opened = error.withUnsafeMutableBufferPointer { buffer in
      optionsJSON.withCString { library.c.pointee.open!($0, buffer.baseAddress, buffer.count) }
    }
    guard let opened else {
      throw PluginCallError.failed("could not open with options \(optionsJSON): \(errorText(error))")
    }
    handle = opened
  }

  deinit { close() }

  public func close() {
    guard !closed else { return }
    closed = true
    library.c.pointee.close!(handle)
  }

  /// Analyses one document; the results are copied out before returning.
  public func analyze(_ document: DocumentPayload) throws -> RawResults {
    let collector = ResultCollector()
    var error = [CChar](repeating: 0, count: 4096)
    let status: Int32 = document.withCDocument { cDocument in
      collector.withSink { sink in
        error.withUnsafeMutableBufferPointer { buffer in
          library.c.pointee.analyze!(handle, cDocument, sink, buffer.baseAddress, buffer.count)
        }
      }
    }
    if status != Int32(HARK_OK.rawValue) { throw PluginCallError.failed(errorText(error)) }
    return collector.results
  }

  /// The corpus-level pass (nothing when the plugin has no `finish`).
  public func finish() throws -> RawResults {
    guard let finish = library.c.pointee.finish else { return RawResults() }
    let collector = ResultCollector()
    var error = [CChar](repeating: 0, count: 4096)
    let status: Int32 = collector.withSink { sink in
      error.withUnsafeMutableBufferPointer { buffer in finish(handle, sink, buffer.baseAddress, buffer.count) }
    }
    if status != Int32(HARK_OK.rawValue) { throw PluginCallError.failed(errorText(error)) }
    return collector.results
  }
}

public enum PluginCallError: Error, CustomStringConvertible {
  case failed(String)
  public var description: String {
    switch self {
    case .failed(let message): message.isEmpty ? "the plugin reported an error without a message" : message
    }
  }
}

func errorText(_ buffer: [CChar]) -> String {
  // The plugin may not terminate its message: never read past the buffer.
  let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  let text = String(decoding: bytes, as: UTF8.self)
  if bytes.count == buffer.count {
    return
      "\(text.prefix(200))… (the plugin's error message has no NUL terminator within the \(buffer.count)-byte buffer; "
      + "it must write at most error_capacity - 1 bytes and a NUL)"
  }
  return text
}

/// The host side of hark_sink: copies every result as raw bytes.
final class ResultCollector {
  var results = RawResults()

  func withSink<R>(_ body: (UnsafePointer<hark_sink>) -> R) -> R {
    var sink = hark_sink()
    sink.struct_size = UInt32(MemoryLayout<hark_sink>.size)
    sink.host_data = Unmanaged.passUnretained(self).toOpaque()
    sink.emit_code = emitCode
    sink.emit_concept = emitConcept
    sink.emit_link = emitLink
    sink.emit_score = emitScore
    sink.log = logLine
    return withUnsafePointer(to: &sink) { body($0) }
  }

  /// Checks a result before it is read, and reads the fields its struct
  /// holds. A NULL or too-short result is refused and remembered, so the
  /// document fails instead of counting as analysed with part of its
  /// results. Any struct at least as long as ABI 1.0's is accepted: one from
  /// a plugin built for an older minor is read as far as it goes (later
  /// fields zero), one from a newer minor only as far as this host knows.
  fileprivate func admit<T>(_ r: UnsafePointer<T>?, _ kind: String, number: Int, minimum: Int32) -> T? {
    guard let r else {
      note("\(kind) result \(number) is a NULL pointer")
      return nil
    }
    let claimed = Int(UnsafeRawPointer(r).load(as: UInt32.self))
    guard claimed >= Int(minimum) else {
      note("\(kind) result \(number) has struct_size \(claimed), less than the \(minimum) bytes of ABI 1.0")
      return nil
    }
    guard accept() else { return nil }
    return CStruct.read(UnsafeRawPointer(r), claimed: claimed, as: T.self)
  }

  /// The bytes of a result's string (NULL reads as empty), or nil when it
  /// has no NUL within the limit: then the result is refused, saying so.
  fileprivate func string(_ p: UnsafePointer<CChar>?, _ field: String, _ kind: String, number: Int) -> [UInt8]? {
    guard let p else { return [] }
    let length = strnlen(p, HostLimits.stringBytes)
    if length == HostLimits.stringBytes {
      note(
        "\(kind) result \(number): \(field) has no NUL terminator within \(HostLimits.stringBytes) bytes; end every string with a NUL byte"
      )
      return nil
    }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: length))
  }

  private func note(_ reason: String) {
    if results.refused.count < 5 { results.refused.append(reason) }
  }

  fileprivate func accept() -> Bool {
    if results.count >= HostLimits.resultsPerDocument {
      results.dropped += 1
      return false
    }
    return true
  }
}

private func collector(_ data: UnsafeMutableRawPointer?) -> ResultCollector {
  Unmanaged<ResultCollector>.fromOpaque(data!).takeUnretainedValue()
}

private func bytes(_ p: UnsafePointer<CChar>?) -> [UInt8] {
  guard let p else { return [] }
  return Array(
    UnsafeBufferPointer(
      start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strnlen(p, HostLimits.stringBytes)))
}

private let ok = Int32(HARK_OK.rawValue)
private let rejected = Int32(HARK_REJECTED.rawValue)

private let emitCode: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_code_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  let n = c.results.codes.count + 1
  guard let v = c.admit(r, "code", number: n, minimum: HARK_CODE_RESULT_SIZE_1_0),
    let document = c.string(v.document, "document", "code", number: n),
    let code = c.string(v.code, "code name", "code", number: n),
    let explanation = c.string(v.explanation, "explanation", "code", number: n)
  else { return rejected }
  c.results.codes.append(
    RawCode(
      document: document, code: code, start: v.start, end: v.end, confidence: v.confidence, explanation: explanation))
  return ok
}

private let emitConcept: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_concept_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  let n = c.results.concepts.count + 1
  guard let v = c.admit(r, "concept", number: n, minimum: HARK_CONCEPT_RESULT_SIZE_1_0),
    let document = c.string(v.document, "document", "concept", number: n),
    let label = c.string(v.label, "label", "concept", number: n),
    let explanation = c.string(v.explanation, "explanation", "concept", number: n)
  else { return rejected }
  c.results.concepts.append(
    RawConcept(
      document: document, label: label, start: v.start, end: v.end, confidence: v.confidence,
      explanation: explanation))
  return ok
}

private let emitLink: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_link_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  let n = c.results.links.count + 1
  guard let v = c.admit(r, "link", number: n, minimum: HARK_LINK_RESULT_SIZE_1_0),
    let document = c.string(v.document, "document", "link", number: n),
    let cause = c.string(v.cause, "cause", "link", number: n),
    let effect = c.string(v.effect, "effect", "link", number: n),
    let explanation = c.string(v.explanation, "explanation", "link", number: n)
  else { return rejected }
  c.results.links.append(
    RawLink(
      document: document, cause: cause, effect: effect, polarity: v.polarity, strength: v.strength,
      confidence: v.confidence, start: v.start, end: v.end, causeSpan: RawSpan(start: v.cause_start, end: v.cause_end),
      effectSpan: RawSpan(start: v.effect_start, end: v.effect_end), explanation: explanation))
  return ok
}

private let emitScore: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_score_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  let n = c.results.scores.count + 1
  guard let v = c.admit(r, "score", number: n, minimum: HARK_SCORE_RESULT_SIZE_1_0),
    let document = c.string(v.document, "document", "score", number: n),
    let name = c.string(v.name, "name", "score", number: n),
    let explanation = c.string(v.explanation, "explanation", "score", number: n)
  else { return rejected }
  c.results.scores.append(
    RawScore(document: document, name: name, start: v.start, end: v.end, value: v.value, explanation: explanation))
  return ok
}

private let logLine: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?) -> Void = {
  data, level, message in
  let c = collector(data)
  guard c.results.log.count < HostLimits.logLines else { return }
  c.results.log.append(String(decoding: bytes(message).prefix(1000), as: UTF8.self))
}
