// The plain question a panel is asked about a link, worded from the two
// concept labels and the link's sign.
//
// Labels come in a few shapes, and each reads best in its own frame. The
// question always says the direction in words ("more", "less", "fewer",
// "more likely", "less likely"), never with a sign, so it reads the same
// aloud as on the page:
//
// | effect shape                     | frame                                  |
// |----------------------------------|----------------------------------------|
// | gerund phrase ("going under")    | make going under more / less likely    |
// | "feeling …" ("feeling safe")     | make people feel more / less safe      |
// | adjective ("anxious", "lonely")  | make people more / less anxious        |
// | plural noun ("missed meals")     | lead to more / fewer missed meals      |
// | mass noun ("anxiety")            | lead to more / less anxiety            |
// | named or determined ("the Hub")  | make the Hub more / less likely        |
// | a described thing ("bad head")   | make a bad head more / less likely     |
//
// Labels the causal-links plugin writes in other shapes are said as acts:
// "kept going" as "keeping going", "no money" as "having no money", and a
// clause ("rent doubled") as "the rent doubling".
//
// The cause is the subject: "Does" for a singular or mass cause, a gerund
// phrase or a name, "Do" for a plural ("Do bus fares …"); a feeling as the
// cause is said as one ("Does feeling anxious …"). An everyday place
// or service named bare ("café", "GP") takes "the", as people say it. A label
// that already says more, less or fewer keeps its word for a positive link
// and turns it for a negative one, so nothing is said twice.
//
// These rules are a small hand-written grammar, not a parser: a label the
// rules misread can be reworded by a researcher (`hark panels reword`), and the
// rewording is stored with the item.
import Foundation

public enum PanelWording {
  /// The question for a link from `cause` to `effect` with this polarity.
  public static func question(cause: String, effect: String, polarity: Int) -> String {
    let subject = Phrase(cause)
    let object = Phrase(effect)
    let verb = subject.isPlural ? "Do" : "Does"
    let up = polarity > 0
    let predicate: String
    switch object.shape {
    case .gerund:
      predicate = "make \(object.text) \(up ? "more" : "less") likely"
    case .feeling(let rest):
      predicate = "make people feel \(directed(rest, up: up, plural: false))"
    case .adjective:
      predicate = "make people \(directed(object.text, up: up, plural: false))"
    case .named:
      predicate = "make \(object.spoken) \(up ? "more" : "less") likely"
    case .noun where object.isCountSingular:
      // "more confusing system" is not English: one of a thing is made more or less likely.
      predicate = "make \(object.spoken) \(up ? "more" : "less") likely"
    case .noun:
      predicate = "lead to \(directed(object.text, up: up, plural: object.isPlural))"
    }
    // A feeling as the cause is had by someone: "Does feeling anxious …".
    let said = subject.shape == .adjective ? "feeling \(subject.text)" : subject.spoken
    return "\(verb) \(said) \(predicate)?"
  }

  /// The maximum length of a question, in characters, stored or reworded.
  public static let maximumLength = 300

  /// "more X" or "less X" ("fewer X" for a plural); a label that starts with
  /// more, less or fewer keeps or turns its own word.
  static func directed(_ label: String, up: Bool, plural: Bool) -> String {
    let lower = label.lowercased()
    for (word, isMore) in [("more ", true), ("less ", false), ("fewer ", false)] where lower.hasPrefix(word) {
      if up { return label }
      return (isMore ? (plural ? "fewer " : "less ") : "more ") + label.dropFirst(word.count)
    }
    return (up ? "more " : (plural ? "fewer " : "less ")) + label
  }
}

/// One concept label, read for its shape.
struct Phrase {
  enum Shape: Equatable {
    case gerund
    case feeling(String)
    case adjective
    case named
    case noun
  }

  let text: String
  let words: [String]

  init(_ label: String) {
    var said = label.split(whereSeparator: \.isWhitespace).map(String.init)
    Self.sayAsAct(&said)
    text = said.joined(separator: " ")
    words = text.lowercased().split(separator: " ").map(String.init)
  }

