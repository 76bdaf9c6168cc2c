// How the words around a term change it: a negator or intensifiers before
// it, and the contrast word that makes its clause count more or less.

/// What governs a term: a negator within reach, or else the intensifiers
/// and downtoners before it, nearest first (at most three).
struct Governors {
  private(set) var negator = -1
  private(set) var boosterCount = 0
  private var units: (Int, Int, Int) = (-1, -1, -1)
  private var factors: (Double, Double, Double) = (1, 1, 1)

  /// Nothing governs it (an emoticon or emoji).
  init() {}

  /// Looks back from unit `u` over at most three words (small words such as
  /// "really" or "me" do not count), stopping at punctuation other than
  /// quotes, and at a contrast word or the start of a clause.
  init(of u: Int, _ units: SentenceScorer.Units, _ tokens: UnsafeBufferPointer<ScannedToken>) {
    var counted = 0
    var j = u - 1
    var passedTerm = false
    while j >= 0 && counted < 3 {
      let before = units[j]
      if before.mark != 0 {
        guard before.mark == UInt8(ascii: "'") || before.mark == UInt8(ascii: "\"") else { return }
        j -= 1
        continue
      }
      let roles = units.roles(j)
      if !roles.isDisjoint(with: [.turning, .concessive, .clauseOpener]) { return }
      if roles.contains(.negator) || roles.contains(.least) || tokens[Int(before.first)].endsNt {
        negator = j
        return
      }
      // A word that is also a term ("pretty") intensifies only right before the term;
      // an intensifier reaches the nearest term only: "really good fun" strengthens "good".
      if roles.contains(.booster) && !passedTerm && (!units.isTerm(j) || u - j == 1) {
        let stretched = tokens[Int(before.first)].stretched ? 1.3 : 1.0
        let boost = units.infos[Int(before.info)].boost
        add(j, 1 + boost * stretched * SentenceScorer.boosterDecay(counted))
      }
      if units.isTerm(j) { passedTerm = true }
      if !roles.contains(.transparent) { counted += 1 }
      j -= 1
    }
  }

  private mutating func add(_ unit: Int, _ factor: Double) {
    switch boosterCount {
    case 0: (units.0, factors.0) = (unit, factor)
    case 1: (units.1, factors.1) = (unit, factor)
    case 2: (units.2, factors.2) = (unit, factor)
    default: return
    }
    boosterCount += 1
  }

  /// Intensifier `k` (0 is the nearest): its unit and its factor.
  func booster(_ k: Int) -> (unit: Int, factor: Double) {
    k == 0 ? (units.0, factors.0) : k == 1 ? (units.1, factors.1) : (units.2, factors.2)
  }
}

/// How much each clause of a sentence counts, from its contrast words.
struct ClauseWeights {
  private var boundary = -1
  private var before = 1.0
  private var after = 1.0
  /// Text, the unit of the contrast word, text: "after \"but\" counts 1.5×, before it 0.5×".
  private(set) var note: (String, SentenceScorer.Unit, String)?

  init(_ units: SentenceScorer.Units) {
    var firstWord = -1
    var lastWord = -1
    for u in 0..<units.count where units.isWord(u) {
      if firstWord < 0 { firstWord = u }
      lastWord = u
    }
    guard firstWord >= 0 else { return }
    // The last turning word decides; "yet" turns only at a clause start ("…, yet it helped").
    var turn = -1
    var u = lastWord - 1
    while u >= 0 {
      let r = units.roles(u)
      if r.contains(.turning) && units.isWord(u)
        && !(r.contains(.turningAtClauseStart) && u != firstWord && units.isWord(u - 1))
      {
        turn = u
        break
      }
      u -= 1
    }
    if turn >= 0 {
      boundary = turn
      before = 0.5
      after = 1.5
      note = ("after \"", units[turn], "\" counts 1.5×, before it 0.5×")
      return
    }
    var concession = -1
    for u in 0..<lastWord where units.roles(u).contains(.concessive) && units.isWord(u) {
      concession = u
      break
    }
    guard concession >= 0 else { return }
    if concession == firstWord {
      // "Although the wait was long, the staff were kind": the clause ends at the first comma.
      var comma = -1
      for u in concession..<units.count
      where units[u].mark == UInt8(ascii: ",") || units[u].mark == UInt8(ascii: ";") {
        comma = u
        break
      }
      guard comma >= 0 else { return }
      boundary = comma
      before = 0.5
      after = 1.5
      note = ("the \"", units[concession], "\" clause counts 0.5×, the rest 1.5×")
    } else {
      boundary = concession
      before = 1.5
      after = 0.5
      note = ("after \"", units[concession], "\" counts 0.5×, before it 1.5×")
    }
  }

  /// Every clause counts once.
  init() {}

  func weight(of unit: Int) -> Double {
    guard boundary >= 0 else { return 1 }
    return unit < boundary ? before : after
  }
}
