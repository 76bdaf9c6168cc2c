// Finding a claims file's quotes in the stored text, and scoring a coding
// run's link evidence against the claims (rules in
// corpora/gold/causal-claims-guide.md, "Scores").
import Foundation
import HarkStore
import HarkTranscripts

/// A claims file with every quote found in its transcript's stored text.
public struct ClaimsDocument: Sendable, Equatable {
  public struct Claim: Sendable, Equatable {
    public var line: Int
    public var kind: ClaimsFile.Kind
    public var sign: Int
    public var quote: GoldSpan
    public var cause: GoldSpan
    public var effect: GoldSpan
    public var causeLabels: [String]
    public var effectLabels: [String]
    public init(
      line: Int, kind: ClaimsFile.Kind, sign: Int, quote: GoldSpan, cause: GoldSpan, effect: GoldSpan,
      causeLabels: [String], effectLabels: [String]
    ) {
      self.line = line
      self.kind = kind
      self.sign = sign
      self.quote = quote
      self.cause = cause
      self.effect = effect
      self.causeLabels = causeLabels
      self.effectLabels = effectLabels
    }
  }

  public var source: String
  public var passages: [GoldSpan]
  public var claims: [Claim]
  /// Narrator words in the passages (runs of non-space characters in turns not given to `Interviewer`).
  public var narratorWords: Int
  /// The stored text the spans index, as code points, so an outcome can quote the words a link marked.
  public var text: [Unicode.Scalar]

  public init(
    source: String, passages: [GoldSpan], claims: [Claim], narratorWords: Int = 0, text: [Unicode.Scalar] = []
  ) {
    self.source = source
    self.passages = passages
    self.claims = claims
    self.narratorWords = narratorWords
    self.text = text
  }

  /// The words of `span` in the text, or nil when the span is missing or the document was made without its text.
  func words(_ span: GoldSpan?) -> String? {
    guard let span, span.start >= 0, span.end <= text.count, span.start < span.end else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: text[span.start..<span.end])
    return String(view)
  }

  /// Finds every quote of `file` in `text`; throws `GoldProblems` naming the file, line and quote of each one
  /// that is missing or not unique. `narratorTurns` are the spans of the narrator's turns, for the word count.
  public static func resolve(_ file: ClaimsFile, text: String, narratorTurns: [GoldSpan] = []) throws
    -> ClaimsDocument
  {
    let scalars = Array(text.unicodeScalars)
    let whole = GoldSpan(0, scalars.count)
    var problems: [HarkError] = []
    func unique(_ quote: GoldQuote, within scope: GoldSpan, what: String, line: Int) -> GoldSpan? {
      let hits = GoldDocument.find(quote, in: scalars, within: scope)
      if let n = quote.occurrence {
        if hits.count >= n { return hits[n - 1] }
        problems.append(
          HarkError(
            "\(what) \(quote.shown) is found \(hits.count) times there, so there is no occurrence \(n)",
            subject: file.name, line: line,
            hint: "Copy the words exactly from the stored text (hark export --format json)"
          ))
        return nil
      }
      if hits.count == 1 { return hits[0] }
      problems.append(
        HarkError(
          hits.isEmpty
            ? "\(what) \(quote.shown) is not in the text where it is searched"
            : "\(what) \(quote.shown) is found \(hits.count) times where it is searched",
          subject: file.name, line: line,
          hint: hits.isEmpty
            ? "Copy the words exactly from the stored text (hark export --format json)"
            : "Quote more words, or end the quote with @N to take the N-th occurrence"))
      return nil
    }
    var passages: [GoldSpan] = []
    for passage in file.passages {
      guard let from = unique(passage.from, within: whole, what: "the passage start", line: passage.line),
        let to = unique(passage.to, within: whole, what: "the passage end", line: passage.line)
      else { continue }
      guard from.start < to.end else {
        problems.append(
          HarkError(
            "the passage ends before it starts", subject: file.name, line: passage.line,
            hint: "from: is the first words of the passage, to: the last"))
        continue
      }
      passages.append(GoldSpan(from.start, to.end))
    }
    var claims: [Claim] = []
    for claim in file.claims {
      let scopes = passages.filter { !GoldDocument.find(claim.quote, in: scalars, within: $0).isEmpty }
      guard let passage = scopes.first ?? passages.first,
        let quote = unique(claim.quote, within: passage, what: "the claim", line: claim.line)
      else { continue }
      func side(_ q: GoldQuote, _ what: String) -> GoldSpan? {
        if !GoldDocument.find(q, in: scalars, within: quote).isEmpty {
          return unique(q, within: quote, what: what, line: claim.line)
        }
        return unique(q, within: passage, what: what, line: claim.line)
      }
      guard let cause = side(claim.cause, "the cause"), let effect = side(claim.effect, "the effect") else {
        continue
      }
      claims.append(
        Claim(
          line: claim.line, kind: claim.kind, sign: claim.sign, quote: quote, cause: cause, effect: effect,
          causeLabels: claim.causeLabels, effectLabels: claim.effectLabels))
    }
    guard problems.isEmpty else { throw GoldProblems(problems: problems) }
    var words = 0
    for turn in narratorTurns {
      for passage in passages where passage.overlaps(turn) {
        let start = max(turn.start, passage.start)
        let end = min(turn.end, passage.end)
        var inWord = false
        for scalar in scalars[start..<end] {
          let space = scalar.properties.isWhitespace
          if !space && !inWord { words += 1 }
          inWord = !space
        }
      }
    }
    return ClaimsDocument(
      source: file.transcript, passages: passages, claims: claims, narratorWords: words, text: scalars)
  }
}

