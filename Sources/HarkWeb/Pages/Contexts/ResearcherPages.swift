// What the researcher's panel templates read: one type per page, each
// property named as the template's tag.
import HarkStore

extension ResearcherRoutes {
  /// "researcher-home": the panels.
  struct Home: PageContext, Sendable {
    struct Panel: Sendable {
      let id: PanelID
      let name: String
      let rule: String
      let members: Int
      let open: Int
    }
    let hasPanels: Bool
    let panels: [Panel]
  }

  /// "sign-in": the name sent last time and why it did not sign in.
  struct SignInForm: PageContext, Sendable {
    let name: String?
    let problem: String?
  }

  /// "researcher-panel": one panel with its questions, members, suggestions and comments.
  struct PanelPage: PageContext, Sendable {
    struct Row: Sendable {
      let id: PanelItemID
      let question: String
      let agree: Int
      let disagree: Int
      let notSure: Int
      let state: String
      let open: Bool
      let panel: PanelID
      let decision: String
    }
    struct OpenItem: Sendable {
      let id: PanelItemID
      let question: String
      let panel: PanelID
      let csrf: String
      let votes: String
    }
    struct ClosedItem: Sendable {
      let id: PanelItemID
      let question: String
      let panel: PanelID
      let csrf: String
    }
    struct Member: Sendable {
      let id: PanelMemberID
      let name: String
      let pseudonym: String
      let panel: PanelID
      let csrf: String
    }
    struct Suggestion: Sendable {
      let vote: PanelVoteID
      let item: PanelItemID
      let who: String
      let kind: String
      let question: String
      let panel: PanelID
      let csrf: String
      /// The question made from it, once taken up.
      let takenUp: PanelItemID?
    }
    struct Comment: Sendable {
      let item: PanelItemID
      let who: String
      let comment: String
      let at: String
    }
    let id: PanelID
    let name: String
    let rule: String
    let quorum: Int
    let ruleExplanation: String
    let agreement: String
    let hasItems: Bool
    let items: [Row]
    let members: [Member]
    let csrf: String
    let canOpen: Bool
    let canClose: Bool
    let openItems: [OpenItem]
    let hasClosed: Bool
    let closed: [ClosedItem]
    let hasSuggestions: Bool
    let suggestions: [Suggestion]
    let hasComments: Bool
    let comments: [Comment]
  }

  /// "panel-audit": the panel's log, newest last.
  struct Audit: PageContext, Sendable {
    struct Entry: Sendable {
      let at: String
      let when: String
      let who: String
      let act: String
      let detail: String
    }
    let id: PanelID
    let name: String
    let hasEntries: Bool
    let entries: [Entry]
  }

  /// "invite": a member's new one-time sign-in link.
  struct Invite: PageContext, Sendable {
    let name: String
    let pseudonym: String
    let link: String
    let expires: String
    let panel: PanelID
    let loopbackOnly: Bool
  }
}
