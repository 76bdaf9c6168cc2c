// Reads the researcher-editable value codebook (format in corpora/codebooks/README.md).
import HarkPluginKit

/// The codes the Values plugin looks for, each with the words that signal it.
public struct ValueCodebook: Sendable, Equatable {
  public struct Code: Sendable, Equatable {
    public var name: String
    public var parent: String
    public var description: String
    /// "#RRGGBB", or nil when the codebook gives none.
    public var colour: String?
    /// The code to use when one of this code's terms is negated.
    public var opposite: String?
    public var terms: [Phrase]
    /// Terms that signal this code only when negated: "didn't push" is
    /// feeling safe, "push" alone is nothing.
    public var negatedTerms: [Phrase] = []
    public var exclusions: [Phrase]
    /// Where the block starts, for messages.
    public var line: Int
  }

  /// A term or exclusion: words matched one after another in a sentence.
  public struct Phrase: Sendable, Equatable {
    /// As written in the codebook, lowercased.
    public var text: String
    public var words: [Word]
    /// For a term: words of which one must also stand in the sentence for
    /// the term to code ("cup of tea" needs "made", "brought" …); empty
    /// when the term codes on its own. From the `needs:` line after the
    /// term's `terms:` line.
    public var needs: [Phrase] = []
    /// Whether a word of the phrase is itself a negator ("nobody listened"),
    /// in which case a negator before it does not turn it round.
    public var containsNegator: Bool { words.contains { Modifiers.isNegator($0.text) } }
  }

  public struct Word: Sendable, Equatable {
    /// Lowercased, straight apostrophes.
    public var text: String
    public var stem: String
    /// Written with a trailing "*": matches any word that starts with `text`.
    public var isPrefix: Bool
    /// Written in double quotes: matches only this exact word, not its other forms.
    public var isExact: Bool
    /// Written with a capital ("Monday", "English"): also matches the word
    /// capitalised in the middle of a sentence, where other words are read
    /// as names.
    public var matchesNames = false
    /// In an exclusion, written after "...": up to `ValueCodebook.gap`
    /// other words of the sentence may stand before this one ("warm ... weather").
    public var gapBefore = false
  }

  /// How many words a "..." in an exclusion may stand for.
  public static let gap = 3

  public var codes: [Code]

  public static let keys = [
    "code", "parent", "description", "colour", "opposite", "terms", "negated", "needs", "exclude",
  ]

