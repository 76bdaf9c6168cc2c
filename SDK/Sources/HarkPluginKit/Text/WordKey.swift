// Word lookups without String hashing: a word's key is a 64-bit hash of its
// lowercased UTF-8 bytes, computed while tokenising, and lexicons are
// open-addressing tables keyed by it. Per-token work in a plugin is then a
// multiply and a probe or two instead of SipHash over a String.

/// A 64-bit hash of a lowercased word (curly apostrophes made straight), the
/// same whether it comes from a token or from a lexicon entry.
///
/// Two different words share a key with probability about 2⁻⁶⁴ per pair; a
/// lexicon of a hundred thousand words would meet one clash in about 10⁹
/// lexicons. `WordTable` does not check the words themselves.
public struct WordKey: Hashable, Sendable, Comparable {
  public var raw: UInt64

  @inlinable
  public init(raw: UInt64) { self.raw = raw }

  /// The key of a word as the tokenizer would lowercase it; `word` should
  /// already be lowercase (lexicon entries are).
  @inlinable
  public init(_ word: some StringProtocol) {
    var hasher = WordHasher()
    for byte in word.utf8 { hasher.add(byte) }
    self = hasher.key
  }

  /// The key of several words in order ("cup of tea"), for phrase tables.
  public init(words: [WordKey]) {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15
    for word in words { h = (h ^ word.raw) &* 0xFF51_AFD7_ED55_8CCD &+ 0x2545_F491_4F6C_DD1D }
    self.raw = WordHasher.finish(h)
  }

  public static func < (a: WordKey, b: WordKey) -> Bool { a.raw < b.raw }
}

/// FNV-1a over bytes with a final avalanche, so the low bits index a table well.
///
/// Public and inlinable for plugins that read a sentence's bytes themselves
/// rather than through `Tokenizer`: they feed each lowercased byte of a word
/// in their own scanning loop, where the compiler inlines the multiply, and
/// get the key the tokenizer and every `WordTable` use. Feed the bytes of
/// the word as `Token.lower` spells it (lowercase, curly apostrophes
/// straight) for the keys to match.
public struct WordHasher: Sendable {
  @usableFromInline var state: UInt64

  @inlinable
  public init() { state = 0xCBF2_9CE4_8422_2325 }

  @inlinable @inline(__always)
  public mutating func add(_ byte: UInt8) {
    state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }

  /// The key of the bytes added so far; adding more goes on from there.
  @inlinable
  public var key: WordKey { WordKey(raw: Self.finish(state)) }

  /// The avalanche that ends every key, exposed for keys built from other
  /// keys (phrases). Never 0: 0 marks an empty slot in `WordTable`.
  @inlinable @inline(__always)
  public static func finish(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x = x &* 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x = x &* 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x == 0 ? 1 : x
  }
}

/// A read-mostly table from words to values with cheap lookups by `WordKey`.
public struct WordTable<Value>: Sendable where Value: Sendable {
  // Inlinable so a plugin's lookups are specialised for its value type.
  @usableFromInline var keys: [UInt64]
  @usableFromInline var values: [Value?]
  @usableFromInline var mask: Int
  public private(set) var count = 0

  public init(minimumCapacity: Int = 16) {
    var size = 16
    while size < minimumCapacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Value?](repeating: nil, count: size)
    mask = size - 1
  }

  /// A table of these words; a word given twice keeps its last value.
  public init(_ entries: some Sequence<(String, Value)>) {
    let list = Array(entries)
    self.init(minimumCapacity: list.count)
    for (word, value) in list { self[WordKey(word)] = value }
  }

  public var isEmpty: Bool { count == 0 }

  public subscript(key: WordKey) -> Value? {
    @inlinable @inline(__always) get {
      var slot = Int(truncatingIfNeeded: key.raw) & mask
      while true {
        let k = keys[slot]
        if k == key.raw { return values[slot] }
        if k == 0 { return nil }
        slot = (slot + 1) & mask
      }
    }
    set {
      guard let newValue else {
        remove(key)
        return
      }
      if (count + 1) * 2 > keys.count { grow() }
      var slot = Int(truncatingIfNeeded: key.raw) & mask
      while keys[slot] != 0 && keys[slot] != key.raw { slot = (slot + 1) & mask }
      if keys[slot] == 0 { count += 1 }
      keys[slot] = key.raw
      values[slot] = newValue
    }
  }

  public subscript(word: String) -> Value? {
    get { self[WordKey(word)] }
    set { self[WordKey(word)] = newValue }
  }

  public func contains(_ key: WordKey) -> Bool { self[key] != nil }

  /// Every key and value, in no particular order.
  public var entries: [(key: WordKey, value: Value)] {
    keys.indices.compactMap { i in keys[i] == 0 ? nil : values[i].map { (WordKey(raw: keys[i]), $0) } }
  }

  private mutating func grow() {
    let old = entries
    self = WordTable(minimumCapacity: keys.count)
    for (key, value) in old { self[key] = value }
  }

  /// Linear probing cannot simply blank a slot: the entries after it in the
  /// same run are put back.
  private mutating func remove(_ key: WordKey) {
    var slot = Int(truncatingIfNeeded: key.raw) & mask
    while keys[slot] != key.raw {
      if keys[slot] == 0 { return }
      slot = (slot + 1) & mask
    }
    keys[slot] = 0
    values[slot] = nil
    count -= 1
    var next = (slot + 1) & mask
    while keys[next] != 0 {
      let (k, v) = (keys[next], values[next])
      keys[next] = 0
      values[next] = nil
      count -= 1
      self[WordKey(raw: k)] = v
      next = (next + 1) & mask
    }
  }
}

/// A set of words with cheap membership tests by `WordKey`.
public struct WordSet: Sendable {
  private var table: WordTable<Bool>

  public init(_ words: some Sequence<String>) { table = WordTable(words.map { ($0, true) }) }

  public func contains(_ key: WordKey) -> Bool { table[key] != nil }
  public func contains(_ word: String) -> Bool { table[WordKey(word)] != nil }
  public var count: Int { table.count }
}
