// The names commands had before the command line was named consistently:
// `panel` and `user` (now the plural `panels` and `users`, like every other
// collection), `review` (now `links review`) and `report` (now `map
// report`). Each still runs the same command, so scripts written against
// them keep working, but none is shown in the help. They are forwarding
// commands rather than swift-argument-parser's `aliases:`, which the help
// lists beside the new name.
import ArgumentParser

enum OldNames {
  static let commands: [ParsableCommand.Type] = [OldPanel.self, OldUser.self, OldReview.self, OldReport.self]
}

/// `hark panel …`: `hark panels …`, with the same subcommands.
struct OldPanel: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "panel", abstract: Panels.configuration.abstract, shouldDisplay: false,
    subcommands: Panels.configuration.subcommands, defaultSubcommand: Panels.configuration.defaultSubcommand)
}

/// `hark user …`: `hark users …`, with the same subcommands.
struct OldUser: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: Users.configuration.abstract, shouldDisplay: false,
    subcommands: Users.configuration.subcommands, defaultSubcommand: Users.configuration.defaultSubcommand)
}

/// `hark review`: `hark links review`.
struct OldReview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review", abstract: Review.configuration.abstract, shouldDisplay: false)
  @OptionGroup var project: ProjectOption

  func run() throws {
    // Review's one option, passed on: an option group of the command itself
    // would print its name twice in the usage line ("hark review review").
    var review = Review()
    review.project = project
    try review.run()
  }
}

/// `hark report`: `hark map report`.
struct OldReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: Report.configuration.abstract, discussion: Report.configuration.discussion,
    shouldDisplay: false)
  @OptionGroup var report: Report

  func run() throws { try report.run() }
}
