import HarkCLI
import HarkLab

do {
  var command = try LabCommand.parseAsRoot()
  try command.run()
} catch {
  LabCommand.exit(withError: HarkCommand.readable(error))
}
