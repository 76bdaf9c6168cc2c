// The `hark` command line.
import ArgumentParser
import Foundation
import HarkStore
import HarkTranscripts

public struct HarkCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "hark",
    abstract: "Turn interview transcripts into a fuzzy cognitive map that people can check, link by link.",
    discussion: """
      Start with `hark demo`. A project is one SQLite file: --project PATH on every command \
      (default ./hark.sqlite, or $HARK_PROJECT).
      """,
    version: HarkVersion.current,
    // The names before the commands were named consistently, hidden, so old scripts keep running.
    subcommands: [Demo.self, Worker.self] + OldNames.commands,
    // The commands in the order a project meets them, grouped in the help.
    groupedSubcommands: [
      CommandGroup(
        name: "Project", subcommands: [Init.self, Import.self, Documents.self, Participants.self, Export.self]),
      CommandGroup(name: "Analysis", subcommands: [Plugins.self, Code.self, Runs.self]),
      CommandGroup(name: "Curation", subcommands: [Concepts.self, Links.self, Codings.self]),
      CommandGroup(name: "Panels", subcommands: [Panels.self, Users.self, Serve.self]),
      CommandGroup(name: "Map", subcommands: [MapCommand.self]),
    ]
  )

  public init() {}

  /// SQLite giving up on a lock becomes a sentence that says what to do.
  public static func readable(_ error: any Error) -> any Error {
    ProjectBusy.matches(error) ? ProjectBusy() : error
  }
}

public enum HarkVersion {
  public static let current = "0.1.0"
}

/// --project, shared by every command that works on a project.
struct ProjectOption: ParsableArguments {
  @Option(name: .long, help: "The project file (default: $HARK_PROJECT or ./hark.sqlite).")
  var project: String?

  var path: String {
    if let project { return project }
    if let env = ProcessInfo.processInfo.environment["HARK_PROJECT"], !env.isEmpty { return env }
    return "hark.sqlite"
  }

  func open() throws -> ProjectStore { try ProjectStore(path: path) }
}

/// The name this command records its decisions under: $HARK_USER, else the
/// login name ($USER). Unless it came from $HARK_USER, the first use says so
/// on standard error, so a decision is never recorded under a name nobody chose.
/// The store takes the actor of every decision explicitly; this is the one
/// place the CLI reads it from the environment.
enum DecisionActor {
  static let resolved = ActorName.fromEnvironment()

  static let current: String = {
    if resolved.origin != .harkUser { Terminal.printError("note: recording decisions \(resolved.explanation)") }
    return resolved.name
  }()

  /// The same name without the note, for what commands have always recorded
  /// without one: who imported a document or started a coding run, the
  /// public address `serve` or an invite keeps, and a new sign-in link.
  static var unannounced: String { resolved.name }
}

/// Parses ids written as "L12", "l12" or "12" (the letter is the id kind's own).
func parseID<Kind: IDKind>(_ text: String, what: String) throws -> EntityID<Kind> {
  guard let id = EntityID<Kind>(parsing: text) else {
    throw HarkError(
      "\"\(text)\" is not a \(what) id",
      hint: "Write it as \(Kind.prefix.map(String.init) ?? "")12 (see the first column of `hark \(what)s`)")
  }
  return id
}
