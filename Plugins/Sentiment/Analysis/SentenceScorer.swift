// Scores the valence of one sentence from its lexicon terms and the words
// around them, and says in words why.

/// The valence of a sentence in -1 ... 1, and which words made it.
public struct SentenceSentiment: Sendable, Equatable {
  public var value: Double
  public var explanation: String
  /// The weighted sum of the sentence's valences before it is scaled into
  /// -1 ... 1; sums of several sentences scale the same way.
  public var total: Double = 0
}

/// Scores sentences against a lexicon.
///
/// Each term found (the longest phrase wins: "let me down" before "down")
/// adds its valence. A negator governing a term ("not", "never", "didn't",
/// "least", up to three words back, through small words like "really" or
/// "me") flips and dampens it. Intensifiers and downtoners before it
/// ("really", "a bit") multiply it, the nearest most. A term written in
/// capitals in a sentence that is not all capitals, or stretched ("sooo
/// good", ":)))"), gains emphasis. After a turning word ("but", "however")
/// the clause counts 1.5× and what came before 0.5×; a concessive clause
/// ("although …") counts 0.5× and the main clause 1.5×. Hedges ("maybe",
/// "I think", "kind of") scale the whole sentence; "!" adds emphasis (up to
/// four) and so do several "?". Emoticons and emoji are never negated or
/// intensified, and a transcriber's note such as "(laughs)" does not count.
/// The sum x becomes a value in -1 ... 1 as x / √(x² + 15).
public struct SentenceScorer: Sendable {
  public let lexicon: SentimentLexicon

  public init(lexicon: SentimentLexicon = .builtIn) {
    self.lexicon = lexicon
  }

  static let negationFactor = -0.74
  static let capitalsBoost = 0.7
  static let stretchBoost = 0.4
  static let exclamationBoost = 0.29
  static let questionBoost = 0.18
  static let normalisation = 15.0
  /// How much a booster counts one and two words further back.
  @inline(__always) static func boosterDecay(_ counted: Int) -> Double {
    counted == 0 ? 1 : counted == 1 ? 0.95 : 0.9
  }

  /// Buffers reused from sentence to sentence, so that scoring allocates
  /// nothing but the explanation.
  public struct Scratch {
    let tokens = ScratchBuffer<ScannedToken>()
    let units = ScratchBuffer<Unit>()
    var list: [UInt8] = []
    var notes: [UInt8] = []
    var neutral: [UInt8] = []
    var text: [UInt8] = []

    public init() {}
  }

  /// A word or a phrase of several, or one punctuation mark.
  struct Unit {
    var first: Int32
    var end: Int32
    var info: Int32
    var mark: UInt8

    var isOpening: Bool { mark == UInt8(ascii: "(") || mark == UInt8(ascii: "[") }
    var isClosing: Bool { mark == UInt8(ascii: ")") || mark == UInt8(ascii: "]") }
  }

  /// What the scorer asks about the units of a sentence, read through
  /// pointers that stay valid while the sentence is weighed.
  struct Units {
    let units: UnsafeBufferPointer<Unit>
    let infos: UnsafeBufferPointer<TermInfo>

    var count: Int { units.count }
    subscript(u: Int) -> Unit { units[u] }

    @inline(__always) func roles(_ u: Int) -> ShifterRoles {
      units[u].info >= 0 ? infos[Int(units[u].info)].roles : []
    }
    @inline(__always) func isWord(_ u: Int) -> Bool { units[u].mark == 0 }
    /// A term with a valence other than 0.
    @inline(__always) func isTerm(_ u: Int) -> Bool {
      let info = units[u].info
      return info >= 0 && infos[Int(info)].isTerm && infos[Int(info)].valence != 0
    }
  }

  public func score(_ bytes: [UInt8], sentence: Range<Int>) -> SentenceSentiment {
    var scratch = Scratch()
    return bytes.withUnsafeBufferPointer { score($0, sentence: sentence, scratch: &scratch) }
  }

  public func score(
    _ bytes: UnsafeBufferPointer<UInt8>, sentence: Range<Int>, scratch: inout Scratch
  ) -> SentenceSentiment {
    scratch.tokens.removeAll()
    WordScanner.scan(bytes, sentence, into: scratch.tokens)
    return lexicon.infos.withUnsafeBufferPointer { infos in
      guard lookUp(bytes, scratch.tokens, infos) else {
        // Many sentences: nothing to weigh, nothing to build.
        return SentenceSentiment(value: 0, explanation: "neutral: no sentiment words")
      }
      let roles = group(scratch.tokens.elements, into: scratch.units, infos)
      return weigh(
        bytes, Units(units: scratch.units.elements, infos: infos), contrast: roles, &scratch)
    }
  }

