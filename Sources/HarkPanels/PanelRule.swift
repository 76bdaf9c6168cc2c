// How a panel decides: its rule and quorum applied to the votes on an item.
import Foundation
import HarkTranscripts

/// unanimous, majority or threshold:P. "Not sure" is an abstention: the
/// member took part, so the vote counts towards the quorum, but it is neither
/// a yes nor a no. Each rule decides among the members who took a view
/// (agree or disagree): one "not sure" beside a "yes" does not keep a link
/// off the map under the unanimous rule, as one "no" does. When nobody took a
/// view there is no decision, and under the majority rule an even split is
/// no decision either: the researcher brings the panel back to it.
public enum PanelRule: Sendable, Equatable, CustomStringConvertible {
  case unanimous
  case majority
  /// Accepted when the share of votes that agree is at least this (0 < P ≤ 1).
  case threshold(Double)

  public init(parsing text: String) throws {
    switch text.lowercased() {
    case "unanimous": self = .unanimous
    case "majority": self = .majority
    case let other where other.hasPrefix("threshold:"):
      guard let share = Double(other.dropFirst("threshold:".count)), share > 0, share <= 1 else {
        throw HarkError(
          "\"\(text)\" has no share between 0 and 1", subject: "panel rule",
          hint: "Write the share of votes that must agree, e.g. threshold:0.75")
      }
      self = .threshold(share)
    default:
      throw HarkError(
        "unknown rule \"\(text)\"", subject: "panel rule", hint: "Use unanimous, majority or threshold:0.75")
    }
  }

  public var description: String {
    switch self {
    case .unanimous: "unanimous"
    case .majority: "majority"
    case .threshold(let share): "threshold:\(Self.number(share))"
    }
  }

  static func number(_ value: Double) -> String {
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// What the rule does, in words for the people it applies to.
  public var explanation: String {
    let abstain = "“Not sure” counts as taking part (towards the quorum) but is neither a yes nor a no."
    return switch self {
    case .unanimous:
      "Unanimous: a link goes on the map when everyone who says yes or no says yes; one no keeps it off. "
        + abstain + " If everyone is not sure, there is no decision."
    case .majority:
      "Majority: a link goes on the map when more people say yes than no, and stays off when more say no. "
        + abstain + " An even split, or everyone not sure, is no decision."
    case .threshold(let share):
      "Threshold: a link goes on the map when at least \(Self.number(share * 100))% of those who say yes or no "
        + "say yes. " + abstain + " If everyone is not sure, there is no decision."
    }
  }

  /// The outcome and a sentence saying why, for the given current votes.
  public func decide(_ tally: VoteTally, quorum: Int) -> (outcome: PanelOutcome, reason: String) {
    let cast = tally.cast
    guard cast >= quorum else {
      return (.none, "no decision: quorum not reached (\(votes(cast)) cast, \(quorum) needed)")
    }
    let counts = "\(tally.agree) agree, \(tally.disagree) disagree, \(tally.notSure) not sure"
    let views = tally.agree + tally.disagree
    guard views > 0 else {
      return (.none, "no decision: nobody said yes or no (\(counts))")
    }
    // Said of a decision where someone abstained, so nobody reads it as a no.
    let aside = tally.notSure == 0 ? "" : "; not sure is not a no"
    switch self {
    case .unanimous:
      if tally.disagree > 0 { return (.rejected, "rejected: not unanimous (\(counts))") }
      return tally.notSure == 0
        ? (.accepted, "accepted: all \(votes(cast)) agree (unanimous)")
        : (.accepted, "accepted: everyone who said yes or no agrees (\(counts)\(aside); unanimous)")
    case .majority:
      if tally.agree == tally.disagree { return (.none, "no decision: yes and no are even (\(counts))") }
      return tally.agree > tally.disagree
        ? (.accepted, "accepted: more agree than disagree (\(counts)\(aside))")
        : (.rejected, "rejected: more disagree than agree (\(counts)\(aside))")
    case .threshold(let share):
      // A small allowance so 3 of 4 meets 0.75 despite binary fractions.
      let met = Double(tally.agree) >= share * Double(views) - 1e-9
      let needed = "\(Self.number(share * 100))% needed"
      let percent = Self.number((Double(tally.agree) / Double(views) * 1000).rounded() / 10)
      let of = tally.notSure == 0 ? "" : " of those who said yes or no"
      return met
        ? (.accepted, "accepted: \(percent)% agree\(of), \(needed) (\(counts))")
        : (.rejected, "rejected: \(percent)% agree\(of), \(needed) (\(counts))")
    }
  }

  private func votes(_ n: Int) -> String { n == 1 ? "1 vote" : "\(n) votes" }
}

public enum PanelOutcome: String, Sendable, Codable, CaseIterable {
  case accepted
  case rejected
  /// No decision: the quorum was not reached, nobody said yes or no, or
  /// (majority) yes and no were even.
  case none
}

/// The current votes on an item, counted by answer.
public struct VoteTally: Sendable, Equatable, Codable {
  public var agree: Int
  public var disagree: Int
  public var notSure: Int

  public init(agree: Int = 0, disagree: Int = 0, notSure: Int = 0) {
    self.agree = agree
    self.disagree = disagree
    self.notSure = notSure
  }

  public var cast: Int { agree + disagree + notSure }
}
