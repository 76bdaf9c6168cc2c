import ArgumentParser
import HarkStore

struct Runs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List coding runs: plugins, options, counts, timings, failures.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let runs = try store.runs()
    if runs.isEmpty { print("No coding runs yet: hark code --project \(project.path)") }
    for run in runs {
      print(
        "R\(run.id)  \(run.status.rawValue)  started \(run.startedAt) by \(run.startedBy), \(run.isolation.rawValue), "
          + "\(run.workers) workers"
      )
      for p in try store.runPlugins(run.id) {
        let c = p.counts
        print(
          "    \(p.pluginID) \(p.pluginVersion) options \(p.options): \(p.documentsDone) done, \(p.documentsFailed) failed; \(c.codes) codes, \(c.concepts) concepts, \(c.links) links, \(c.scores) scores; \(Terminal.number(p.seconds, 2)) s"
        )
      }
      for failure in try store.runFailures(run.id) {
        print(
          "    failure: \(failure.plugin) on \(failure.document.map { "D\($0)" } ?? "the corpus"): \(failure.reason)")
      }
    }
  }
}
