// How far a panel's members agree with one another: percentage agreement and
// Krippendorff's alpha for nominal data, over items × members.
import Foundation

public enum Agreement {
  /// The mean over items with two or more values of the share of pairs of
  /// members who gave the same answer. nil when no item has two values.
  public static func percentAgreement<Value: Hashable>(_ units: [[Value]]) -> Double? {
    var sum = 0.0
    var counted = 0
    for unit in units where unit.count >= 2 {
      let pairs = unit.count * (unit.count - 1)
      let same = Dictionary(grouping: unit, by: { $0 }).values.reduce(0) { $0 + $1.count * ($1.count - 1) }
      sum += Double(same) / Double(pairs)
      counted += 1
    }
    return counted == 0 ? nil : sum / Double(counted)
  }

  /// Krippendorff's alpha, nominal metric: 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k,
  /// where o is the coincidence matrix (each pair within a unit of m values
  /// weighs 1/(m − 1)), n_c its margins and n the number of pairable values.
  /// Units with fewer than two values are not pairable and drop out. nil when
  /// nothing is pairable or every value is the same (no expected disagreement).
  public static func krippendorffAlphaNominal<Value: Hashable>(_ units: [[Value]]) -> Double? {
    var margins: [Value: Double] = [:]
    var observedDisagreement = 0.0
    for unit in units where unit.count >= 2 {
      let weight = 1.0 / Double(unit.count - 1)
      let counts = Dictionary(grouping: unit, by: { $0 }).mapValues { Double($0.count) }
      let m = Double(unit.count)
      for (value, count) in counts {
        // Ordered pairs from this value to a different one: count × (m − count).
        observedDisagreement += count * (m - count) * weight
        margins[value, default: 0] += count * (m - 1) * weight
      }
    }
    let n = margins.values.reduce(0, +)
    guard n > 1 else { return nil }
    let expectedDisagreement = n * n - margins.values.reduce(0) { $0 + $1 * $1 }
    guard expectedDisagreement > 0 else { return nil }
    return 1 - (n - 1) * observedDisagreement / expectedDisagreement
  }
}

/// A panel's agreement, from each member's current answer on each item.
public struct PanelAgreement: Sendable, Equatable {
  public var items: Int
  public var votes: Int
  public var percent: Double?
  public var alpha: Double?

  public init(items: Int, votes: Int, percent: Double?, alpha: Double?) {
    self.items = items
    self.votes = votes
    self.percent = percent
    self.alpha = alpha
  }
}
