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

  public init(library: PluginLibrary, optionsJSON: String) throws {
    self.library = library
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

private func errorText(_ buffer: [CChar]) -> String {
  // The plugin may not terminate its message: never read past the buffer.
  let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  return String(decoding: bytes, as: UTF8.self)
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

  /// Checks a result before it is read. A NULL or too-short result is
  /// refused and remembered, so the document fails instead of counting as
  /// analysed with part of its results.
  fileprivate func admit<T>(_ r: UnsafePointer<T>?, _ kind: String, number: Int) -> Bool {
    let size = MemoryLayout<T>.size
    guard let r else {
      note("\(kind) result \(number) is a NULL pointer")
      return false
    }
    let claimed = Int(r.withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee })
    guard claimed >= size else {
      note("\(kind) result \(number) has struct_size \(claimed), less than the \(size) bytes of ABI 1.0")
      return false
    }
    return accept()
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
  return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
}

private let ok = Int32(HARK_OK.rawValue)
private let rejected = Int32(HARK_REJECTED.rawValue)

private let emitCode: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_code_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  guard c.admit(r, "code", number: c.results.codes.count + 1), let r else { return rejected }
  let v = r.pointee
  c.results.codes.append(
    RawCode(
      document: bytes(v.document), code: bytes(v.code), start: v.start, end: v.end, confidence: v.confidence,
      explanation: bytes(v.explanation)))
  return ok
}

private let emitConcept: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_concept_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  guard c.admit(r, "concept", number: c.results.concepts.count + 1), let r else { return rejected }
  let v = r.pointee
  c.results.concepts.append(
    RawConcept(
      document: bytes(v.document), label: bytes(v.label), start: v.start, end: v.end, confidence: v.confidence,
      explanation: bytes(v.explanation)))
  return ok
}

private let emitLink: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_link_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  guard c.admit(r, "link", number: c.results.links.count + 1), let r else { return rejected }
  let v = r.pointee
  c.results.links.append(
    RawLink(
      document: bytes(v.document), cause: bytes(v.cause), effect: bytes(v.effect), polarity: v.polarity,
      strength: v.strength, confidence: v.confidence, start: v.start, end: v.end, causeStart: v.cause_start,
      causeEnd: v.cause_end, effectStart: v.effect_start, effectEnd: v.effect_end, explanation: bytes(v.explanation)))
  return ok
}

private let emitScore: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<hark_score_result>?) -> Int32 = {
  data, r in
  let c = collector(data)
  guard c.admit(r, "score", number: c.results.scores.count + 1), let r else { return rejected }
  let v = r.pointee
  c.results.scores.append(
    RawScore(
      document: bytes(v.document), name: bytes(v.name), start: v.start, end: v.end, value: v.value,
      explanation: bytes(v.explanation)))
  return ok
}

private let logLine: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?) -> Void = {
  data, level, message in
  let c = collector(data)
  guard c.results.log.count < HostLimits.logLines else { return }
  c.results.log.append(String(decoding: bytes(message).prefix(1000), as: UTF8.self))
}
