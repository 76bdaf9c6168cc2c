// Scenario simulation: every row and figure of fcm-reference.md (Map A under
// each rule and transfer, the Mental Modeler-style scenario, Map B), clamps,
// and a run that does not converge.
import Foundation
import HarkMap
import Testing

/// The maps of fcm-reference.md.
enum ReferenceMaps {
  static func map(_ rows: [[Double]]) -> CognitiveMap {
    var links: [CognitiveMap.Link] = []
    for (cause, row) in rows.enumerated() {
      for (effect, weight) in row.enumerated() where weight != 0 {
        links.append(CognitiveMap.Link(cause: cause, effect: effect, weight: weight))
      }
    }
    return CognitiveMap(
      concepts: rows.indices.map { CognitiveMap.Concept(name: "C\($0 + 1)") }, links: links)
  }

  static let mapA = map([
    [0, -0.7, 0.5, 0, 0],
    [0, 0, -0.6, 0, 0],
    [0, -0.3, 0, 0.4, 0],
    [0, 0, 0.2, 0, 0.3],
    [0, 0, 0, 0.6, 0],
  ])

  static let mapB = map([
    [0, 0, 0.6, 0.9, 0, 0],
    [0.1, 0, 0, 0, 0, 0],
    [0, 0.7, 0, 0, 0.9, 0],
    [0, 0, 0, 0, 0, 0.9],
    [0, 0, 0, 0, 0, -0.9],
    [-0.3, 0, 0, 0, 0, 0],
  ])
}

func fixed(_ values: [Double], _ digits: Int) -> String {
  values.map { String(format: "%.\(digits)f", $0) }.joined(separator: " ")
}

