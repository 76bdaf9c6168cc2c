// The small closed word classes the causal patterns and labels rely on,
// written for everyday spoken UK English. Sets are `WordSet`s, so a token is
// looked up by its key without hashing its text again.
import HarkPluginKit

enum WordLists {
  /// Words after which a new clause starts: a cause phrase never reaches back past them.
  static let clauseOpeners = WordSet([
    "and", "but", "because", "cos", "'cause", "so", "when", "if", "then", "although", "though",
    "whereas",
    "while", "or", "since", "until", "till", "where", "whether", "yet", "however", "after", "before",
  ])

  /// Verbs that report what someone said: the reported clause starts after them.
  static let reportingVerbs = WordSet([
    "said", "says", "say", "told", "tells", "added", "alleged", "claimed", "stated", "noted", "reported",
    "explained", "warned", "insisted",
  ])

  /// Words that end an effect phrase.
  static let clauseClosers = WordSet([
    "and", "but", "because", "cos", "'cause", "so", "when", "if", "though", "although", "whereas", "while",
    "or",
    "until", "till", "which", "where", "whether", "since", "however", "yet", "after", "before",
  ])

  /// A subject that starts the second clause of "without X I would Y".
  static let subjects = WordSet(subjectWords)
  private static let subjectWords = [
    "i", "we", "you", "he", "she", "they", "nobody", "everyone", "everybody", "someone", "somebody",
    "i'd", "we'd", "you'd", "he'd", "she'd", "they'd", "i'm", "we're", "you're", "he's", "she's",
    "they're",
    "i've", "we've", "you've", "they've", "i'll", "we'll", "you'll", "he'll", "she'll", "they'll",
  ]

  /// Subject pronouns (and subject + auxiliary contractions) stripped from a clause.
  static let subjectPronouns = WordSet(
    subjectWords + ["it", "it'd", "it's", "it'll", "people", "there'd"])

  /// Causes that name a person, not a concept: the link is skipped.
  static let people = WordSet([
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "someone", "somebody",
    "everyone", "everybody", "people", "one", "god", "nobody", "anyone", "anybody",
  ])

  /// Pronouns whose referent can sometimes be found in the previous sentence.
  static let referringPronouns = WordSet(["it", "that", "this", "it's", "that's", "this's"])

  /// Object pronouns and groups of people: who is helped, not what changes.
  static let beneficiaries = WordSet([
    "me", "us", "him", "her", "them", "you", "people", "women", "men", "everyone", "everybody",
    "others",
    "families", "kids", "children", "carers", "someone", "somebody", "anyone", "lots", "loads",
  ])

  static let auxiliaries = WordSet([
    "would", "could", "should", "might", "may", "must", "will", "can", "shall", "'d", "do", "does",
    "did",
    "have", "has", "had", "'ve", "am", "is", "are", "was", "were", "be", "been", "being", "'m",
    "'s", "'re",
    "gonna", "wanna", "would've", "could've", "should've", "might've", "must've", "i'd've",
  ])

  static let copulas = WordSet([
    "am", "is", "are", "was", "were", "be", "been", "being", "'m", "'s", "'re", "i'm", "we're",
    "you're",
    "he's", "she's", "they're", "it's", "that's",
  ])

  /// Verbs whose own clause only frames another: "I don't think I'd have gone".
  static let framingVerbs = WordSet([
    "think", "suppose", "reckon", "believe", "guess", "know", "feel", "expect",
  ])

  /// Verbs that only carry the next one: "want to ask", "started trusting".
  static let catenatives = WordSet([
    "want", "wanted", "need", "needed", "have", "had", "try", "tried", "able", "manage", "managed",
    "going",
    "start", "started", "begin", "began", "keep", "kept", "go", "went",
  ])

  static let fillers = WordSet([
    "and", "but", "so", "then", "just", "like", "um", "umm", "erm", "er", "uh", "uhm", "well", "oh",
    "honestly",
    "basically", "really", "actually", "literally", "obviously", "definitely", "also", "even",
    "still", "maybe",
    "perhaps", "probably", "possibly", "only", "yeah", "yes", "seriously", "now", "cos", "'cause", "because",
    "okay", "ok",
    "anyway", "mostly", "genuinely", "truly", "massively", "hugely", "totally", "completely",
    "absolutely",
  ])

  static let fillerPairs = WordSet([
    "i think", "i mean", "i guess", "i suppose", "i reckon", "i know", "you know", "to be",
    "sort of", "kind of",
    "a bit", "a lot", "so much", "at all", "as well", "at first", "any more", "i'd say", "for sure",
  ])