  /// Parses codebook text; `file` names it in error messages.
  public static func parse(_ text: String, file: String) throws -> ValueCodebook {
    var codes: [Code] = []
    var seenKeys: [String: Int] = [:]
    var lineNumber = 0
    /// The list and the terms the last `terms:` or `negated:` line added,
    /// which a `needs:` line right after it applies to.
    var lastTerms: (key: String, range: Range<Int>)?
    func fail(_ message: String, line: Int? = nil) -> PluginError {
      PluginError("\(file), line \(line ?? lineNumber): \(message)")
    }

    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":") else {
        throw fail(
          "\"\(line.prefix(40))\" is not a \"key: value\" line. Write e.g. \"terms: listened to, heard me\", "
            + "or start a comment with #.")
      }
      let key = line[..<colon].trimmingWhitespace().lowercased()
      let value = line[line.index(after: colon)...].trimmingWhitespace()
      let canonicalKey = key == "color" ? "colour" : key
      guard keys.contains(canonicalKey) else {
        throw fail("unknown key \"\(key)\". Use one of: \(keys.joined(separator: ", ")).")
      }
      if canonicalKey == "code" {
        guard !value.isEmpty else {
          throw fail(
            "\"code:\" has no name. Write the code's name after it, e.g. \"code: being heard\".")
        }
        if let earlier = codes.first(where: { $0.name.lowercased() == value.lowercased() }) {
          throw fail(
            "code \"\(value)\" is already defined on line \(earlier.line). Give each code a different name."
          )
        }
        if let previous = codes.last, previous.terms.isEmpty && previous.negatedTerms.isEmpty {
          throw fail(
            "code \"\(previous.name)\" has no terms. Add a line \"terms: word, phrase, stem*\" to it.",
            line: previous.line)
        }
        codes.append(
          Code(
            name: value, parent: "", description: "", colour: nil, opposite: nil, terms: [],
            exclusions: [],
            line: lineNumber))
        seenKeys = [:]
        lastTerms = nil
        continue
      }
      guard var code = codes.last else {
        throw fail(
          "\"\(key):\" comes before any \"code:\" line. Start each block with \"code: <name>\".")
      }
      if !["terms", "negated", "needs", "exclude"].contains(canonicalKey), let earlier = seenKeys[canonicalKey] {
        throw fail(
          "\"\(key):\" appears twice in code \"\(code.name)\" (first on line \(earlier)). Keep one."
        )
      }
      seenKeys[canonicalKey] = lineNumber
      let termsBefore = lastTerms
      lastTerms = nil
      switch canonicalKey {
      case "parent": code.parent = value
      case "description": code.description = value
      case "opposite":
        guard !value.isEmpty else {
          throw fail("\"opposite:\" is empty. Name another code, or delete the line.")
        }
        code.opposite = value
      case "colour":
        guard isHexColour(value) else {
          throw fail(
            "colour \"\(value)\" is not a #RRGGBB colour. Write # and six hex digits, e.g. #3DA5D9."
          )
        }
        code.colour = value.uppercased()
      case "needs":
        guard let termsBefore else {
          throw fail(
            "\"needs:\" must come right after a \"terms:\" or \"negated:\" line: it names words the terms of "
              + "that line need in the sentence, as in \"needs: made, brought\" under \"terms: cup of tea\".")
        }
        let needed = try parsePhrases(value, key: key, fail: { fail($0) })
        for k in termsBefore.range {
          if termsBefore.key == "terms" { code.terms[k].needs += needed } else { code.negatedTerms[k].needs += needed }
        }
        lastTerms = termsBefore
      default:
        let phrases = try parsePhrases(value, key: key, fail: { fail($0) })
        switch canonicalKey {
        case "terms":
          lastTerms = ("terms", code.terms.count..<(code.terms.count + phrases.count))
          code.terms += phrases
        case "negated":
          lastTerms = ("negated", code.negatedTerms.count..<(code.negatedTerms.count + phrases.count))
          code.negatedTerms += phrases
        default: code.exclusions += phrases
        }
      }
      codes[codes.count - 1] = code
    }

    guard let last = codes.last else {
      throw PluginError(
        "\(file): no codes found. Add blocks that start \"code: <name>\" followed by \"terms: ...\" lines."
      )
    }
    if last.terms.isEmpty && last.negatedTerms.isEmpty {
      throw fail(
        "code \"\(last.name)\" has no terms. Add a line \"terms: word, phrase, stem*\" to it.",
        line: last.line)
    }
    let names = Set(codes.map { $0.name.lowercased() })
    for code in codes {
      if let opposite = code.opposite, !names.contains(opposite.lowercased()) {
        throw PluginError(
          "\(file), code \"\(code.name)\" (line \(code.line)): opposite \"\(opposite)\" is not a code in this "
            + "codebook. Use the name of another code, or delete the line.")
      }
    }
    return ValueCodebook(codes: codes)
  }

  private static func parsePhrases(_ value: String, key: String, fail: (String) -> PluginError)
    throws -> [Phrase]
  {
    let items = value.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingWhitespace()
    }
    // A trailing comma lets a list continue on the next "terms:" line.
    let listed = items.last == "" ? Array(items.dropLast()) : items
    guard !listed.isEmpty else {
      throw fail(
        "\"\(key):\" is empty. List words or phrases separated by commas, or delete the line.")
    }
    return try listed.map { item in
      guard !item.isEmpty else {
        throw fail("\"\(key):\" has an empty entry between two commas. Remove the extra comma.")
      }
      var words: [Word] = []
      var gapNext = false
      for part in item.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        if part == "..." || part == "\u{2026}" {
          guard key.lowercased() == "exclude" else {
            throw fail(
              "in \"\(item)\", \"...\" is only for \"exclude:\" lines, where it lets other words stand between two words."
            )
          }
          guard !words.isEmpty, !gapNext else {
            throw fail("in \"\(item)\", \"...\" must stand between two words, as in \"warm ... weather\".")
          }
          gapNext = true
          continue
        }
        let isExact = part.count > 2 && part.hasPrefix("\"") && part.hasSuffix("\"")
        let isPrefix = !isExact && part.hasSuffix("*")
        let body =
          isExact
          ? String(part.dropFirst().dropLast()) : isPrefix ? String(part.dropLast()) : String(part)
        if body.contains("\"") {
          throw fail(
            "in \"\(item)\", a quote is misplaced. Put a whole word in double quotes, as in \"lovely\"."
          )
        }
        if body.contains("*") {
          throw fail(
            "in \"\(item)\", \"*\" is inside a word. A \"*\" may only end a word, as in \"listen*\"."
          )
        }
        let bytes = Array(body.utf8)
        let tokens = Tokenizer.tokens(bytes, in: 0..<bytes.count).filter { $0.kind != .punctuation }
        if tokens.isEmpty {
          throw fail("\"\(item)\" has no words. Write letters or digits, e.g. \"listened to\".")
        }
        for (k, token) in tokens.enumerated() {
          let prefix = isPrefix && k == tokens.count - 1
          let first = bytes[token.range.lowerBound]
          let capital =
            first < 0x80
            ? first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
            : String(decoding: bytes[token.range], as: UTF8.self).unicodeScalars.first?.properties.isUppercase
              ?? false
          words.append(
            Word(
              text: token.lower, stem: Stemmer.stem(token.lower), isPrefix: prefix, isExact: isExact,
              matchesNames: capital, gapBefore: gapNext && k == 0))
        }
        gapNext = false
      }
      if gapNext {
        throw fail("in \"\(item)\", \"...\" must stand between two words, as in \"warm ... weather\".")
      }
      return Phrase(text: item.lowercased(), words: words)
    }
  }

  private static func isHexColour(_ value: String) -> Bool {
    let scalars = Array(value.unicodeScalars)
    guard scalars.count == 7, scalars[0] == "#" else { return false }
    return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    var scalars = Substring(self).unicodeScalars[...]
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }
}
