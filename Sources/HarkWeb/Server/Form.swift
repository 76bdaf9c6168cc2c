// A submitted HTML form (application/x-www-form-urlencoded): its fields, and
// the raw body so a middleware that read it can hand it on.
import Foundation
import Hummingbird
import NIOCore

struct Form: Sendable {
  var fields: [String: String]
  var raw: ByteBuffer

  subscript(_ name: String) -> String? { fields[name] }

  /// The field trimmed, or nil when it is missing or blank.
  func text(_ name: String) -> String? {
    guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
    return value
  }

  static func read(_ request: Request, context: WebContext) async throws -> Form {
    let raw = try await request.body.collect(upTo: context.maxUploadSize)
    return Form(fields: parse(String(buffer: raw)), raw: raw)
  }

  /// Splits `a=1&b=two+words` into fields; the first of a repeated name wins.
  static func parse(_ body: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = decode(parts[0]) else { continue }
      let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
      if fields[name] == nil { fields[name] = value }
    }
    return fields
  }

  private static func decode(_ part: Substring) -> String? {
    part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }
}
