// Counts key phrases across the documents of a corpus, in bounded memory.

/// A sentence that mentions a phrase.
struct Passage: Equatable {
  var document: Int
  var span: Range<Int>
}

/// What the corpus says about one phrase so far.
struct PhraseStats {
  var count = 0
  var documents = 0
  /// Distinct (document, speaker) pairs.
  var speakers = 0
  /// Ways the phrase was written, with counts; at most `maxSurfaces`.
  var surfaces: [String: Int] = [:]
  /// The first passage of each document, up to `maxPassages`.
  var passages: [Passage] = []
  /// Further passages, used when too few documents supply a first one.
  var spare: [Passage] = []
}

/// The phrases of one document, before they join the corpus table.
struct DocumentPhrases {
  struct Entry {
    var count = 0
    var surfaces: [String: Int] = [:]
    var speakers: Set<String> = []
    var passages: [Range<Int>] = []
  }

  var entries: [String: Entry] = [:]

  mutating func add(_ occurrence: PhraseOccurrence, speaker: String, sentence: Range<Int>) {
    func update(_ entry: inout Entry) {
      entry.count += 1
      entry.surfaces[occurrence.surface, default: 0] += 1
      entry.speakers.insert(speaker)
      if entry.passages.last != sentence && entry.passages.count < PhraseTable.maxPassages {
        entry.passages.append(sentence)
      }
    }
    update(&entries[occurrence.key, default: Entry()])
  }
}

struct PhraseTable {
  static let maxPassages = 5
  static let maxSurfaces = 8

  private(set) var phrases: [String: PhraseStats] = [:]
  /// Above this many phrases the weakest are pruned.
  let limit: Int

  init(limit: Int) { self.limit = limit }

  /// Adds the phrases of document number `document`; returns how many
  /// phrases were pruned to stay within `limit`.
  mutating func merge(_ local: DocumentPhrases, document: Int) -> Int {
    for (key, entry) in local.entries {
      var stats = phrases.removeValue(forKey: key) ?? PhraseStats()
      stats.count += entry.count
      stats.documents += 1
      stats.speakers += entry.speakers.count
      for (surface, n) in entry.surfaces
      where stats.surfaces[surface] != nil || stats.surfaces.count < Self.maxSurfaces {
        stats.surfaces[surface, default: 0] += n
      }
      for (k, span) in entry.passages.enumerated() {
        if k == 0 && stats.passages.count < Self.maxPassages {
          stats.passages.append(Passage(document: document, span: span))
        } else if stats.spare.count < Self.maxPassages {
          stats.spare.append(Passage(document: document, span: span))
        }
      }
      phrases[key] = stats
    }
    return phrases.count > limit ? prune() : 0
  }

  /// Drops the weakest phrases (fewest documents, then fewest mentions)
  /// until half the limit is left.
  private mutating func prune() -> Int {
    let keep = limit / 2
    let ranked = phrases.sorted {
      ($0.value.documents, $0.value.count, $1.key) > ($1.value.documents, $1.value.count, $0.key)
    }
    let dropped = ranked.count - keep
    phrases = Dictionary(uniqueKeysWithValues: ranked.prefix(keep).map { ($0.key, $0.value) })
    return dropped
  }
}
