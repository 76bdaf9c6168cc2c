// The researcher's codebook pages (the tree of codes; add, edit, move), the
// stylesheet of code colours, and memos on documents, codes, concepts and
// links, all with plain forms.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird
import NIOCore

struct CodebookRoutes: Sendable {
  let store: WebStore
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

  func codebook(_ request: Request, context: WebContext) async throws -> Response {
    let session = try context.requireResearcher().0
    let (tree, memosByCode) = try await store.read { store in (try store.codeTree(), try store.memosByCode()) }
    var previous = -1
    var codes: [Codebook.Code] = []
    for code in tree {
      let memos = memosByCode[code.id] ?? []
      codes.append(
        Codebook.Code(
          id: code.id, name: code.name, colourName: Self.colourName(code),
          codingsText: code.codings == 1 ? "1 coding" : "\(code.codings) codings",
          opens: code.depth > previous && previous >= 0, closeItem: code.depth <= previous,
          closes: Array(repeating: Codebook.Close(), count: max(0, previous - code.depth)), memoCount: memos.count,
          memos: MemoList(memos, action: "/memos/code/\(code.id)", idPart: "code-\(code.id)"),
          description: code.description.isEmpty ? nil : code.description))
      previous = code.depth
    }
    let page = Codebook(
      csrf: session.csrf, hasCodes: !tree.isEmpty, parents: Self.options(tree, selected: nil), autoColour: true,
      colours: Self.colours(selected: nil), codes: codes,
      endCloses: Array(repeating: Codebook.Close(), count: max(0, previous)))
    return pages.render("codebook", title: "Codebook", context: page, session: session)
  }

  func addCode(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let form = try await Form.read(request, context: context)
    let id = try await store.write { store in
      try Self.refusing("The code was not added", back: "/codebook#add") {
        try store.addCode(
          name: form["name"] ?? "", parent: try Self.parent(form), description: form["description"] ?? "",
          colour: form["colour"], actor: researcher.name)
      }
    }
    return Pages.redirect(to: "/codebook#code-\(id)")
  }

  func editPage(_ request: Request, context: WebContext) async throws -> Response {
    let session = try context.requireResearcher().0
    let id = context.id(as: CodeID.self)
    let tree = try await store.read { try $0.codeTree() }
    let code = try Self.code(id, in: tree)
    // A code cannot move inside itself, so it and its descendants are not offered.
    let inside = Self.descendants(of: code.id, in: tree)
    let page = CodeEdit(
      csrf: session.csrf, id: code.id, name: code.name, description: code.description,
      parents: Self.options(tree.filter { !inside.contains($0.id) }, selected: code.parentID),
      autoColour: code.colour == nil, colours: Self.colours(selected: code.colour))
    return pages.render("code-edit", title: "Edit the code \(code.name)", context: page, session: session)
  }

