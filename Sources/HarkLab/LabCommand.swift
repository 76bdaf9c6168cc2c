// The `hark-dev` command line: the tools a developer runs from a checkout
// (scoring the plugins, benchmarks). They read the repository's corpora and
// scripts, so they are kept out of the `hark` a user installs.
import ArgumentParser
import Foundation
import HarkCLI

public struct LabCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "hark-dev",
    abstract: "Developer tools for Hark: score the plugins and measure speed (run from a checkout).",
    discussion: """
      `hark-dev eval` scores the built-in plugins against human labels; `hark-dev bench` measures \
      import and coding speed; `hark-dev bench-map` times map simulation and indices.
      """,
    version: HarkVersion.current,
    subcommands: [Eval.self, Bench.self, MapBench.self]
  )

  public init() {}

  /// This program, for benchmark stages that run in a fresh process.
  static var executable: String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
  }
}
