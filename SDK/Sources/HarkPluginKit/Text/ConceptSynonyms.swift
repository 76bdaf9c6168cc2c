// One name per concept: the synonym table that folds "lonely", "loneliness"
// and "isolated" into one concept before a plugin proposes it.

/// Canonical concept labels and the words and phrases that name them.
///
/// The file format is described at the top of corpora/codebooks/concepts.synonyms.
public struct ConceptSynonyms: Sendable {
  /// Stemmed, lowercased form of a variant → its canonical label.
  private var table: [String: String] = [:]
  /// Where each stemmed form was given, for duplicate errors.
  private var lines: [String: Int] = [:]

  public init() {}

  /// The project's default table, the same text as corpora/codebooks/concepts.synonyms.
  public static let builtIn: ConceptSynonyms = {
    do { return try parse(DefaultSynonyms.text, file: "the built-in concept synonyms") } catch {
      fatalError("the built-in concept synonyms do not parse: \(error)")
    }
  }()

  /// The default text, for plugins that show or copy it.
  public static let defaultText = DefaultSynonyms.text

  /// Reads a synonym table; errors name the file and line and say what to fix.
  public static func parse(_ text: String, file: String) throws -> ConceptSynonyms {
    var synonyms = ConceptSynonyms()
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = index + 1
      let line = raw.trimmingSpaces
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let equals = line.firstIndex(of: "=") else {
        throw PluginError(
          "\(file), line \(number): expected `canonical label = variant, variant, …` but found no \"=\". "
            + "Add the variants after \"=\", or start the line with # to make it a comment.")
      }
      let canonical = String(line[..<equals].trimmingSpaces)
      guard !normalised(canonical).isEmpty else {
        throw PluginError(
          "\(file), line \(number): the canonical label before \"=\" is empty. Write the concept's name there.")
      }
      let variants = line[line.index(after: equals)...].split(separator: ",").map { String($0.trimmingSpaces) }
      for variant in [canonical] + variants where !variant.isEmpty {
        let form = marked(variant)
        guard !form.isEmpty else { continue }
        if let other = synonyms.table[form], other != canonical {
          throw PluginError(
            "\(file), line \(number): \"\(variant)\" is already a name of \"\(other)\" (line \(synonyms.lines[form]!)). "
              + "A word or phrase can name one concept only: remove it from one of the two lines.")
        }
        synonyms.table[form] = canonical
        synonyms.lines[form] = number
      }
    }
    return synonyms
  }

  /// How many distinct names the table knows.
  public var count: Int { table.count }

  /// The canonical label for `label`, or nil when the table does not know it.
  /// "~isolated" gives "~loneliness"; the opposite of an opposite is the plain label.
  public func lookup(_ label: String) -> String? {
    let form = Self.marked(label)
    if let canonical = table[form] { return canonical }
    // "~isolated": the opposite of whatever "isolated" names.
    guard form.hasPrefix("~"), let canonical = table[String(form.dropFirst())] else { return nil }
    return canonical.hasPrefix("~") ? String(canonical.dropFirst()) : "~" + canonical
  }

  /// The normalised form, keeping a leading "~" (an opposite) as a marker.
  static func marked(_ label: some StringProtocol) -> String {
    let text = Substring(label).trimmingSpaces
    guard text.hasPrefix("~") else { return normalised(text) }
    let rest = normalised(text.dropFirst())
    return rest.isEmpty ? "" : "~" + rest
  }

  /// The canonical label for `label`, or `label` itself when the table does not know it.
  public func canonical(_ label: String) -> String { lookup(label) ?? label }

  static let leadingWords: Set<String> = [
    "the", "a", "an", "my", "your", "his", "her", "their", "our", "its", "this", "that", "some",
  ]

  /// Lowercased words, leading determiners dropped, each word stemmed, one space apart.
  static func normalised(_ text: some StringProtocol) -> String {
    let bytes = Array(String(text).utf8)
    var words = Tokenizer.tokens(bytes, in: 0..<bytes.count).filter { $0.kind != .punctuation || $0.lower == "&" }
      .map(\.lower)
    while words.count > 1, let first = words.first, leadingWords.contains(first) { words.removeFirst() }
    return words.map { Stemmer.stem($0) }.joined(separator: " ")
  }
}

extension StringProtocol {
  fileprivate var trimmingSpaces: Substring {
    let s = Substring(self)
    guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
    let last = s.lastIndex(where: { !$0.isWhitespace })!
    return s[first...last]
  }
}
