// The sentiment lexicon: terms of one or more words (or an emoticon or emoji)
// with a valence from -4 to +4, together with the valence shifters, in one
// table looked up by the hash of the lowercased word.
import HarkPluginKit

/// What the scorer knows about one word or phrase: its valence, whether
/// longer phrases start with it, and how it shifts the words near it.
struct TermInfo: Sendable {
  /// The valence when this is a lexicon term (0 marks a phrase that is not sentiment).
  var valence = 0.0
  var isTerm = false
  /// A term or a shifter; false for a word or phrase that only begins a longer phrase.
  var isEntry = false
  /// The most words of any phrase that starts with this word; 0 when none.
  var phraseLength: UInt8 = 0
  var roles: ShifterRoles = []
  /// An intensifier's strength: 0.3 makes the next term count 1.3×, -0.3 makes it 0.7×.
  var boost = 0.0
  /// A hedge's factor on the whole sentence, below 1.
  var hedge = 1.0
}

/// How a word shifts the sentiment of the words around it.
struct ShifterRoles: OptionSet, Sendable {
  let rawValue: UInt16
  /// "not", "never", "without": flips the term it governs.
  static let negator = ShifterRoles(rawValue: 1 << 0)
  /// "but", "however": what follows counts more.
  static let turning = ShifterRoles(rawValue: 1 << 1)
  /// "although", "though": the clause it opens counts less.
  static let concessive = ShifterRoles(rawValue: 1 << 2)
  /// "because", "and", "when": a negator before it does not reach past it.
  static let clauseOpener = ShifterRoles(rawValue: 1 << 3)
  /// "really", "even", "me": a negator reaches through it without using up its reach.
  static let transparent = ShifterRoles(rawValue: 1 << 4)
  /// "really", "a bit": strengthens or softens the next term.
  static let booster = ShifterRoles(rawValue: 1 << 5)
  /// "maybe", "i think": softens the whole sentence.
  static let hedge = ShifterRoles(rawValue: 1 << 6)
  /// "least": flips the term after it ("the least helpful"), unless it is "at least".
  static let least = ShifterRoles(rawValue: 1 << 7)
  /// "yet" turns a sentence only at the start of a clause ("…, yet it helped").
  static let turningAtClauseStart = ShifterRoles(rawValue: 1 << 8)
}

/// Terms and their valence, looked up by the keys of a sentence's words.
public struct SentimentLexicon: Sendable {
  /// Open addressing with linear probing; a key of 0 marks an empty slot.
  private var slots: [Slot]
  private(set) var infos: [TermInfo] = []
  private var mask: Int
  /// The number of terms read from the lexicon text.
  public private(set) var count = 0

  /// The lexicon compiled into the plugin: corpora/lexicons/sentiment.tsv.
  public static let builtIn: SentimentLexicon = {
    do {
      return try SentimentLexicon(tsv: builtInText, source: "the built-in lexicon")
    } catch {
      // The built-in text is checked by the tests; the shifters alone are the
      // safe outcome if it were ever broken.
      return SentimentLexicon(capacity: 0)
    }
  }()

  /// The text of the built-in lexicon, in the TSV format `init(tsv:source:)` reads.
  public static var builtInText: String { defaultLexiconTSV }

  private init(capacity: Int) {
    var size = 64
    while size < capacity * 2 { size <<= 1 }
    slots = [Slot](repeating: Slot(key: 0, index: -1), count: size)
    mask = size - 1
    for shifter in ValenceShifters.all {
      add(Self.keys(of: Array(shifter.term.utf8)) ?? []) { info in
        info.roles.formUnion(shifter.roles)
        if shifter.boost != 0 { info.boost = shifter.boost }
        if shifter.hedge != 1 { info.hedge = shifter.hedge }
      }
    }
  }

