// Scenario simulation on a fuzzy cognitive map: repeated state updates until
// the largest change falls to the threshold or the iterations run out.
import Foundation

/// How a concept's next activation is formed from the current state A and
/// weights W (W[i][j]: cause i on effect j).
public enum UpdateRule: String, Sendable, CaseIterable {
  /// A'ⱼ = f(Σᵢ Wᵢⱼ Aᵢ)
  case kosko
  /// A'ⱼ = f(Σᵢ Wᵢⱼ Aᵢ + Aⱼ): a concept keeps memory of itself.
  case modifiedKosko = "modified-kosko"
  /// A'ⱼ = f(Σᵢ Wᵢⱼ (2Aᵢ − 1) + (2Aⱼ − 1)): states rescaled from 0 … 1 to −1 … 1 first.
  case rescaled
}

/// The function that squashes a weighted sum into a state.
public enum TransferFunction: String, Sendable, CaseIterable {
  /// 1 / (1 + e^(−λx)), 0 … 1.
  case sigmoid
  /// tanh(λx), −1 … 1.
  case tanh
  /// 1 when x > 0, else 0.
  case bivalent
  /// 1, 0 or −1 by the sign of x.
  case trivalent

  @inline(__always)
  func apply(_ x: Double, lambda: Double) -> Double {
    switch self {
    case .sigmoid: 1 / (1 + Foundation.exp(-lambda * x))
    case .tanh: Foundation.tanh(lambda * x)
    case .bivalent: x > 0 ? 1 : 0
    case .trivalent: x > 0 ? 1 : (x < 0 ? -1 : 0)
    }
  }
}

/// Whose habits the simulation follows where FCM tools differ.
public enum SimulationConvention: String, Sendable, CaseIterable {
  /// FCMpy: a concept with no incoming links is reset to its initial value
  /// after every update; `steps` counts states including the initial one
  /// (the rows of FCMpy's result table); default threshold 0.001.
  case fcmpy
  /// Mental Modeler: every concept is updated, so one with no incoming links
  /// falls to f(0) unless clamped; `steps` counts updates; default
  /// threshold 0.00001.
  case mentalModeler = "mental-modeler"

  public var defaultThreshold: Double {
    switch self {
    case .fcmpy: 0.001
    case .mentalModeler: 0.00001
    }
  }
}

/// Everything that shapes a run except the states.
public struct SimulationSettings: Sendable, Equatable {
  public var rule: UpdateRule
  public var transfer: TransferFunction
  /// Steepness of sigmoid and tanh.
  public var lambda: Double
  /// Converged when max|ΔA| over all concepts is at most this; nil takes the convention's default.
  public var threshold: Double?
  /// Updates to try before giving up.
  public var maxIterations: Int
  public var convention: SimulationConvention

  public init(
    rule: UpdateRule = .kosko, transfer: TransferFunction = .sigmoid, lambda: Double = 1, threshold: Double? = nil,
    maxIterations: Int = 50, convention: SimulationConvention = .fcmpy
  ) {
    self.rule = rule
    self.transfer = transfer
    self.lambda = lambda
    self.threshold = threshold
    self.maxIterations = maxIterations
    self.convention = convention
  }

  public var effectiveThreshold: Double { threshold ?? convention.defaultThreshold }
}

/// What a run ends with.
public struct SimulationResult: Sendable, Equatable {
  /// The last state, one value per concept.
  public var final: [Double]
  /// Updates applied.
  public var iterations: Int
  /// Whether the last update changed no concept by more than the threshold.
  public var converged: Bool
  /// max|ΔA| of the last update (0 when no update ran).
  public var residual: Double
  public var convention: SimulationConvention
  /// Every state from the initial one, when asked for.
  public var history: [[Double]]

  /// States including the initial one.
  public var states: Int { iterations + 1 }
  /// The count the convention reports: states for FCMpy, updates for Mental Modeler.
  public var steps: Int { convention == .fcmpy ? states : iterations }
}

