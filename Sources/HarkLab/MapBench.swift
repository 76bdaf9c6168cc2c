// `hark-dev bench-map`: times simulation to convergence and all indices on a
// matrix file, for scripts/bench-map.sh to set beside FCMpy.
import ArgumentParser
import Foundation
import HarkCLI
import HarkMap
import HarkStore

struct MapBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-map",
    abstract: "Time simulation and indices on a map (see scripts/bench-map.sh).",
    discussion: """
      Reads the map once, then repeats each measured part and reports the median wall time in seconds: \
      simulation (preparing the map and running it to convergence) and indices (every index of \
      `hark map stats`). Prints JSON with the final state, for comparison with another tool.
      """)
  @OptionGroup var source: MapSource
  @OptionGroup var options: SimulationOptions
  @Option(help: "Measure each part this many times.") var repeats = 21

  func run() throws {
    guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
    let settings = try options.settings()
    let map = try source.load()
    let (state, clamped) = try options.states(map)
    let clock = ContinuousClock()
    var result: SimulationResult?
    var indices: MapIndices?
    var simulateTimes: [Double] = []
    var indexTimes: [Double] = []
    for _ in 0..<repeats {
      let simulated = clock.measure {
        result = MapSimulator(map).run(initial: state, clamped: clamped, settings: settings)
      }
      let indexed = clock.measure { indices = MapIndices(map) }
      simulateTimes.append(seconds(simulated))
      indexTimes.append(seconds(indexed))
    }
    guard let result, let indices else { return }
    let names = map.concepts.map(\.name)
    let final = zip(names, result.final).map { "\(jsonString($0)): \(SimulationText.number($1))" }
    print(
      """
      {"concepts": \(indices.concepts), "links": \(indices.links), "components": \(indices.components), \
      "hierarchy": \(SimulationText.number(indices.hierarchy)), "steps": \(result.steps), \
      "converged": \(result.converged), "repeats": \(repeats), \
      "simulate_seconds": \(SimulationText.number(median(simulateTimes))), \
      "indices_seconds": \(SimulationText.number(median(indexTimes))), \
      "final": {\(final.joined(separator: ", "))}}
      """)
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