  /// Looks every word up; false when nothing in the sentence can carry sentiment.
  @inline(__always)
  private func lookUp(
    _ bytes: UnsafeBufferPointer<UInt8>, _ buffer: ScratchBuffer<ScannedToken>,
    _ infos: UnsafeBufferPointer<TermInfo>
  ) -> Bool {
    var interesting = false
    let tokens = buffer.base
    for k in 0..<buffer.count where tokens[k].kind != .punctuation {
      var index = lexicon.lookup(tokens[k].key)
      if index < 0 && tokens[k].stretched && tokens[k].kind == .word {
        // "goood" is "good", "sooo" is "so", written with emphasis.
        let (two, one) = WordScanner.collapsedKeys(
          bytes, Int(tokens[k].start), Int(tokens[k].end))
        index = lexicon.lookup(two)
        if index >= 0 {
          tokens[k].key = two
        } else {
          index = lexicon.lookup(one)
          if index >= 0 { tokens[k].key = one }
        }
      }
      tokens[k].info = index
      if index >= 0 && infos[Int(index)].isTerm { interesting = true }
    }
    // A phrase can only start where two words fit the beginning of one.
    var k = 0
    while !interesting && k + 1 < buffer.count {
      let info = tokens[k].info
      if info >= 0 && infos[Int(info)].phraseLength > 1 && tokens[k + 1].kind != .punctuation
        && lexicon.lookup(phraseKey(tokens[k].key, then: tokens[k + 1].key)) >= 0
      {
        interesting = true
      }
      k += 1
    }
    return interesting
  }

  /// Groups tokens into units, the longest phrase first; returns every
  /// shifter role seen, so the scorer can skip what the sentence lacks.
  private func group(
    _ tokens: UnsafeBufferPointer<ScannedToken>, into units: ScratchBuffer<Unit>,
    _ infos: UnsafeBufferPointer<TermInfo>
  ) -> ShifterRoles {
    units.removeAll()
    var seen: ShifterRoles = []
    let n = tokens.count
    var i = 0
    while i < n {
      let token = tokens[i]
      if token.kind == .punctuation {
        units.append(Unit(first: Int32(i), end: Int32(i + 1), info: -1, mark: token.mark))
        i += 1
        continue
      }
      var end = i + 1
      var info = token.info
      if info >= 0 {
        let longest = min(Int(infos[Int(info)].phraseLength), n - i)
        var key = token.key
        var length = 1
        while length < longest {
          let next = tokens[i + length]
          if next.kind == .punctuation { break }
          key = phraseKey(key, then: next.key)
          length += 1
          let phrase = lexicon.lookup(key)
          guard phrase >= 0 else { break }
          if infos[Int(phrase)].isEntry {
            end = i + length
            info = phrase
          }
        }
      }
      if info >= 0 { seen.formUnion(infos[Int(info)].roles) }
      units.append(Unit(first: Int32(i), end: Int32(end), info: info, mark: 0))
      i = end
    }
    return seen
  }

  /// Takes a buffer out of the scratch, emptied, so appending to it never copies.
  @inline(__always)
  private func take(_ buffer: inout [UInt8]) -> [UInt8] {
    var taken: [UInt8] = []
    swap(&taken, &buffer)
    taken.removeAll(keepingCapacity: true)
    return taken
  }

