// Agreement within a panel: percentage agreement and Krippendorff's alpha.
import Foundation
import HarkPanels
import Testing

@Suite("Panel agreement")
struct PanelAgreementTests {
  /// Krippendorff's reliability data for nominal values with missing data
  /// ("Computing Krippendorff's Alpha-Reliability", 2011): 4 observers × 12
  /// units, nil where an observer gave no value. Published alpha: 0.743.
  static let observers: [[Int?]] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
    [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
  ]
  static var units: [[Int]] { (0..<12).map { u in observers.compactMap { $0[u] } } }

  @Test("alpha on Krippendorff's worked example is 0.743, as published and as computed by hand")
  func krippendorffExample() throws {
    // By hand: unit 12 has one value and drops out; 40 pairable values remain.
    // Coincidence margins n1..n5 = 9, 13, 10, 5, 3. Off-diagonal coincidences:
    // unit 2 (2,3,2,2) gives 3 × 1 × 2 / 3 = 2; unit 6 (1,2,3,4) gives 12 / 3 = 4;
    // unit 8 (1,1,2,1) gives 2; total 8. Expected: 40² − (81+169+100+25+9) = 1216.
    // alpha = 1 − 39 × 8 / 1216 = 1 − 312/1216 = 113/152 = 0.7434…
    let alpha = try #require(Agreement.krippendorffAlphaNominal(Self.units))
    #expect(abs(alpha - 113.0 / 152.0) < 1e-12)
    #expect(String(format: "%.3f", alpha) == "0.743")
  }

  @Test("percentage agreement is the mean share of agreeing pairs over items with two or more values")
  func percentage() throws {
    // Units 1 3 4 5 7 9 10 11 agree fully (8 × 1); unit 2: 3 of 6 pairs agree (0.5);
    // unit 6: 0; unit 8: 0.5; unit 12 drops out. (8 + 0.5 + 0 + 0.5) / 11 = 9/11.
    let percent = try #require(Agreement.percentAgreement(Self.units))
    #expect(abs(percent - 9.0 / 11.0) < 1e-12)
  }

  @Test("with nothing pairable or no variation at all, neither measure is defined")
  func undefined() {
    #expect(Agreement.krippendorffAlphaNominal([["agree"], ["disagree"]]) == nil)
    #expect(Agreement.percentAgreement([["agree"], []]) == nil)
    #expect(Agreement.krippendorffAlphaNominal([["agree", "agree"], ["agree", "agree"]]) == nil)
    #expect(Agreement.percentAgreement([["agree", "agree"]]) == 1)
  }
}