  static let determiners = WordSet([
    "the", "a", "an", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these",
    "those", "some",
    "any", "every", "each", "all", "another", "more", "much", "many", "first", "whole", "little",
    "proper",
    "real", "actual", "very", "same", "other", "own", "extra", "wee", "few",
  ])

  static let weekdays = WordSet([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekly",
    "monthly",
  ])

  /// Words that start a relative or adverbial clause inside a phrase.
  static let phraseBreakers = WordSet([
    "who", "who'd", "who's", "who've", "which", "that", "when", "where", "because", "while", "if",
    "before",
    "after", "than", "as", "whether", "and", "but", "or", "cos", "until", "till", "since", "though",
    "although", "whereas",
  ])

  static let prepositions = WordSet([
    "to", "for", "in", "on", "at", "with", "from", "by", "about", "into", "through", "over",
    "under", "around",
    "round", "during", "without", "like", "of", "off", "up",
  ])

  static let particles = WordSet([
    "out", "into", "in", "through", "back", "up", "off", "on", "over", "to", "onto", "away", "home",
    "down",
    "outside", "inside", "round", "around",
  ])

  /// Particles a label may end with: "going under", "getting out".
  static let finalParticles = WordSet([
    "out", "in", "up", "off", "on", "over", "under", "back", "down", "through", "round", "around",
    "away", "home",
  ])

  static let timeNouns = WordSet([
    "ages", "while", "bit", "time", "times", "year", "years", "month", "months", "week", "weeks",
    "day",
    "days", "night", "nights", "morning", "mornings", "evening", "evenings", "afternoon",
    "afternoons",
    "weekend", "weekends", "hour", "hours", "minute", "minutes", "moment", "summer", "winter",
    "fortnight",
    "spring", "autumn", "today", "yesterday", "tomorrow", "tonight", "once", "twice",
  ])

  /// Words that do not count towards a label's length.
  static let functionWords = WordSet([
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "and", "it", "i", "me", "my",
    "like", "from",
    "as", "by", "up", "out", "off",
  ])

  /// Labels too empty to stand for a concept on their own.
  static let emptyLabels = WordSet([
    "one", "ones", "thing", "things", "stuff", "something", "anything", "everything", "nothing",
    "it", "that",
    "this", "them", "him", "her", "me", "us", "you", "being", "doing", "having", "getting", "going",
    "thinking", "saying", "knowing", "wanting", "feeling", "making", "way", "lot", "bit", "what",
    "there",
    "here", "which", "who", "much", "more", "less", "same", "kind", "sort", "feeling like", "all",
    "lots",
  ])

  /// Effects too vague to name ("made things worse"): the effect is wellbeing.
  static let vagueEffects = WordSet([
    "it", "things", "everything", "stuff", "that", "this", "matters", "life", "my life", "them",
    "all",
  ])

  /// What "made … worse" makes more of: problems, not goods.
  static let problems = WordSet([
    "anxiety", "anxious", "depression", "depressed", "loneliness", "lonely", "isolation",
    "isolated", "stress",
    "stressed", "drinking", "drink", "using", "debt", "debts", "pain", "worry", "worries",
    "worrying", "fear",
    "fears", "panic", "panics", "symptom", "symptoms", "craving", "cravings", "self-harm",
    "paranoia",
    "voices", "nightmares", "relapse", "relapsing", "problem", "problems", "addiction", "shame",
    "guilt",
    "anger", "sadness", "crisis", "crises", "overdose", "suicidal", "stigma", "nerves", "trauma",
    "insomnia",
  ])

  /// Adjectives that follow "made me" as a feeling, not an action.
  static let feelingAdjectives = WordSet([
    "angry", "sad", "happy", "anxious", "nervous", "stupid", "welcome", "safe", "small", "calm",
    "better",
    "worse", "sick", "ill", "ashamed", "proud", "confident", "comfortable", "uncomfortable",
    "weird",
    "normal", "human", "invisible", "special", "useless", "worthless", "hopeful", "hopeless",
    "awake",
    "alone", "lonely", "sure", "strong", "weak", "wanted", "cross", "upset", "brave", "free",
    "glad",
  ])

  /// Words "so" can be the degree of ("so angry", "so long"); before
  /// anything else "so" is read as a conjunction.
  static let degreeTargets = WordSet([
    "little", "long", "far", "often", "bad", "good", "hard", "easy", "tired", "scared", "worried", "lonely",
    "frightened", "depressed", "stressed", "busy", "difficult", "important", "hungry", "poor", "expensive",
    "isolated", "low", "young", "close", "grateful", "pleased", "embarrassed", "excited", "overwhelmed",
  ])