/// A map prepared for fast repeated updates: each concept's incoming links
/// in one contiguous run (`IncomingLinks`), so an update costs one
/// multiply-add per link however many concepts there are.
public struct MapSimulator: Sendable {
  public let conceptCount: Int
  private let firstIncoming: [Int]
  private let causes: [Int]
  private let weights: [Double]

  public init(_ map: CognitiveMap) {
    let incoming = IncomingLinks(map)
    self.conceptCount = map.concepts.count
    self.firstIncoming = incoming.first
    self.causes = incoming.causes
    self.weights = incoming.weights
  }

  /// Whether the concept has at least one incoming link.
  public func hasIncoming(_ concept: Int) -> Bool { firstIncoming[concept + 1] > firstIncoming[concept] }

  /// Runs from `initial` (one value per concept). Clamped concepts start at
  /// and are held at their values after every update.
  public func run(
    initial: [Double], clamped: [Int: Double] = [:], settings: SimulationSettings = SimulationSettings(),
    keepHistory: Bool = false
  ) -> SimulationResult {
    precondition(initial.count == conceptCount, "one initial value per concept")
    let n = conceptCount
    let threshold = settings.effectiveThreshold
    let lambda = settings.lambda
    let transfer = settings.transfer
    let rule = settings.rule
    let resetSources = settings.convention == .fcmpy
    let sources = resetSources ? (0..<n).filter { !hasIncoming($0) } : []
    let clamps = clamped.sorted { $0.key < $1.key }

    var state = initial
    for (concept, value) in clamps { state[concept] = value }
    var next = [Double](repeating: 0, count: n)
    var input = [Double](repeating: 0, count: n)
    var history: [[Double]] = keepHistory ? [state] : []
    var iterations = 0
    var residual = 0.0
    var converged = false

    while iterations < settings.maxIterations {
      // The value each cause passes on, and the concept's own term.
      if rule == .rescaled {
        for i in 0..<n { input[i] = 2 * state[i] - 1 }
      }
      firstIncoming.withUnsafeBufferPointer { first in
        causes.withUnsafeBufferPointer { causes in
          weights.withUnsafeBufferPointer { weights in
            (rule == .rescaled ? input : state).withUnsafeBufferPointer { input in
              next.withUnsafeMutableBufferPointer { next in
                for effect in 0..<n {
                  var sum = rule == .kosko ? 0 : input[effect]
                  for k in first[effect]..<first[effect + 1] { sum += weights[k] * input[causes[k]] }
                  next[effect] = transfer.apply(sum, lambda: lambda)
                }
              }
            }
          }
        }
      }
      for concept in sources { next[concept] = initial[concept] }
      for (concept, value) in clamps { next[concept] = value }
      residual = 0
      for i in 0..<n { residual = max(residual, abs(next[i] - state[i])) }
      swap(&state, &next)
      iterations += 1
      if keepHistory { history.append(state) }
      if residual <= threshold {
        converged = true
        break
      }
    }
    return SimulationResult(
      final: state, iterations: iterations, converged: converged, residual: residual,
      convention: settings.convention, history: history)
  }
}

/// A "what if": the map run with some concepts clamped, against the same
/// run without clamps (the steady state).
public struct ScenarioComparison: Sendable, Equatable {
  public var steady: SimulationResult
  public var scenario: SimulationResult
  /// Scenario minus steady state per concept; nil for clamped concepts.
  public var difference: [Double?]

  public init(simulator: MapSimulator, initial: [Double], clamped: [Int: Double], settings: SimulationSettings) {
    steady = simulator.run(initial: initial, settings: settings)
    scenario = simulator.run(initial: initial, clamped: clamped, settings: settings)
    difference = (0..<simulator.conceptCount).map { [scenario, steady] concept in
      clamped[concept] == nil ? scenario.final[concept] - steady.final[concept] : nil
    }
  }
}
