// The line reader shared by the project's annotation files (`.gold` and
// `.claims`): both are "key: value" lines with ` | ` between fields, `#`
// comments and blank lines, and both start with transcript: and split:.
import Foundation
import HarkStore
import HarkTranscripts

/// One "key: value" line of an annotation file.
struct AnnotationLine: Equatable {
  /// 1-based, as an editor shows it.
  var number: Int
  var key: String
  var value: String
  /// The value split at ` | `, each part trimmed.
  var fields: [String]

  /// Reads every line that is not blank or a comment. Throws, naming the file and line, for a line with no
  /// "key:" and for any key before the transcript: and split: lines. `formatHint` says where the format is described.
  static func read(_ text: String, name: String, formatHint: String) throws -> [AnnotationLine] {
    var lines: [AnnotationLine] = []
    var sawTranscript = false
    var sawSplit = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = index + 1
      let content = raw.trimmingCharacters(in: .whitespaces)
      if content.isEmpty || content.hasPrefix("#") { continue }
      guard let colon = content.firstIndex(of: ":") else {
        throw HarkError("\"\(content)\" is not a \"key: value\" line", subject: name, line: number, hint: formatHint)
      }
      let key = content[..<colon].trimmingCharacters(in: .whitespaces)
      let value = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if key == "transcript" { sawTranscript = true }
      if key == "split" { sawSplit = true }
      if key != "transcript" && key != "split" && !(sawTranscript && sawSplit) {
        throw HarkError(
          "\(key): comes before the transcript: and split: lines", subject: name, line: number, hint: formatHint)
      }
      let fields = value.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
      lines.append(AnnotationLine(number: number, key: key, value: value, fields: fields))
    }
    return lines
  }
}