  /// Irregular verb forms and their "-ing" form.
  static let irregularGerunds: [String: String] = [
    "went": "going", "gone": "going", "been": "being", "was": "being", "were": "being",
    "had": "having",
    "has": "having", "lost": "losing", "got": "getting", "gotten": "getting", "made": "making",
    "did": "doing",
    "done": "doing", "gave": "giving", "given": "giving", "took": "taking", "taken": "taking",
    "saw": "seeing",
    "seen": "seeing", "kept": "keeping", "felt": "feeling", "left": "leaving", "found": "finding",
    "came": "coming", "come": "coming", "became": "becoming", "become": "becoming",
    "slept": "sleeping",
    "drank": "drinking", "drunk": "drinking", "ate": "eating", "eaten": "eating",
    "thought": "thinking",
    "told": "telling", "said": "saying", "met": "meeting", "ran": "running", "sat": "sitting",
    "stood": "standing", "began": "beginning", "begun": "beginning", "brought": "bringing",
    "bought": "buying", "spent": "spending", "paid": "paying", "heard": "hearing",
    "knew": "knowing",
    "known": "knowing", "fell": "falling", "fallen": "falling", "broke": "breaking",
    "broken": "breaking",
    "wrote": "writing", "written": "writing", "spoke": "speaking", "spoken": "speaking",
    "understood": "understanding", "won": "winning", "sent": "sending", "held": "holding",
    "used": "using",
    "be": "being", "see": "seeing", "is": "being", "are": "being", "am": "being",
    "begin": "beginning",
    "forget": "forgetting", "forgot": "forgetting", "forgotten": "forgetting", "admit": "admitting",
    "quit": "quitting", "lie": "lying", "die": "dying", "died": "dying", "fed": "feeding",
    "led": "leading",
    "read": "reading", "woke": "waking", "slipped": "slipping", "agreed": "agreeing",
    "goes": "going", "does": "doing",
    "needed": "needing",
  ]

  /// Past participles in "-en" (other "-en" words, "seven", "children",
  /// "often", are not: "had seven children" is possession).
  static let participlesInEn = Set([
    "been", "taken", "given", "eaten", "fallen", "written", "spoken", "broken", "forgotten", "chosen",
    "driven", "seen", "known", "shown", "grown", "thrown", "woken", "frozen", "hidden", "ridden", "beaten",
    "bitten", "gotten", "proven", "stolen", "risen", "forgiven", "begun", "done", "gone", "become",
  ])

  /// Irregular past forms: "the rent went up" is a clause.
  static let pastForms = Set([
    "went", "was", "were", "had", "did", "got", "came", "became", "made", "took", "gave", "lost", "kept",
    "left", "felt", "fell", "broke", "ran", "sat", "stood", "began", "brought", "bought", "spent", "paid",
    "grew", "rose", "shut", "sold", "told", "said", "knew", "thought", "found", "met", "won", "hit", "cut",
  ])

  /// Adverbs that stand between a subject and its verb: "I always drank".
  static let midAdverbs = Set([
    "always", "often", "usually", "sometimes", "eventually", "finally", "soon", "suddenly", "already",
    "ever", "once", "first", "later", "then", "almost", "nearly", "barely", "hardly", "rarely", "seldom",
  ])

  /// Words in "-ly" that are not adverbs ("lonely", "family") or are verbs ("reply").
  static let notAdverbsInLy = Set([
    "family", "early", "lonely", "ugly", "silly", "holy", "lovely", "friendly", "elderly", "likely",
    "lively", "costly", "deadly", "daily", "weekly", "monthly", "yearly", "poorly", "bully", "rally",
    "reply", "apply", "supply", "rely", "imply", "comply", "multiply", "assembly", "july", "italy", "belly",
    "jelly", "curly", "smelly", "sickly", "unlikely", "ally",
  ])

  /// Numbers written as words.
  static let numberWords = Set([
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "half", "dozen",
  ])

  /// Whether the "and" at `i` is inside a number ("five and a half",
  /// "two and three", "a hundred and twenty"), not between two phrases or clauses.
  static func joinsNumbers(_ tokens: [Token], _ i: Int) -> Bool {
    guard i > 0, i + 1 < tokens.count, tokens[i].lower == "and" else { return false }
    let before = tokens[i - 1]
    guard before.kind == .number || numberWords.contains(before.lower) else { return false }
    let next = tokens[i + 1]
    if next.kind == .number || numberWords.contains(next.lower) { return true }
    return next.lower == "a" && i + 2 < tokens.count && ["half", "quarter", "bit"].contains(tokens[i + 2].lower)
  }

  /// "-ed" past forms that are really the base verb ("need", "feed").
  static let baseEndingInEd = WordSet([
    "need", "feed", "bleed", "speed", "shed", "proceed", "succeed", "exceed",
  ])
}