/// One piece of link evidence from a coding run, with the labels of its link's concepts.
public struct ClaimsEvidence: Sendable, Equatable {
  public var quote: GoldSpan
  public var cause: GoldSpan?
  public var effect: GoldSpan?
  public var polarity: Int
  public var causeLabel: String
  public var effectLabel: String
  public init(
    quote: GoldSpan, cause: GoldSpan?, effect: GoldSpan?, polarity: Int, causeLabel: String, effectLabel: String
  ) {
    self.quote = quote
    self.cause = cause
    self.effect = effect
    self.polarity = polarity
    self.causeLabel = causeLabel
    self.effectLabel = effectLabel
  }

  /// The sign the evidence states: its polarity, flipped when the effect concept is an opposite (`~…`).
  public var sign: Int {
    let s = polarity > 0 ? 1 : (polarity < 0 ? -1 : 0)
    return effectLabel.hasPrefix("~") ? -s : s
  }
}

/// The counts behind every claims score.
public struct ClaimsScores: Sendable, Equatable {
  public var documents = 0
  public var narratorWords = 0
  public var explicitClaims = 0
  public var explicitFound = 0
  public var impliedClaims = 0
  public var impliedFound = 0
  /// Found explicit claims with an overlapping evidence whose cause and effect ranges overlap the claim's.
  public var directionRight = 0
  /// Of those, the ones where such an evidence has the claim's sign.
  public var signRight = 0
  /// Found explicit claims with an overlapping evidence whose two concept labels both match.
  public var bothLabelsRight = 0
  /// The same, where a label may also match by its head: words added in front of an accepted label or left out
  /// of its front ("rates" for "outrageous rates", "going to Parramatta" for "Parramatta").
  public var bothLabelsHeadRight = 0
  public var evidenceInPassages = 0
  public var evidenceStatingClaim = 0

  public init() {}

  public var explicitRecall: Double { Stats.ratio(explicitFound, explicitClaims) }
  public var impliedRecall: Double { Stats.ratio(impliedFound, impliedClaims) }
  public var directionAccuracy: Double { Stats.ratio(directionRight, explicitFound) }
  public var signAccuracy: Double { Stats.ratio(signRight, directionRight) }
  public var labelAccuracy: Double { Stats.ratio(bothLabelsRight, explicitFound) }
  public var endToEnd: Double { Stats.ratio(bothLabelsRight, explicitClaims) }
  public var headLabelAccuracy: Double { Stats.ratio(bothLabelsHeadRight, explicitFound) }
  public var headEndToEnd: Double { Stats.ratio(bothLabelsHeadRight, explicitClaims) }
  public var linkPrecision: Double { Stats.ratio(evidenceStatingClaim, evidenceInPassages) }
}

