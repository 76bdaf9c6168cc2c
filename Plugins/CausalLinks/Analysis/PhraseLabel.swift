// Turns the words of a cause or effect into a short concept label:
// "the peer group" → "peer group", "I'd have lost the tenancy" → "losing tenancy".
import HarkPluginKit

/// A concept label made from a phrase of a sentence.
struct PhraseLabel: Equatable {
  /// Lowercase, at most four content words, without any "~".
  var text: String
  /// A negator inside the phrase ("I wouldn't have had …", "not lonely").
  var negated: Bool
  /// The tokens the label was made from (for the span).
  var tokens: Range<Int>
  /// Where the phrase as a reader would quote it starts ("the peer group"):
  /// the label's first token or a determiner before it.
  var quoteStart: Int
}

/// Why a cause phrase did not give a label.
enum LabelFailure: Error, Equatable {
  /// "it", "that": the caller may look for what it refers to.
  case pronoun(String, token: Int)
  /// "she", "they": a person, not a concept.
  case person
  /// Empty, too long or too vague.
  case unusable
}

struct LabelMaker {
  let tokens: [Token]
  /// The text the tokens index, so that proper names keep their capitals
  /// ("going to Parramatta"); without it labels are all lowercase.
  var bytes: [UInt8] = []

  /// The label of a cause phrase.
  func cause(_ range: Range<Int>) -> Result<PhraseLabel, LabelFailure> {
    var words = wordIndices(range)
    stripLeadingFillers(&words)
    stripRelativePronoun(&words)
    stripLeadingTimePhrase(&words)
    stripCleft(&words)
    var existentialNegated = false
    stripExistential(&words, negated: &existentialNegated)
    // "that would've made me": the modal belongs to the cue, not the cause.
    while words.count > 1, let last = words.last,
      WordLists.auxiliaries.contains(key(last)) || Modifiers.hedge(lower(last)) != nil
        || WordLists.fillers.contains(key(last))
    {
      words.removeLast()
    }
    // "a housewife who helps": the cue sits in a relative clause.
    if words.count > 1, let last = words.last,
      ["who", "which", "that", "what"].contains(lower(last))
    {
      return .failure(.unusable)
    }
    guard let first = words.first else { return .failure(.unusable) }
    let head = lower(first)
    if words.count == 1 && WordLists.referringPronouns.contains(head) {
      return .failure(.pronoun(String(head.prefix { $0 != "'" }), token: first))
    }
    if words.count == 1 && WordLists.people.contains(head) { return .failure(.person) }
    var negated = false
    var gerunds: [Int: String] = [:]
    let nobody = ["nobody", "noone", "no-one"].contains(head)
    if WordLists.auxiliaries.contains(head)
      || Modifiers.isNegator(head) && !["no", "without", "nothing"].contains(head)
    {
      // "because I couldn't afford the bus": the clause after "because I".
      guard
        let clause = reduceClause(words, negated: &negated, gerunds: &gerunds, afterSubject: true)
      else {
        return .failure(.unusable)
      }
      words = clause
    } else if WordLists.subjectPronouns.contains(head) || WordLists.people.contains(head) {
      // A clause as cause ("because she didn't push"): what was done is the
      // concept ("not pushing"); a person alone ("she") is not one.
      guard words.count > 1 else { return .failure(.person) }
      guard let clause = reduceClause(words, negated: &negated, gerunds: &gerunds) else {
        return .failure(.unusable)
      }
      words = clause
    } else if startsWithPastVerb(words) {
      // "worked with my father as secretary": the speaker's act, named as an activity.
      guard let clause = reduceClause(words, negated: &negated, gerunds: &gerunds, afterSubject: true) else {
        return .failure(.unusable)
      }
      words = clause
    } else if WordLists.determiners.contains(key(first))
      && words.dropFirst().contains(where: { isFiniteVerb(lower($0)) || Self.becomingVerbs.contains(lower($0)) })
      || opensBareNounClause(words)
    {
      // A clause with a noun-phrase subject: "the bus was late" → "late bus";
      // "the policy says three attempts" is not a concept.
      guard let clause = reduceClause(words, negated: &negated, gerunds: &gerunds), clause != words else {
        return .failure(.unusable)
      }
      words = clause
    }
    // "because there was no High School": the absence is the cause a researcher
    // names ("no High School"), so the label says it and the sign is read from the effect.
    let absence = existentialNegated && !negated && gerunds.isEmpty
    guard
      var label = finish(
        words, negated: absence ? false : negated != existentialNegated, gerunds: gerunds, role: .cause)
    else {
      return .failure(.unusable)
    }
    if absence { label.text = "no " + label.text }
    // "because nobody was coming to Australia": "nobody coming to Australia", as stated.
    if nobody, label.negated, !gerunds.isEmpty {
      label.text = "nobody " + label.text
      label.negated = false
    }
    // "because they just weren't affordable": a quality denied is named so
    // ("not affordable"), as the speaker put it, and the sign is the effect's.
    if label.negated, !absence, gerunds.isEmpty, !label.text.contains(" "), isAdjective(label.text) {
      label.text = "not " + label.text
      label.negated = false
    }
    return .success(label)
  }

  /// Whether the words open with a verb in the past followed by its
  /// complement ("worked with my father", "bought a motor"), the subject left
  /// outside the phrase.
  private func startsWithPastVerb(_ words: [Int]) -> Bool {
    guard words.count >= 2 else { return false }
    let word = lower(words[0])
    let next = lower(words[1])
    guard !WordLists.functionWords.contains(key(words[0])), !WordLists.auxiliaries.contains(key(words[0])),
      !WordLists.copulas.contains(key(words[0])),
      WordLists.pastForms.contains(word)
        || word.hasSuffix("ed") && word.count > 4
          && !WordLists.feelingAdjectives.contains(word)
    else { return false }
    return WordLists.prepositions.contains(key(words[1])) || WordLists.determiners.contains(key(words[1]))
      || next == "a" || next == "an"
  }

