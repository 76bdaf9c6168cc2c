// Reads causal cue patterns ("X helped me Y", "without X , Y") from a TSV
// file; the format is described at the top of corpora/lexicons/causal-cues.tsv.
import HarkPluginKit

/// How a pattern's words decide the sign of a link.
public enum CuePolarity: String, Sendable, CaseIterable {
  /// The cause increases the effect.
  case increases = "+"
  /// The cause decreases the effect ("stopped me going").
  case decreases = "-"
  /// "Without X, Y": the cause prevents Y, or makes a negated Y possible.
  case without
  /// "X made Y worse": more of a problem (anxiety), less of anything else.
  case worse
  /// "X made Y better", "X helped with Y": less of a problem, more of anything else.
  case better
}

/// How a pattern's effect words become a concept label.
public enum CueEffectForm: String, Sendable, CaseIterable {
  /// A clause or noun phrase: "I'd have lost the tenancy" → "losing tenancy",
  /// "the debt was" → "debt".
  case clause
  /// A clause whose subject is a pronoun ("I", "we", "people"), read as for
  /// `clause`; anything else is not read, which keeps "because" cues precise.
  case subject
  /// A bare verb phrase: "get out of the house" → "getting out of the house".
  case verb
  /// A noun phrase, cut before "to …" and "that …": "the confidence to …" → "confidence".
  case noun
  /// After "made me feel": "less alone" → "feeling less alone".
  case feeling
  /// After "made me": an adjective becomes "feeling …", a verb "…ing".
  case made
  /// After "got me": "out the door" → "getting out the door", "a phone" → "phone".
  case got
  /// After "kept me": "going" → "kept going".
  case kept
  /// No effect words ("X really helped"): the effect is the person's wellbeing.
  case wellbeing
  /// No effect words, and the sentence is only the cause: the effect is what
  /// the sentence before said ("She meant it. Because she kept turning up.").
  case previous
}

/// One element of a pattern.
public enum CueElement: Sendable, Equatable {
  case cause
  case effect
  /// One word, any of `alternatives`; `optional` when written in parentheses.
  case word(alternatives: [String], optional: Bool)
  /// A cue word that is also part of the slot next to it, written in braces:
  /// in "Y {demanding} X" the cause is "demanding better pay", in
  /// "X , {forcing} Y" the effect is "forcing the closure". It joins the
  /// slot after it, or the one before it when it ends the pattern.
  case slotWord(alternatives: [String])
  /// A cue word the evaluator does not mark as the link's signal, written in
  /// square brackets: the Causal News Corpus reads "after" and "when" as
  /// connectives, not signals ("Y [after] X").
  case quietWord(alternatives: [String])
  case comma
  /// "^": the next word must open a clause.
  case clauseStart
}

public struct CuePattern: Sendable, Equatable {
  /// As written in the file, e.g. "X helped me (to) Y".
  public var text: String
  public var elements: [CueElement]
  public var polarity: CuePolarity
  public var confidence: Double
  public var effectForm: CueEffectForm
  public var line: Int
  /// A pattern for news reports ("Y {demanding} X", "Y after X"): read only
  /// with the evaluator's "signals" option, and only in a sentence the
  /// sentence model finds causal. In interview speech these cue words are as
  /// often about time, place or purpose as about causes.
  public var news = false

  /// The words of the first cue word the pattern cannot do without: a
  /// sentence without one of them cannot match.
  public var anchors: [String] {
    for element in elements {
      switch element {
      case .word(let alternatives, false), .slotWord(let alternatives), .quietWord(let alternatives):
        return alternatives
      default: continue
      }
    }
    return []
  }
}

public struct CueLexicon: Sendable, Equatable {
  public var patterns: [CuePattern]