/// What the evidence did for one claim.
public struct ClaimOutcome: Sendable, Equatable {
  /// The transcript and the claims-file line of the claim.
  public var source: String
  public var line: Int
  public var kind: ClaimsFile.Kind
  public var found: Bool
  public var directionRight: Bool
  public var signRight: Bool
  public var bothLabelsRight: Bool
  /// Both labels right when a label may also match by its head (`ClaimLabel.matchesHead`).
  public var bothLabelsHeadRight: Bool
  /// The overlapping evidence as "cause → effect (+)", so a miss can be read against the claim's labels; with
  /// the words each marked as cause and effect ("“the fire” → “The shop shut”") when the document has its text.
  public var evidence: [String]
  public init(
    source: String, line: Int, kind: ClaimsFile.Kind, found: Bool, directionRight: Bool = false,
    signRight: Bool = false, bothLabelsRight: Bool = false, bothLabelsHeadRight: Bool = false,
    evidence: [String] = []
  ) {
    self.source = source
    self.line = line
    self.kind = kind
    self.found = found
    self.directionRight = directionRight
    self.signRight = signRight
    self.bothLabelsRight = bothLabelsRight
    self.bothLabelsHeadRight = bothLabelsHeadRight
    self.evidence = evidence
  }
}

public enum ClaimsScoring {
  /// Each claim's outcome, in document and file order. Direction, sign and labels are judged for
  /// every found claim; the scores count them for explicit claims only.
  public static func outcomes(_ documents: [ClaimsDocument], _ evidence: [String: [ClaimsEvidence]])
    -> [ClaimOutcome]
  {
    documents.flatMap { document in
      let found = evidence[document.source] ?? []
      return document.claims.map { claim in
        let overlapping = found.filter { $0.quote.overlaps(claim.quote) }
        let directed = overlapping.filter {
          ($0.cause.map { $0.overlaps(claim.cause) } ?? false) && ($0.effect.map { $0.overlaps(claim.effect) } ?? false)
        }
        return ClaimOutcome(
          source: document.source, line: claim.line, kind: claim.kind, found: !overlapping.isEmpty,
          directionRight: !directed.isEmpty, signRight: directed.contains { $0.sign == claim.sign },
          bothLabelsRight: overlapping.contains {
            ClaimLabel.matches($0.causeLabel, side: .cause, claim.causeLabels)
              && ClaimLabel.matches($0.effectLabel, side: .effect, claim.effectLabels)
          },
          bothLabelsHeadRight: overlapping.contains {
            ClaimLabel.matchesHead($0.causeLabel, side: .cause, claim.causeLabels)
              && ClaimLabel.matchesHead($0.effectLabel, side: .effect, claim.effectLabels)
          },
          evidence: overlapping.map { e in
            let labels = "\(e.causeLabel) → \(e.effectLabel) (\(e.sign < 0 ? "−" : "+"))"
            guard let cause = document.words(e.cause), let effect = document.words(e.effect) else { return labels }
            return labels + " from “\(cause)” → “\(effect)”"
          })
      }
    }
  }

  /// Scores the evidence of each document (keyed by the document's source) against its claims.
  public static func score(_ documents: [ClaimsDocument], _ evidence: [String: [ClaimsEvidence]]) -> ClaimsScores {
    var s = ClaimsScores()
    s.documents = documents.count
    for outcome in outcomes(documents, evidence) {
      switch outcome.kind {
      case .implied:
        s.impliedClaims += 1
        if outcome.found { s.impliedFound += 1 }
      case .explicit:
        s.explicitClaims += 1
        guard outcome.found else { continue }
        s.explicitFound += 1
        if outcome.directionRight { s.directionRight += 1 }
        if outcome.signRight { s.signRight += 1 }
        if outcome.bothLabelsRight { s.bothLabelsRight += 1 }
        if outcome.bothLabelsHeadRight { s.bothLabelsHeadRight += 1 }
      }
    }
    for document in documents {
      s.narratorWords += document.narratorWords
      for e in evidence[document.source] ?? [] where document.passages.contains(where: { $0.contains(e.quote.start) }) {
        s.evidenceInPassages += 1
        if document.claims.contains(where: { $0.quote.overlaps(e.quote) }) { s.evidenceStatingClaim += 1 }
      }
    }
    return s
  }
}

