// The researcher's document pages: the list of documents, a transcript with
// the plugins' suggestions marked in place in their code's colour (accept or
// reject each), coding a quote by hand, making a link from a quote, and the
// document's memos, all with plain forms.
import Foundation
import HarkStore
import HarkTranscripts
import Hummingbird

struct DocumentRoutes: Sendable {
  let store: WebStore
  let pages: Pages

  func add(to router: Router<WebContext>) {
    router.get("/documents", use: list)
    router.get("/documents/:id", use: document)
    router.post("/documents/:id/suggestions/:coding/accept") { request, context in
      try await setStatus(request, context: context, to: .accepted)
    }
    router.post("/documents/:id/suggestions/:coding/reject") { request, context in
      try await setStatus(request, context: context, to: .rejected)
    }
    router.post("/documents/:id/codings", use: codeByHand)
    router.post("/documents/:id/links", use: linkByHand)
  }

  func list(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let documents = try await store.read { try $0.documentSummaries() }.map { document in
      DocumentList.Row(
        id: document.id, title: document.title,
        participants: document.participants.isEmpty ? "none named" : document.participants.joined(separator: ", "),
        words: document.words)
    }
    return pages.render(
      "documents", title: "Documents", context: DocumentList(hasDocuments: !documents.isEmpty, documents: documents),
      session: session)
  }

  func document(_ request: Request, context: WebContext) async throws -> Response {
    let (session, _) = try context.requireResearcher()
    let id = context.id(as: DocumentID.self)
    let read = try await store.read { store in
      let id = try Self.documentID(id, in: store)
      let (title, turns) = try store.documentTurns(id)
      return (
        id: id, title: title, turns: turns, codings: try store.codings(document: id), tree: try store.codeTree(),
        evidence: try store.linkEvidence(document: id), concepts: try store.knownConceptLabels(),
        memos: try store.memos(on: .document(id))
      )
    }
    var byTurn: [TurnID: [CodingRecord]] = [:]
    for coding in read.codings {
      if let turn = read.turns.first(where: { Self.overlaps(coding, $0) }) {
        byTurn[turn.id, default: []].append(coding)
      }
    }
    var evidenceByTurn: [TurnID: [DocumentEvidence]] = [:]
    for evidence in read.evidence {
      if let turn = read.turns.first(where: { evidence.start < $0.end && $0.start < evidence.end }) {
        evidenceByTurn[turn.id, default: []].append(evidence)
      }
    }
    // The legend names the codes marked in this document, in codebook order.
    let shown = Set(read.codings.filter { $0.status != .rejected }.map(\.codeID))
    let page = DocumentPage(
      document: read.id, title: read.title, csrf: session.csrf,
      // A nested code's option shows its depth; its value stays its name.
      codes: read.tree.map {
        DocumentPage.CodeOption(name: $0.name, nested: $0.depth > 0 ? CodebookRoutes.indent($0.depth) : nil)
      },
      legend: read.tree.filter { shown.contains($0.id) }.map { DocumentPage.LegendEntry(id: $0.id, name: $0.name) },
      hasLegend: !shown.isEmpty, concepts: read.concepts.map { DocumentPage.Concept(label: $0) },
      strengths: HandStrength.words.map { DocumentPage.Strength(value: $0.value, label: $0.label) },
      turns: read.turns.map { turn in
        Self.turn(turn, codings: byTurn[turn.id] ?? [], evidence: evidenceByTurn[turn.id] ?? [])
      },
      memos: MemoList(read.memos, action: "/memos/document/\(read.id)", idPart: "document"))
    return pages.render("document", title: read.title, context: page, session: session)
  }