  /// Labels that are not yet a noun phrase, said as an act: "kept going" →
  /// "keeping going", "no money" → "having no money", "rent doubled" →
  /// "the rent doubling".
  static func sayAsAct(_ words: inout [String]) {
    guard let first = words.first?.lowercased(), words.count >= 2 else { return }
    if first == "kept" {
      words[0] = "keeping"
    } else if first == "no" {
      words.insert("having", at: 0)
    } else if words.count <= 3, let last = words.last?.lowercased(), last.count > 4, last.hasSuffix("ed"),
      !adjectives.contains(last), !isGerund(first), !["feeling", "feel", "not", "more", "less"].contains(first),
      !determiners.contains(first), !(words.first?.first?.isUppercase ?? false)
    {
      // A clause with a plain subject: "rent doubled" is the rent doubling.
      let stem = last.hasSuffix("ied") ? String(last.dropLast(3)) + "y" : String(last.dropLast(2))
      let doubled = stem.count >= 3 && stem.last == stem.dropLast().last && !"lsz".contains(stem.last!)
      words[words.count - 1] = (doubled ? String(stem.dropLast()) : stem) + "ing"
      words.insert("the", at: 0)
    }
  }

  var first: String { words.first ?? "" }

  /// One of a countable thing, with no determiner: "bad head", "confusing
  /// system"; not a mass noun ("anxiety", "money") nor a plural.
  var isCountSingular: Bool {
    // "less money", "more confidence" already say how much. A single word is
    // left as it is: without a describing word it may be a name or a mass
    // noun the lists do not know ("look", "Centrelink").
    guard words.count >= 2, shape == .noun, !isPlural, !["more", "less", "fewer"].contains(first) else {
      return false
    }
    let head = words.prefix { !Self.prepositions.contains($0) }.last ?? ""
    if Self.massNouns.contains(head) || Self.uncountable.contains(head) { return false }
    return !Self.massEndings.contains { head.hasSuffix($0) && head.count > $0.count + 2 }
  }

  var shape: Shape {
    if isFeeling { return .feeling(text.split(separator: " ").dropFirst().joined(separator: " ")) }
    if isAct { return .gerund }
    if Self.determiners.contains(first) || isProperName || takesThe {
      return .named
    }
    let core = ["more", "less"].contains(first) && words.count > 1 ? Array(words.dropFirst()) : words
    if core.count == 1, Self.isAdjective(core[0]) { return .adjective }
    return .noun
  }

  var isFeeling: Bool { (first == "feeling" || first == "feel") && words.count > 1 }

  /// An act: "going under", "not asking for help"; but "waiting list" is a
  /// list, not an act of waiting.
  var isAct: Bool {
    if Self.isGerund(first) { return !(words.count == 2 && Self.ingModifiers.contains(first)) }
    return first == "not" && words.count > 1 && Self.isGerund(words[1])
  }

  /// A name: the label starts with a capital letter ("Centrelink"); "the
  /// Hub" is caught by its determiner.
  var isProperName: Bool {
    guard let character = text.first else { return false }
    return character.isUppercase
  }

  /// The phrase as said in a sentence: a bare everyday place or thing that
  /// people name with "the" ("café", "waiting list") takes it.
  var spoken: String {
    guard !isFeeling, !isAct, !Self.determiners.contains(first), !isProperName else { return text }
    if takesThe { return "the \(text)" }
    guard isCountSingular else { return text }
    return (Self.startsWithVowelSound(first) ? "an " : "a ") + text
  }

  /// A bare everyday place or thing people name with "the": "café", "waiting list".
  var takesThe: Bool {
    guard !isFeeling, !isAct, !Self.determiners.contains(first), !isProperName, let head = words.last else {
      return false
    }
    return Self.places.contains(head) && !Self.prepositions.contains(where: words.contains)
  }

  static func startsWithVowelSound(_ word: String) -> Bool {
    guard let c = word.first else { return false }
    if ["hour", "honest", "honour"].contains(where: word.hasPrefix) { return true }
    if ["uni", "use", "usu", "one", "eu"].contains(where: word.hasPrefix) { return false }
    return "aeiou".contains(c)
  }

