import ArgumentParser
import HarkCLI

/// Parses and runs through the async path: `hark serve` runs a server, and
/// ArgumentParser's synchronous `main()` (which top-level code picks for a
/// bare `HarkCommand.main()`) refuses an asynchronous subcommand. Inside an
/// async function the async overloads are the ones chosen.
func runHark() async {
  do {
    var command = try await HarkCommand.asyncParseAsRoot()
    if var asynchronous = command as? AsyncParsableCommand {
      try await asynchronous.run()
    } else {
      try command.run()
    }
  } catch {
    HarkCommand.exit(withError: HarkCommand.readable(error))
  }
}

await runHark()