  /// Where the past verb is in a clause of a determiner, one or two nouns and
  /// a verb in the past ("my father came down", "the shop closed").
  private func pastVerbAfterSubject(_ words: [Int]) -> Int? {
    guard words.count >= 3, Self.subjectDeterminers.contains(lower(words[0])) else { return nil }
    for k in 2..<min(words.count, 4) {
      let word = lower(words[k])
      guard
        words[1..<k].allSatisfy({
          tokens[$0].kind == .word && !WordLists.functionWords.contains(key($0)) && !startsClause(lower($0))
        })
      else { return nil }
      if WordLists.pastForms.contains(word) && !WordLists.auxiliaries.contains(key(words[k]))
        || word.hasSuffix("ed") && word.count > 4 && !WordLists.feelingAdjectives.contains(word)
      {
        return k
      }
    }
    return nil
  }

  /// Whether the words are a clause whose subject is one or two plain nouns
  /// with no determiner ("houses were scarce", "my husband had a car" once
  /// "my" is gone, "Rainers had their factory"): a noun, then a finite verb.
  private func opensBareNounClause(_ words: [Int]) -> Bool {
    guard words.count >= 3 else { return false }
    for k in 1...2 where k < words.count - 1 {
      let subject = words[..<k]
      guard
        subject.allSatisfy({
          tokens[$0].kind == .word && !WordLists.functionWords.contains(key($0)) && !startsClause(lower($0))
            && !WordLists.determiners.contains(key($0)) && !WordLists.prepositions.contains(key($0))
            && !isAdverb(lower($0))
        })
      else { return false }
      let verb = lower(words[k])
      if WordLists.copulas.contains(key(words[k])) && !verb.contains("'") || Self.becomingVerbs.contains(verb)
        || ["had", "has", "have"].contains(verb)
      {
        return true
      }
    }
    return false
  }

  /// People named by their place in a family or household: their state, not
  /// they, is the concept ("my mother was busy" → "busy").
  private static let relatives: Set<String> = [
    "mother", "father", "mum", "mam", "dad", "husband", "wife", "sister", "brother", "son", "daughter", "parents",
    "grandmother", "grandfather", "nan", "grandma", "grandpa", "aunt", "uncle", "family", "partner", "friend",
    "neighbour", "neighbor", "boss", "teacher",
  ]

  /// Verbs that link a subject to a quality as "is" does: "the rates became outrageous".
  private static let becomingVerbs: Set<String> = ["became", "become", "becomes", "got", "gets", "seemed", "seems"]

  /// The label of an effect phrase, read the way the pattern's form says.
  func effect(_ range: Range<Int>, form: CueEffectForm) -> PhraseLabel? {
    var words = wordIndices(range)
    let keepsLike =
      (form == .feeling || form == .made) && words.first.map { lower($0) == "like" } == true
    if !keepsLike { stripLeadingFillers(&words) }
    stripRelativePronoun(&words)
    var negated = false
    if form != .feeling && form != .made { stripExistential(&words, negated: &negated) }
    var gerunds: [Int: String] = [:]
    var prefix = ""
    var role = Role.effect
    switch form {
    case .wellbeing, .previous:
      return nil
    case .verb:
      stripNegators(&words, negated: &negated)
      if let first = words.first, lower(first) == "to" { words.removeFirst() }
      guard let clause = reduceClause(words, negated: &negated, gerunds: &gerunds, verbFirst: true)
      else {
        return nil
      }
      words = clause
    case .clause, .subject:
      stripLeadingTime(&words)
      if form == .subject {
        guard let first = words.first,
          WordLists.subjectPronouns.contains(key(first)) || lower(first) == "nobody"
            || opensNounPhraseClause(words)
        else { return nil }
      }
      guard let clause = reduceClause(words, negated: &negated, gerunds: &gerunds) else {
        return nil
      }
      words = clause
    case .noun:
      words = Array(words.prefix { !["to", "that", "when", "because", "for"].contains(lower($0)) })
    case .feeling:
      if !keepsLike {
        stripNegators(&words, negated: &negated)
        stripDegreeWords(&words)
      }
      prefix = "feeling "
      role = .feeling
    case .made:
      stripNegators(&words, negated: &negated)
      if keepsLike
        || words.first.map({
          isFeeling($0) || ["more", "less", "so", "really", "very"].contains(lower($0))
        }) == true
      {
        if !keepsLike { stripDegreeWords(&words) }
        prefix = "feeling "
        role = .feeling
      } else {
        guard
          let clause = reduceClause(words, negated: &negated, gerunds: &gerunds, verbFirst: true)
        else {
          return nil
        }
        words = clause
      }
    case .got:
      if let first = words.first, WordLists.particles.contains(key(first)) { prefix = "getting " }
    case .kept:
      prefix = "kept "
    }
    guard var label = finish(words, negated: negated, gerunds: gerunds, role: role, prefixed: !prefix.isEmpty) else {
      return nil
    }
    label.text = prefix + label.text
    return label
  }

  // MARK: - Steps

  private enum Role { case cause, effect, feeling }

  /// The words of a phrase, without punctuation and without an aside set off by a comma ("a whole group of
  /// soldiers, you know, military units": the encoder's spans are whole clauses, asides and all).
  private func wordIndices(_ range: Range<Int>) -> [Int] {
    var words: [Int] = []
    var k = range.lowerBound
    while k < range.upperBound {
      if k + 1 < range.upperBound, Self.asides.contains(lower(k) + " " + lower(k + 1)),
        k > 0 && tokens[k - 1].lower == "," || k + 2 < tokens.count && tokens[k + 2].lower == ","
      {
        k += 2
        continue
      }
      if tokens[k].kind != .punctuation { words.append(k) }
      k += 1
    }
    return words
  }

  private static let asides: Set<String> = ["you know", "i mean", "i suppose", "i think", "i guess", "you see"]

