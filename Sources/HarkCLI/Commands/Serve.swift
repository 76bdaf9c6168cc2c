import ArgumentParser
import Foundation
import HarkCore
import HarkWeb
import Hummingbird

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start the web workbench and the panel pages on this project.",
    discussion: """
      Researchers sign in with an account from `hark user add`; panel members with the one-time link from
      `hark panel add-member`. Binds 127.0.0.1:8080 unless told otherwise: the pages are for this machine
      (or a reverse proxy in front of it) until they are served over TLS.
      """)

  @OptionGroup var project: ProjectOption

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on (0: any free port).")
  var port = 8080

  @Option(help: "The address people use to reach this server, for sign-in links (default: http://HOST:PORT).")
  var baseURL: String?

  func run() async throws {
    // A person waits on every page, so a locked project answers "try again"
    // sooner than a command would.
    let store = try ProjectStore(path: project.path, lockWait: .webRequest)
    let app = try WebServer.application(
      store: store, host: host, port: port, baseURL: baseURL,
      onRunning: { bound in
        print("Hark is serving \(project.path) at http://\(host):\(bound)/ (Ctrl-C to stop)")
        fflush(nil)
      })
    try await app.runService()
  }
}
