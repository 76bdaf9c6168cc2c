// Words that cannot be, or cannot alone be, a theme of a set of interviews.

enum Stopwords {
  /// Words a key phrase may not start or end with, nor contain: function
  /// words, light verbs, fillers and discourse markers of spoken English.
  static let standard: Set<String> = [
    // Pronouns and determiners.
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves", "he",
    "him", "his",
    "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we", "us", "our", "ours",
    "ourselves",
    "they", "them", "their", "theirs", "themselves", "this", "that", "these", "those", "a", "an",
    "the", "some",
    "any", "all", "both", "each", "every", "either", "neither", "no", "none", "other", "others",
    "another",
    "such", "what", "which", "who", "whom", "whose", "whatever", "whoever", "whichever", "own",
    "same",
    "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "he's", "he'd", "he'll",
    "she's",
    "she'd", "she'll", "it's", "it'd", "it'll", "we're", "we've", "we'd", "we'll", "they're",
    "they've",
    "they'd", "they'll", "that's", "that'd", "that'll", "there's", "there'd", "there'll", "here's",
    "what's",
    "who's", "where's", "how's", "let's", "y'know", "ya", "yer", "ye", "em", "'em",
    // Prepositions and conjunctions.
    "about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
    "before",
    "behind", "below", "beside", "between", "beyond", "by", "down", "during", "except", "for",
    "from", "in",
    "inside", "into", "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "since",
    "through",
    "throughout", "till", "to", "toward", "towards", "under", "until", "up", "upon", "via", "with",
    "within",
    "without", "and", "or", "but", "nor", "so", "yet", "if", "because", "cos", "cause", "'cause",
    "coz",
    "though", "although", "while", "whilst", "when", "whenever", "where", "wherever", "whether",
    "than",
    "then", "unless", "once", "how", "why", "there", "here", "whereas",
    // Auxiliaries and negations.
    "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
    "does",
    "did", "doing", "done", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must",
    "ought", "not", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "haven't",
    "hasn't", "hadn't", "won't", "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "mustn't",
    "mightn't", "needn't", "ain't", "dont", "didnt", "cant", "wont", "isnt", "wasnt", "gonna",
    "gotta",
    "wanna", "innit",
    // Light verbs and verbs of saying, thinking and feeling.
    "get", "gets", "got", "getting", "gotten", "go", "goes", "going", "went", "gone", "make",
    "makes",
    "made", "making", "take", "takes", "took", "taking", "taken", "come", "comes", "came", "coming",
    "give",
    "gives", "gave", "giving", "given", "put", "puts", "putting", "say", "says", "said", "saying",
    "tell",
    "tells", "told", "telling", "ask", "asks", "asked", "asking", "know", "knows", "knew",
    "knowing",
    "known", "think", "thinks", "thought", "thinking", "feel", "feels", "felt", "feeling", "want",
    "wants",
    "wanted", "wanting", "need", "needs", "needed", "see", "sees", "saw", "seen", "seeing", "look",
    "looks",
    "looked", "looking", "seem", "seems", "seemed", "keep", "keeps", "kept", "let", "lets", "try",
    "tries",
    "tried", "trying", "use", "used", "using", "find", "found", "mean", "means", "meant", "guess",
    "suppose",
    "reckon", "remember", "like", "liked", "likes", "love", "loved", "start", "started", "starting",
    "stop",
    "stopped", "happen", "happened", "happens", "sit", "sat", "stand", "call", "called", "talk",
    "talked",
    "talking", "turn", "turned", "bring", "brought", "show", "showed", "leave", "left", "end",
    "ended",
    "become", "became", "stay", "stayed", "wait", "waited", "ring", "rang", "rung", "sort",
    "sorted",
    // Adverbs, fillers and discourse markers.
    "yeah", "yes", "yep", "yup", "no", "nah", "nope", "um", "umm", "uh", "uhm", "er", "erm", "ah",
    "oh",
    "ooh", "eh", "hmm", "mm", "mmm", "mhm", "huh", "okay", "ok", "well", "right", "alright",
    "really",
    "actually", "basically", "literally", "honestly", "obviously", "anyway", "anyways", "just",
    "only",
    "also", "too", "very", "quite", "pretty", "rather", "fairly", "so", "even", "still", "already",
    "again",
    "ever", "never", "always", "often", "sometimes", "usually", "maybe", "perhaps", "probably",
    "definitely",
    "certainly", "especially", "exactly", "totally", "completely", "absolutely", "almost", "nearly",
    "enough", "instead", "away", "back", "now", "then", "today", "yesterday", "tomorrow", "tonight",
    "soon",
    "later", "ago", "first", "last", "next", "much", "many", "more", "most", "less", "least", "few",
    "lot",
    "lots", "loads", "bit", "kind", "kinda", "sort", "sorta", "like", "stuff", "things", "thing",
    "whatnot",
    "etc", "mate", "love", "anyhow", "somehow", "somewhere", "anywhere", "everywhere", "nowhere",
    "someone",
    "somebody", "anyone", "anybody", "everyone", "everybody", "noone", "nobody", "something",
    "anything",
    "everything", "nothing", "one", "ones", "two", "three", "four", "five", "six", "seven", "eight",
    "nine",
    "ten", "hundred", "thousand", "half", "else", "sure", "fine", "laughs", "laughing", "pause",
    "inaudible",
    "crosstalk", "unclear", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety",
    "million", "dozen", "couple",
    // Talk about the interview itself.
    "interview", "interviews", "interviewer", "record", "recorded", "recorder", "recording",
    "question",
    "questions", "consent",
    // Politeness.
    "sorry", "please", "thank", "thanks", "cheers", "hello", "hi", "bye",
  ]

