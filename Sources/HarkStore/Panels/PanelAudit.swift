// A panel's audit log: every act on it, oldest first, read back from the
// append-only records (items, votes, panel decisions, the decision log).
import Foundation
import GRDB

public struct PanelAuditEntry: Sendable, Equatable {
  public enum Act: String, Sendable, Equatable {
    case create
    case addMember = "add-member"
    case invite
    case revokeInvites = "revoke-invites"
    case open, adopt, reword, vote, close,
      decision, override
  }

  /// ISO 8601 UTC, as stored.
  public var at: String
  /// A researcher's name, or a member's pseudonym for a vote.
  public var who: String
  public var act: Act
  /// The item concerned, if any.
  public var itemID: PanelItemID?
  /// What happened, in a sentence for the page.
  public var detail: String
}

extension ProjectStore {
  public func panelAudit(panel: Panel) throws -> [PanelAuditEntry] {
    try pool.read { db in
      // Acts stored within the same millisecond (closing many items at once)
      // are put in the order they happen: panel acts, openings, votes, then
      // item by item its closing and decision.
      var entries: [(entry: PanelAuditEntry, rank: Int, id: Int64)] = []
      var pseudonyms: [String: String] = [:]
      for member in try PanelMemberRecord.of(panel: panel.id).fetchAll(db) {
        pseudonyms["\(member.id ?? 0)"] = member.pseudonym
      }
      func member(_ value: Any?) -> String { value.flatMap { pseudonyms["\($0)"] } ?? "?" }
      for logged in try Decision.fetchAll(
        db, sql: "SELECT * FROM decision WHERE subject = ? ORDER BY id", arguments: [DecisionSubject.panel(panel.id)])
      {
        guard let act = PanelAuditEntry.Act(rawValue: logged.action.rawValue) else { continue }
        let detail = Self.jsonObject(logged.detail)
        let text: String =
          switch act {
          case .create: "made the panel (rule \(detail["rule"] ?? "?"), quorum \(detail["quorum"] ?? "?"))"
          case .addMember: "added member \(detail["pseudonym"] ?? "?")"
          case .invite: "made a sign-in link for \(member(detail["member"]))"
          default: "cancelled the sign-in links of \(member(detail["member"]))"
          }
        entries.append(
          (PanelAuditEntry(at: logged.at, who: logged.actor, act: act, detail: text), 0, logged.id.rawValue))
      }
      // A rewording sorts among the votes by vote id: after the last vote cast
      // before it (votes get even keys, rewordings odd ones).
      let rewordings = try Self.rewordings(db, panel: panel.id)
      for change in rewordings {
        entries.append(
          (
            PanelAuditEntry(
              at: change.at, who: change.actor, act: .reword, itemID: change.itemID,
              detail: "reworded I\(change.itemID) from “\(change.from)” to “\(change.to)”"), 2,
            change.lastVote.rawValue * 2 + 1
          ))
      }
      var items: [PanelItemID: PanelItem] = [:]
      for labelled in try LabelledItem.fetchAll(
        db, sql: Self.itemColumns + " WHERE i.panel_id = ? ORDER BY i.id", arguments: [panel.id])
      {
        let (item, parsed) = (labelled.item, labelled.panelItem)
        items[parsed.id] = parsed
        // The question the item was opened with: the first rewording's "from".
        let question = rewordings.first { $0.itemID == parsed.id }?.from ?? parsed.question.text
        if let vote = parsed.fromVoteID {
          entries.append(
            (
              PanelAuditEntry(
                at: parsed.openedAt, who: item.openedBy, act: .adopt, itemID: parsed.id,
                detail: "took up the suggestion of vote V\(vote) as I\(parsed.id): \(question)"), 1, parsed.id.rawValue
            ))
        } else {
          entries.append(
            (
              PanelAuditEntry(
                at: parsed.openedAt, who: item.openedBy, act: .open, itemID: parsed.id,
                detail: "opened I\(parsed.id) (link L\(parsed.linkID)): \(question)"), 1, parsed.id.rawValue
            ))
        }
        if let closed = parsed.closedAt {
          entries.append(
            (
              PanelAuditEntry(
                at: closed, who: item.closedBy ?? "unknown", act: .close, itemID: parsed.id,
                detail: "closed voting on I\(parsed.id)"), 3, parsed.id.rawValue
            ))
        }
      }
      for vote in try MemberVote.fetchAll(
        db,
        sql: Self.voteColumns + " JOIN panel_item i ON i.id = v.item_id WHERE i.panel_id = ? ORDER BY v.id",
        arguments: [panel.id]
      ).map(\.panelVote) {
        var text = "voted \(vote.ballot.answer.rawValue) on I\(vote.itemID)"
        if let strength = vote.ballot.strength { text += ", strength \(strength.rawValue)" }
        if let suggestion = vote.ballot.suggestion {
          text += ", suggested \(suggestion.rawValue)"
          if !vote.ballot.suggestionText.isEmpty { text += ": “\(vote.ballot.suggestionText)”" }
        }
        if !vote.ballot.comment.isEmpty { text += "; said: “\(vote.ballot.comment)”" }
        // Once an item has been reworded, each vote says which words it answered.
        if let item = items[vote.itemID], rewordings.contains(where: { $0.itemID == vote.itemID }) {
          text += ", asked “\(item.question(forVote: vote.id, rewordings: rewordings))”"
        }
        entries.append(
          (
            PanelAuditEntry(at: vote.at, who: vote.pseudonym, act: .vote, itemID: vote.itemID, detail: text), 2,
            vote.id.rawValue * 2
          )
        )
      }
      for decision in try PanelDecisionRecord.fetchAll(
        db,
        sql:
          "SELECT d.* FROM panel_decision d JOIN panel_item i ON i.id = d.item_id WHERE i.panel_id = ? ORDER BY d.id",
        arguments: [panel.id]
      ).map(\.decision) {
        let act: PanelAuditEntry.Act = decision.kind == .override ? .override : .decision
        var reason = decision.reason
        if reason.hasPrefix("override: ") { reason.removeFirst("override: ".count) }
        let text =
          decision.kind == .override
          ? "overrode the panel on I\(decision.itemID): \(decision.outcome.rawValue). Reason: \(reason)"
          : "decided I\(decision.itemID) by the panel's rule: \(reason)"
        entries.append(
          (
            PanelAuditEntry(at: decision.at, who: decision.actor, act: act, itemID: decision.itemID, detail: text), 4,
            decision.id.rawValue
          ))
      }
      func key(_ entry: (entry: PanelAuditEntry, rank: Int, id: Int64)) -> (Int, Int64, Int, Int64) {
        entry.rank >= 3 ? (3, entry.entry.itemID?.rawValue ?? 0, entry.rank, entry.id) : (entry.rank, 0, 0, entry.id)
      }
      return entries.sorted { a, b in
        if a.entry.at != b.entry.at { return a.entry.at < b.entry.at }
        return key(a) < key(b)
      }.map(\.entry)
    }
  }

  static func jsonObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
  }
}
