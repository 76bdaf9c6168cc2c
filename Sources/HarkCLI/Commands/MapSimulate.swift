// `hark map simulate`: run the map to a steady state, or a "what if" with
// clamped concepts shown against it.
import ArgumentParser
import Foundation
import HarkMap
import HarkStore
import HarkTranscripts

struct MapSimulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Run the map until it settles; with --clamp, a scenario shown as scenario minus steady state.",
    discussion: """
      Every concept starts at 1 unless --initial says otherwise. Clamped concepts are held at their \
      values throughout. The run stops when no concept changes by more than --threshold in one update, \
      or after --max-iterations updates: then it says plainly that it did not converge.

      Conventions: fcmpy (default) resets a concept with no incoming links to its initial value after \
      every update and counts steps as states including the initial one (threshold 0.001 by default); \
      mental-modeler updates every concept and counts steps as updates (threshold 0.00001 by default).

      --json prints {"steps": N, "converged": true|false, "final": {"NAME": value, …}} (the scenario's \
      values when concepts are clamped).
      """)
  @OptionGroup var source: MapSource
  @OptionGroup var options: SimulationOptions
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    let settings = try options.settings()
    let map = try source.load()
    let (state, clamped) = try options.states(map)
    let simulator = MapSimulator(map)
    let names = map.concepts.map(\.name)

    if clamped.isEmpty {
      let result = simulator.run(initial: state, settings: settings)
      if json {
        print(SimulationText.json(result, names: names))
        return
      }
      print(SimulationText.header(map: map, settings: settings))
      print(SimulationText.status("result", result, settings: settings))
      print("")
      print("concept" + String(repeating: " ", count: 24) + " final")
      for (name, value) in zip(names, result.final) {
        print("\(Terminal.pad(Terminal.clip(name, 30), 31)) \(mapNumber(value, 4))")
      }
      return
    }

    let comparison = ScenarioComparison(simulator: simulator, initial: state, clamped: clamped, settings: settings)
    if json {
      print(SimulationText.json(comparison.scenario, names: names))
      return
    }
    let what = clamped.sorted { $0.key < $1.key }.map { "\(names[$0.key]) = \(SimulationText.decimal($0.value))" }
    print(SimulationText.header(map: map, settings: settings))
    print(SimulationText.status("steady state", comparison.steady, settings: settings))
    print(SimulationText.status("scenario (\(what.joined(separator: ", ")))", comparison.scenario, settings: settings))
    print("")
    print("concept" + String(repeating: " ", count: 24) + " steady   scenario  scenario − steady")
    for (i, name) in names.enumerated() {
      let change = comparison.difference[i].map { String(format: "%+.2f", $0) } ?? "clamped"
      print(
        "\(Terminal.pad(Terminal.clip(name, 30), 31)) \(Terminal.pad(mapNumber(comparison.steady.final[i], 4), 8)) \(Terminal.pad(mapNumber(comparison.scenario.final[i], 4), 9)) \(change)"
      )
    }
  }
}

/// The options every simulation takes.
package struct SimulationOptions: ParsableArguments {
  @Option(help: "Update rule: kosko, modified-kosko or rescaled.") var rule = "kosko"
  @Option(help: "Transfer function: sigmoid, tanh, bivalent or trivalent.") var transfer = "sigmoid"
  @Option(help: "Steepness λ of sigmoid and tanh.") var lambda = 1.0
  @Option(help: "Converged when no concept changes by more than this (default: the convention's).")
  var threshold: Double?
  @Option(help: "Updates to try before giving up.") var maxIterations = 50
  @Option(help: ArgumentHelp("Starting values, e.g. \"peer support=0.5,stigma=0\".", valueName: "NAME=VALUE,…"))
  var initial: String?
  @Option(help: ArgumentHelp("Concepts held at a value, e.g. \"peer support=1\".", valueName: "NAME=VALUE,…"))
  var clamp: String?
  @Option(help: "fcmpy or mental-modeler.") var convention = "fcmpy"

  package init() {}

  package func settings() throws -> SimulationSettings {
    guard let rule = UpdateRule(rawValue: rule) else {
      throw ValidationError("--rule must be kosko, modified-kosko or rescaled, not \"\(rule)\"")
    }
    guard let transfer = TransferFunction(rawValue: transfer) else {
      throw ValidationError("--transfer must be sigmoid, tanh, bivalent or trivalent, not \"\(transfer)\"")
    }
    guard let convention = SimulationConvention(rawValue: convention) else {
      throw ValidationError("--convention must be fcmpy or mental-modeler, not \"\(convention)\"")
    }
    guard lambda.isFinite, lambda > 0 else { throw ValidationError("--lambda must be a number above 0") }
    if let threshold, !(threshold.isFinite && threshold >= 0) {
      throw ValidationError("--threshold must be a number of 0 or more")
    }
    guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be at least 1") }
    return SimulationSettings(
      rule: rule, transfer: transfer, lambda: lambda, threshold: threshold, maxIterations: maxIterations,
      convention: convention)
  }

  /// The initial state (1 where --initial says nothing) and the clamps.
  package func states(_ map: CognitiveMap) throws -> (initial: [Double], clamped: [Int: Double]) {
    let start = try ConceptValues.parse(initial, option: "--initial", map: map)
    let clamped = try ConceptValues.parse(clamp, option: "--clamp", map: map)
    var state = [Double](repeating: 1, count: map.concepts.count)
    for (concept, value) in start { state[concept] = value }
    return (state, clamped)
  }
}