  private func weigh(
    _ bytes: UnsafeBufferPointer<UInt8>, _ units: Units, contrast: ShifterRoles,
    _ scratch: inout Scratch
  ) -> SentenceSentiment {
    let tokens = scratch.tokens.elements
    let infos = units.infos
    // Budgets keep the longest explanation well under the host's 4,000 bytes.
    var list = ExplanationWriter(bytes: bytes, tokens: tokens, out: take(&scratch.list), budget: 1_200)
    var notes = ExplanationWriter(bytes: bytes, tokens: tokens, out: take(&scratch.notes), budget: 1_700)
    var neutral = ExplanationWriter(bytes: bytes, tokens: tokens, out: take(&scratch.neutral), budget: 300)
    var text = take(&scratch.text)
    defer {
      scratch.list = list.out
      scratch.notes = notes.out
      scratch.neutral = neutral.out
      scratch.text = text
    }

    var shouting = true
    for token in tokens where token.hasSmall {
      shouting = false
      break
    }
    let clauses =
      contrast.isDisjoint(with: [.turning, .concessive]) ? ClauseWeights() : ClauseWeights(units)

    var total = 0.0
    var hits = 0
    var weighted = false
    var hedge = 1.0
    var hedgeUnit = -1
    var exclamations = 0
    var questions = 0
    for u in 0..<units.count {
      let unit = units[u]
      if unit.mark != 0 {
        if unit.mark == UInt8(ascii: "!") { exclamations += 1 }
        if unit.mark == UInt8(ascii: "?") { questions += 1 }
        continue
      }
      guard unit.info >= 0 else { continue }
      let info = infos[Int(unit.info)]
      if info.roles.contains(.hedge) && !info.isTerm {
        if info.hedge < hedge {
          hedge = info.hedge
          hedgeUnit = u
        }
        continue
      }
      guard info.isTerm else { continue }
      // "(laughs)", "[crying]": a transcriber's note of what happened, not words said.
      if u > 0 && u + 1 < units.count && units[u - 1].isOpening && units[u + 1].isClosing { continue }
      if info.valence == 0 {
        if neutral.begin("; ") {
          neutral.quoted(unit)
          neutral.text(" is not sentiment")
        }
        continue
      }
      // "pretty good", "fucking brilliant": before another term, a word that
      // can intensify does that instead of counting itself.
      if info.roles.contains(.booster), u + 1 < units.count, units.isWord(u + 1),
        units.isTerm(u + 1) || units.roles(u + 1).contains(.booster)
      {
        continue
      }

      var value = info.valence
      let sign = value > 0 ? 1.0 : -1.0
      let valence = value
      // An emoticon or emoji says how the writer feels whatever the words
      // before it do: "still no cheque :(" is not a negated frown.
      let isSymbol = tokens[Int(unit.first)].kind == .symbol

      let governors = isSymbol ? Governors() : Governors(of: u, units, tokens)
      let negator = governors.negator
      if negator >= 0 {
        // "not very good" is "not good": intensifiers under a negator are dropped.
        value *= Self.negationFactor
        if notes.begin("; ") {
          notes.quotedLower(units[negator])
          notes.text(" flips ")
          notes.quoted(unit)
        }
      } else {
        for k in 0..<governors.boosterCount {
          let (b, step) = governors.booster(k)
          value *= step
          if notes.begin("; ") {
            notes.quoted(units[b])
            notes.text(step >= 1 ? " strengthens " : " softens ")
            notes.quoted(unit)
            notes.text(" (×")
            notes.factor(step)
            notes.text(")")
          }
        }
      }
      if !shouting && tokens[Int(unit.first)].capitals {
        value += sign * Self.capitalsBoost * (negator >= 0 ? -1 : 1)
        if notes.begin("; ") {
          notes.quoted(unit)
          notes.text(" in capitals adds emphasis")
        }
      }
      if tokens[Int(unit.end) - 1].stretched {
        value += sign * Self.stretchBoost * (negator >= 0 ? -1 : 1)
        if notes.begin("; ") {
          notes.quoted(unit)
          notes.text(" stretched out adds emphasis")
        }
      }
      let weight = clauses.weight(of: u)
      if weight != 1 { weighted = true }
      value *= weight
      total += value
      hits += 1
      if list.begin(", ") {
        list.quoted(unit)
        list.text(" (")
        list.signed(valence)
        list.text(")")
      }
    }

    list.sayOmitted(", and ", " more")
    notes.sayOmitted("; and ", " more notes")
    if weighted, let note = clauses.note {
      notes.always("; ")
      notes.text(note.0)
      notes.lower(note.1)
      notes.text(note.2)
    }
    if hedgeUnit >= 0 && total != 0 {
      total *= hedge
      notes.always("; ")
      notes.text("hedged by ")
      notes.quoted(units[hedgeUnit])
      notes.text(" (×")
      notes.factor(hedge)
      notes.text(")")
    }
    if total != 0 && (exclamations > 0 || questions > 1) {
      let sign = total > 0 ? 1.0 : -1.0
      total += sign * Self.exclamationBoost * Double(min(exclamations, 4))
      if questions > 1 { total += sign * Self.questionBoost * Double(min(questions, 3)) }
      notes.always("; ")
      notes.text(exclamations > 0 ? "\"!\" adds emphasis" : "\"??\" adds emphasis")
    }

    let value = Self.scaled(total)
    text.append(contentsOf: value > 0 ? "positive: ".utf8 : value < 0 ? "negative: ".utf8 : "neutral: ".utf8)
    if hits == 0 {
      text.append(contentsOf: "no sentiment words".utf8)
    } else {
      text.append(contentsOf: list.out)
    }
    if !notes.out.isEmpty {
      text.append(contentsOf: "; ".utf8)
      text.append(contentsOf: notes.out)
    }
    neutral.sayOmitted("; and ", " more")
    if !neutral.out.isEmpty {
      text.append(contentsOf: "; ".utf8)
      text.append(contentsOf: neutral.out)
    }
    return SentenceSentiment(value: value, explanation: String(decoding: text, as: UTF8.self), total: total)
  }

  /// The bytes to read for sentence `index` of a turn: up to the next
  /// sentence (or the turn's end), so that what the sentence splitter leaves
  /// out between sentences, like the ":)" in "Thanks. :)", still counts for
  /// the sentence it follows.
  public static func reach(of index: Int, in sentences: [Range<Int>], turnEnd: Int) -> Range<Int> {
    let start = sentences[index].lowerBound
    let end = index + 1 < sentences.count ? sentences[index + 1].lowerBound : max(turnEnd, start)
    return start..<max(end, sentences[index].upperBound)
  }

  /// `total` scaled into -1 ... 1 as x / √(x² + 15), to four decimals.
  public static func scaled(_ total: Double) -> Double {
    (total / (total * total + normalisation).squareRoot() * 10_000).rounded() / 10_000
  }
}