  /// "which was well known in the district": the relative pronoun that opens the encoder's clause stands for
  /// what the clause is about, and the clause is read without it.
  private func stripRelativePronoun(_ words: inout [Int]) {
    if words.count > 2, ["which", "who"].contains(lower(words[0])) { words.removeFirst() }
  }

  private func lower(_ i: Int) -> String { tokens[i].lower }

  private func key(_ i: Int) -> WordKey { tokens[i].key }

  private func stripLeadingFillers(_ words: inout [Int]) {
    while let first = words.first {
      if words.count >= 2, WordLists.fillerPairs.contains(lower(first) + " " + lower(words[1])) {
        words.removeFirst(2)
      } else if WordLists.fillers.contains(key(first)) || Modifiers.hedge(lower(first)) != nil {
        words.removeFirst()
      } else {
        return
      }
    }
  }

  /// "there was a problem" → "a problem"; "there wasn't a church" → "a church", negated.
  private func stripExistential(_ words: inout [Int], negated: inout Bool) {
    guard words.count >= 3 else { return }
    let first = lower(words[0])
    if first == "there's" || first == "there'd" {
      words.removeFirst()
    } else if first == "there", Self.existentialVerbs.contains(lower(words[1])) {
      if lower(words[1]).hasSuffix("n't") { negated.toggle() }
      words.removeFirst(2)
    } else {
      return
    }
    // "there was always the cow", "there was absolutely no greengrocer", "there was never a bull".
    while words.count > 1,
      ["be", "been", "have", "not", "no", "never"].contains(lower(words[0]))
        || Self.existentialAdverbs.contains(lower(words[0]))
    {
      if ["not", "no", "never"].contains(lower(words[0])) { negated.toggle() }
      words.removeFirst()
    }
  }

  private static let existentialAdverbs: Set<String> = [
    "always", "still", "just", "really", "actually", "absolutely", "simply", "certainly", "definitely", "also",
  ]

  private static let existentialVerbs: Set<String> = [
    "was", "were", "is", "are", "wasn't", "weren't", "isn't", "aren't", "would", "will", "could", "might", "had",
    "has", "'s", "'d", "'ll", "used", "wouldn't", "won't", "couldn't",
  ]

  /// "it was the small things that" → "the small things"; "the not knowing is what" → "the not knowing".
  private func stripCleft(_ words: inout [Int]) {
    if words.count >= 2, lower(words[words.count - 1]) == "what" {
      let before = lower(words[words.count - 2])
      if ["is", "was", "are", "were"].contains(before) {
        words.removeLast(2)
      } else if ["that's", "it's", "this's"].contains(before) {
        words.removeLast()
      }
    }
    guard words.count >= 3, ["that", "who", "which"].contains(lower(words[words.count - 1])) else {
      return
    }
    if lower(words[0]) == "it's" {
      words = Array(words[1..<(words.count - 1)])
    } else if lower(words[0]) == "it", ["was", "is"].contains(lower(words[1])), words.count >= 4 {
      words = Array(words[2..<(words.count - 1)])
    }
  }

  /// Whether the words are a clause whose subject is a short noun phrase
  /// ("the shop closed", "my mother was busy"), not a phrase alone ("the
  /// reason") or a fragment: a determiner, one to three words, then a verb.
  func opensNounPhraseClause(_ words: [Int]) -> Bool {
    guard words.count >= 3, Self.subjectDeterminers.contains(lower(words[0])) else { return false }
    for k in 2..<min(words.count, 5) {
      let word = lower(words[k])
      let before = words[1..<k]
      guard
        !before.contains(where: {
          WordLists.prepositions.contains(key($0)) || WordLists.phraseBreakers.contains(key($0))
            || WordLists.subjects.contains(key($0))
        })
      else { return false }
      if isFiniteVerb(word) || WordLists.pastForms.contains(word)
        || word.hasSuffix("ed") && word.count > 4 && !WordLists.determiners.contains(key(words[k - 1]))
      {
        return true
      }
    }
    return false
  }

  /// Groups of people that can be a cause ("busy because of the children"),
  /// though as an effect they only say who was helped.
  private static let groups: Set<String> = ["children", "kids", "families", "carers", "women", "men"]

  private static let subjectDeterminers: Set<String> = [
    "the", "my", "our", "his", "her", "their", "your", "these", "those",
  ]

  /// "That week I didn't eat" → "I didn't eat"; "Twice I lost" → "I lost".
  private func stripLeadingTime(_ words: inout [Int]) {
    while let first = words.first {
      let word = lower(first)
      if ["then", "twice", "once", "now", "sometimes", "often", "still", "later", "afterwards"]
        .contains(word) || WordLists.midAdverbs.contains(word) || isAdverb(word),
        words.count > 1
      {
        words.removeFirst()
      } else if words.count > 2, WordLists.timeNouns.contains(key(words[1])),
        ["that", "this", "one", "last", "next", "every", "each", "some"].contains(word)
      {
        words.removeFirst(2)
      } else {
        return
      }
    }
  }

  /// "at that time houses were as scarce as hen's teeth" → "houses were …"; "then the War started" → "the War
  /// started": when a cause clause happened is not the cause. A time phrase that is the subject ("that time was
  /// hard") stays.
  private func stripLeadingTimePhrase(_ words: inout [Int]) {
    var k = 0
    if k < words.count, lower(words[k]) == "then" {
      k += 1
    } else {
      if k < words.count, ["at", "in", "during"].contains(lower(words[k])) { k += 1 }
      guard k + 1 < words.count, ["that", "this", "those", "these", "the"].contains(lower(words[k])),
        WordLists.timeNouns.contains(key(words[k + 1]))
      else { return }
      k += 2
    }
    guard words.count - k >= 2, !WordLists.auxiliaries.contains(key(words[k])), !isFiniteVerb(lower(words[k]))
    else { return }
    words.removeFirst(k)
  }

  private func stripNegators(_ words: inout [Int], negated: inout Bool) {
    while let first = words.first, Modifiers.isNegator(lower(first)) {
      negated.toggle()
      words.removeFirst()
    }
  }

