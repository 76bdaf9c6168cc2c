// `hark map stats` and `hark map simulate` on a Mental Modeler matrix and on a
// project's approved map, and the errors bad input gets.
import Foundation
import HarkStore
import HarkTestSupport
import Testing

@Suite("Map commands")
struct MapCommandTests {
  /// Map A of fcm-reference.md as a Mental Modeler matrix CSV.
  static let mapA = """
    ,C1,C2,C3,C4,C5
    C1,,-0.7,0.5,,
    C2,,,-0.6,,
    C3,,-0.3,,0.4,
    C4,,,0.2,,0.3
    C5,,,,0.6,

    """

  func matrix(_ text: String = mapA) throws -> (URL, String) {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = folder.appendingPathComponent("map.csv").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (folder, path)
  }

  @Test("simulate --json prints steps, convergence and the final state; Map A's Kosko/sigmoid row")
  func simulateJSON() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(
      ["map", "simulate", "--matrix", csv, "--initial", "C1=1,C2=0.5,C3=0.5,C4=0,C5=0.2", "--json"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix(#"{"steps": 6, "converged": true, "final": {"C1": 1, "C2": 0.29248"#))
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(Set(object?.keys.map { $0 } ?? []) == ["steps", "converged", "final"])
    let final = try #require(object?["final"] as? [String: Double])
    let expected = ["C1": 1, "C2": 0.292486, "C3": 0.611191, "C4": 0.639478, "C5": 0.547798]
    #expect(Set(final.keys) == Set(expected.keys))
    for (name, value) in expected { #expect(abs(final[name]! - value) <= 1e-6, "\(name)") }
  }

  @Test("simulate takes the rule, transfer, λ and threshold: Map A rescaled/tanh row")
  func simulateOptions() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(
      [
        "map", "simulate", "--matrix", csv, "--initial", "C1=1, C2=0.5, C3=0.5, C4=0, C5=0.2", "--rule", "rescaled",
        "--transfer", "tanh", "--lambda", "1", "--threshold", "0.001", "--max-iterations", "50", "--json",
      ], in: folder)
    #expect(result.stdout.hasPrefix(#"{"steps": 6, "converged": true, "final": {"C1": 1, "C2": -0.99931"#))
  }

  @Test("a clamped scenario under Mental Modeler's convention is shown as scenario minus steady state")
  func scenarioText() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(
      ["map", "simulate", "--matrix", csv, "--convention", "mental-modeler", "--clamp", "c1=1"], in: folder)
    #expect(
      result.stdout == """
        5 concepts, 8 links; Kosko rule, sigmoid transfer (λ = 1), threshold 0.00001, at most 50 iterations, Mental Modeler convention
        steady state: converged after 7 iterations
        scenario (C1 = 1): converged after 7 iterations

        concept                         steady   scenario  scenario − steady
        C1                              0.5000   1.0000    clamped
        C2                              0.3749   0.2925    -0.08
        C3                              0.5378   0.6112    +0.07
        C4                              0.6326   0.6395    +0.01
        C5                              0.5473   0.5478    +0.00

        """)
  }

