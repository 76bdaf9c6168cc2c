// Finds the key-phrase candidates of a sentence: noun-like runs of one to
// three content words, merged across inflections by their stems.
import HarkPluginKit

/// One candidate phrase found in a sentence.
struct PhraseOccurrence: Equatable {
  /// The stems: "peer supporters" and "peer support" share "peer support".
  var key: PackedIDs
  /// The written forms: lowercase except names and acronyms ("Jo", "GP").
  var surface: PackedIDs
  /// A single topic word, experience or compound ("trust", "drop-in"):
  /// counts at full weight when the phrase stands alone.
  var strong: Bool
}

struct PhraseExtractor {
  private(set) var vocabulary: Vocabulary
  /// Per-sentence buffers, reused so a sentence allocates nothing new.
  private var infos: [WordInfo] = []
  private var forms: [Int32] = []

  init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
  }

  /// Forgets words and keeps only the given stems and forms; returns their new numbers.
  mutating func compactVocabulary(keepingStems stems: Set<Int32>, forms: Set<Int32>) -> (
    stems: [Int32], forms: [Int32]
  ) {
    vocabulary.compact(keepingStems: stems, forms: forms)
  }

  /// Appends the phrases of `sentence` to `result`.
  ///
  /// Every run of up to three content words ("of" or "to" may join two) is a
  /// candidate when it can name something: one word alone must be a noun
  /// that may stand alone (not scenery, vague, describing or "-ing"); a
  /// longer run must end in a noun (not a word of an experience) and hold a
  /// specific word, and a vague noun at its end needs a specific word that
  /// is not scenery.
  mutating func phrases(
    in bytes: [UInt8], sentence: Range<Int>, into result: inout [PhraseOccurrence]
  ) {
    readWords(bytes, sentence)
    let count = infos.count
    for start in 0..<count where infos[start].wordClass != .stop {
      var key = PackedIDs()
      var surface = PackedIDs()
      var slot = 0
      var words = 0
      var specific = false
      // Scenery alone cannot make a vague head specific: "phone number" no, "young people" yes.
      var specificNotScenery = false
      var end = start
      while end < count && slot < PackedIDs.capacity {
        let info = infos[end]
        if info.wordClass != .stop {
          key.append(info.stem, at: slot)
          surface.append(forms[end], at: slot)
          slot += 1
          words += 1
          specific = specific || info.wordClass.isSpecific
          specificNotScenery =
            specificNotScenery || (info.wordClass.isSpecific && info.wordClass != .scenery)
          if words == 1 {
            if info.experience != 0 {
              result.append(
                PhraseOccurrence(key: PackedIDs([info.experience]), surface: surface, strong: true))
            } else if info.wordClass.mayStandAlone || info.namesConcept {
              result.append(
                PhraseOccurrence(
                  key: key, surface: surface,
                  strong: info.wordClass == .theme || info.isCompound || info.namesConcept))
            }
          } else if info.wordClass.isNoun && info.experience == 0
            && (info.wordClass == .vague ? specificNotScenery : specific)
          {
            result.append(PhraseOccurrence(key: key, surface: surface, strong: false))
          }
        } else if words > 0, info.isConnector, end + 1 < count, infos[end + 1].wordClass != .stop,
          slot + 1 < PackedIDs.capacity
        {
          key.append(info.stem, at: slot)
          surface.append(info.form, at: slot)
          slot += 1
        } else {
          break
        }
        end += 1
      }
    }
  }

  /// Fills the buffers with the words of the sentence. "A&E" and "B&Q"
  /// become one word, though the tokenizer splits them at "&"; so do a
  /// title and the name after it ("St. Marys").
  private mutating func readWords(_ bytes: [UInt8], _ sentence: Range<Int>) {
    let tokens = Tokenizer.tokens(bytes, in: sentence)
    infos.removeAll(keepingCapacity: true)
    forms.removeAll(keepingCapacity: true)
    var i = 0
    var firstWord = true
    while i < tokens.count {
      var token = tokens[i]
      i += 1
      guard token.kind == .word else {
        infos.append(WordInfo(wordClass: .stop, stem: 0, form: 0, experience: 0))
        forms.append(0)
        continue
      }
      if i + 1 < tokens.count, tokens[i].lower == "&", tokens[i].range.lowerBound == token.range.upperBound,
        tokens[i + 1].kind == .word, tokens[i + 1].range.lowerBound == tokens[i].range.upperBound
      {
        token = Token(
          range: token.range.lowerBound..<tokens[i + 1].range.upperBound,
          lower: token.lower + "&" + tokens[i + 1].lower, kind: .word)
        i += 2
      } else if Self.titles.contains(token.lower), i + 1 < tokens.count, tokens[i].lower == ".",
        tokens[i].range.lowerBound == token.range.upperBound, tokens[i + 1].kind == .word,
        bytes[tokens[i + 1].range.lowerBound] >= UInt8(ascii: "A"),
        bytes[tokens[i + 1].range.lowerBound] <= UInt8(ascii: "Z")
      {
        // "St. Marys", "Dr. Jones": a title and the name after it are one
        // name, never "St" or "Dr" alone.
        token = Token(
          range: token.range.lowerBound..<tokens[i + 1].range.upperBound,
          lower: token.lower + ". " + tokens[i + 1].lower, kind: .word)
        i += 2
      }
      let info = vocabulary.word(token)
      var form = info.form
      if info.wordClass != .stop, hasCapitals(bytes, token.range) {
        let key = KeyTable.rawKey(bytes, token.range, sentenceStart: firstWord)
        let sentenceStart = firstWord
        form = vocabulary.form(rawKey: key) { Self.surface(token, bytes, sentenceStart: sentenceStart) }
        if form == 0 { form = info.form }
      }
      firstWord = false
      infos.append(info)
      forms.append(form)
    }
  }

  /// Abbreviated titles that a full stop and a name follow ("St. Marys", "Mt. Druitt").
  static let titles: Set<String> = [
    "st", "mt", "ft", "dr", "mr", "mrs", "ms", "rev", "prof", "sgt", "capt", "lt", "col",
  ]

  /// Whether the bytes may hold a capital letter: any ASCII capital, or any
  /// non-ASCII byte (checked properly when the label is made).
  private func hasCapitals(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    for b in bytes[range] where (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b >= 0x80 {
      return true
    }
    return false
  }

  /// The word as a label shows it: names and acronyms keep their capitals
  /// ("Jo", "GP"), other words are lowercased, as is a capital that only
  /// starts the sentence.
  private static func surface(_ token: Token, _ bytes: [UInt8], sentenceStart: Bool) -> String {
    let original = String(decoding: bytes[token.range], as: UTF8.self)
    guard original != token.lower else { return token.lower }
    let capitals = original.unicodeScalars.filter { $0.properties.isUppercase }.count
    let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }.count
    if capitals == letters && letters >= 2 { return original }
    return sentenceStart || capitals == 0 ? token.lower : original
  }
}
