// FCM weights from linguistic ratings: triangular terms on the −1 … 1
// universe, each cut or scaled by the share of raters who chose it, combined,
// and defuzzified by the exact area centroid (FCMpy's ExpertFcm method).

/// A triangular fuzzy term: membership rises from `low` to 1 at `peak` and
/// falls back to 0 at `high`. `low == peak` or `peak == high` gives a
/// shoulder (the terms at the ends of the universe).
public struct TriangularTerm: Sendable, Equatable {
  public var low: Double
  public var peak: Double
  public var high: Double

  public init(_ low: Double, _ peak: Double, _ high: Double) {
    self.low = low
    self.peak = peak
    self.high = high
  }

  /// Membership of `x`, 0 … 1.
  public func membership(_ x: Double) -> Double {
    if x == peak { return 1 }
    if x > low && x < peak { return (x - low) / (peak - low) }
    if x > peak && x < high { return (high - x) / (high - peak) }
    return 0
  }
}

/// The eleven linguistic terms raters choose from, negative very high to
/// positive very high, with "no association" (NA) in the middle.
public enum LinguisticTerm: String, Sendable, CaseIterable, Hashable {
  case negativeVeryHigh = "-VH"
  case negativeHigh = "-H"
  case negativeMedium = "-M"
  case negativeLow = "-L"
  case negativeVeryLow = "-VL"
  case none = "NA"
  case positiveVeryLow = "+VL"
  case positiveLow = "+L"
  case positiveMedium = "+M"
  case positiveHigh = "+H"
  case positiveVeryHigh = "+VH"

  /// The term's triangle on the −1 … 1 universe (FCMpy's documented terms).
  public var triangle: TriangularTerm {
    switch self {
    case .negativeVeryHigh: TriangularTerm(-1, -1, -0.75)
    case .negativeHigh: TriangularTerm(-1, -0.75, -0.5)
    case .negativeMedium: TriangularTerm(-0.75, -0.5, -0.25)
    case .negativeLow: TriangularTerm(-0.5, -0.25, 0)
    case .negativeVeryLow: TriangularTerm(-0.25, 0, 0)
    case .none: TriangularTerm(-0.001, 0, 0.001)
    case .positiveVeryLow: TriangularTerm(0, 0, 0.25)
    case .positiveLow: TriangularTerm(0, 0.25, 0.5)
    case .positiveMedium: TriangularTerm(0.25, 0.5, 0.75)
    case .positiveHigh: TriangularTerm(0.5, 0.75, 1)
    case .positiveVeryHigh: TriangularTerm(0.75, 1, 1)
    }
  }
}

/// How a term's membership is activated by the share of raters who chose it.
public enum FuzzyImplication: String, Sendable, CaseIterable {
  /// Cut at the share: min(share, μ).
  case mamdani
  /// Scaled by the share: share × μ.
  case larsen
}

/// How activated terms are combined into one curve.
public enum FuzzyAggregation: String, Sendable, CaseIterable {
  /// max(x, y)
  case fMax
  /// x + y − xy
  case algebraicSum = "algSum"
}

/// Turns raters' linguistic terms into one crisp weight.
public struct LinguisticWeights: Sendable, Equatable {
  public var implication: FuzzyImplication
  public var aggregation: FuzzyAggregation
  /// Points of the universe per unit: 20 gives FCMpy's 0.05 steps on −1 … 1.
  public var stepsPerUnit: Int

  public init(implication: FuzzyImplication = .mamdani, aggregation: FuzzyAggregation = .fMax, stepsPerUnit: Int = 20) {
    self.implication = implication
    self.aggregation = aggregation
    self.stepsPerUnit = stepsPerUnit
  }

  /// The universe −1 … 1. Each point is computed from its index rather than
  /// by repeated addition, so the last point is exactly 1 and the shoulder
  /// terms reach full membership there.
  public var universe: [Double] {
    (-stepsPerUnit...stepsPerUnit).map { Double($0) / Double(stepsPerUnit) }
  }

  /// The weight for one link from how many raters chose each term.
  /// Each share is the term's count over all raters. Returns nil when nobody rated the link.
  public func weight(counts: [LinguisticTerm: Int]) -> Double? {
    let total = counts.values.reduce(0, +)
    guard total > 0 else { return nil }
    return weight(shares: counts.mapValues { Double($0) / Double(total) })
  }

  /// The weight for activation levels given directly (each 0 … 1), as in
  /// FCMpy's documentation example (+VH 0.33, +H 0.5, +M 0.16).
  public func weight(shares: [LinguisticTerm: Double]) -> Double? {
    Self.centroid(x: universe, y: curve(shares: shares))
  }

  /// The combined membership curve sampled on `universe`.
  public func curve(shares: [LinguisticTerm: Double]) -> [Double] {
    let xs = universe
    var combined = [Double](repeating: 0, count: xs.count)
    // A fixed term order keeps the result independent of dictionary order.
    for term in LinguisticTerm.allCases {
      guard let share = shares[term], share > 0 else { continue }
      let triangle = term.triangle
      for (i, x) in xs.enumerated() {
        let mu = triangle.membership(x)
        let activated =
          switch implication {
          case .mamdani: min(share, mu)
          case .larsen: share * mu
          }
        combined[i] =
          switch aggregation {
          case .fMax: max(combined[i], activated)
          case .algebraicSum: combined[i] + activated - combined[i] * activated
          }
      }
    }
    return combined
  }

  /// The exact centroid of the area under the piecewise-linear curve through
  /// (x[i], y[i]): each segment is a trapezoid, integrated in closed form.
  /// (Not Σxμ/Σμ, which weighs the sample points instead of the area.)
  /// Returns nil when the area is zero.
  public static func centroid(x: [Double], y: [Double]) -> Double? {
    precondition(x.count == y.count, "one membership per universe point")
    var area = 0.0
    var moment = 0.0
    for i in 0..<max(0, x.count - 1) {
      let (x0, x1, y0, y1) = (x[i], x[i + 1], y[i], y[i + 1])
      let width = x1 - x0
      area += width * (y0 + y1) / 2
      // ∫ x·μ(x) dx over the segment with μ linear from y0 to y1.
      moment += width * (x0 * (2 * y0 + y1) + x1 * (y0 + 2 * y1)) / 6
    }
    guard area > 0 else { return nil }
    return moment / area
  }
}