  @Test("a run that does not settle says so plainly, in text and JSON")
  func nonConvergence() throws {
    let (folder, csv) = try matrix(",A,B\nA,,1\nB,-1,\n")
    let text = try Hark.run(
      ["map", "simulate", "--matrix", csv, "--initial", "B=0", "--transfer", "trivalent", "--max-iterations", "10"],
      in: folder)
    #expect(text.status == 0)
    #expect(
      text.stdout.contains(
        "result: did NOT converge within 10 iterations (the last one still changed a concept by 1.000000, more than the threshold 0.001). The values are where it stopped, not a steady state"
      ))
    let json = try Hark.run(
      [
        "map", "simulate", "--matrix", csv, "--initial", "B=0", "--transfer", "trivalent", "--max-iterations", "10",
        "--json",
      ], in: folder)
    #expect(json.stdout == #"{"steps": 11, "converged": false, "final": {"A": -1, "B": 0}}"# + "\n")
  }

  @Test("stats prints the map's indices and each concept's, most central first")
  func statsText() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(["map", "stats", "--matrix", csv], in: folder)
    #expect(
      result.stdout == """
        concepts    5
        links       8
        components  1 (weakly connected)
        density     0.400 (links / (n(n−1)))
        complexity  0.000 (0 receivers / 1 transmitter)
        hierarchy   0.031 (MacDonald 1983, weighted outdegree)

        concept                         type         in     out    centrality
        C3                              ordinary     1.300  0.700  2.000
        C2                              ordinary     1.000  0.600  1.600
        C4                              ordinary     1.000  0.500  1.500
        C1                              transmitter  0.000  1.200  1.200
        C5                              ordinary     0.300  0.600  0.900

        """)
  }

  @Test("stats --json gives the same numbers to read by machine")
  func statsJSON() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(["map", "stats", "--matrix", csv, "--json"], in: folder)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["concepts"] as? Int == 5)
    #expect(object["links"] as? Int == 8)
    #expect(object["components"] as? Int == 1)
    #expect(object["density"] as? Double == 0.4)
    #expect(abs((object["hierarchy"] as? Double ?? 0) - 0.0308) <= 1e-12)
    let concepts = try #require(object["perConcept"] as? [[String: Any]])
    #expect(concepts.map { $0["type"] as? String } == ["transmitter", "ordinary", "ordinary", "ordinary", "ordinary"])
  }

  @Test("stats and simulate work on the project's accepted links")
  func projectMap() throws {
    let (folder, path) = try KnownProject.make()
    #expect(try Hark.run(["links", "accept", "--project", path, "L1", "L2"], in: folder).status == 0)
    let stats = try Hark.run(["map", "stats", "--project", path], in: folder)
    #expect(stats.stdout.hasPrefix("concepts    4\nlinks       2\ncomponents  2 (weakly connected)\n"))
    let simulate = try Hark.run(["map", "simulate", "--project", path, "--json"], in: folder)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(simulate.stdout.utf8)) as? [String: Any])
    let final = try #require(object["final"] as? [String: Double])
    // Transmitters keep their initial 1; each receiver is sigmoid(weight × 1).
    #expect(final["peer group"] == 1 && final["waiting list"] == 1)
    #expect(abs(final["less alone"]! - 1 / (1 + exp(-0.6))) <= 1e-12)
    #expect(abs(final["anxiety"]! - 1 / (1 + exp(-0.8))) <= 1e-12)
  }

  @Test("a project with no accepted links is told how to get a map")
  func noAcceptedLinks() throws {
    let (folder, path) = try KnownProject.make()
    let result = try Hark.run(["map", "stats", "--project", path], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(path): the project has no accepted links, so there is no map yet. Accept links with `hark links accept L1 L2 …`, or give a matrix file with --matrix\n"
    )
  }

  @Test("a concept in --clamp or --initial that the map lacks is named, with the map's concepts")
  func unknownConcept() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(["map", "simulate", "--matrix", csv, "--clamp", "peer support=1"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: --clamp: no concept named \"peer support\" in the map. The map's concepts are \"C1\", \"C2\", \"C3\", \"C4\", \"C5\"\n"
    )
    let malformed = try Hark.run(["map", "simulate", "--matrix", csv, "--initial", "C1:1"], in: folder)
    #expect(
      malformed.stderr
        == "Error: --initial: \"C1:1\" is not NAME=VALUE. Write it like --initial \"peer support=1,stigma=0\"\n")
    let notNumber = try Hark.run(["map", "simulate", "--matrix", csv, "--clamp", "C2=high"], in: folder)
    #expect(
      notNumber.stderr
        == "Error: --clamp: the value \"high\" for \"C2\" is not a number. Give a decimal number, like C2=0.5\n")
  }

  @Test("a malformed matrix CSV is refused with its file and line")
  func malformedMatrix() throws {
    let (folder, csv) = try matrix(",A,B\nA,,0.5\nB,lots,\n")
    let result = try Hark.run(["map", "stats", "--matrix", csv], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(csv):3: the weight \"lots\" from \"B\" to \"A\" is not a number. Write weights as decimal numbers between -1 and 1, like -0.5\n"
    )
  }

  @Test("a matrix that is not square is refused")
  func notSquare() throws {
    let (folder, csv) = try matrix(",A,B,C\nA,,0.5,\nB,0.2,,\n")
    let result = try Hark.run(["map", "simulate", "--matrix", csv], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: \(csv): the matrix is not square: no row for \"C\". Add one row for each concept named in the first row\n"
    )
  }

  @Test("a missing matrix file and unknown rule, transfer or convention names get clear errors")
  func badOptions() throws {
    let (folder, csv) = try matrix()
    let missing = try Hark.run(["map", "stats", "--matrix", "nowhere.csv"], in: folder)
    #expect(missing.stderr == "Error: nowhere.csv: cannot read the file. Check the path given to --matrix\n")
    let rule = try Hark.run(["map", "simulate", "--matrix", csv, "--rule", "fast"], in: folder)
    #expect(rule.status != 0)
    #expect(rule.stderr.hasPrefix("Error: --rule must be kosko, modified-kosko or rescaled, not \"fast\""))
    let transfer = try Hark.run(["map", "simulate", "--matrix", csv, "--transfer", "relu"], in: folder)
    #expect(transfer.stderr.hasPrefix("Error: --transfer must be sigmoid, tanh, bivalent or trivalent, not \"relu\""))
    let convention = try Hark.run(["map", "simulate", "--matrix", csv, "--convention", "r-fcm"], in: folder)
    #expect(convention.stderr.hasPrefix("Error: --convention must be fcmpy or mental-modeler, not \"r-fcm\""))
    let iterations = try Hark.run(["map", "simulate", "--matrix", csv, "--max-iterations", "0"], in: folder)
    #expect(iterations.stderr.hasPrefix("Error: --max-iterations must be at least 1"))
    let lambda = try Hark.run(["map", "simulate", "--matrix", csv, "--lambda", "0"], in: folder)
    #expect(lambda.stderr.hasPrefix("Error: --lambda must be a number above 0"))
    let threshold = try Hark.run(["map", "simulate", "--matrix", csv, "--threshold=-1"], in: folder)
    #expect(threshold.stderr.hasPrefix("Error: --threshold must be a number of 0 or more"))
    let twice = try Hark.run(["map", "simulate", "--matrix", csv, "--clamp", "C1=1,c1=0"], in: folder)
    #expect(twice.stderr == "Error: --clamp: \"C1\" is given twice. Give each concept once\n")
  }

  @Test("bench times simulation and indices and prints the final state as JSON")
  func bench() throws {
    let (folder, csv) = try matrix()
    let result = try Hark.run(
      ["bench-map", "--matrix", csv, "--initial", "C1=1,C2=0.5,C3=0.5,C4=0,C5=0.2", "--repeats", "3"], in: folder,
      program: Hark.developerTools)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["concepts"] as? Int == 5 && object["links"] as? Int == 8 && object["steps"] as? Int == 6)
    #expect(object["converged"] as? Bool == true && object["repeats"] as? Int == 3)
    #expect((object["simulate_seconds"] as? Double ?? -1) >= 0 && (object["indices_seconds"] as? Double ?? -1) >= 0)
    let final = try #require(object["final"] as? [String: Double])
    #expect(abs(final["C2"]! - 0.292486) <= 1e-6)
    let none = try Hark.run(
      ["bench-map", "--matrix", csv, "--repeats", "0"], in: folder, program: Hark.developerTools)
    #expect(none.stderr.hasPrefix("Error: --repeats must be at least 1"))
  }
}