/// "NAME=VALUE,…" lists naming concepts of the map.
enum ConceptValues {
  static func parse(_ text: String?, option: String, map: CognitiveMap) throws -> [Int: Double] {
    guard let text else { return [:] }
    var values: [Int: Double] = [:]
    var byName: [String: Int] = [:]
    for (i, concept) in map.concepts.enumerated() where byName[concept.name] == nil { byName[concept.name] = i }
    for item in text.split(separator: ",", omittingEmptySubsequences: true) {
      guard let equals = item.lastIndex(of: "=") else {
        throw HarkError(
          "\"\(item)\" is not NAME=VALUE", subject: option, hint: "Write it like \(option) \"peer support=1,stigma=0\"")
      }
      let name = item[..<equals].trimmingCharacters(in: .whitespaces)
      let valueText = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      let concept = try byName[name] ?? find(name, option: option, map: map)
      guard let value = Double(valueText), value.isFinite else {
        throw HarkError(
          "the value \"\(valueText)\" for \"\(name)\" is not a number", subject: option,
          hint: "Give a decimal number, like \(name)=0.5")
      }
      if values[concept] != nil {
        throw HarkError(
          "\"\(map.concepts[concept].name)\" is given twice", subject: option, hint: "Give each concept once")
      }
      values[concept] = value
    }
    return values
  }

  /// The exact name, else the one name that matches ignoring case.
  static func find(_ name: String, option: String, map: CognitiveMap) throws -> Int {
    if let exact = map.concepts.firstIndex(where: { $0.name == name }) { return exact }
    let folded = map.concepts.indices.filter { map.concepts[$0].name.lowercased() == name.lowercased() }
    if folded.count == 1 { return folded[0] }
    let known = map.concepts.prefix(12).map { "\"\($0.name)\"" }.joined(separator: ", ")
    let more = map.concepts.count > 12 ? ", … (\(map.concepts.count) in all)" : ""
    throw HarkError(
      "no concept named \"\(name)\" in the map", subject: option,
      hint: "The map's concepts are \(known)\(more)")
  }
}

package enum SimulationText {
  static func header(map: CognitiveMap, settings: SimulationSettings) -> String {
    let rule =
      switch settings.rule {
      case .kosko: "Kosko"
      case .modifiedKosko: "modified Kosko"
      case .rescaled: "rescaled"
      }
    let lambda =
      settings.transfer == .sigmoid || settings.transfer == .tanh ? " (λ = \(decimal(settings.lambda)))" : ""
    let convention = settings.convention == .fcmpy ? "FCMpy" : "Mental Modeler"
    return
      "\(map.concepts.count) concepts, \(map.links.count) links; \(rule) rule, \(settings.transfer.rawValue) transfer\(lambda), threshold \(decimal(settings.effectiveThreshold)), at most \(settings.maxIterations) iterations, \(convention) convention"
  }

  static func status(_ label: String, _ result: SimulationResult, settings: SimulationSettings) -> String {
    let unit = result.convention == .fcmpy ? "states including the initial one" : "iterations"
    if result.converged { return "\(label): converged after \(result.steps) \(unit)" }
    return
      "\(label): did NOT converge within \(settings.maxIterations) iterations (the last one still changed a concept by \(mapNumber(result.residual, 6)), more than the threshold \(decimal(settings.effectiveThreshold))). The values are where it stopped, not a steady state: try more --max-iterations, or another rule or transfer."
  }

  static func json(_ result: SimulationResult, names: [String]) -> String {
    let final = zip(names, result.final).map { "\(jsonString($0)): \(number($1))" }.joined(separator: ", ")
    return "{\"steps\": \(result.steps), \"converged\": \(result.converged), \"final\": {\(final)}}"
  }

  /// Shortest exact form (as Swift prints a Double), "1" rather than "1.0"; valid JSON.
  package static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// For people: like `number` but never in exponent notation ("0.00001", not "1e-05").
  static func decimal(_ value: Double) -> String {
    let plain = number(value)
    guard plain.contains("e") else { return plain }
    var fixed = String(format: "%.12f", value)
    while fixed.hasSuffix("0") { fixed.removeLast() }
    return fixed
  }
}
