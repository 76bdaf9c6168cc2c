// The researcher's document pages: the list of documents, a transcript with
// the plugins' suggestions marked in place in their code's colour (accept or
// reject each), coding a quote by hand, making a link from a quote, and the
// document's memos, all with plain forms.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct DocumentRoutes: Sendable {
  let store: ProjectStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/documents", use: list)
    router.get("/documents/:id", use: document)
    router.post("/documents/:id/suggestions/:coding/accept") { request, context in
      try setStatus(request, context: context, to: "accepted")
    }
    router.post("/documents/:id/suggestions/:coding/reject") { request, context in
      try setStatus(request, context: context, to: "rejected")
    }
    router.post("/documents/:id/codings", use: codeByHand)
    router.post("/documents/:id/links", use: linkByHand)
  }

  func list(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let documents = try store.documentSummaries().map { document -> [String: Any] in
      [
        "id": document.id, "title": document.title,
        "participants": document.participants.isEmpty ? "none named" : document.participants.joined(separator: ", "),
        "words": document.words,
      ]
    }
    return pages.render(
      "documents", title: "Documents", values: ["hasDocuments": !documents.isEmpty, "documents": documents],
      session: session)
  }

  func document(_ request: Request, context: WebContext) throws -> Response {
    let (session, _) = try pages.requireResearcher(context)
    let id = try documentID(context, session: session)
    let (title, turns) = try store.documentTurns(id)
    let codings = try store.codings(document: id)
    let tree = try store.codeTree()
    var byTurn: [Int64: [CodingRecord]] = [:]
    for coding in codings {
      if let turn = turns.first(where: { Self.overlaps(coding, $0) }) { byTurn[turn.id, default: []].append(coding) }
    }
    var evidenceByTurn: [Int64: [DocumentEvidence]] = [:]
    for evidence in try store.linkEvidence(document: id) {
      if let turn = turns.first(where: { evidence.start < $0.end && $0.start < evidence.end }) {
        evidenceByTurn[turn.id, default: []].append(evidence)
      }
    }
    // The legend names the codes marked in this document, in codebook order.
    let shown = Set(codings.filter { $0.status != "rejected" }.map(\.codeID))
    var values: [String: Any] = [
      "document": id, "title": title, "csrf": session.csrf,
      "codes": tree.map { code -> [String: Any] in
        // A nested code's option shows its depth; its value stays its name.
        var option: [String: Any] = ["name": code.name]
        if code.depth > 0 { option["nested"] = CodebookRoutes.indent(code.depth) }
        return option
      },
      "legend": tree.filter { shown.contains($0.id) }.map { ["id": $0.id, "name": $0.name] },
      "hasLegend": !shown.isEmpty,
      "concepts": try store.knownConceptLabels().map { ["label": $0] },
      "strengths": HandStrength.words.map { ["value": $0.value, "label": $0.label] },
      "turns": turns.map { turn in
        var values = Self.turnValues(turn, codings: byTurn[turn.id] ?? [])
        let evidence = evidenceByTurn[turn.id] ?? []
        values["hasEvidence"] = !evidence.isEmpty
        values["evidence"] = evidence.map(Self.evidenceValues)
        values["canLink"] = turn.role != "interviewer"
        return values
      },
    ]
    values.merge(
      CodebookRoutes.memoValues(try store.memos(on: .document(id)), action: "/memos/document/\(id)", idPart: "document")
    ) { _, new in new }
    return pages.render("document", title: title, values: values, session: session)
  }

  func setStatus(_ request: Request, context: WebContext, to status: String) throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let id = try documentID(context, session: session)
    let codingID = Int64(context.parameters.get("coding") ?? "")
    guard let coding = try store.codings(document: id).first(where: { $0.id == codingID && $0.isSuggestion }) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "No such suggestion", message: "That address names no suggestion in this document.",
          session: session, back: "/documents/\(id)", backLabel: "Back to the document"))
    }
    try store.setCodingStatus(coding.id, to: status, actor: researcher.name)
    return Pages.redirect(to: "/documents/\(id)#s-\(coding.id)")
  }

  func codeByHand(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let id = try documentID(context, session: session)
    let form = try await Form.read(request, context: context)
    let turnID = Int64(form["turn"] ?? "") ?? -1
    let back = "/documents/\(id)#t-\(turnID)"
    do {
      let coding = try store.codeQuote(
        form["quote"] ?? "", inTurn: turnID, document: id, code: form.text("new_code") ?? form["code"] ?? "",
        actor: researcher.name)
      return Pages.redirect(to: "/documents/\(id)#s-\(coding.id)")
    } catch let error as HarkError {
      return pages.problem(
        .badRequest, heading: "Nothing was coded", message: Pages.sentence(error), session: session, back: back,
        backLabel: "Back to the turn")
    }
  }

  func linkByHand(_ request: Request, context: WebContext) async throws -> Response {
    let (session, researcher) = try pages.requireResearcher(context)
    let id = try documentID(context, session: session)
    let form = try await Form.read(request, context: context)
    let turnID = Int64(form["turn"] ?? "") ?? -1
    do {
      let polarity =
        switch form["polarity"] {
        case "increases": 1
        case "decreases": -1
        default:
          throw HarkError(
            "say whether the cause increases or decreases the effect", hint: "Pick one of the two and send it again")
        }
      let strength = try HandStrength.parse(form.text("strength_number") ?? form["strength"] ?? "")
      let link = try store.linkFromQuote(
        form["quote"] ?? "", inTurn: turnID, document: id, cause: form["cause"] ?? "", effect: form["effect"] ?? "",
        polarity: polarity, strength: strength, actor: researcher.name)
      return Pages.redirect(to: "/documents/\(id)#e-\(link.evidenceID)")
    } catch let error as HarkError {
      return pages.problem(
        .badRequest, heading: "No link was made", message: Pages.sentence(error), session: session,
        back: "/documents/\(id)#t-\(turnID)", backLabel: "Back to the turn")
    }
  }

  // MARK: - Parts

  static func evidenceValues(_ evidence: DocumentEvidence) -> [String: Any] {
    [
      "id": evidence.id, "link": evidence.linkID, "cause": evidence.cause, "effect": evidence.effect,
      "quote": evidence.quote, "status": evidence.linkStatus,
      "polarity": evidence.polarity < 0 ? "decreases" : "increases",
      "strength": String(format: "%.2f", evidence.strength),
      "by": evidence.analysisID == nil ? "linked by hand by \(evidence.createdBy)" : "found by a plugin",
    ]
  }

  /// A coding is listed under the first turn it overlaps; a span that
  /// reaches past that turn is marked only as far as the turn goes.
  static func overlaps(_ coding: CodingRecord, _ turn: DocumentTurn) -> Bool {
    coding.start < turn.end && turn.start < coding.end
  }

  static func turnValues(_ turn: DocumentTurn, codings: [CodingRecord]) -> [String: Any] {
    [
      "id": turn.id, "number": turn.number, "speaker": turn.speaker, "role": turn.role,
      "pieces": pieces(turn, codings: codings.filter { $0.status != "rejected" && $0.end > $0.start }),
      "hasCodings": !codings.isEmpty,
      "codings": codings.map { coding -> [String: Any] in
        var values: [String: Any] = [
          "id": coding.id, "code": coding.code, "codeID": coding.codeID, "quote": coding.quote,
          "status": coding.status, "suggestion": coding.isSuggestion, "createdBy": coding.createdBy,
          "explanation": coding.explanation.isEmpty ? "The plugin gave no explanation." : coding.explanation,
          "confidence": coding.confidence.map { "\(Int(($0 * 100).rounded()))%" } ?? "not given",
        ]
        values["canAccept"] = coding.isSuggestion && coding.status != "accepted"
        values["canReject"] = coding.isSuggestion && coding.status != "rejected"
        return values
      },
    ]
  }

  /// The turn's text cut where a coding starts or ends: each piece is plain
  /// or marked with the codes covering it, and carries the codings that end
  /// there (their names follow the mark). The template escapes every piece.
  static func pieces(_ turn: DocumentTurn, codings: [CodingRecord]) -> [[String: Any]] {
    let scalars = Array(turn.text.unicodeScalars)
    let clipped = codings.map { coding in
      (coding, max(0, coding.start - turn.start), min(scalars.count, coding.end - turn.start))
    }
    var cuts = Set([0, scalars.count])
    for (_, start, end) in clipped {
      cuts.insert(start)
      cuts.insert(end)
    }
    let bounds = cuts.sorted()
    var pieces: [[String: Any]] = []
    for (lower, upper) in zip(bounds, bounds.dropFirst()) {
      let covering = clipped.filter { $0.1 <= lower && upper <= $0.2 }.map(\.0)
      let ending = clipped.filter { $0.2 == upper }.map(\.0)
      pieces.append([
        "text": CodePoints.slice(scalars, lower, upper), "marked": !covering.isEmpty,
        "classes": covering.map { "code-\($0.codeID)" }.reduce(into: [String]()) {
          if !$0.contains($1) { $0.append($1) }
        }
        .joined(separator: " "),
        "ends": ending.map { ["id": $0.id, "code": $0.code] },
      ])
    }
    return pieces
  }

  private func documentID(_ context: WebContext, session: SignedIn) throws -> Int64 {
    let id = Int64(context.parameters.get("id") ?? "")
    guard let id, try store.hasDocument(id) else {
      throw PageError(
        pages.problem(
          .notFound, heading: "No such document", message: "That address names no document.", session: session,
          back: "/documents", backLabel: "All documents"))
    }
    return id
  }
}