  /// "more confident" → "confident"; "less alone" stays.
  private func stripDegreeWords(_ words: inout [Int]) {
    while let first = words.first, lower(first) != "less",
      ["more", "so", "very"].contains(lower(first)) || Modifiers.intensity(lower(first)) != nil
    {
      words.removeFirst()
    }
  }

  /// Words that stand between a subject and its verb and are not the verb:
  /// "we both worked", "I just needed", "they all came".
  private static let midWords: Set<String> = [
    "just", "also", "still", "even", "only", "both", "all", "each", "actually", "really", "mostly", "again",
    "never", "certainly", "definitely", "probably", "possibly", "perhaps", "usually", "normally", "generally",
  ]

  private static let motionVerbs: Set<String> = ["go", "goes", "went", "gone"]

  /// Verbs that follow "go to" ("go to see", "went to live"); any other word
  /// after "go to" is a place ("go to Sydney").
  private static let commonVerbs: Set<String> = [
    "be", "have", "do", "get", "make", "take", "give", "go", "come", "see", "look", "find", "lose", "leave", "stay",
    "keep", "live", "work", "need", "try", "start", "stop", "help", "pay", "buy", "sell", "move", "change",
    "become", "build", "put", "say", "tell", "ask", "think", "feel", "know", "want", "use", "call", "ring", "visit",
    "meet", "marry", "die", "retire", "open", "close", "end", "play", "sing", "cook", "clean", "walk", "drive",
    "ride", "run", "sit", "stand", "sleep", "eat", "drink", "wait", "learn", "teach", "study", "write", "read",
    "watch", "hear", "listen", "talk", "speak", "bring", "send", "show", "let", "hold", "turn", "carry", "pick",
    "fall", "grow", "cut", "win", "spend", "save", "rent", "own", "raise", "miss", "fight", "collect", "fetch",
    "check", "join", "settle", "apply", "sign", "queue", "pray", "vote", "shop", "train", "nurse", "care",
  ]

  private static let degreeWords: Set<String> = ["so", "really", "very", "too", "quite", "all", "that", "pretty"]

  /// A word that can describe a thing after "is": "bad", "confusing", "late".
  private func isAdjective(_ word: String) -> Bool {
    if WordLists.feelingAdjectives.contains(word) || Self.plainAdjectives.contains(word) { return true }
    for suffix in ["ing", "ful", "ous", "ive", "ible", "able", "less", "ish", "ent", "ant", "al"]
    where word.hasSuffix(suffix) {
      return word.count > suffix.count + 2
    }
    return false
  }

  /// Words of place that "right" can stress: "right across the bushes".
  private static let placeWords: Set<String> = [
    "across", "past", "near", "behind", "between", "through", "round", "around", "opposite", "next", "up", "down",
  ]

  private static let plainAdjectives: Set<String> = [
    "bad", "good", "hard", "easy", "late", "early", "long", "short", "full", "empty", "shut", "open", "closed",
    "cold", "warm", "hot", "dark", "loud", "quiet", "busy", "rough", "tough", "slow", "quick", "big", "small",
    "high", "low", "expensive", "cheap", "far", "near", "unsafe", "safe", "poor", "rubbish", "awful", "great",
  ]

  private func isFeeling(_ i: Int) -> Bool {
    let word = lower(i)
    if WordLists.feelingAdjectives.contains(word) { return true }
    // After "made me", a bare verb never ends in "-ed": "scared", "worried" are feelings.
    for suffix in ["ed", "ous", "ful", "less", "ive", "ish", "able", "ible"]
    where word.hasSuffix(suffix) {
      return word.count > suffix.count + 2
    }
    return false
  }

  /// Whether a clause starts here (a pronoun subject, an auxiliary or a negator), not a noun phrase.
  private func startsClause(_ word: String) -> Bool {
    WordLists.subjectPronouns.contains(word) || WordLists.auxiliaries.contains(word)
      || Modifiers.isNegator(word)
      || WordLists.fillers.contains(word) || Modifiers.hedge(word) != nil || word == "nobody"
      || word.hasSuffix("ing") || word.hasSuffix("ed")
  }

  private func isFiniteVerb(_ word: String) -> Bool {
    WordLists.auxiliaries.contains(word) || WordLists.copulas.contains(word)
      || (word.hasSuffix("n't") && word != "n't")
  }

  /// Words that can never be the verb turned into "-ing".
  private func isVerbCandidate(_ word: String) -> Bool {
    !(WordLists.determiners.contains(word) || WordLists.prepositions.contains(word)
      || WordLists.fillers.contains(word) || WordLists.people.contains(word)
      || WordLists.beneficiaries.contains(word)
      || WordLists.referringPronouns.contains(word) || WordLists.phraseBreakers.contains(word)
      || ["more", "less", "than", "what", "a", "an", "loads", "lots", "behind", "between", "across", "past", "near"]
        .contains(word)
      || Modifiers.intensity(word) != nil || Modifiers.hedge(word) != nil)
  }

  /// "had lost", "had given": a past participle after "have". Words in
  /// "-en" are participles only when listed ("had seven children" is possession).
  private func isParticiple(_ word: String) -> Bool {
    WordLists.irregularGerunds[word] != nil || word.hasSuffix("ed") || WordLists.participlesInEn.contains(word)
  }

  /// An adverb that can stand between a subject and its verb.
  private func isAdverb(_ word: String) -> Bool {
    if WordLists.midAdverbs.contains(word) || Self.midWords.contains(word) { return true }
    return word.hasSuffix("ly") && word.count > 4 && !WordLists.notAdverbsInLy.contains(word)
  }

