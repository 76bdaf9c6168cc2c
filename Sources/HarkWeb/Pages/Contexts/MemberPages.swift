// What the panel member's templates read: one type per page.
import HarkStore
import HarkTranscripts

extension MemberRoutes {
  /// "join": the button that uses an invite link up.
  struct Join: PageContext {
    let token: String
  }

  /// "member-home": the questions open to the member and what was decided.
  struct Home: PageContext, Sendable {
    struct Item: Sendable {
      let id: PanelItemID
      let question: String
      let state: String
    }
    struct Decision: Sendable {
      let question: String
      let outcome: String
      let tally: String
    }
    let panel: String
    let ruleExplanation: String
    let progress: String
    /// The next question not answered yet, if any.
    let next: String?
    let nextLabel: String
    let hasItems: Bool
    let items: [Item]
    let hasDecisions: Bool
    let decisions: [Decision]
  }

  /// "member-item": one question, its quotes and the member's answer. The
  /// choices are written out in the template (a panel page is read far more
  /// often than it changes); only which ones are ticked comes from here.
  struct Item: PageContext {
    struct Quote {
      let quote: String
      let speaker: String
    }
    let id: PanelItemID
    let question: String
    let progress: String
    let open: Bool
    let csrf: String
    let saved: Bool
    let hasQuotes: Bool
    let quotes: [Quote]
    let suggestionText: String
    let comment: String
    let problem: String?
    let checkedAgree: Bool
    let checkedDisagree: Bool
    let checkedNotSure: Bool
    let checkedALittle: Bool
    let checkedSome: Bool
    let checkedALot: Bool
    let checkedOtherWayRound: Bool
    let checkedOpposite: Bool
    let checkedSayItDifferently: Bool

    init(_ view: MemberItemView, csrf: String, saved: Bool, problem: String?, ballot: Ballot?) {
      id = view.item.id
      question = view.item.question.text
      progress = view.progress.text
      open = view.item.isOpen
      self.csrf = csrf
      self.saved = saved
      hasQuotes = !view.quotes.isEmpty
      quotes = view.quotes.map { Quote(quote: $0.quote, speaker: $0.speaker) }
      suggestionText = ballot?.suggestionText ?? ""
      comment = ballot?.comment ?? ""
      self.problem = problem
      checkedAgree = ballot?.answer == .agree
      checkedDisagree = ballot?.answer == .disagree
      checkedNotSure = ballot?.answer == .notSure
      checkedALittle = ballot?.strength == .aLittle
      checkedSome = ballot?.strength == VoteStrength.some
      checkedALot = ballot?.strength == .aLot
      checkedOtherWayRound = ballot?.suggestion == .otherWayRound
      checkedOpposite = ballot?.suggestion == .opposite
      checkedSayItDifferently = ballot?.suggestion == .sayItDifferently
    }
  }
}
