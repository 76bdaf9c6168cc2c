// Numbers for words, stems and written forms, so that phrases are counted
// under small integer keys instead of strings built for every mention.
import HarkPluginKit

/// Up to three numbers below 2²¹ packed into one integer: the stems of a
/// phrase (its key) or the written forms of its words (a surface).
struct PackedIDs: Hashable, Comparable, Sendable {
  var raw: UInt64

  static let capacity = 3
  static let bits: UInt64 = 21
  /// The largest number that fits in a slot; 0 marks an empty slot.
  static let maxID = Int32((1 << 21) - 1)

  init(raw: UInt64 = 0) { self.raw = raw }

  init(_ ids: some Sequence<Int32>) {
    raw = 0
    for (slot, id) in ids.enumerated() { raw |= UInt64(id) << (Self.bits * UInt64(slot)) }
  }

  /// The numbers in order, without empty slots.
  var ids: [Int32] {
    var result: [Int32] = []
    var rest = raw
    while rest != 0 {
      result.append(Int32(rest & UInt64(Self.maxID)))
      rest >>= Self.bits
    }
    return result
  }

  var count: Int {
    var n = 0
    var rest = raw
    while rest != 0 {
      n += 1
      rest >>= Self.bits
    }
    return n
  }

  /// Adds `id` after the filled slots.
  mutating func append(_ id: Int32, at slot: Int) {
    raw |= UInt64(id) << (Self.bits * UInt64(slot))
  }

  static func < (a: PackedIDs, b: PackedIDs) -> Bool { a.raw < b.raw }
}

/// What the extractor needs to know about a word, worked out once.
struct WordInfo: Sendable {
  var wordClass: WordClass
  var stem: Int32
  /// The lowercase written form.
  var form: Int32
  /// The stem number of an experience's label when the word is one of its words.
  var experience: Int32
  /// "of" or "to", which may join two content words: "cup of tea", "face to face".
  var isConnector = false
  /// An ordinary noun written with a hyphen: "drop-in".
  var isCompound = false
  /// A describing word or "-ing" word the synonym table names a concept
  /// by ("lonely" → loneliness): it may stand alone, to join that concept.
  var namesConcept = false
}

struct Vocabulary {
  let classes: WordClasses
  let stopwords: Set<String>
  /// Which words and phrases name the same concept, for labels.
  let synonyms: ConceptSynonyms

  /// Word numbers by the tokenizer's key of the lowercased word.
  private var wordIDs = KeyTable()
  private var words: [WordInfo] = []
  /// Form numbers of words written with capitals, by `KeyTable.rawKey`.
  private var writtenIDs = KeyTable()
  private var stemIDs: [String: Int32] = [:]
  /// Stem texts by number; 0 is unused.
  private(set) var stems: [String] = [""]
  private var formIDs: [String: Int32] = [:]
  /// Written forms by number: "gp" and "GP" are two forms; 0 is unused.
  private(set) var forms: [String] = [""]
  /// Stems and forms below these numbers survive every compaction: the
  /// connectors and the labels of experiences.
  private var pinnedStems = 1
  private var pinnedForms = 1
  /// Set once the numbers ran out; words seen after that are not counted.
  private(set) var isFull = false

  /// Stopwords that may join two content words: "cup of tea", "face to face".
  static let connectors = ["of", "to"]

  init(classes: WordClasses, stopwords: Set<String>, synonyms: ConceptSynonyms = ConceptSynonyms()) {
    self.classes = classes
    self.stopwords = stopwords
    self.synonyms = synonyms
    // Connectors get the same number as stem and as form (1, 2, …); the
    // labels of experiences follow as stems, so that no word's stem (which
    // has no spaces) can take their keys.
    for connector in Self.connectors {
      _ = internStem(connector)
      _ = internForm(connector)
    }
    for label in Set(classes.experiences.values).sorted() { _ = internStem(label) }
    pinnedStems = stems.count
    pinnedForms = forms.count
  }

  /// Whether a stem number is that of a connector ("of", "to").
  func isConnector(stem: Int32) -> Bool { stem > 0 && Int(stem) <= Self.connectors.count }

  /// Whether a stem number is the label of an experience ("being judged").
  func isExperience(stem: Int32) -> Bool { Int(stem) > Self.connectors.count && Int(stem) < pinnedStems }

  /// Number of distinct words, stems and forms held.
  var size: Int { words.count + stems.count + forms.count }

  /// The information on a word, adding it when new.
  @inline(__always)
  mutating func word(_ token: Token) -> WordInfo {
    if let id = wordIDs[token.key.raw] { return words[Int(id)] }
    return learn(token.lower, key: token.key.raw)
  }

  /// The information on a lowercased word, adding it when new.
  mutating func word(_ lower: String) -> WordInfo {
    let key = WordKey(lower).raw
    if let id = wordIDs[key] { return words[Int(id)] }
    return learn(lower, key: key)
  }

  private mutating func learn(_ lower: String, key: UInt64) -> WordInfo {
    let wordClass = classes.classify(lower, stopwords: stopwords)
    var info = WordInfo(wordClass: .stop, stem: 0, form: 0, experience: 0)
    if wordClass != .stop && !isFull {
      info.wordClass = wordClass
      info.stem = internStem(Stemmer.stem(lower))
      info.form = internForm(lower)
      if let label = classes.experiences[lower] { info.experience = stemIDs[label] ?? 0 }
      info.isCompound = wordClass == .ordinary && lower.utf8.contains(UInt8(ascii: "-"))
      info.namesConcept =
        (wordClass == .describing || wordClass == .gerund) && synonyms.count > 0 && synonyms.lookup(lower) != nil
      if info.stem == 0 || info.form == 0 { info = WordInfo(wordClass: .stop, stem: 0, form: 0, experience: 0) }
    }
    if let k = Self.connectors.firstIndex(of: lower) {
      info.isConnector = true
      info.stem = Int32(k + 1)
      info.form = Int32(k + 1)
    }
    wordIDs[key] = Int32(words.count)
    words.append(info)
    return info
  }

