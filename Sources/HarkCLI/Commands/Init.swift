import ArgumentParser
import HarkStore

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Create an empty project file.")

  @Argument(help: "Where to create the project (a new .sqlite file).")
  var path: String = "hark.sqlite"

  func run() throws {
    _ = try ProjectStore.create(at: path)
    print("Created project \(path)")
    print("Next: hark import TRANSCRIPTS… --participants participants.csv --project \(path)")
  }
}