  func editCode(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: CodeID.self)
    let form = try await Form.read(request, context: context)
    let code = try await store.write { store in
      let code = try Self.code(id, in: try store.codeTree())
      _ = try Self.refusing(
        "The code was not changed", back: "/codebook/\(code.id)", backLabel: "Back to editing the code"
      ) {
        try store.editCode(
          code.id, name: form["name"] ?? "", parent: try Self.parent(form), description: form["description"] ?? "",
          colour: form["colour"], actor: researcher.name)
      }
      return code.id
    }
    return Pages.redirect(to: "/codebook#code-\(code)")
  }

  /// The codes' colours as classes. A stylesheet made from the codebook (not
  /// a fixed palette in style.css) because codes brought in from other tools
  /// carry any colour, and the page's policy (style-src 'self') allows no
  /// inline style: each code gets its exact colour, with black or white text,
  /// whichever reads better on it (always at least 4.5:1).
  func stylesheet(_ request: Request, context: WebContext) async throws -> Response {
    _ = try context.requireResearcher()
    var css = "/* Hark: code colours, made from the codebook. */\n"
    for code in try await store.read({ try $0.codeTree() }) {
      let colour = code.shownColour
      css += ".code-\(code.id) { background: \(colour); color: \(CodeColours.text(on: colour)); }\n"
    }
    var headers = HTTPFields()
    headers[.contentType] = "text/css; charset=utf-8"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: css)))
  }

  func memoPage(_ request: Request, context: WebContext) async throws -> Response {
    let session = try context.requireResearcher().0
    let (kind, id, csrf) = (context.parameters.get("kind"), context.parameters.get("id"), session.csrf)
    let (subject, page) = try await store.read { store -> (MemoSubject, MemoPage?) in
      let subject = try Self.memoSubject(kind, id, in: store)
      let memos = MemoList(
        try store.memos(on: subject), action: "/memos/\(subject.kind)/\(subject.id)", idPart: subject.kind)
      switch subject {
      case .concept(let id):
        return (
          subject,
          MemoPage(
            back: "/concepts/\(id)", backLabel: "The concept C\(id)", kind: "the concept",
            subject: try store.concept(id).label, related: nil, memos: memos, csrf: csrf)
        )
      case .link(let id):
        let link = try store.link(id)
        return (
          subject,
          MemoPage(
            back: "/links/\(id)", backLabel: "The link L\(id)", kind: "the link",
            subject: "\(link.cause) → \(link.effect)",
            related: MemoPage.Related(items: [
              MemoPage.Related.Item(href: "/memos/concept/\(link.causeID)", label: "Memos on the cause, \(link.cause)"),
              MemoPage.Related.Item(
                href: "/memos/concept/\(link.effectID)", label: "Memos on the effect, \(link.effect)"),
            ]), memos: memos, csrf: csrf)
        )
      case .document, .code:
        // These have their memos on their own pages.
        return (subject, nil)
      }
    }
    guard let page else { return Pages.redirect(to: Self.memoHome(subject)) }
    return pages.render("memos", title: "Memos on \(page.kind) \(page.subject)", context: page, session: session)
  }

  func addMemo(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let (kind, id) = (context.parameters.get("kind"), context.parameters.get("id"))
    let form = try await Form.read(request, context: context)
    let (subject, memo) = try await store.write { store in
      let subject = try Self.memoSubject(kind, id, in: store)
      let memo = try Self.refusing("The memo was not added", back: Self.memoHome(subject), backLabel: "Back") {
        try store.addMemo(on: subject, title: form["title"] ?? "", text: form["text"] ?? "", actor: researcher.name)
      }
      return (subject, memo)
    }
    return Pages.redirect(to: Self.memoHome(subject, memo: memo))
  }

  // MARK: - Parts

  /// Where an item's memos are shown.
  static func memoHome(_ subject: MemoSubject, memo: MemoID? = nil) -> String {
    switch subject {
    case .document(let id): "/documents/\(id)#memos"
    case .code(let id): "/codebook#code-\(id)"
    case .concept(let id): "/memos/concept/\(id)" + (memo.map { "#m-\($0)" } ?? "")
    case .link(let id): "/memos/link/\(id)" + (memo.map { "#m-\($0)" } ?? "")
    }
  }

  /// Codes as options of a list, in tree order, nested ones indented.
  static func options(_ tree: [CodeEntry], selected: CodeID?) -> [CodeOption] {
    tree.map { code in
      CodeOption(id: code.id, name: code.name, selected: code.id == selected, indent: indent(code.depth))
    }
  }

  /// No-break spaces and a dash before a nested code's name in a list of
  /// options, which cannot nest: the depth is seen, and the dash is heard.
  static func indent(_ depth: Int) -> String {
    depth == 0 ? "" : String(repeating: "\u{00A0}\u{00A0}\u{00A0}", count: depth) + "– "
  }

  static func colours(selected: String?) -> [Colour] {
    var colours = CodeColours.palette.map { Colour(hex: $0.hex, name: $0.name, selected: $0.hex == selected) }
    if let selected, !CodeColours.palette.contains(where: { $0.hex == selected }) {
      colours.insert(Colour(hex: selected, name: "its own colour, \(selected)", selected: true), at: 0)
    }
    return colours
  }

  static func colourName(_ code: CodeEntry) -> String {
    let named = CodeColours.palette.first { $0.hex == code.shownColour }?.name ?? code.shownColour
    return code.colour == nil ? "\(named) (automatic)" : named
  }

  static func descendants(of id: CodeID, in tree: [CodeEntry]) -> Set<CodeID> {
    var found: Set<CodeID> = [id]
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
  static func parent(_ form: Form) throws -> CodeID? {
    guard let text = form.text("parent") else { return nil }
    guard let id = CodeID(number: text) else {
      throw HarkError("no code with id \(text) to be the parent", hint: "Reload the codebook and pick again")
    }
    return id
  }

  /// Runs a change; the store's refusal becomes a page headed `heading`, its
  /// status from the refusal's kind.
  private static func refusing<T>(
    _ heading: String, back: String, backLabel: String = "Back to the codebook", _ change: () throws -> T
  ) throws -> T {
    do { return try change() } catch let error as HarkError {
      throw WebError(
        .init(error.kind), heading: heading, message: Pages.sentence(error), back: back, backLabel: backLabel)
    }
  }

  private static func code(_ id: CodeID?, in tree: [CodeEntry]) throws -> CodeEntry {
    guard let code = tree.first(where: { $0.id == id }) else {
      throw WebError.notFound("code", back: "/codebook", backLabel: "The codebook")
    }
    return code
  }

  /// The item `/memos/:kind/:id` names, if it exists: the id is read as the kind says.
  private static func memoSubject(_ kind: String?, _ id: String?, in store: ProjectStore) throws -> MemoSubject {
    let subject: MemoSubject? =
      switch (kind, id) {
      case ("document", .some(let id)): DocumentID(number: id).map { .document($0) }
      case ("code", .some(let id)): CodeID(number: id).map { .code($0) }
      case ("concept", .some(let id)): ConceptID(number: id).map { .concept($0) }
      case ("link", .some(let id)): LinkID(number: id).map { .link($0) }
      default: nil
      }
    guard let subject, try store.exists(subject) else {
      throw WebError(
        .notFound, heading: "Nothing to write memos on",
        message: "That address names no document, code, concept or link.", back: "/documents", backLabel: "Documents")
    }
    return subject
  }
}