  /// Strips the subject, auxiliaries and negation of a clause and turns its
  /// verb into "-ing": "I wouldn't have had any way in" → "any way in" (negated).
  /// `verbFirst`: the phrase starts at a bare verb ("helped me get out").
  private func reduceClause(
    _ input: [Int], negated: inout Bool, gerunds: inout [Int: String], verbFirst: Bool = false,
    afterSubject: Bool = false
  ) -> [Int]? {
    var words = input
    var sawVerbFrame = verbFirst || afterSubject
    var afterCopula = false
    var possession = false
    if !verbFirst && !afterSubject, let first = words.first, !startsClause(lower(first)) {
      // A noun-phrase subject: "the debt was" → "debt"; "my head was bad" is not read.
      let phrase = words.prefix { !WordLists.phraseBreakers.contains(key($0)) || $0 == first }
      // "my parents used to have so many functions there": the habit is the concept, as after a pronoun.
      if let used = phrase.indices.dropFirst().first(where: { k in
        lower(words[k]) == "used" && k + 2 < words.count && lower(words[k + 1]) == "to"
      }) {
        return reduceClause(Array(words[(used + 2)...]), negated: &negated, gerunds: &gerunds, verbFirst: true)
      }
      guard
        let verb = phrase.firstIndex(where: { isFiniteVerb(lower($0)) || Self.becomingVerbs.contains(lower($0)) })
      else {
        // "my father came down" → "father coming down": what happened to the subject, as an activity.
        if let past = pastVerbAfterSubject(words), let gerund = Gerund.of(lower(words[past]), thirdPerson: true) {
          gerunds[words[past]] = gerund
        }
        return words
      }
      guard verb > 0 else { return nil }
      let subject = words[..<verb].filter { !WordLists.determiners.contains(key($0)) }
      // "my father had to have the house built": the obligation frames the claim; what had to be done is the
      // concept ("having the house built"), as after a pronoun subject.
      if ["had", "has", "have"].contains(lower(words[verb])), verb + 2 < words.count, lower(words[verb + 1]) == "to" {
        return reduceClause(Array(words[(verb + 2)...]), negated: &negated, gerunds: &gerunds, verbFirst: true)
      }
      // "my husband had a car": what the subject had is the concept ("car").
      if ["had", "has", "have"].contains(lower(words[verb])), verb + 1 < words.count {
        let next = words[verb + 1]
        if WordLists.determiners.contains(key(next)) || ["a", "an"].contains(lower(next)) || isNumber(next) {
          return Array(words[(verb + 1)...])
        }
      }
      let rest = phrase[(verb + 1)...].filter { !WordLists.fillers.contains(key($0)) }
      guard WordLists.copulas.contains(key(words[verb])) || Self.becomingVerbs.contains(lower(words[verb])) else {
        return nil
      }
      var after = words[(verb + 1)...].filter { !WordLists.fillers.contains(key($0)) && !isAdverb(lower($0)) }
      // "houses were as scarce as hen's teeth": the quality is the word between the two "as".
      let comparison = after.count >= 3 && lower(after[0]) == "as" && lower(after[2]) == "as"
      if comparison {
        after = [after[1]]
      } else if rest.isEmpty {
        return Array(words[..<verb])
      }
      // "my mother was always busy at home" → "busy": a place or time after the quality is cut.
      let quality = after.prefix {
        !WordLists.phraseBreakers.contains(key($0)) && !WordLists.prepositions.contains(key($0))
      }.filter { !Self.degreeWords.contains(lower($0)) && Modifiers.intensity(lower($0)) == nil }
      // A capitalised quality is a nationality or a name's adjective: "the roads were Maltese".
      guard quality.count == 1, let adjective = quality.first,
        comparison || isAdjective(lower(adjective)) || name(adjective) != nil,
        !subject.isEmpty, subject.count <= 2
      else { return nil }
      // A person's state is the concept ("busy"); a thing's is named with it:
      // "my head was bad" → "bad head", "the system is so confusing" → "confusing system".
      if subject.count == 1, Self.relatives.contains(lower(subject[0])) || WordLists.people.contains(key(subject[0])) {
        return [adjective]
      }
      return [adjective] + subject
    }
    scan: while let first = words.first {
      let word = lower(first)
      let next = words.count > 1 ? lower(words[1]) : ""
      if verbFirst && word == "be" && words.count > 1 {
        // "made it harder to be honest" → "being honest".
        break scan
      } else if words.count >= 2, WordLists.fillerPairs.contains(word + " " + next) {
        words.removeFirst(2)
      } else if (WordLists.fillers.contains(word) && word != "like") || Modifiers.hedge(word) != nil {
        words.removeFirst()
      } else if word == "nobody" || word == "noone" || word == "no-one"
        || (word == "no" && next == "one")
      {
        negated.toggle()
        words.removeFirst(word == "no" ? 2 : 1)
        sawVerbFrame = true
      } else if WordLists.subjectPronouns.contains(word) {
        afterCopula = WordLists.copulas.contains(word)
        words.removeFirst()
        sawVerbFrame = true
      } else if Modifiers.isNegator(word) && !["without", "nothing", "none", "no"].contains(word) {
        negated.toggle()
        words.removeFirst()
        sawVerbFrame = true
        if word.hasSuffix("n't") && WordLists.copulas.contains(String(word.dropLast(3))) {
          afterCopula = true
        }
      } else if sawVerbFrame, !afterCopula, words.count > 1, isAdverb(word) {
        // "I always drank", "we eventually became": the adverb is not the verb.
        words.removeFirst()
      } else if sawVerbFrame, WordLists.framingVerbs.contains(word),
        WordLists.subjectPronouns.contains(next)
      {
        words.removeFirst()
      } else if sawVerbFrame, ["do", "does", "did"].contains(word),
        WordLists.determiners.contains(next)
          || ["what", "it", "anything", "something", "everything", "nothing", "a"].contains(next)
      {
        // "do" as the main verb: "I can't do what I did".
        break scan
      } else if sawVerbFrame, ["have", "has", "had", "'ve"].contains(word) {
        if next == "to" {
          words.removeFirst(2)
        } else if isParticiple(next) {
          words.removeFirst()
        } else {
          // Possession: "had any way in" → "any way in".
          words.removeFirst()
          possession = true
          break scan
        }
      } else if sawVerbFrame, ["get", "got", "gets"].contains(word),
        WordLists.determiners.contains(next) || next == "a"
      {
        words.removeFirst()
        possession = true
        break scan
      } else if WordLists.auxiliaries.contains(word) {
        afterCopula = WordLists.copulas.contains(word)
        words.removeFirst()
        sawVerbFrame = true
      } else if sawVerbFrame, ["gotta", "gonna"].contains(word), words.count > 1 {
        words.removeFirst()
      } else if sawVerbFrame, ["used", "got", "supposed"].contains(word), next == "to", words.count > 2,
        !WordLists.determiners.contains(key(words[2])), lower(words[2]) != "a"
      {
        // "we used to live" is living; "you've got to bring them" is bringing them.
        words.removeFirst(2)
      } else if sawVerbFrame, WordLists.catenatives.contains(word),
        next == "to" || next == "and" || next.hasSuffix("ing"),
        // "go to Sydney", "went to Sunday School": a place, unless a verb follows.
        !(next == "to" && Self.motionVerbs.contains(word) && words.count > 2
          && !Self.commonVerbs.contains(lower(words[2]))),
        // "go to the doctor" is a place, "went to see" a verb.
        !(next == "to" && words.count > 2 && (WordLists.determiners.contains(key(words[2])) || lower(words[2]) == "a"))
      {
        words.removeFirst(next == "to" || next == "and" ? 2 : 1)
      } else {
        break scan
      }
    }
    guard let first = words.first else { return nil }
    // "parents were great believers", "father had to": a word before a finite verb is its subject, not a verb.
    if verbFirst, words.count > 1,
      WordLists.copulas.contains(key(words[1])) || WordLists.auxiliaries.contains(key(words[1]))
    {
      return nil
    }
    if sawVerbFrame && !afterCopula && !possession {
      guard isVerbCandidate(lower(first)) else { return nil }
      // The verb becomes "-ing", so the label names an activity: "losing tenancy".
      guard let gerund = Gerund.of(lower(first), thirdPerson: !verbFirst) else { return nil }
      gerunds[first] = gerund
    }
    return words
  }

