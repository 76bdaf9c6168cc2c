// Counts key phrases across the documents of a corpus, in bounded memory.

/// A sentence that mentions a phrase.
struct Passage: Equatable {
  var document: Int
  var span: Range<Int>
}

/// What the corpus says about one phrase so far.
struct PhraseStats {
  var count = 0
  /// Mentions that were topic words, experiences or compounds.
  var strong = 0
  var documents = 0
  /// Mentions in the document that mentions it most.
  var mostInOneDocument = 0
  /// Distinct (document, speaker) pairs.
  var speakers = 0
  /// Ways the phrase was written, with counts; at most `maxSurfaces`.
  var surfaces: [(form: PackedIDs, count: Int)] = []
  /// The first passage of each document, up to `maxDocumentsQuoted`.
  var passages: [Passage] = []
  /// Further passages of the same documents, up to `maxSpare`.
  var spare: [Passage] = []
}

/// The phrases of one document, before they join the corpus table. Most
/// phrases occur once in a document, so an entry holds its first surface
/// and sentence inline and allocates only for a second one.
struct DocumentPhrases {
  struct Entry {
    var key: PackedIDs
    var count: Int32 = 0
    var strong: Int32 = 0
    /// One bit per speaker of the document; speakers past the 64th share the last bit.
    var speakers: UInt64 = 0
    var surface: PackedIDs
    var surfaceCount: Int32 = 0
    var otherSurfaces: [(form: PackedIDs, count: Int32)] = []
    var first: Range<Int>
    var more: [Range<Int>] = []
  }

  private var index = KeyTable()
  private(set) var entries: [Entry] = []

  mutating func add(_ occurrence: PhraseOccurrence, speaker: Int, sentence: Range<Int>) {
    let bit = UInt64(1) << UInt64(min(speaker, 63))
    guard let at = index[occurrence.key.raw].map(Int.init) else {
      index[occurrence.key.raw] = Int32(entries.count)
      entries.append(
        Entry(
          key: occurrence.key, count: 1, strong: occurrence.strong ? 1 : 0, speakers: bit,
          surface: occurrence.surface, surfaceCount: 1, first: sentence))
      return
    }
    update(&entries[at])
    func update(_ entry: inout Entry) {
      entry.count += 1
      if occurrence.strong { entry.strong += 1 }
      entry.speakers |= bit
      if entry.surface == occurrence.surface {
        entry.surfaceCount += 1
      } else if let k = entry.otherSurfaces.firstIndex(where: { $0.form == occurrence.surface }) {
        entry.otherSurfaces[k].count += 1
      } else if entry.otherSurfaces.count + 1 < PhraseTable.maxSurfaces {
        entry.otherSurfaces.append((occurrence.surface, 1))
      }
      let last = entry.more.last ?? entry.first
      if last != sentence && entry.more.count + 1 < PhraseTable.passagesPerDocument {
        entry.more.append(sentence)
      }
    }
  }

  /// Empties the table for the next document, keeping its storage.
  mutating func removeAll() {
    index.removeAll()
    entries.removeAll(keepingCapacity: true)
  }
}

struct PhraseTable {
  /// A concept quotes one passage from each of up to this many documents,
  /// so its quotes show how widely it is shared…
  static let maxDocumentsQuoted = 20
  /// …and up to this many more from the documents it is mentioned in,
  /// at most `passagesPerDocument` from one document, so that a concept
  /// a participant keeps coming back to shows it.
  static let maxSpare = 60
  static let passagesPerDocument = 5
  static let maxSurfaces = 8

  private(set) var phrases: [PackedIDs: PhraseStats] = [:]
  /// Above this many phrases the weakest are pruned.
  let limit: Int

  init(limit: Int) { self.limit = limit }

  /// Adds the phrases of document number `document`; returns how many
  /// phrases were pruned to stay within `limit`.
  mutating func merge(_ local: DocumentPhrases, document: Int) -> Int {
    for entry in local.entries {
      update(&phrases[entry.key, default: PhraseStats()], with: entry)
    }
    func update(_ stats: inout PhraseStats, with entry: DocumentPhrases.Entry) {
      stats.count += Int(entry.count)
      stats.strong += Int(entry.strong)
      stats.documents += 1
      stats.mostInOneDocument = max(stats.mostInOneDocument, Int(entry.count))
      stats.speakers += entry.speakers.nonzeroBitCount
      add(entry.surface, Int(entry.surfaceCount), to: &stats)
      for (form, n) in entry.otherSurfaces { add(form, Int(n), to: &stats) }
      if stats.passages.count < Self.maxDocumentsQuoted {
        stats.passages.append(Passage(document: document, span: entry.first))
      }
      for span in entry.more where stats.spare.count < Self.maxSpare {
        stats.spare.append(Passage(document: document, span: span))
      }
    }
    func add(_ form: PackedIDs, _ n: Int, to stats: inout PhraseStats) {
      if let k = stats.surfaces.firstIndex(where: { $0.form == form }) {
        stats.surfaces[k].count += n
      } else if stats.surfaces.count < Self.maxSurfaces {
        stats.surfaces.append((form, n))
      }
    }
    return phrases.count > limit ? prune() : 0
  }

  /// Drops the weakest phrases (fewest documents, then fewest mentions)
  /// until half the limit is left. Ties, which are most phrases, are broken
  /// by a scramble of the key: its raw order would favour single words
  /// (small numbers) and always drop the same kind of phrase.
  private mutating func prune() -> Int {
    let keep = limit / 2
    let ranked = phrases.map { (key: $0.key, value: $0.value, tie: Self.scramble($0.key.raw)) }.sorted {
      ($0.value.documents, $0.value.count, $0.tie) > ($1.value.documents, $1.value.count, $1.tie)
    }
    let dropped = ranked.count - keep
    phrases = Dictionary(uniqueKeysWithValues: ranked.prefix(keep).map { ($0.key, $0.value) })
    return dropped
  }

  /// A fixed mix of the bits of `x` (the finaliser of SplitMix64), the
  /// same in every run, unlike `Hasher`.
  static func scramble(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The stems and forms the kept phrases use.
  func usedIDs() -> (stems: Set<Int32>, forms: Set<Int32>) {
    var stems: Set<Int32> = []
    var forms: Set<Int32> = []
    for (key, stats) in phrases {
      stems.formUnion(key.ids)
      for surface in stats.surfaces { forms.formUnion(surface.form.ids) }
    }
    return (stems, forms)
  }

  /// Rewrites every key and surface with new stem and form numbers.
  mutating func renumber(stems: [Int32], forms: [Int32]) {
    func map(_ ids: PackedIDs, _ table: [Int32]) -> PackedIDs {
      PackedIDs(ids.ids.map { table[Int($0)] })
    }
    var renumbered: [PackedIDs: PhraseStats] = [:]
    renumbered.reserveCapacity(phrases.count)
    for (key, var stats) in phrases {
      stats.surfaces = stats.surfaces.map { (map($0.form, forms), $0.count) }
      renumbered[map(key, stems)] = stats
    }
    phrases = renumbered
  }
}
