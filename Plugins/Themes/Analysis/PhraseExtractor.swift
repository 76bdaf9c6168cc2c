// Finds the key-phrase candidates of a sentence: runs of one to three
// content words, merged across inflections by their stems.
import HarkPluginKit

/// One candidate phrase found in a sentence.
struct PhraseOccurrence: Equatable {
  /// Stems joined by spaces: "peer supporters" and "peer support" share "peer support".
  var key: String
  /// The words as written, lowercased except names and acronyms: "peer supporters", "Jo".
  var surface: String
}

struct PhraseExtractor {
  let stopwords: Set<String>
  let generic: Set<String>
  /// Stems already computed; cleared when large so memory stays bounded.
  private var stems: [String: String] = [:]
  /// Words that may join two content words inside a phrase: "cup of tea".
  private static let connectors: Set<String> = ["of"]
  static let maxWords = 3

  init(stopwords: Set<String>, generic: Set<String>) {
    self.stopwords = stopwords
    self.generic = generic
  }

  mutating func phrases(in bytes: [UInt8], sentence: Range<Int>) -> [PhraseOccurrence] {
    let tokens = Tokenizer.tokens(bytes, in: sentence)
    let firstWord = tokens.firstIndex { $0.kind == .word }
    let content = tokens.map { isContent($0) }
    var result: [PhraseOccurrence] = []
    for start in tokens.indices where content[start] {
      var stemParts: [String] = []
      var surfaceParts: [String] = []
      var hasSpecificWord = false
      var end = start
      while end < tokens.count && end - start < Self.maxWords {
        let token = tokens[end]
        if content[end] {
          stemParts.append(stem(token.lower))
          surfaceParts.append(surface(token, bytes, sentenceStart: end == firstWord))
          if !Stopwords.isGeneric(token.lower, in: generic) { hasSpecificWord = true }
          if hasSpecificWord {
            result.append(
              PhraseOccurrence(
                key: stemParts.joined(separator: " "), surface: surfaceParts.joined(separator: " "))
            )
          }
        } else if end > start, token.kind == .word, Self.connectors.contains(token.lower),
          end + 1 < tokens.count,
          content[end + 1]
        {
          stemParts.append(token.lower)
          surfaceParts.append(token.lower)
        } else {
          break
        }
        end += 1
      }
    }
    return result
  }

  private func isContent(_ token: Token) -> Bool {
    token.kind == .word && token.lower.utf8.count >= 2 && !stopwords.contains(token.lower)
      && !token.lower.hasPrefix("'")
  }

  private mutating func stem(_ lower: String) -> String {
    if let known = stems[lower] { return known }
    if stems.count > 50_000 { stems.removeAll(keepingCapacity: true) }
    let stem = Stemmer.stem(lower)
    stems[lower] = stem
    return stem
  }

  /// The word as a label shows it: names and acronyms keep their capitals
  /// ("Jo", "GP"), other words are lowercased, as is a capital that only
  /// starts the sentence.
  private func surface(_ token: Token, _ bytes: [UInt8], sentenceStart: Bool) -> String {
    let original = String(decoding: bytes[token.range], as: UTF8.self)
    guard original != token.lower else { return token.lower }
    let capitals = original.unicodeScalars.filter { $0.properties.isUppercase }.count
    let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }.count
    if capitals == letters && letters >= 2 { return original }
    return sentenceStart ? token.lower : original
  }
}