  /// Parses the TSV text; `file` names it in error messages.
  public static func parse(_ text: String, file: String) throws -> CueLexicon {
    var patterns: [CuePattern] = []
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      func fail(_ message: String) -> PluginError {
        PluginError("\(file), line \(lineNumber): \(message)")
      }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
      }
      guard columns.count == 4 || columns.count == 5 else {
        throw fail(
          "expected 4 columns separated by TABs (pattern, polarity, confidence, effect), found \(columns.count). "
            + "Check that the columns are separated by TAB characters, not spaces.")
      }
      let news = columns.count == 5 && !columns[4].isEmpty
      guard !news || columns[4] == "news" else {
        throw fail("the fifth column may only be \"news\" (a pattern for news reports), found \"\(columns[4])\".")
      }
      guard let polarity = CuePolarity(rawValue: columns[1]) else {
        throw fail(
          "unknown polarity \"\(columns[1])\". Use one of: "
            + CuePolarity.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      }
      guard let confidence = Double(columns[2]), confidence >= 0, confidence <= 1 else {
        throw fail("confidence \"\(columns[2])\" is not a number from 0 to 1. Write e.g. 0.7.")
      }
      guard let form = CueEffectForm(rawValue: columns[3]) else {
        throw fail(
          "unknown effect form \"\(columns[3])\". Use one of: "
            + CueEffectForm.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      }
      let elements = try parseElements(columns[0], fail: fail)
      let causes = elements.filter { $0 == .cause }.count
      let effects = elements.filter { $0 == .effect }.count
      guard causes == 1 else {
        throw fail(
          "pattern \"\(columns[0])\" must have exactly one X (the cause), found \(causes).")
      }
      if form == .wellbeing || form == .previous {
        guard effects == 0 else {
          throw fail(
            "pattern \"\(columns[0])\" has a Y but its effect is \"\(form.rawValue)\". Remove the Y or change the effect."
          )
        }
      } else if effects != 1 {
        throw fail(
          "pattern \"\(columns[0])\" must have exactly one Y (the effect), found \(effects).")
      }
      guard
        elements.contains(where: {
          switch $0 {
          case .word(_, false), .slotWord, .quietWord: return true
          default: return false
          }
        })
      else {
        throw fail(
          "pattern \"\(columns[0])\" has no required word. Add a cue word such as \"helped\".")
      }
      patterns.append(
        CuePattern(
          text: columns[0], elements: elements, polarity: polarity, confidence: confidence,
          effectForm: form,
          line: lineNumber, news: news))
    }
    guard !patterns.isEmpty else {
      throw PluginError(
        "\(file): no patterns found. Add lines like \"X helped me Y<TAB>+<TAB>0.7<TAB>verb\".")
    }
    return CueLexicon(patterns: patterns)
  }

  private static func parseElements(_ pattern: String, fail: (String) -> PluginError) throws
    -> [CueElement]
  {
    var elements: [CueElement] = []
    for part in pattern.split(separator: " ") {
      switch part {
      case "X": elements.append(.cause)
      case "Y": elements.append(.effect)
      case ",": elements.append(.comma)
      case "^":
        guard elements.isEmpty else {
          throw fail("\"^\" may only start a pattern, as in \"^ because of X , Y\".")
        }
        elements.append(.clauseStart)
      default:
        let optional = part.hasPrefix("(") && part.hasSuffix(")")
        let inSlot = part.hasPrefix("{") && part.hasSuffix("}")
        let quiet = part.hasPrefix("[") && part.hasSuffix("]")
        let body = optional || inSlot || quiet ? part.dropFirst().dropLast() : part[...]
        let words = body.split(separator: "/").map { String($0).lowercased() }
        guard !words.isEmpty, words.allSatisfy({ isWord($0) }) else {
          throw fail(
            "\"\(part)\" in pattern \"\(pattern)\" is not a word, \"a/b\", \"(optional)\", \"{in slot}\", \"[quiet]\", X, Y, \",\" or \"^\"."
          )
        }
        let alternatives = words.map { $0.replacingApostrophes() }
        elements.append(
          inSlot
            ? .slotWord(alternatives: alternatives)
            : quiet ? .quietWord(alternatives: alternatives) : .word(alternatives: alternatives, optional: optional))
      }
    }
    return elements
  }

  private static func isWord(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || $0 == "'" || $0 == "\u{2019}" || $0 == "-"
      }
  }
}

extension String {
  func replacingApostrophes() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
  }
}
