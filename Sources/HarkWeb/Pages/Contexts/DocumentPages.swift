// What the document templates read: the list of documents and one
// transcript with its codings, link evidence and memos.
import HarkStore
import HarkTranscripts

/// The "memo-list" partial's values: an item's memos and the form that adds one.
struct MemoList: Sendable {
  let hasMemos: Bool
  /// Where the form posts a new memo.
  let memoAction: String
  /// Makes the form's element ids unique on a page with several lists.
  let memoFor: String
  let memos: [Memo]

  init(_ memos: [Memo], action: String, idPart: String) {
    hasMemos = !memos.isEmpty
    memoAction = action
    memoFor = idPart
    self.memos = memos
  }
}

extension DocumentRoutes {
  /// "documents": every document.
  struct DocumentList: PageContext {
    struct Row {
      let id: DocumentID
      let title: String
      let participants: String
      let words: Int
    }
    let hasDocuments: Bool
    let documents: [Row]
  }

  /// "document": a transcript, turn by turn, with what is coded and linked in it.
  struct DocumentPage: PageContext {
    struct CodeOption {
      let name: String
      /// The indent before a nested code's name.
      let nested: String?
    }
    struct LegendEntry {
      let id: CodeID
      let name: String
    }
    struct Concept {
      let label: String
    }
    struct Strength {
      let value: String
      let label: String
    }
    struct Turn {
      let id: TurnID
      let number: Int
      let speaker: String
      let role: String
      let pieces: [Piece]
      let hasCodings: Bool
      let codings: [Coding]
      let hasEvidence: Bool
      let evidence: [Evidence]
      let canLink: Bool
    }
    /// A run of a turn's text, marked with the codes covering it or plain.
    struct Piece {
      let text: String
      let marked: Bool
      let classes: String
      /// The codings that end here: their names follow the mark.
      let ends: [End]
    }
    struct End {
      let id: CodingID
      let code: String
    }
    struct Coding {
      let id: CodingID
      let code: String
      let codeID: CodeID
      let quote: String
      let status: String
      let suggestion: Bool
      let createdBy: String
      let explanation: String
      let confidence: String
      let canAccept: Bool
      let canReject: Bool
    }
    struct Evidence {
      let id: EvidenceID
      let link: LinkID
      let cause: String
      let effect: String
      let quote: String
      let status: String
      let polarity: String
      let strength: String
      let by: String
    }
    let document: DocumentID
    let title: String
    let csrf: String
    let codes: [CodeOption]
    let legend: [LegendEntry]
    let hasLegend: Bool
    let concepts: [Concept]
    let strengths: [Strength]
    let turns: [Turn]
    let hasMemos: Bool
    let memoAction: String
    let memoFor: String
    let memos: [Memo]

    init(
      document: DocumentID, title: String, csrf: String, codes: [CodeOption], legend: [LegendEntry], hasLegend: Bool,
      concepts: [Concept], strengths: [Strength], turns: [Turn], memos: MemoList
    ) {
      self.document = document
      self.title = title
      self.csrf = csrf
      self.codes = codes
      self.legend = legend
      self.hasLegend = hasLegend
      self.concepts = concepts
      self.strengths = strengths
      self.turns = turns
      hasMemos = memos.hasMemos
      memoAction = memos.memoAction
      memoFor = memos.memoFor
      self.memos = memos.memos
    }
  }
}