  /// Plural when the head noun is: the last word before "of", "in", "for",
  /// "to", "with", "about" or "on" ("cost of living" is singular, "bus fares"
  /// plural). Gerund phrases and feelings are singular.
  var isPlural: Bool {
    switch shape {
    case .gerund, .feeling, .adjective: return false
    default: break
    }
    let head = words.prefix { !Self.prepositions.contains($0) }.last ?? ""
    if Self.irregularPlurals.contains(head) { return true }
    if Self.singularEndings.contains(where: { head.hasSuffix($0) }) || Self.massNouns.contains(head) { return false }
    return head.count > 2 && head.hasSuffix("s")
  }

  static func isGerund(_ word: String) -> Bool {
    word.count >= 5 && word.hasSuffix("ing") && !ingNouns.contains(word)
  }

  static func isAdjective(_ word: String) -> Bool {
    adjectives.contains(word) || ["ous", "ful", "ive"].contains { word.hasSuffix($0) && word.count > 5 }
  }

  static let determiners: Set<String> = [
    "the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those",
  ]
  static let prepositions: Set<String> = ["of", "in", "for", "to", "with", "about", "on", "at", "from"]
  /// -ing words that mostly name a kind of thing before a noun.
  static let ingModifiers: Set<String> = [
    "waiting", "living", "shopping", "swimming", "dining", "sitting", "washing", "parking", "walking", "sleeping",
    "opening", "hearing", "drinking", "working", "housing", "building",
  ]
  /// Places, services and things people name with "the": "going to the café".
  static let places: Set<String> = [
    "café", "cafe", "pub", "church", "hospital", "library", "park", "club", "hub", "centre", "center", "gp",
    "doctor", "council", "school", "job", "bus", "internet", "phone", "foodbank", "group", "list", "room",
  ]
  /// Words ending in -ing that name a thing, not an act.
  static let ingNouns: Set<String> = [
    "housing", "funding", "training", "clothing", "building", "morning", "evening", "meeting", "wedding",
    "something", "nothing", "anything", "everything", "ceiling", "spring", "string", "during", "wellbeing",
    "counselling", "counseling", "befriending", "parenting", "schooling", "heating", "lighting", "ring", "king",
    "bedding", "earnings", "feelings", "belongings",
  ]
  static let adjectives: Set<String> = [
    "anxious", "lonely", "alone", "safe", "unsafe", "happy", "unhappy", "sad", "angry", "tired", "ill", "sick",
    "well", "confident", "independent", "isolated", "stressed", "scared", "afraid", "worried", "calm", "hopeful",
    "hopeless", "ashamed", "embarrassed", "depressed", "settled", "secure", "insecure", "healthy", "unwell",
    "included", "excluded", "welcome", "valued", "respected", "judged", "rejected", "supported", "useful",
    "useless", "busy", "bored", "comfortable", "poor", "active", "involved", "connected", "free", "stuck",
  ]
  static let irregularPlurals: Set<String> = [
    "children", "people", "men", "women", "feet", "teeth", "police", "kids", "staff", "folk",
  ]
  static let singularEndings = ["ss", "us", "is", "ness", "ics", "ous"]
  static let massNouns: Set<String> = ["news", "means", "series", "species", "gas", "bus", "diabetes", "measles"]
  /// Nouns said without "a": "more money", "less sleep".
  static let uncountable: Set<String> = [
    "money", "help", "support", "sleep", "stress", "trust", "debt", "rent", "care", "advice", "information", "food",
    "work", "time", "pain", "company", "hope", "fear", "shame", "anger", "love", "faith", "respect", "dignity",
    "freedom", "safety", "warmth", "health", "wealth", "growth", "weight", "alcohol", "drink", "cannabis", "heroin",
    "medication", "therapy", "childcare", "transport", "accommodation", "furniture", "equipment", "rubbish",
    "weather", "water", "heat", "light", "noise", "violence", "abuse", "crime", "poverty", "isolation", "stigma",
    "contact", "pressure", "confidence", "independence", "wellbeing", "recovery", "progress", "motivation",
    "structure", "routine", "space", "peace", "quiet", "sleeplessness", "guilt", "grief", "loss", "change",
  ]
  /// Endings of abstract nouns, said without "a": "loneliness", "anxiety", "confidence".
  static let massEndings = ["ness", "ity", "ety", "tion", "sion", "ment", "ance", "ence", "ism", "ship", "hood", "ing"]
}