  func setStatus(_ request: Request, context: WebContext, to status: CodingStatus) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let (id, codingID) = (context.id(as: DocumentID.self), context.id("coding", as: CodingID.self))
    let (document, coding) = try await store.write { store in
      let id = try Self.documentID(id, in: store)
      guard let coding = try store.codings(document: id).first(where: { $0.id == codingID && $0.isSuggestion }) else {
        throw WebError.notFound(
          "suggestion", where: "in this document", back: "/documents/\(id)", backLabel: "Back to the document")
      }
      try store.setCodingStatus(coding.id, to: status, actor: researcher.name)
      return (id, coding.id)
    }
    return Pages.redirect(to: "/documents/\(document)#s-\(coding)")
  }

  func codeByHand(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: DocumentID.self)
    let form = try await Form.read(request, context: context)
    let turnID = TurnID(number: form["turn"] ?? "") ?? -1
    let (quote, code) = (form["quote"] ?? "", form.text("new_code") ?? form["code"] ?? "")
    let (document, coding) = try await store.write { store in
      let id = try Self.documentID(id, in: store)
      do {
        let coding = try store.codeQuote(quote, inTurn: turnID, document: id, code: code, actor: researcher.name)
        return (id, coding.id)
      } catch let error as HarkError {
        throw WebError(
          .init(error.kind), heading: "Nothing was coded", message: Pages.sentence(error),
          back: "/documents/\(id)#t-\(turnID)", backLabel: "Back to the turn")
      }
    }
    return Pages.redirect(to: "/documents/\(document)#s-\(coding)")
  }

  func linkByHand(_ request: Request, context: WebContext) async throws -> Response {
    let (_, researcher) = try context.requireResearcher()
    let id = context.id(as: DocumentID.self)
    let form = try await Form.read(request, context: context)
    let turnID = TurnID(number: form["turn"] ?? "") ?? -1
    let (document, evidence) = try await store.write { store in
      let id = try Self.documentID(id, in: store)
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
        return (id, link.evidenceID)
      } catch let error as HarkError {
        throw WebError(
          .init(error.kind), heading: "No link was made", message: Pages.sentence(error),
          back: "/documents/\(id)#t-\(turnID)", backLabel: "Back to the turn")
      }
    }
    return Pages.redirect(to: "/documents/\(document)#e-\(evidence)")
  }

  // MARK: - Parts

  static func evidence(_ evidence: DocumentEvidence) -> DocumentPage.Evidence {
    DocumentPage.Evidence(
      id: evidence.id, link: evidence.linkID, cause: evidence.cause, effect: evidence.effect, quote: evidence.quote,
      status: evidence.linkStatus.rawValue, polarity: evidence.polarity < 0 ? "decreases" : "increases",
      strength: String(format: "%.2f", evidence.strength),
      by: evidence.analysisID == nil ? "linked by hand by \(evidence.createdBy)" : "found by a plugin")
  }

  /// A coding is listed under the first turn it overlaps; a span that
  /// reaches past that turn is marked only as far as the turn goes.
  static func overlaps(_ coding: CodingRecord, _ turn: DocumentTurn) -> Bool {
    coding.start < turn.end && turn.start < coding.end
  }

  static func turn(_ turn: DocumentTurn, codings: [CodingRecord], evidence: [DocumentEvidence]) -> DocumentPage.Turn {
    DocumentPage.Turn(
      id: turn.id, number: turn.number, speaker: turn.speaker, role: turn.role.rawValue,
      pieces: pieces(turn, codings: codings.filter { $0.status != .rejected && $0.end > $0.start }),
      hasCodings: !codings.isEmpty,
      codings: codings.map { coding in
        DocumentPage.Coding(
          id: coding.id, code: coding.code, codeID: coding.codeID, quote: coding.quote, status: coding.status.rawValue,
          suggestion: coding.isSuggestion, createdBy: coding.createdBy,
          explanation: coding.explanation.isEmpty ? "The plugin gave no explanation." : coding.explanation,
          confidence: coding.confidence.map { "\(Int(($0 * 100).rounded()))%" } ?? "not given",
          canAccept: coding.isSuggestion && coding.status != .accepted,
          canReject: coding.isSuggestion && coding.status != .rejected)
      }, hasEvidence: !evidence.isEmpty, evidence: evidence.map(Self.evidence), canLink: turn.role != .interviewer)
  }

  /// The turn's text cut where a coding starts or ends: each piece is plain
  /// or marked with the codes covering it, and carries the codings that end
  /// there (their names follow the mark). The template escapes every piece.
  static func pieces(_ turn: DocumentTurn, codings: [CodingRecord]) -> [DocumentPage.Piece] {
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
    var pieces: [DocumentPage.Piece] = []
    for (lower, upper) in zip(bounds, bounds.dropFirst()) {
      let covering = clipped.filter { $0.1 <= lower && upper <= $0.2 }.map(\.0)
      let ending = clipped.filter { $0.2 == upper }.map(\.0)
      pieces.append(
        DocumentPage.Piece(
          text: CodePoints.slice(scalars, lower, upper), marked: !covering.isEmpty,
          classes: covering.map { "code-\($0.codeID)" }.reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
          }
          .joined(separator: " "),
          ends: ending.map { DocumentPage.End(id: $0.id, code: $0.code) }))
    }
    return pieces
  }

  private static func documentID(_ id: DocumentID?, in store: ProjectStore) throws -> DocumentID {
    guard let id, try store.hasDocument(id) else {
      throw WebError.notFound("document", back: "/documents", backLabel: "All documents")
    }
    return id
  }
}
