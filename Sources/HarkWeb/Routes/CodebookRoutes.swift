// The researcher's codebook pages (the tree of codes; add, edit, move), the
// stylesheet of code colours, and memos on documents, codes, concepts and
// links, all with plain forms.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird
import NIOCore

struct CodebookRoutes: Sendable {
  let store: ProjectStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/codebook", use: codebook)
    router.post("/codebook", use: addCode)
    router.get("/codebook/:id", use: editPage)
    router.post("/codebook/:id", use: editCode)
    router.get("/codes.css", use: stylesheet)
    router.get("/memos/:kind/:id", use: memoPage)
    router.post("/memos/:kind/:id", use: addMemo)
  }

  func codebook(_ request: Request, context: WebContext) throws -> Response {
    let session = try pages.requireResearcher(context).0
    let tree = try store.codeTree()
    var values: [String: Any] = [
      "csrf": session.csrf, "hasCodes": !tree.isEmpty, "parents": Self.options(tree, selected: nil),
      "autoColour": true, "colours": Self.colours(selected: nil),
    ]
    var previous = -1
    var codes: [[String: Any]] = []
    let memosByCode = try store.memosByCode()
    for code in tree {
      let memos = memosByCode[code.id] ?? []
      var entry: [String: Any] = [
        "id": code.id, "name": code.name, "colourName": Self.colourName(code),
        "codingsText": code.codings == 1 ? "1 coding" : "\(code.codings) codings",
        "opens": code.depth > previous && previous >= 0,
        "closeItem": code.depth <= previous,
        "closes": Array(repeating: [String: Any](), count: max(0, previous - code.depth)),
        "memoCount": memos.count,
      ]
      entry.merge(Self.memoValues(memos, action: "/memos/code/\(code.id)", idPart: "code-\(code.id)")) { _, new in new }
      if !code.description.isEmpty { entry["description"] = code.description }
      codes.append(entry)
      previous = code.depth
    }
    values["codes"] = codes
    values["endCloses"] = Array(repeating: [String: Any](), count: max(0, previous))
    return pages.render("codebook", title: "Codebook", values: values, session: session)
  }

  func addCode(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let form = try await Form.read(request, context: context)
    do {
      let id = try store.addCode(
        name: form["name"] ?? "", parent: try Self.parent(form), description: form["description"] ?? "",
        colour: form["colour"], actor: researcher.name)
      return Pages.redirect(to: "/codebook#code-\(id)")
    } catch let error as HarkError {
      return pages.problem(
        .badRequest, heading: "The code was not added", message: Pages.sentence(error), session: session,
        back: "/codebook#add", backLabel: "Back to the codebook")
    }
  }

  func editPage(_ request: Request, context: WebContext) throws -> Response {
    let session = try pages.requireResearcher(context).0
    let tree = try store.codeTree()
    let code = try code(context, in: tree, session: session)
    // A code cannot move inside itself, so it and its descendants are not offered.
    let inside = Self.descendants(of: code.id, in: tree)
    let values: [String: Any] = [
      "csrf": session.csrf, "id": code.id, "name": code.name, "description": code.description,
      "parents": Self.options(tree.filter { !inside.contains($0.id) }, selected: code.parentID),
      "autoColour": code.colour == nil, "colours": Self.colours(selected: code.colour),
    ]
    return pages.render("code-edit", title: "Edit the code \(code.name)", values: values, session: session)
  }

  func editCode(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let code = try code(context, in: try store.codeTree(), session: session)
    let form = try await Form.read(request, context: context)
    do {
      try store.editCode(
        code.id, name: form["name"] ?? "", parent: try Self.parent(form), description: form["description"] ?? "",
        colour: form["colour"], actor: researcher.name)
      return Pages.redirect(to: "/codebook#code-\(code.id)")
    } catch let error as HarkError {
      return pages.problem(
        .badRequest, heading: "The code was not changed", message: Pages.sentence(error), session: session,
        back: "/codebook/\(code.id)", backLabel: "Back to editing the code")
    }
  }

  /// The codes' colours as classes. A stylesheet made from the codebook (not
  /// a fixed palette in style.css) because codes brought in from other tools
  /// carry any colour, and the page's policy (style-src 'self') allows no
  /// inline style: each code gets its exact colour, with black or white text,
  /// whichever reads better on it (always at least 4.5:1).
  func stylesheet(_ request: Request, context: WebContext) throws -> Response {
    _ = try pages.requireResearcher(context)
    var css = "/* Hark: code colours, made from the codebook. */\n"
    for code in try store.codeTree() {
      let colour = code.shownColour
      css += ".code-\(code.id) { background: \(colour); color: \(CodeColours.text(on: colour)); }\n"
    }
    var headers = HTTPFields()
    headers[.contentType] = "text/css; charset=utf-8"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: css)))
  }

  func memoPage(_ request: Request, context: WebContext) throws -> Response {
    let session = try pages.requireResearcher(context).0
    let subject = try memoSubject(context, session: session)
    var values = Self.memoValues(
      try store.memos(on: subject), action: "/memos/\(subject.kind)/\(subject.id)", idPart: subject.kind)
    values["csrf"] = session.csrf
    switch subject {
    case .concept(let id):
      let concept = try store.concept(id)
      values["kind"] = "the concept"
      values["subject"] = concept.label
      values["back"] = "/concepts/\(id)"
      values["backLabel"] = "The concept C\(id)"
    case .link(let id):
      let link = try store.link(id)
      values["kind"] = "the link"
      values["subject"] = "\(link.cause) → \(link.effect)"
      values["back"] = "/links/\(id)"
      values["backLabel"] = "The link L\(id)"
      values["related"] = [
        "items": [
          ["href": "/memos/concept/\(link.causeID)", "label": "Memos on the cause, \(link.cause)"],
          ["href": "/memos/concept/\(link.effectID)", "label": "Memos on the effect, \(link.effect)"],
        ]
      ]
    case .document, .code:
      // These have their memos on their own pages.
      return Pages.redirect(to: Self.memoHome(subject))
    }
    return pages.render(
      "memos", title: "Memos on \(values["kind"] ?? "") \(values["subject"] ?? "")", values: values, session: session)
  }

  func addMemo(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let subject = try memoSubject(context, session: session)
    let form = try await Form.read(request, context: context)
    do {
      let id = try store.addMemo(
        on: subject, title: form["title"] ?? "", text: form["text"] ?? "", actor: researcher.name)
      return Pages.redirect(to: Self.memoHome(subject, memo: id))
    } catch let error as HarkError {
      return pages.problem(
        .badRequest, heading: "The memo was not added", message: Pages.sentence(error), session: session,
        back: Self.memoHome(subject), backLabel: "Back")
    }
  }

  // MARK: - Parts

  /// Where an item's memos are shown.
  static func memoHome(_ subject: MemoSubject, memo: Int64? = nil) -> String {
    switch subject {
    case .document(let id): "/documents/\(id)#memos"
    case .code(let id): "/codebook#code-\(id)"
    case .concept(let id): "/memos/concept/\(id)" + (memo.map { "#m-\($0)" } ?? "")
    case .link(let id): "/memos/link/\(id)" + (memo.map { "#m-\($0)" } ?? "")
    }
  }

  static func memoValues(_ memos: [Memo], action: String, idPart: String) -> [String: Any] {
    [
      "hasMemos": !memos.isEmpty, "memoAction": action, "memoFor": idPart,
      "memos": memos.map {
        ["id": $0.id, "title": $0.title, "text": $0.text, "createdBy": $0.createdBy, "createdAt": $0.createdAt]
      },
    ]
  }

  /// Codes as options of a list, in tree order, nested ones indented.
  static func options(_ tree: [CodeEntry], selected: Int64?) -> [[String: Any]] {
    tree.map { code in
      [
        "id": code.id, "name": code.name, "selected": code.id == selected,
        "indent": indent(code.depth),
      ]
    }
  }

  /// No-break spaces and a dash before a nested code's name in a list of
  /// options, which cannot nest: the depth is seen, and the dash is heard.
  static func indent(_ depth: Int) -> String {
    depth == 0 ? "" : String(repeating: "\u{00A0}\u{00A0}\u{00A0}", count: depth) + "– "
  }

  static func colours(selected: String?) -> [[String: Any]] {
    var colours = CodeColours.palette.map { ["hex": $0.hex, "name": $0.name, "selected": $0.hex == selected] }
    if let selected, !CodeColours.palette.contains(where: { $0.hex == selected }) {
      colours.insert(["hex": selected, "name": "its own colour, \(selected)", "selected": true], at: 0)
    }
    return colours
  }

  static func colourName(_ code: CodeEntry) -> String {
    let named = CodeColours.palette.first { $0.hex == code.shownColour }?.name ?? code.shownColour
    return code.colour == nil ? "\(named) (automatic)" : named
  }

  static func descendants(of id: Int64, in tree: [CodeEntry]) -> Set<Int64> {
    var found: Set<Int64> = [id]
    var grew = true
    while grew {
      grew = false
      for code in tree where !found.contains(code.id) {
        if let parent = code.parentID, found.contains(parent) {
          found.insert(code.id)
          grew = true
        }
      }
    }
    return found
  }

  /// The form's parent: nil for "no parent", else a code id; anything else
  /// names no code and is refused.
  static func parent(_ form: Form) throws -> Int64? {
    guard let text = form.text("parent") else { return nil }
    guard let id = Int64(text) else {
      throw HarkError("no code with id \(text) to be the parent", hint: "Reload the codebook and pick again")
    }
    return id
  }

  private func code(_ context: WebContext, in tree: [CodeEntry], session: SignedIn) throws -> CodeEntry {
    let id = Int64(context.parameters.get("id") ?? "")
    guard let code = tree.first(where: { $0.id == id }) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "No such code", message: "That address names no code.", session: session,
          back: "/codebook", backLabel: "The codebook"))
    }
    return code
  }

  private func memoSubject(_ context: WebContext, session: SignedIn) throws -> MemoSubject {
    let id = Int64(context.parameters.get("id") ?? "")
    let subject: MemoSubject? =
      switch (context.parameters.get("kind"), id) {
      case ("document", .some(let id)): .document(id)
      case ("code", .some(let id)): .code(id)
      case ("concept", .some(let id)): .concept(id)
      case ("link", .some(let id)): .link(id)
      default: nil
      }
    guard let subject, try store.exists(subject) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "Nothing to write memos on",
          message: "That address names no document, code, concept or link.", session: session, back: "/documents",
          backLabel: "Documents"))
    }
    return subject
  }
}