  /// Reads `term<TAB>valence` lines; `#` lines and blank lines are skipped.
  /// `source` names the file in error messages. A term listed twice keeps
  /// its last valence.
  public init(tsv: String, source: String) throws {
    let lines = tsv.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    self.init(capacity: lines.count + ValenceShifters.all.count)
    var lineNumber = 0
    for rawLine in lines {
      lineNumber += 1
      var line = Array(rawLine)
      if line.last == UInt8(ascii: "\r") { line.removeLast() }
      if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        || line.first == UInt8(ascii: "#")
      {
        continue
      }
      let columns = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      guard columns.count == 2 else {
        let shown = String(decoding: line, as: UTF8.self).prefix(60)
        throw PluginError(
          "\(source), line \(lineNumber): expected a term, a tab and a valence, got \"\(shown)\". "
            + "Separate the two columns with one tab character.")
      }
      let valenceText = String(decoding: columns[1], as: UTF8.self).trimmingSpaces
      guard let valence = Double(valenceText), valence.isFinite, (-4...4).contains(valence) else {
        throw PluginError(
          "\(source), line \(lineNumber): the valence \"\(valenceText)\" is not a number from -4 to 4."
        )
      }
      let term = String(decoding: columns[0], as: UTF8.self).trimmingSpaces
      guard !term.isEmpty else {
        throw PluginError(
          "\(source), line \(lineNumber): the term is empty. Write the term before the tab.")
      }
      guard let words = Self.keys(of: Array(term.utf8)), !words.isEmpty else {
        throw PluginError(
          "\(source), line \(lineNumber): the term \"\(term.prefix(60))\" cannot match any text: "
            + "write words (with ' or - inside them), one emoticon such as :) or <3, or one emoji.")
      }
      guard words.count <= 8 else {
        throw PluginError(
          "\(source), line \(lineNumber): the term has more than 8 words. Shorten it to its core words."
        )
      }
      var isNew = false
      add(words) { info in
        isNew = !info.isTerm
        info.isTerm = true
        info.valence = valence
      }
      if isNew { count += 1 }
    }
  }

  /// The keys of the words, emoticons and emoji of a term, or nil when the
  /// term has anything else (punctuation, symbols) that text never matches.
  static func keys(of term: [UInt8]) -> [UInt64]? {
    let buffer = ScratchBuffer<ScannedToken>()
    term.withUnsafeBufferPointer { WordScanner.scan($0, 0..<term.count, into: buffer) }
    let tokens = Array(buffer.elements)
    var covered = tokens.reduce(0) { $0 + Int($1.end - $1.start) }
    var i = 0
    while i < term.count {
      let b = term[i]
      if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") {
        covered += 1
      } else if b == 0xEF && i + 2 < term.count && term[i + 1] == 0xB8 && term[i + 2] == 0x8F {
        covered += 3  // the emoji presentation selector U+FE0F
        i += 2
      }
      i += 1
    }
    guard covered == term.count, !tokens.contains(where: { $0.kind == .punctuation }) else {
      return nil
    }
    return tokens.map(\.key)
  }

  /// Adds or changes the entry of a word or phrase, marks its first word as
  /// the start of a phrase, and gives each of its beginnings ("at the end of"
  /// for "at the end of my tether") a slot, so matching stops as soon as the
  /// words stop fitting any phrase.
  private mutating func add(_ words: [UInt64], _ change: (inout TermInfo) -> Void) {
    guard var key = words.first else { return }
    for (n, word) in words.enumerated().dropFirst() {
      if n >= 2 { _ = slot(for: key) }
      key = phraseKey(key, then: word)
    }
    let index = Int(slot(for: key))
    change(&infos[index])
    infos[index].isEntry = true
    if words.count > 1 {
      let first = Int(slot(for: words[0]))
      infos[first].phraseLength = max(infos[first].phraseLength, UInt8(words.count))
    }
  }

  /// A key and the index of its entry in `infos`, side by side so a probe
  /// touches one cache line.
  struct Slot: Sendable {
    var key: UInt64
    var index: Int32
  }

  /// The index in `infos` for `key`, made when absent.
  private mutating func slot(for key: UInt64) -> Int32 {
    if (infos.count + 1) * 2 > slots.count { grow() }
    var slot = Int(truncatingIfNeeded: key) & mask
    while slots[slot].key != 0 {
      if slots[slot].key == key { return slots[slot].index }
      slot = (slot + 1) & mask
    }
    slots[slot] = Slot(key: key, index: Int32(infos.count))
    infos.append(TermInfo())
    return slots[slot].index
  }

  private mutating func grow() {
    let old = slots
    slots = [Slot](repeating: Slot(key: 0, index: -1), count: old.count * 2)
    mask = slots.count - 1
    for entry in old where entry.key != 0 {
      var slot = Int(truncatingIfNeeded: entry.key) & mask
      while slots[slot].key != 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }

  /// The index in `infos` of a word or phrase key, or -1.
  @inline(__always)
  func lookup(_ key: UInt64) -> Int32 {
    slots.withUnsafeBufferPointer { slots in
      var slot = Int(truncatingIfNeeded: key) & mask
      while true {
        let entry = slots[slot]
        if entry.key == key { return entry.index }
        if entry.key == 0 { return -1 }
        slot = (slot + 1) & mask
      }
    }
  }

  /// The valence of a term written as in the TSV, or nil when absent.
  public func valence(of term: String) -> Double? {
    guard let words = Self.keys(of: Array(term.utf8)), var key = words.first else { return nil }
    for word in words.dropFirst() { key = phraseKey(key, then: word) }
    let index = lookup(key)
    guard index >= 0, infos[Int(index)].isTerm else { return nil }
    return infos[Int(index)].valence
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
