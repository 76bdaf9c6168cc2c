import ArgumentParser
import GRDB
import HarkCore

struct Runs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List coding runs: plugins, options, counts, timings, failures.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let runs = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM coding_run ORDER BY id") }
    if runs.isEmpty { print("No coding runs yet: hark code --project \(project.path)") }
    for run in runs {
      let id: Int64 = run["id"]
      let status: String = run["status"]
      let started: String = run["started_at"]
      let isolation: String = run["isolation"]
      let workers: Int = run["workers"]
      let by: String = run["started_by"]
      print("R\(id)  \(status)  started \(started) by \(by), \(isolation), \(workers) workers")
      let plugins = try store.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM run_plugin WHERE run_id = ? ORDER BY rowid", arguments: [id])
      }
      for p in plugins {
        let pid: String = p["plugin_id"]
        let version: String = p["plugin_version"]
        let options: String = p["options"]
        let done: Int = p["documents_done"]
        let failed: Int = p["documents_failed"]
        let seconds: Double = p["seconds"]
        let (codes, concepts, links, scores): (Int, Int, Int, Int) = (
          p["codes"], p["concepts"], p["links"], p["scores"]
        )
        print(
          "    \(pid) \(version) options \(options): \(done) done, \(failed) failed; \(codes) codes, \(concepts) concepts, \(links) links, \(scores) scores; \(Terminal.number(seconds, 2)) s"
        )
      }
      for failure in try store.runFailures(id) {
        print(
          "    failure: \(failure.plugin) on \(failure.document.map { "D\($0)" } ?? "the corpus"): \(failure.reason)")
      }
    }
  }
}
