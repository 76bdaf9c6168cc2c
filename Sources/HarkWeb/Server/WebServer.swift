// `hark serve`: the workbench and panel pages over one project, on loopback
// by default.
import Foundation
import HarkStore
import Hummingbird
import HummingbirdCore
import NIOCore

public enum WebServer {
  /// Every route of the app, behind its middleware. `baseURL` is the public
  /// address: sign-in links are built on it, and an https one makes the
  /// session cookie Secure.
  public static func router(
    store: ProjectStore, baseURL: String, gate: SignInGate = SignInGate()
  ) throws -> Router<WebContext> {
    let pages = try Pages()
    let store = WebStore(store)
    let secureCookies = PublicAddress.isSecure(baseURL)
    let router = Router(context: WebContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: SessionMiddleware(store: store, pages: pages, secureCookies: secureCookies))
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: CSRFMiddleware())
    router.get("/style.css") { _, _ -> Response in
      var headers = HTTPFields()
      headers[.contentType] = "text/css; charset=utf-8"
      headers[.cacheControl] = "max-age=3600"
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
    MemberRoutes(store: store, pages: pages, secureCookies: secureCookies).add(to: router)
    SignOutRoutes(store: store, pages: pages, secureCookies: secureCookies, baseURL: baseURL).add(to: router)
    CloseVotingRoutes(store: store, pages: pages).add(to: router)
    DocumentRoutes(store: store, pages: pages).add(to: router)
    ConceptRoutes(store: store, pages: pages).add(to: router)
    LinkRoutes(store: store, pages: pages).add(to: router)
    CodebookRoutes(store: store, pages: pages).add(to: router)
    ResearcherRoutes(store: store, pages: pages, gate: gate, baseURL: baseURL, secureCookies: secureCookies).add(
      to: router)
    return router
  }

  /// The HTTP/1.1 server with the slow-client limits: per connection a
  /// `SlowClientGuard`, all sharing one count of open connections.
  static func server(limits: ConnectionLimits) -> HTTPServerBuilder {
    let connections = OpenConnections(limit: limits.maxConnections)
    return .http1(
      configuration: .init(
        additionalChannelHandlers: [SlowClientGuard(limits: limits, connections: connections)],
        idleTimeout: limits.idleTimeout))
  }

  /// The app listening on `host:port`; `onRunning` gets the port it bound
  /// (useful with port 0).
  public static func application(
    store: ProjectStore, host: String, port: Int, baseURL: String? = nil, gate: SignInGate = SignInGate(),
    limits: ConnectionLimits = ConnectionLimits(), onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    Application(
      router: try router(store: store, baseURL: baseURL ?? "http://\(host):\(port)", gate: gate),
      server: server(limits: limits),
      // A last stop well above the limit `OpenConnections` keeps: room for
      // connections busy with requests, which are never closed to make room.
      configuration: .init(
        address: .hostname(host, port: port), serverName: "Hark",
        availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections + 256)),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
  }
}
