// `hark serve`: the workbench and panel pages over one project, on loopback
// by default.
import Foundation
import HarkCore
import Hummingbird
import NIOCore

public enum WebServer {
  /// Every route of the app, behind its middleware.
  public static func router(
    store: ProjectStore, baseURL: String, secureCookies: Bool = false, gate: SignInGate = SignInGate()
  ) throws -> Router<WebContext> {
    let pages = try Pages()
    let router = Router(context: WebContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: SessionMiddleware(store: store))
    router.add(middleware: CSRFMiddleware(pages: pages))
    router.get("/style.css") { _, _ -> Response in
      var headers = HTTPFields()
      headers[.contentType] = "text/css; charset=utf-8"
      headers[.cacheControl] = "max-age=3600"
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
    router.get("/signed-out") { _, context -> Response in
      pages.problem(
        .ok, heading: "You are signed out", message: "To come back, use a new sign-in link from the researcher.",
        session: context.session, back: "/sign-in", backLabel: "Researchers sign in here")
    }
    MemberRoutes(store: store, pages: pages, secureCookies: secureCookies).add(to: router)
    DocumentRoutes(store: store, pages: pages).add(to: router)
    ConceptRoutes(store: store, pages: pages).add(to: router)
    LinkRoutes(store: store, pages: pages).add(to: router)
    CodebookRoutes(store: store, pages: pages).add(to: router)
    ResearcherRoutes(store: store, pages: pages, gate: gate, baseURL: baseURL, secureCookies: secureCookies).add(
      to: router)
    return router
  }

  /// The app listening on `host:port`; `onRunning` gets the port it bound
  /// (useful with port 0).
  public static func application(
    store: ProjectStore, host: String, port: Int, baseURL: String? = nil,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    Application(
      router: try router(store: store, baseURL: baseURL ?? "http://\(host):\(port)"),
      configuration: .init(address: .hostname(host, port: port), serverName: "Hark"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
  }
}
