// The sentiment lexicon: terms of one or more words with a valence from -4 to +4.
import HarkPluginKit

/// Terms and their valence, looked up by the words of a sentence.
public struct SentimentLexicon: Sendable {
  /// One term, as the tokenizer splits it.
  struct Entry: Sendable {
    var words: [String]
    var valence: Double
  }

  /// Entries by their first word, longest first, so the longest match wins.
  private var entries: [String: [Entry]] = [:]
  public private(set) var count = 0

  /// The lexicon compiled into the plugin: corpora/lexicons/sentiment.tsv.
  public static let builtIn: SentimentLexicon = {
    do {
      return try SentimentLexicon(tsv: builtInText, source: "the built-in lexicon")
    } catch {
      // The built-in text is checked by the tests; an empty lexicon is the
      // safe outcome if it were ever broken.
      return SentimentLexicon()
    }
  }()

  /// The text of the built-in lexicon, in the TSV format `init(tsv:source:)` reads.
  public static var builtInText: String { defaultLexiconTSV }

  private init() {}

  /// Reads `term<TAB>valence` lines; `#` lines and blank lines are skipped.
  /// `source` names the file in error messages. A term listed twice keeps
  /// its last valence.
  public init(tsv: String, source: String) throws {
    var lineNumber = 0
    for rawLine in tsv.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard columns.count == 2 else {
        throw PluginError(
          "\(source), line \(lineNumber): expected a term, a tab and a valence, got \"\(line.prefix(60))\". "
            + "Separate the two columns with one tab character.")
      }
      let valenceText = columns[1].trimmingSpaces
      guard let valence = Double(valenceText), valence.isFinite, (-4...4).contains(valence) else {
        throw PluginError(
          "\(source), line \(lineNumber): the valence \"\(valenceText)\" is not a number from -4 to 4."
        )
      }
      let termBytes = Array(columns[0].trimmingSpaces.utf8)
      let words = Tokenizer.tokens(termBytes, in: 0..<termBytes.count).map(\.lower)
      guard let first = words.first else {
        throw PluginError(
          "\(source), line \(lineNumber): the term is empty. Write the term before the tab.")
      }
      var list = entries[first, default: []]
      if let existing = list.firstIndex(where: { $0.words == words }) {
        list[existing].valence = valence
      } else {
        list.append(Entry(words: words, valence: valence))
        count += 1
      }
      list.sort { $0.words.count > $1.words.count }
      entries[first] = list
    }
  }

  /// The longest entry that matches `tokens` from `start`, if any.
  /// `minWords` = 2 asks for phrases only.
  func match(_ tokens: [Token], at start: Int, minWords: Int = 1) -> Entry? {
    guard let candidates = entries[tokens[start].lower] else { return nil }
    for entry in candidates
    where entry.words.count >= minWords && start + entry.words.count <= tokens.count {
      var matches = true
      for k in 1..<max(entry.words.count, 1) where tokens[start + k].lower != entry.words[k] {
        matches = false
        break
      }
      if matches { return entry }
    }
    return nil
  }

  /// The valence of a term written as in the TSV, or nil when absent.
  public func valence(of term: String) -> Double? {
    let bytes = Array(term.utf8)
    let tokens = Tokenizer.tokens(bytes, in: 0..<bytes.count)
    guard !tokens.isEmpty, let entry = match(tokens, at: 0), entry.words.count == tokens.count
    else { return nil }
    return entry.valence
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var s = self
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return s
  }
}