  /// Cleans up the phrase, checks its length and builds the label.
  private func finish(
    _ input: [Int], negated startNegated: Bool, gerunds: [Int: String], role: Role, prefixed: Bool = false
  )
    -> PhraseLabel?
  {
    var words = input
    var negated = startNegated
    // After "feel", "like" is meant: "feeling like nobody cared".
    if role != .feeling { stripLeadingFillers(&words) }
    let quoteStart = words.first
    // Leading determiners, quantities and weekdays: "the Tuesday drop-in" → "drop-in".
    while let first = words.first, gerunds[first] == nil {
      let word = lower(first)
      let next = words.count > 1 ? lower(words[1]) : ""
      let third = words.count > 2 ? lower(words[2]) : ""
      if word == "a" && ["lot", "bit", "couple"].contains(next) && third == "of" {
        words.removeFirst(3)
      } else if ["lots", "loads", "bit", "couple"].contains(word) && next == "of" {
        words.removeFirst(2)
      } else if Self.partitives.contains(word) && next == "of" && words.count > 2 {
        // "one of the old fridges" → "old fridges", "a group of soldiers" → "soldiers".
        words.removeFirst(2)
      } else if role == .effect && ["no", "less", "fewer"].contains(word) && words.count > 1 {
        negated.toggle()
        words.removeFirst()
      } else if WordLists.determiners.contains(word) || WordLists.weekdays.contains(word)
        || word == "as"
        || (Modifiers.intensity(word) != nil && word != "less")
      {
        words.removeFirst()
      } else if words.count > 1, role != .feeling, !prefixed, Self.leadingPrepositions.contains(word),
        gerunds[words[1]] == nil
      {
        // "in a full high school" → "full high school".
        words.removeFirst()
      } else if role == .effect, WordLists.beneficiaries.contains(word), next.hasSuffix("ing") {
        // "led to him getting poorly" → "getting poorly".
        words.removeFirst()
      } else {
        break
      }
    }
    // A second clause run on without a joining word: "buying Westpoint it was built" → "buying Westpoint".
    if let inner = words.indices.dropFirst().first(where: { k in
      k + 1 < words.count && ["it", "they", "he", "she", "we", "i", "you"].contains(lower(words[k]))
        && isFiniteVerb(lower(words[k + 1])) && !WordLists.prepositions.contains(key(words[k - 1]))
        && gerunds[words[k - 1]] == nil
    }) {
      words = Array(words[..<inner])
    }
    // A cause named by a noun phrase ends before its purpose: "the contract with the
    // Military to supply vegetables" → "contract with the Military" ("plenty to eat"
    // and "hard to save" keep theirs: one word or a quality before "to").
    if role == .cause, gerunds.isEmpty,
      let to = words.indices.dropFirst().first(where: { k in
        k + 1 < words.count && lower(words[k]) == "to" && name(words[k + 1]) == nil
          && isVerbCandidate(lower(words[k + 1])) && !isAdjective(lower(words[k - 1]))
          && contentCount(Array(words[..<k])) >= 2
      })
    {
      words = Array(words[..<to])
      // "seven children for her to look after": who the purpose is for goes with it.
      if words.count > 3, lower(words[words.count - 2]) == "for", WordLists.people.contains(key(words[words.count - 1]))
      {
        words.removeLast(2)
      }
    }
    // Where or how far is not part of the concept: "reunion here in Penrith" → "reunion",
    // "bush all the way" → "bush", "escorted right across the bushes" → "escorted"
    // ("going there" keeps its place: the verb alone names nothing).
    if let tail = words.indices.dropFirst().first(where: { k in
      let word = lower(words[k])
      let next = k + 1 < words.count ? lower(words[k + 1]) : ""
      return (word == "here" || word == "there")
        && !(k == 1 && (gerunds[words[0]] != nil || lower(words[0]).hasSuffix("ing")))
        || word == "all" && next == "the" && k + 2 < words.count && lower(words[k + 2]) == "way"
        || word == "right" && (WordLists.prepositions.contains(WordKey(next)) || Self.placeWords.contains(next))
    }) {
      words = Array(words[..<tail])
      stripTrailing(&words)
    }
    // Cut relative and adverbial clauses: "people who'd been through it" → "people".
    // "that" after a preposition points ("working in that business") and cuts nothing.
    if let cut = words.dropFirst().firstIndex(where: {
      WordLists.phraseBreakers.contains(key($0)) && !isSoMuch($0) && !WordLists.joinsNumbers(tokens, $0)
        && !(lower($0) == "that" && $0 > 0 && WordLists.prepositions.contains(tokens[$0 - 1].key))
    }) {
      words = Array(words[..<cut])
    }
    words.removeAll {
      gerunds[$0] == nil
        && (Modifiers.intensity(lower($0)) != nil && !["less", "more"].contains(lower($0))
          && lower($0) != "properly"
          || (role != .cause && ["anyone", "anybody"].contains(lower($0))))
    }
    stripTrailing(&words)
    // "their tweed factory on": a noun phrase does not end in a particle (only a verb does: "carrying on").
    // Two words may be a state ("worn out", "fed up"), so only longer phrases lose it.
    if gerunds.isEmpty, words.count > 2, let last = words.last, WordLists.finalParticles.contains(key(last)),
      WordLists.prepositions.contains(key(last)), !lower(words[0]).hasSuffix("ing"),
      !isParticiple(lower(words[words.count - 2])), !WordLists.pastForms.contains(lower(words[words.count - 2]))
    {
      words.removeLast()
    }
    // "having a nervous breakdown" → "nervous breakdown": the thing had is the concept.
    if let first = words.first, (gerunds[first] ?? lower(first)) == "having", words.count > 2,
      ["a", "an", "the", "such"].contains(lower(words[1]))
    {
      words.removeFirst(2)
    }
    while contentCount(words) > 4 {
      guard
        let cut = words.dropFirst().lastIndex(where: { WordLists.prepositions.contains(key($0)) })
      else {
        return nil
      }
      words = Array(words[..<cut])
      stripTrailing(&words)
    }
    guard let first = words.first, var last = words.last, contentCount(words) > 0,
      !WordLists.phraseBreakers.contains(key(first))
    else { return nil }
    // "Brother T started": a noun followed by a past verb is a clause, not a concept.
    // "The rent doubled" is a clause with a plain subject, and a cause.
    if role == .cause, gerunds.isEmpty, quoteStart.map({ !Self.subjectDeterminers.contains(lower($0)) }) ?? true,
      words.indices.dropFirst().contains(where: {
        lower(words[$0]).hasSuffix("ed") && !WordLists.determiners.contains(key(words[$0 - 1]))
          && !["not", "being", "been", "getting", "feeling"].contains(lower(words[$0 - 1]))
      })
    {
      return nil
    }
    // A second clause inside the label reads badly ("doing what I did"), except
    // after a verb of feeling or knowing: "knowing I wasn't the only one". A
    // clause that only describes a thing is cut: "a door I could lock" → "door".
    let opensComplement =
      role == .feeling
      || ["knowing", "feeling", "hearing", "seeing", "realising", "realizing"].contains(
        gerunds[first] ?? lower(first))
    if !opensComplement,
      let inner = words.dropFirst().firstIndex(where: {
        WordLists.subjects.contains(key($0))
          && !["nobody", "everyone", "everybody", "someone", "somebody"].contains(lower($0))
      })
    {
      let kept = Array(words[..<inner])
      guard let keptLast = kept.last, contentCount(kept) > 0, gerunds.isEmpty,
        !["what", "how", "why", "where", "when", "who", "whether"].contains(lower(keptLast)),
        !WordLists.prepositions.contains(key(keptLast)), !WordLists.determiners.contains(key(keptLast))
      else { return nil }
      words = kept
      last = keptLast
    }
    let text = words.map { gerunds[$0] ?? lower($0) }.joined(separator: " ")
    let ending = lower(last)
    // "trusting her" names an activity; "help her" or "the group and her" does not.
    // So does "getting through it": a verb, its particle and "it".
    let verbAndPronoun =
      gerunds[first] != nil
      && (words.count == 2
        || words.count == 3 && WordLists.particles.contains(key(words[1])) && ending == "it")
    if words.count > 1,
      ["them", "him", "her", "me", "us", "it", "you"].contains(ending) && !opensComplement && !verbAndPronoun
    {
      return nil
    }
    if words.count > 1, !verbAndPronoun,
      WordLists.prepositions.contains(ending) && !WordLists.finalParticles.contains(ending)
        || WordLists.determiners.contains(ending) || WordLists.phraseBreakers.contains(ending)
        || ending == "a"
    {
      return nil
    }
    // A label that gets a prefix ("feeling bad", "kept going") is whole with it.
    if words.count == 1, role != .feeling, !prefixed,
      Self.notConcepts.contains(text) || Self.emptyActs.contains(text) || isNumber(first)
    {
      return nil
    }
    // "them young": an object pronoun does not start a concept.
    if ["them", "him", "her", "me", "us", "you"].contains(lower(first)) { return nil }
    // "it's such a shame" is a pity, not shame.
    if text == "shame", let start = quoteStart, start != first, lower(start) == "a" || lower(start) == "such" {
      return nil
    }
    if WordLists.emptyLabels.contains(text)
      || WordLists.referringPronouns.contains(key(last)) && !(verbAndPronoun && words.count == 3)
      || WordLists.people.contains(text)
      || WordLists.beneficiaries.contains(text) && !(role == .cause && Self.groups.contains(text))
    {
      return nil
    }
    if role == .cause && words.count == 1 && WordLists.timeNouns.contains(text) { return nil }
    // A clause cut before what it says names nothing: "he had", "people have",
    // "ties were" (a subject and its auxiliary, the rest left out), or "we'd" alone.
    if words.count > 1, gerunds[last] == nil, isFiniteVerb(ending) { return nil }
    if words.count == 1, gerunds[first] == nil, WordLists.subjects.contains(key(first)) { return nil }
    guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return nil }
    // Words may come reordered ("bad head" from "my head was bad"): the span covers them all.
    let (low, high) = (words.min()!, words.max()!)
    return PhraseLabel(
      text: words.map { gerunds[$0] ?? shown($0) }.joined(separator: " "), negated: negated, tokens: low..<(high + 1),
      quoteStart: min(quoteStart ?? low, low))
  }

  /// Words naming a part or a group of what follows "of": the concept is what follows.
  private static let partitives: Set<String> = [
    "one", "some", "most", "all", "each", "both", "many", "several", "group", "number", "bunch", "crowd", "pair",
    "handful", "lot",
  ]

  private static let leadingPrepositions: Set<String> = [
    "in", "from", "with", "into", "through",
  ]

  /// Words that are never a concept alone: "far", "about", "enough", "course".
  private static let notConcepts: Set<String> = [
    "far", "about", "too", "right", "enough", "sure", "big", "bigger", "biggest", "pretty", "different", "course",
    "upstairs", "downstairs", "everywhere", "anywhere", "somewhere", "nowhere", "always", "here", "there",
    "instead", "gradual", "imperative", "true", "wrong", "fine", "okay", "ok", "alright", "same", "whole", "own",
    "much", "many", "most", "least", "else", "ago", "away", "around", "together", "also", "built", "young", "old",
    "good", "bad", "nice", "great", "lovely", "little", "happy", "important", "possible", "likely", "funny",
    "interesting", "difficult", "hard", "easy", "better", "worse", "best", "worst", "able", "used", "lot", "lots",
    "it", "them", "things", "thing", "stuff", "way", "case", "fact", "point", "part", "kind", "sort", "bit",
  ]

  /// Acts too plain to be a concept alone: "seeing", "happening" ("using",
  /// "trying" and "starting" stay: in recovery talk they name something).
  private static let emptyActs: Set<String> = [
    "seeing", "looking", "going", "coming", "getting", "happening", "saying", "believing",
    "remembering", "realising", "realizing", "thinking", "knowing", "finding", "noticing", "doing",
    "being", "having", "making", "putting", "taking", "telling", "asking", "wanting", "needing", "letting",
    "showing", "meaning", "seeming", "becoming", "considering", "deciding", "supposing", "guessing",
  ]

  private func isSoMuch(_ i: Int) -> Bool {
    lower(i) == "so" && i + 1 < tokens.count && ["much", "many"].contains(tokens[i + 1].lower)
  }

  private static let trailingFillers: Set<String> = [
    "again", "now", "then", "anymore", "too", "either", "basically", "honestly", "though", "really",
    "also",
    "ever", "already", "yet", "together", "myself", "yourself", "ourselves", "more", "much",
    "loads", "lots",
    "properly", "anyway", "obviously", "actually", "here", "there", "anyhow", "somehow",
  ]

  private static let timePrepositions: Set<String> = [
    "for", "in", "on", "at", "after", "before", "during", "until", "till", "by", "within", "over",
    "since",
  ]

  /// Drops trailing fillers and time phrases: "going back at all" → "going back",
  /// "score that morning" → "score".
  private func stripTrailing(_ words: inout [Int]) {
    while words.count > 1, let last = words.last {
      let word = lower(last)
      let pair = lower(words[words.count - 2]) + " " + word
      if WordLists.fillerPairs.contains(pair) && words.count > 2 {
        words.removeLast(2)
      } else if (Self.trailingFillers.contains(word) || Modifiers.hedge(word) != nil)
        && !(word == "properly" && words.count <= 2)
      {
        words.removeLast()
      } else if WordLists.timeNouns.contains(word) {
        var start = words.count - 1
        while start > 0, isTimeModifier(words[start - 1]) { start -= 1 }
        if start > 0, Self.timePrepositions.contains(lower(words[start - 1])) {
          start -= 1
        } else if words[start..<(words.count - 1)].contains(where: isNumber) {
          // A counted time straight after the verb is its object: "worked five and a half days".
          return
        }
        guard start < words.count - 1, start >= 1 else { return }
        words = Array(words[..<start])
      } else {
        return
      }
    }
  }

  /// A word as the label shows it: lowercase, except a proper name, which
  /// keeps its capitals ("High School", "Parramatta"), and the pronoun "I"
  /// ("I was ready", "I'd"), written as English writes it wherever it stands.
  private func shown(_ i: Int) -> String {
    let word = lower(i)
    if word == "i" || word.hasPrefix("i'") { return "I" + word.dropFirst() }
    return name(i) ?? word
  }

  /// The word as the speaker spelled it when it is a proper name: written
  /// with a capital where a sentence does not start. "I" is not a name.
  private func name(_ i: Int) -> String? {
    let word = lower(i)
    guard i > 0, tokens[i].range.upperBound <= bytes.count, let first = bytes[tokens[i].range].first,
      (65...90).contains(first), word != "i", !word.hasPrefix("i'")
    else { return nil }
    // The speaker's spelling, with a curly apostrophe made straight as in `lower`.
    return String(String(decoding: bytes[tokens[i].range], as: UTF8.self).map { $0 == "’" ? "'" : $0 })
  }

  private func isNumber(_ i: Int) -> Bool {
    tokens[i].kind == .number || WordLists.numberWords.contains(lower(i))
  }

  private func isTimeModifier(_ i: Int) -> Bool {
    let word = lower(i)
    return tokens[i].kind == .number || WordLists.determiners.contains(word) || WordLists.joinsNumbers(tokens, i)
      || [
        "a", "once", "twice", "long", "next", "last", "one", "two", "three", "four", "five", "six",
        "seven",
        "eight", "nine", "ten", "eleven", "twelve", "fourteen", "few", "several", "couple", "half",
      ].contains(word)
  }

  private func contentCount(_ words: [Int]) -> Int {
    words.filter { !WordLists.functionWords.contains(key($0)) }.count
  }
}
