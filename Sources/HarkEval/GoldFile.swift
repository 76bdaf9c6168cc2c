// Reading one gold annotation file (format in corpora/gold/README.md) into
// quotes that still have to be found in the transcript.
import Foundation
import HarkStore
import HarkTranscripts

/// Verbatim text to find in a transcript, with the occurrence to take when it is not unique.
public struct GoldQuote: Sendable, Equatable {
  public var text: String
  /// 1-based occurrence where the quote is searched (`… @2`); nil when the quote must be unique there.
  public var occurrence: Int?

  public init(_ text: String, occurrence: Int? = nil) {
    self.text = text
    self.occurrence = occurrence
  }

  /// Reads "some words" or "some words @2".
  static func parse(_ field: String) -> GoldQuote {
    let trimmed = field.trimmingCharacters(in: .whitespaces)
    if let at = trimmed.range(of: " @", options: .backwards),
      let n = Int(trimmed[at.upperBound...]), n >= 1
    {
      return GoldQuote(String(trimmed[..<at.lowerBound]), occurrence: n)
    }
    return GoldQuote(trimmed)
  }

  var shown: String { occurrence.map { "\"\(text)\" (occurrence \($0))" } ?? "\"\(text)\"" }
}

/// One gold file as written, before its quotes are found.
public struct GoldFile: Sendable, Equatable {
  public enum Split: String, Sendable, CaseIterable {
    case tuning
    case heldOut = "held-out"
    /// Annotated after `held-out` had been looked at over many sessions; the headline split.
    case heldOut2 = "held-out-2"
  }

  public struct Concept: Sendable, Equatable {
    public var label: String
    public var alternatives: [String]
    public init(label: String, alternatives: [String] = []) {
      self.label = label
      self.alternatives = alternatives
    }
  }

  public struct Value: Sendable, Equatable {
    public var line: Int
    public var code: String
    public var quote: GoldQuote
    public init(line: Int, code: String, quote: GoldQuote) {
      self.line = line
      self.code = code
      self.quote = quote
    }
  }

  public struct Link: Sendable, Equatable {
    public var line: Int
    public var polarity: Int
    public var cause: GoldQuote
    public var effect: GoldQuote
    /// The sentence that states the link, when it is not the default one.
    public var sentence: GoldQuote?
    public init(line: Int, polarity: Int, cause: GoldQuote, effect: GoldQuote, sentence: GoldQuote? = nil) {
      self.line = line
      self.polarity = polarity
      self.cause = cause
      self.effect = effect
      self.sentence = sentence
    }
  }

  /// A participant turn: found by a quote inside it, with its sentiment and what is annotated in it.
  public struct Turn: Sendable, Equatable {
    public var line: Int
    public var sentiment: Int
    public var quote: GoldQuote
    public var values: [Value] = []
    public var links: [Link] = []
  }

  /// Where the file came from, for messages ("corpora/gold/amina.gold").
  public var name: String
  public var transcript: String
  public var split: Split
  public var concepts: [Concept] = []
  public var turns: [Turn] = []

  /// Parses the text of a gold file; every problem names the file and line.
  public static func parse(_ text: String, name: String) throws -> GoldFile {
    var transcript: String?
    var split: Split?
    var concepts: [Concept] = []
    var turns: [Turn] = []
    let formatHint = "The format is described in corpora/gold/README.md"
    func problem(_ line: Int, _ what: String, hint: String? = nil) -> HarkError {
      HarkError(what, subject: name, line: line, hint: hint ?? formatHint)
    }
    for item in try AnnotationLine.read(text, name: name, formatHint: formatHint) {
      let (line, key, value, fields) = (item.number, item.key, item.value, item.fields)
      switch key {
      case "transcript":
        transcript = value
      case "split":
        guard let s = Split(rawValue: value) else {
          throw problem(
            line, "the split \"\(value)\" is unknown", hint: "Write split: tuning, split: held-out or split: held-out-2"
          )
        }
        split = s
      case "concept":
        guard !fields[0].isEmpty else { throw problem(line, "the concept has no label") }
        let alternatives =
          fields.count > 1
          ? fields[1...].joined(separator: " | ").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
          }.filter { !$0.isEmpty } : []
        concepts.append(Concept(label: fields[0], alternatives: alternatives))
      case "turn":
        guard fields.count == 2, let sentiment = parseSigned(fields[0]), (-2...2).contains(sentiment) else {
          throw problem(
            line, "a turn line needs a sentiment from -2 to +2 and a quote",
            hint: "Write turn: +1 | words from the turn")
        }
        turns.append(Turn(line: line, sentiment: sentiment, quote: GoldQuote.parse(fields[1])))
      case "value":
        guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
          throw problem(
            line, "a value line needs a code and a quote", hint: "Write value: warmth | words from the turn")
        }
        guard !turns.isEmpty else { throw problem(line, "a value comes before any turn: line") }
        turns[turns.count - 1].values.append(Value(line: line, code: fields[0], quote: GoldQuote.parse(fields[1])))
      case "link":
        guard !turns.isEmpty else { throw problem(line, "a link comes before any turn: line") }
        turns[turns.count - 1].links.append(try parseLink(fields, line: line, problem: problem))
      default:
        throw problem(line, "the key \"\(key)\" is unknown (known: transcript, split, concept, turn, value, link)")
      }
    }
    guard let transcript, let split else {
      throw HarkError(
        "has no transcript: or split: line", subject: name,
        hint: "Start the file with transcript: FILE and split: tuning, held-out or held-out-2")
    }
    return GoldFile(name: name, transcript: transcript, split: split, concepts: concepts, turns: turns)
  }

  private static func parseLink(_ fields: [String], line: Int, problem: (Int, String, String?) -> HarkError) throws
    -> Link
  {
    let hint = "Write link: +1 | cause: words | effect: words (and optionally | in: the sentence)"
    guard let polarity = parseSigned(fields[0]), polarity == 1 || polarity == -1 else {
      throw problem(line, "a link's polarity must be +1 or -1, not \"\(fields[0])\"", hint)
    }
    var parts: [String: GoldQuote] = [:]
    for field in fields.dropFirst() {
      guard let colon = field.firstIndex(of: ":") else {
        throw problem(line, "the link field \"\(field)\" has no name", hint)
      }
      let name = field[..<colon].trimmingCharacters(in: .whitespaces)
      guard ["cause", "effect", "in"].contains(name), parts[name] == nil else {
        throw problem(line, "the link field \"\(name)\" is unknown or repeated", hint)
      }
      parts[name] = GoldQuote.parse(String(field[field.index(after: colon)...]))
    }
    guard let cause = parts["cause"], let effect = parts["effect"], !cause.text.isEmpty, !effect.text.isEmpty else {
      throw problem(line, "a link needs a cause and an effect", hint)
    }
    return Link(line: line, polarity: polarity, cause: cause, effect: effect, sentence: parts["in"])
  }

  private static func parseSigned(_ text: String) -> Int? {
    Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
  }
}