  /// The number of a written form with capitals ("GP", "Jo"); 0 when full.
  mutating func form(_ written: String) -> Int32 { internForm(written) }

  /// The number of the form `written()` makes of a word, cached under
  /// `rawKey` (its exact bytes and place); 0 when full.
  mutating func form(rawKey: UInt64, _ written: () -> String) -> Int32 {
    if let id = writtenIDs[rawKey] { return id }
    let id = internForm(written())
    if id != 0 { writtenIDs[rawKey] = id }
    return id
  }

  /// The class of a lowercased word, without adding it.
  func wordClass(of lower: String) -> WordClass { classes.classify(lower, stopwords: stopwords) }

  private mutating func internStem(_ text: String) -> Int32 {
    if let id = stemIDs[text] { return id }
    guard stems.count <= Int(PackedIDs.maxID) else {
      isFull = true
      return 0
    }
    let id = Int32(stems.count)
    stemIDs[text] = id
    stems.append(text)
    return id
  }

  private mutating func internForm(_ text: String) -> Int32 {
    if let id = formIDs[text] { return id }
    guard forms.count <= Int(PackedIDs.maxID) else {
      isFull = true
      return 0
    }
    let id = Int32(forms.count)
    formIDs[text] = id
    forms.append(text)
    return id
  }

  /// Keeps only the stems and forms still in use and renumbers them from
  /// the pinned ones up; returns the new numbers of old stems and forms
  /// (0 for dropped ones). Words are forgotten and classified again when seen.
  mutating func compact(keepingStems usedStems: Set<Int32>, forms usedForms: Set<Int32>) -> (
    stems: [Int32], forms: [Int32]
  ) {
    func renumber(_ texts: inout [String], _ ids: inout [String: Int32], pinned: Int, used: Set<Int32>)
      -> [Int32]
    {
      var map = [Int32](repeating: 0, count: texts.count)
      var kept = Array(texts.prefix(pinned))
      for id in 0..<pinned { map[id] = Int32(id) }
      for id in used.sorted() where Int(id) >= pinned {
        map[Int(id)] = Int32(kept.count)
        kept.append(texts[Int(id)])
      }
      texts = kept
      ids = Dictionary(uniqueKeysWithValues: kept.enumerated().dropFirst().map { ($1, Int32($0)) })
      return map
    }
    let stemMap = renumber(&stems, &stemIDs, pinned: pinnedStems, used: usedStems)
    let formMap = renumber(&forms, &formIDs, pinned: pinnedForms, used: usedForms)
    wordIDs.removeAll()
    writtenIDs.removeAll()
    words.removeAll()
    isFull = false
    return (stemMap, formMap)
  }
}

/// An open-addressing table from 64-bit keys (word keys, packed phrase
/// keys) to numbers, for lookups once per token without hashing strings.
struct KeyTable {
  private var keys = [UInt64](repeating: 0, count: 1024)
  private var values = [Int32](repeating: 0, count: 1024)
  /// Slots are found from the top bits of a multiplied key, so keys that
  /// are small numbers spread as well as hashes do.
  private var shift: UInt64 = 54
  /// The value of key 0, which marks empty slots.
  private var zeroValue: Int32?
  private(set) var count = 0

  @inline(__always)
  private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

  subscript(key: UInt64) -> Int32? {
    @inline(__always) get {
      if key == 0 { return zeroValue }
      let mask = keys.count - 1
      var i = slot(key)
      while true {
        let found = keys[i]
        if found == key { return values[i] }
        if found == 0 { return nil }
        i = (i + 1) & mask
      }
    }
    set {
      guard let newValue else { return }
      if key == 0 {
        if zeroValue == nil { count += 1 }
        zeroValue = newValue
        return
      }
      if (count + 1) * 2 > keys.count { grow() }
      put(key, newValue)
    }
  }

  private mutating func put(_ key: UInt64, _ value: Int32) {
    let mask = keys.count - 1
    var i = slot(key)
    while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
    if keys[i] == 0 { count += 1 }
    keys[i] = key
    values[i] = value
  }

  private mutating func grow() {
    let (oldKeys, oldValues) = (keys, values)
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [Int32](repeating: 0, count: oldKeys.count * 2)
    shift -= 1
    count = zeroValue == nil ? 0 : 1
    for i in oldKeys.indices where oldKeys[i] != 0 { put(oldKeys[i], oldValues[i]) }
  }

  /// Empties the table, keeping its storage.
  mutating func removeAll() {
    for i in keys.indices { keys[i] = 0 }
    zeroValue = nil
    count = 0
  }

  /// A key for the exact bytes of a word (capitals kept) at the start of a
  /// sentence or elsewhere, where it may be written differently.
  static func rawKey(_ bytes: [UInt8], _ range: Range<Int>, sentenceStart: Bool) -> UInt64 {
    var h: UInt64 = sentenceStart ? 0x84222325_CBF29CE4 : 0xCBF2_9CE4_8422_2325
    for b in bytes[range] { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }
}
