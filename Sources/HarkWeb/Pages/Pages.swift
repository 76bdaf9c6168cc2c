// Rendering a page: its template inside the layout, as an HTML response.
import Foundation
import HarkStore
import Hummingbird
import Mustache
import NIOCore

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

  /// `template` rendered with `values`, wrapped in the layout.
  func render(
    _ template: String, title: String, values: [String: Any], session: SignedIn?, status: HTTPResponse.Status = .ok
  ) -> Response {
    let body = library.render(values, withTemplate: template) ?? ""
    var layout: [String: Any] = ["title": title, "body": body, "home": session?.member != nil ? "/panel" : "/"]
    if let session {
      layout["signedIn"] = ["name": session.displayName, "csrf": session.csrf, "member": session.member != nil]
    }
    let html = library.render(layout, withTemplate: "layout") ?? ""
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  /// A page that says what went wrong and where to go next.
  func problem(
    _ status: HTTPResponse.Status, heading: String, message: String, session: SignedIn?, back: String = "/",
    backLabel: String = "Go back to the start"
  ) -> Response {
    render(
      "error", title: heading, values: ["heading": heading, "message": message, "back": back, "backLabel": backLabel],
      session: session, status: status)
  }

  static func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }
}