  /// Words that may be part of a key phrase ("young people", "waiting
  /// time") but are too general to be a theme on their own.
  static let generic: Set<String> = [
    "people", "person", "time", "times", "way", "ways", "day", "days", "week", "weeks", "month",
    "months",
    "year", "years", "place", "places", "part", "point", "case", "fact", "matter", "reason", "side",
    "hand", "world", "life", "bit", "idea", "question", "questions", "answer", "answers", "problem",
    "problems", "situation", "area", "number", "level", "kind", "type", "sort", "lot", "thing",
    "stuff",
    "good", "bad", "great", "nice", "big", "small", "little", "long", "short", "old", "new",
    "different",
    "whole", "real", "proper", "main", "best", "better", "worse", "worst", "hard", "easy", "able",
    "important",
    "difficult", "right", "wrong", "true", "lovely", "brilliant", "amazing", "interesting", "guy",
    "guys",
    "bloke", "lady", "man", "woman", "men", "women", "morning", "afternoon", "evening", "night",
    "moment",
    "minute", "minutes", "hour", "hours", "second", "end", "start", "front", "top", "bottom",
    "work", "word", "words", "name", "story", "sense", "example", "everybody", "head",
    "mind", "god", "help", "helped", "helps", "helping", "open", "opened", "ready", "walk",
    "walked", "meet",
    "met", "lost", "move", "moved", "live", "lived", "read", "hear", "heard", "pay", "paid",
    "spend", "spent",
    "send", "sent", "change", "changed", "understand", "believe", "free", "full", "close", "closed",
    "busy",
    "happy", "sad", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mondays",
    "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekend", "weekends",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october",
    "november", "december",
  ]

  /// Nouns that end in "-ly": other "-ly" words are adverbs or adjectives
  /// ("properly", "lonely") and, like generic words, cannot stand alone.
  static let nounsEndingInLy: Set<String> = [
    "family", "assembly", "supply", "ally", "bully", "belly", "jelly", "rally", "reply", "italy",
    "anomaly",
    "monopoly", "holly", "lily", "folly",
  ]

  /// Whether `lower` may not be a theme on its own.
  static func isGeneric(_ lower: String, in generic: Set<String>) -> Bool {
    if generic.contains(lower) { return true }
    return lower.utf8.count > 4 && lower.hasSuffix("ly") && !nounsEndingInLy.contains(lower)
  }
}
