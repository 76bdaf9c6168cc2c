// Reading one causal-claims annotation file (format in
// corpora/gold/causal-claims-guide.md) into quotes still to be found.
import Foundation
import HarkStore
import HarkTranscripts

/// One `.claims` file as written, before its quotes are found.
public struct ClaimsFile: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case explicit
    case implied
  }

  /// An annotated stretch of the transcript: from the start of one quote to the end of another.
  public struct Passage: Sendable, Equatable {
    public var line: Int
    public var from: GoldQuote
    public var to: GoldQuote
    public init(line: Int, from: GoldQuote, to: GoldQuote) {
      self.line = line
      self.from = from
      self.to = to
    }
  }

  public struct Claim: Sendable, Equatable {
    public var line: Int
    public var kind: Kind
    /// +1 or -1: what the claim says happens to the effect.
    public var sign: Int
    public var quote: GoldQuote
    public var cause: GoldQuote
    public var effect: GoldQuote
    public var causeLabels: [String]
    public var effectLabels: [String]
    public init(
      line: Int, kind: Kind, sign: Int, quote: GoldQuote, cause: GoldQuote, effect: GoldQuote,
      causeLabels: [String], effectLabels: [String]
    ) {
      self.line = line
      self.kind = kind
      self.sign = sign
      self.quote = quote
      self.cause = cause
      self.effect = effect
      self.causeLabels = causeLabels
      self.effectLabels = effectLabels
    }
  }

  /// Where the file came from, for messages.
  public var name: String
  public var transcript: String
  public var split: String
  public var passages: [Passage] = []
  public var claims: [Claim] = []

  static let fieldNames = ["quote", "cause", "effect", "cause-label", "effect-label"]

  /// Parses the text of a claims file; every problem names the file and line.
  public static func parse(_ text: String, name: String) throws -> ClaimsFile {
    var transcript: String?
    var split: String?
    var passages: [Passage] = []
    var claims: [Claim] = []
    let formatHint = "The format is described in corpora/gold/causal-claims-guide.md"
    func problem(_ line: Int, _ what: String, hint: String? = nil) -> HarkError {
      HarkError(
        what, subject: name, line: line, hint: hint ?? formatHint)
    }
    for item in try AnnotationLine.read(text, name: name, formatHint: formatHint) {
      let (line, key, value, fields) = (item.number, item.key, item.value, item.fields)
      switch key {
      case "transcript":
        transcript = value
      case "split":
        guard !value.isEmpty else { throw problem(line, "the split has no name", hint: "Write split: development") }
        split = value
      case "passage":
        let named = try namedFields(fields, known: ["from", "to"], line: line, problem: problem)
        guard let from = named["from"], let to = named["to"], !from.isEmpty, !to.isEmpty else {
          throw problem(
            line, "a passage needs from: and to: quotes",
            hint: "Write passage: from: first words of the passage | to: last words of the passage")
        }
        passages.append(Passage(line: line, from: GoldQuote.parse(from), to: GoldQuote.parse(to)))
      case "claim":
        guard !passages.isEmpty else {
          throw problem(line, "a claim comes before any passage: line", hint: "Say which passage is annotated first")
        }
        claims.append(try parseClaim(fields, line: line, problem: problem))
      default:
        throw problem(line, "the key \"\(key)\" is unknown (known: transcript, split, passage, claim)")
      }
    }
    guard let transcript, let split else {
      throw HarkError(
        "has no transcript: or split: line", subject: name,
        hint: "Start the file with transcript: FILE and split: development")
    }
    return ClaimsFile(name: name, transcript: transcript, split: split, passages: passages, claims: claims)
  }

  private static func parseClaim(_ fields: [String], line: Int, problem: (Int, String, String?) -> HarkError)
    throws -> Claim
  {
    let hint =
      "Write claim: explicit | + | quote: … | cause: … | effect: … | cause-label: label, label | effect-label: label, label"
    guard fields.count >= 2, let kind = Kind(rawValue: fields[0]) else {
      throw problem(line, "a claim starts with explicit or implied, not \"\(fields.first ?? "")\"", hint)
    }
    guard fields[1] == "+" || fields[1] == "-" else {
      throw problem(line, "a claim's sign must be + or -, not \"\(fields[1])\"", hint)
    }
    let named = try namedFields(Array(fields.dropFirst(2)), known: fieldNames, line: line, problem: problem)
    for field in fieldNames where (named[field] ?? "").isEmpty {
      throw problem(line, "the claim has no \(field):", hint)
    }
    func labels(_ field: String) -> [String] {
      (named[field] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
    }
    return Claim(
      line: line, kind: kind, sign: fields[1] == "+" ? 1 : -1, quote: GoldQuote.parse(named["quote"] ?? ""),
      cause: GoldQuote.parse(named["cause"] ?? ""), effect: GoldQuote.parse(named["effect"] ?? ""),
      causeLabels: labels("cause-label"), effectLabels: labels("effect-label"))
  }

  /// "name: text" fields, each known and given once.
  private static func namedFields(
    _ fields: [String], known: [String], line: Int, problem: (Int, String, String?) -> HarkError
  ) throws -> [String: String] {
    var named: [String: String] = [:]
    for field in fields {
      guard let colon = field.firstIndex(of: ":") else {
        throw problem(line, "the field \"\(field)\" has no name (known: \(known.joined(separator: ", ")))", nil)
      }
      let name = field[..<colon].trimmingCharacters(in: .whitespaces)
      guard known.contains(name), named[name] == nil else {
        throw problem(
          line, "the field \"\(name)\" is unknown or repeated (known: \(known.joined(separator: ", ")))", nil)
      }
      named[name] = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return named
  }
}
