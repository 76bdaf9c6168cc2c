import ArgumentParser
import Foundation
import HarkStore
import HarkWeb
import Hummingbird

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Start the web workbench and the panel pages on this project.",
    discussion: """
      Researchers sign in with an account from `hark users add`; panel members with the one-time link from \
      `hark panels add-member`. Binds 127.0.0.1:8080 unless told otherwise: the pages are for this machine \
      (or a reverse proxy in front of it) until they are served over TLS. Give the address people use once \
      with --public-url; it is kept in the project, and an https address marks the session cookie Secure.
      """)

  @OptionGroup var project: ProjectOption

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on (0: any free port).")
  var port = 8080

  @Option(
    help:
      "The address people open Hark at, such as https://panel.example.org (default: the one kept in the project, else http://HOST:PORT). Given once, it is kept in the project."
  )
  var publicURL: String?

  /// The option's earlier name, still accepted.
  @Option(name: .customLong("base-url"), help: .hidden) var baseURL: String?

  func run() async throws {
    // A person waits on every page, so a locked project answers "try again"
    // sooner than a command would.
    let store = try ProjectStore(path: project.path, lockWait: .webRequest)
    let address = try store.resolvePublicAddress(
      given: publicURL ?? baseURL, fallback: "http://\(host):\(port)", actor: DecisionActor.unannounced)
    if let warning = PublicAddress.loopbackWarning(address) { Terminal.printError("warning: \(warning)") }
    let app = try WebServer.application(
      store: store, host: host, port: port, baseURL: address,
      onRunning: { bound in
        print("Hark is serving \(project.path) at http://\(host):\(bound)/ (Ctrl-C to stop)")
        print("Sign-in links use \(address)")
        fflush(nil)
      })
    try await app.runService()
  }
}
