import ArgumentParser
import HarkStore

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create an empty project file.",
    discussion: """
      The project is named as on every other command (--project PATH, else $HARK_PROJECT, else \
      ./hark.sqlite), or by a path given on its own: `hark init study.sqlite`.
      """)

  @Argument(help: "Where to create the project (a new .sqlite file); the same as --project.")
  var path: String?

  @OptionGroup var project: ProjectOption

  func validate() throws {
    if let path, let named = project.project, path != named {
      throw ValidationError("two projects named: \(path) and --project \(named). Give one of them.")
    }
  }

  func run() throws {
    let target = path ?? project.path
    _ = try ProjectStore.create(at: target)
    print("Created project \(target)")
    print("Next: hark import TRANSCRIPTS… --participants participants.csv --project \(target)")
  }
}