@Suite("Simulation")
struct SimulationTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var rule: UpdateRule
    var transfer: TransferFunction
    var steps: Int
    var final: [Double]
    var testDescription: String { "\(rule.rawValue) \(transfer.rawValue)" }
  }

  /// fcm-reference.md, Map A: initial 1, 0.5, 0.5, 0, 0.2; λ 1; threshold 0.001; 50 iterations.
  static let mapATable: [Row] = [
    Row(rule: .kosko, transfer: .sigmoid, steps: 5, final: [1, 0.292486, 0.611191, 0.639478, 0.547798]),
    Row(rule: .kosko, transfer: .tanh, steps: 10, final: [1, -0.730374, 0.765324, 0.353147, 0.105656]),
    Row(rule: .kosko, transfer: .bivalent, steps: 3, final: [1, 0, 1, 1, 1]),
    Row(rule: .kosko, transfer: .trivalent, steps: 3, final: [1, -1, 1, 1, 1]),
    Row(rule: .modifiedKosko, transfer: .sigmoid, steps: 6, final: [1, 0.361342, 0.772000, 0.827868, 0.725738]),
    Row(rule: .modifiedKosko, transfer: .tanh, steps: 11, final: [1, -0.960625, 0.977752, 0.948194, 0.791385]),
    Row(rule: .modifiedKosko, transfer: .bivalent, steps: 2, final: [1, 0, 1, 1, 1]),
    Row(rule: .modifiedKosko, transfer: .trivalent, steps: 2, final: [1, -1, 1, 1, 1]),
    Row(rule: .rescaled, transfer: .sigmoid, steps: 17, final: [1, 0.174989, 0.834599, 0.649689, 0.543940]),
    Row(rule: .rescaled, transfer: .tanh, steps: 5, final: [1, -0.999319, 0.990622, -0.999703, -0.999178]),
    Row(rule: .rescaled, transfer: .bivalent, steps: 2, final: [1, 0, 1, 0, 0]),
    Row(rule: .rescaled, transfer: .trivalent, steps: 2, final: [1, -1, 1, -1, -1]),
  ]

  @Test("Map A reproduces every row of the reference table (FCMpy's convention)", arguments: mapATable)
  func mapA(row: Row) {
    let result = MapSimulator(ReferenceMaps.mapA).run(
      initial: [1, 0.5, 0.5, 0, 0.2],
      settings: SimulationSettings(rule: row.rule, transfer: row.transfer, lambda: 1, threshold: 0.001))
    #expect(result.converged)
    for (actual, expected) in zip(result.final, row.final) {
      #expect(abs(actual - expected) <= 1e-6, "\(result.final)")
    }
    // The table's column counts updates. FCMpy 0.0.21 itself returns one row
    // more (the initial state plus each update: 6 rows for Kosko/sigmoid),
    // which is what `steps` reports under FCMpy's convention, as in Map B.
    #expect(result.iterations == row.steps)
    #expect(result.states == row.steps + 1)
    #expect(result.steps == result.states)
  }

  @Test("under FCMpy's convention a concept with no incoming links keeps its initial value")
  func sourcesKeepInitialValue() {
    let result = MapSimulator(ReferenceMaps.mapA).run(initial: [0.3, 0.5, 0.5, 0, 0.2], keepHistory: true)
    #expect(result.history.allSatisfy { $0[0] == 0.3 })
  }

  @Test("Map B (the R fcm vignette): Kosko, sigmoid λ 1, threshold 0.001 ends after 6 states")
  func mapBKosko() {
    let result = MapSimulator(ReferenceMaps.mapB).run(
      initial: [1, 1, 1, 0, 0, 0], settings: SimulationSettings(rule: .kosko, transfer: .sigmoid, threshold: 0.001))
    #expect(result.converged)
    #expect(result.steps == 6)
    let expected = [0.4778365, 0.5986462, 0.5712033, 0.6059079, 0.6257586, 0.4955168]
    for (actual, value) in zip(result.final, expected) { #expect(abs(actual - value) <= 1e-6) }
  }

  @Test("Map B: rescaled, sigmoid λ 2, threshold 0.0001 ends after 30 states")
  func mapBRescaled() {
    let result = MapSimulator(ReferenceMaps.mapB).run(
      initial: [1, 1, 1, 0, 0, 0],
      settings: SimulationSettings(rule: .rescaled, transfer: .sigmoid, lambda: 2, threshold: 0.0001))
    #expect(result.converged)
    #expect(result.steps == 30)
    let expected = [0.8654104, 0.9534946, 0.9309104, 0.9589686, 0.9684847, 0.3186077]
    for (actual, value) in zip(result.final, expected) { #expect(abs(actual - value) <= 1e-6) }
  }

  static let mentalModeler = SimulationSettings(rule: .kosko, transfer: .sigmoid, convention: .mentalModeler)

  @Test(
    "Mental Modeler-style steady state on Map A from all ones: 0.5000 0.3749 0.5378 0.6326 0.5473 after 7 iterations")
  func mentalModelerSteadyState() {
    let result = MapSimulator(ReferenceMaps.mapA).run(initial: [1, 1, 1, 1, 1], settings: Self.mentalModeler)
    #expect(result.converged)
    #expect(result.steps == 7)
    #expect(fixed(result.final, 4) == "0.5000 0.3749 0.5378 0.6326 0.5473")
  }

  @Test("clamping C1 = 1 gives 1.0000 0.2925 0.6112 0.6395 0.5478 and scenario minus steady -0.08 +0.07 +0.01 +0.00")
  func mentalModelerScenario() {
    let comparison = ScenarioComparison(
      simulator: MapSimulator(ReferenceMaps.mapA), initial: [1, 1, 1, 1, 1], clamped: [0: 1],
      settings: Self.mentalModeler)
    #expect(fixed(comparison.scenario.final, 4) == "1.0000 0.2925 0.6112 0.6395 0.5478")
    #expect(comparison.difference[0] == nil)
    let shown = comparison.difference.compactMap { $0 }.map { String(format: "%+.2f", $0) }
    #expect(shown == ["-0.08", "+0.07", "+0.01", "+0.00"])
  }

  @Test("with tanh the steady state is all 0 and clamping C1 = 1 moves C2..C5 by -0.73 +0.77 +0.35 +0.11")
  func mentalModelerScenarioTanh() {
    var settings = Self.mentalModeler
    settings.transfer = .tanh
    let comparison = ScenarioComparison(
      simulator: MapSimulator(ReferenceMaps.mapA), initial: [1, 1, 1, 1, 1], clamped: [0: 1], settings: settings)
    #expect(comparison.steady.converged && comparison.scenario.converged)
    #expect(comparison.steady.final.allSatisfy { abs($0) < 0.005 })
    let shown = comparison.difference.compactMap { $0 }.map { String(format: "%+.2f", $0) }
    #expect(shown == ["-0.73", "+0.77", "+0.35", "+0.11"])
  }

  @Test("a clamped concept starts at and keeps its value in every state")
  func clampHolds() {
    let result = MapSimulator(ReferenceMaps.mapB).run(
      initial: [1, 1, 1, 0, 0, 0], clamped: [2: 0.25], keepHistory: true)
    #expect(result.history.count == result.states)
    #expect(result.history.allSatisfy { $0[2] == 0.25 })
  }

  @Test("a map that flips back and forth does not converge and says so after the last iteration")
  func nonConvergence() {
    // A excites B, B inhibits A: with a trivalent transfer the pair cycles through four states forever.
    let map = CognitiveMap(
      concepts: [.init(name: "A"), .init(name: "B")],
      links: [.init(cause: 0, effect: 1, weight: 1), .init(cause: 1, effect: 0, weight: -1)])
    let result = MapSimulator(map).run(
      initial: [1, 0], settings: SimulationSettings(transfer: .trivalent, maxIterations: 12))
    #expect(!result.converged)
    #expect(result.iterations == 12)
    #expect(result.steps == 13)
    #expect(result.residual == 1)
  }

  @Test("links with the same ends add up and a zero weight is no link")
  func mergedLinks() {
    let map = CognitiveMap(
      concepts: [.init(name: "A"), .init(name: "B"), .init(name: "C")],
      links: [
        .init(cause: 0, effect: 1, weight: 0.25), .init(cause: 0, effect: 1, weight: 0.25),
        .init(cause: 2, effect: 1, weight: 0),
      ])
    let result = MapSimulator(map).run(initial: [1, 0, 0.5], settings: SimulationSettings(maxIterations: 1))
    // C has no incoming link and keeps 0.5; B = sigmoid(0.5 · 1).
    #expect(result.final[1] == 1 / (1 + exp(-0.5)))
    #expect(result.final[2] == 0.5)
  }
}
