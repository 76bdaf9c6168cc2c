// What the codebook and memo templates read.
import HarkStore
import HarkTranscripts

extension CodebookRoutes {
  /// A code offered as a parent, nested ones indented.
  struct CodeOption: Sendable {
    let id: CodeID
    let name: String
    let selected: Bool
    let indent: String
  }

  /// A colour offered for a code.
  struct Colour: Sendable {
    let hex: String
    let name: String
    let selected: Bool
  }

  /// "codebook": the tree of codes as nested lists, and the form that adds one.
  struct Codebook: PageContext {
    /// One end of a nested list: the template writes the closing tags once per element.
    struct Close {}
    struct Code {
      let id: CodeID
      let name: String
      let colourName: String
      let codingsText: String
      /// Starts the list of its parent's children.
      let opens: Bool
      /// Ends the code before it.
      let closeItem: Bool
      /// Ends deeper lists before it.
      let closes: [Close]
      let memoCount: Int
      let hasMemos: Bool
      let memoAction: String
      let memoFor: String
      let memos: [Memo]
      let description: String?

      init(
        id: CodeID, name: String, colourName: String, codingsText: String, opens: Bool, closeItem: Bool,
        closes: [Close], memoCount: Int, memos: MemoList, description: String?
      ) {
        self.id = id
        self.name = name
        self.colourName = colourName
        self.codingsText = codingsText
        self.opens = opens
        self.closeItem = closeItem
        self.closes = closes
        self.memoCount = memoCount
        hasMemos = memos.hasMemos
        memoAction = memos.memoAction
        memoFor = memos.memoFor
        self.memos = memos.memos
        self.description = description
      }
    }
    let csrf: String
    let hasCodes: Bool
    let parents: [CodeOption]
    let autoColour: Bool
    let colours: [Colour]
    let codes: [Code]
    let endCloses: [Close]
  }

  /// "code-edit": one code's form.
  struct CodeEdit: PageContext {
    let csrf: String
    let id: CodeID
    let name: String
    let description: String
    let parents: [CodeOption]
    let autoColour: Bool
    let colours: [Colour]
  }

  /// "memos": a concept's or a link's memos on their own page.
  struct MemoPage: PageContext, Sendable {
    struct Related: Sendable {
      struct Item: Sendable {
        let href: String
        let label: String
      }
      let items: [Item]
    }
    let back: String
    let backLabel: String
    let kind: String
    let subject: String
    /// Links to the memos of a link's cause and effect.
    let related: Related?
    let hasMemos: Bool
    let memoAction: String
    let memoFor: String
    let memos: [Memo]
    let csrf: String

    init(
      back: String, backLabel: String, kind: String, subject: String, related: Related?, memos: MemoList, csrf: String
    ) {
      self.back = back
      self.backLabel = backLabel
      self.kind = kind
      self.subject = subject
      self.related = related
      hasMemos = memos.hasMemos
      memoAction = memos.memoAction
      memoFor = memos.memoFor
      self.memos = memos.memos
      self.csrf = csrf
    }
  }
}
