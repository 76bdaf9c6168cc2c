// How a panel decides: its rule and quorum applied to the votes on an item.
import Foundation

/// unanimous, majority or threshold:P. "Not sure" is a vote cast: it counts
/// towards the quorum and in the share, but never as agreeing. So under the
/// unanimous rule one "not sure" keeps a link out of the map, as one
/// "disagree" does: a panel that is not sure has not agreed.
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

  /// The outcome and a sentence saying why, for the given current votes.
  public func decide(_ tally: VoteTally, quorum: Int) -> (outcome: PanelOutcome, reason: String) {
    let cast = tally.cast
    guard cast >= quorum else {
      return (.none, "no decision: quorum not reached (\(votes(cast)) cast, \(quorum) needed)")
    }
    let counts = "\(tally.agree) agree, \(tally.disagree) disagree, \(tally.notSure) not sure"
    switch self {
    case .unanimous:
      return tally.agree == cast
        ? (.accepted, "accepted: all \(votes(cast)) agree (unanimous)")
        : (.rejected, "rejected: not unanimous (\(counts))")
    case .majority:
      return 2 * tally.agree > cast
        ? (.accepted, "accepted: more than half agree (\(counts))")
        : (.rejected, "rejected: not more than half agree (\(counts))")
    case .threshold(let share):
      // A small allowance so 3 of 4 meets 0.75 despite binary fractions.
      let met = Double(tally.agree) >= share * Double(cast) - 1e-9
      let needed = "\(Self.number(share * 100))% needed"
      let percent = Self.number((Double(tally.agree) / Double(cast) * 1000).rounded() / 10)
      return met
        ? (.accepted, "accepted: \(percent)% agree, \(needed) (\(counts))")
        : (.rejected, "rejected: \(percent)% agree, \(needed) (\(counts))")
    }
  }

  private func votes(_ n: Int) -> String { n == 1 ? "1 vote" : "\(n) votes" }
}

public enum PanelOutcome: String, Sendable, Codable, CaseIterable {
  case accepted
  case rejected
  /// No decision: the quorum was not reached.
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