/// Comparing a plugin's concept label with an annotator's labels.
public enum ClaimLabel {
  public enum Side: Sendable { case cause, effect }

  static let stopWords: Set<String> = [
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or", "my", "his", "her",
    "their", "our", "your", "its", "me", "him", "them", "us", "i", "we", "you", "he", "she", "they", "it", "is",
    "was", "were", "be", "been", "am", "are", "this", "that", "these", "those", "some", "any", "all",
  ]

  /// True when `predicted`, normalised, equals one of `labels`, normalised. A leading `~` (an opposite
  /// concept) reads as "no …" on the cause side and is dropped on the effect side, where the sign carries it.
  public static func matches(_ predicted: String, side: Side, _ labels: [String]) -> Bool {
    let wanted = Set(labels.map(normalise))
    return forms(predicted, side: side).contains { wanted.contains(normalise($0)) }
  }

  /// A looser reading for a human reader: `matches`, or the two labels, normalised, share their head, one
  /// being the other with words added in front ("outrageous rates" and "rates", "going to Parramatta" and
  /// "Parramatta"). English noun phrases end in their head, so the last words must agree; "going" does not
  /// match "going under".
  public static func matchesHead(_ predicted: String, side: Side, _ labels: [String]) -> Bool {
    let wanted = labels.map { normalise($0).split(separator: " ") }.filter { !$0.isEmpty }
    return forms(predicted, side: side).contains { form in
      let words = normalise(form).split(separator: " ")
      guard !words.isEmpty else { return false }
      return wanted.contains {
        $0.reversed().starts(with: words.reversed()) || words.reversed().starts(with: $0.reversed())
      }
    }
  }

  /// The forms of a plugin's label that are compared: the whole and, for "general; specific", the last part;
  /// a leading `~` read as "no …" on the cause side and dropped on the effect side.
  static func forms(_ predicted: String, side: Side) -> [String] {
    var label = predicted.trimmingCharacters(in: .whitespaces)
    if label.hasPrefix("~") {
      label = String(label.dropFirst())
      if side == .cause { label = "no " + label }
    }
    var forms = [label]
    if let semicolon = label.lastIndex(of: ";") {
      let last = String(label[label.index(after: semicolon)...])
      forms.append(side == .cause && predicted.hasPrefix("~") ? "no " + last : last)
    }
    return forms
  }

  /// Lowercase; `'s` dropped; anything not a letter or digit a space; stop words dropped; words made singular.
  public static func normalise(_ label: String) -> String {
    let scalars = Array(label.lowercased().unicodeScalars)
    var cleaned = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "'" || c == "’", i + 1 < scalars.count, scalars[i + 1] == "s",
        i + 2 == scalars.count || !CharacterSet.alphanumerics.contains(scalars[i + 2])
      {
        i += 2
        continue
      }
      cleaned.append(CharacterSet.alphanumerics.contains(c) ? c : " ")
      i += 1
    }
    return String(cleaned).split(separator: " ").map(String.init).filter { !stopWords.contains($0) }.map(singular)
      .joined(separator: " ")
  }

  /// `ies` → `y`; `sses`, `shes`, `ches`, `xes`, `zes` lose `es`; else a final `s` not after s, u or i goes.
  public static func singular(_ word: String) -> String {
    if word.count > 3 && word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] where word.count > suffix.count && word.hasSuffix(suffix) {
      return String(word.dropLast(2))
    }
    if word.count > 2 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us")
      && !word.hasSuffix("is")
    {
      return String(word.dropLast())
    }
    return word
  }
}
