// Rendering a page: its template, filled from the page's typed context,
// inside the layout, as an HTML response.
import Foundation
import HarkStore
import Hummingbird
import Mustache
import NIOCore

/// What a page's template reads: a struct whose stored properties are named
/// as the template's tags. A property that is nil counts as absent.
protocol PageContext {}

struct Pages: Sendable {
  let library: MustacheLibrary

  init() throws {
    MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
    var library = MustacheLibrary()
    for (name, text) in Templates.all {
      try library.register("{{% CONTENT_TYPE: \(HTMLEscaping.name) }}" + text, named: name)
    }
    self.library = library
  }

  /// `template` rendered with `context`, wrapped in the layout.
  func render(
    _ template: String, title: String, context: some PageContext, session: SignedIn?,
    status: HTTPResponse.Status = .ok
  ) -> Response {
    let body = library.render(Self.tree(context) ?? [:], withTemplate: template) ?? ""
    let layout = Layout(
      title: title, body: body, home: session?.member != nil ? "/panel" : "/",
      signedIn: session.map { Layout.Account(name: $0.displayName, csrf: $0.csrf, member: $0.member != nil) })
    let html = library.render(Self.tree(layout) ?? [:], withTemplate: "layout") ?? ""
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  /// A page that says what went wrong and where to go next, answered with the
  /// status of the error's kind unless `status` says otherwise.
  func problem(_ error: WebError, session: SignedIn?, status: HTTPResponse.Status? = nil) -> Response {
    render(
      "error", title: error.heading,
      context: Message(heading: error.heading, message: error.message, back: error.back, backLabel: error.backLabel),
      session: session, status: status ?? error.kind.status)
  }

  /// A page that tells what was done (200), in the layout of a problem page.
  func notice(heading: String, message: String, session: SignedIn?, back: String, backLabel: String) -> Response {
    render(
      "error", title: heading, context: Message(heading: heading, message: message, back: back, backLabel: backLabel),
      session: session)
  }

  /// A context as dictionaries and arrays, each struct reflected once.
  /// swift-mustache can read a struct itself, but reflects it anew for every
  /// tag it looks up, which made a member's question page three times slower
  /// (scripts/bench-web.sh); a dictionary it reads by key. Nil is left out.
  static func tree(_ value: Any) -> Any? {
    switch value {
    case is String, is Bool, is Int, is Int64, is Double: return value
    case let id as any RowID: return id.rawValue
    default: break
    }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional: return mirror.children.first.flatMap { tree($0.value) }
    case .collection: return mirror.children.compactMap { tree($0.value) }
    case .struct, .class:
      var fields: [String: Any] = [:]
      for child in mirror.children {
        if let label = child.label, let field = tree(child.value) { fields[label] = field }
      }
      return fields
    default: return value
    }
  }

  static func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }

  /// The layout around every page.
  struct Layout: PageContext {
    struct Account {
      let name: String
      let csrf: String
      let member: Bool
    }
    let title: String
    let body: String
    let home: String
    let signedIn: Account?
  }

  /// The "error" template: a heading, a sentence and one link on.
  struct Message: PageContext {
    let heading: String
    let message: String
    let back: String
    let backLabel: String
  }
}
