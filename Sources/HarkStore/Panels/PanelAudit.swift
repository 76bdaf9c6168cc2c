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
  public var itemID: Int64?
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
      for row in try Row.fetchAll(
        db, sql: "SELECT id, pseudonym FROM panel_member WHERE panel_id = ?", arguments: [panel.id])
      {
        pseudonyms["\(row["id"] as Int64)"] = row["pseudonym"]
      }
      func member(_ value: Any?) -> String { value.flatMap { pseudonyms["\($0)"] } ?? "?" }
      for row in try Row.fetchAll(
        db, sql: "SELECT * FROM decision WHERE subject = ? ORDER BY id", arguments: ["panel:\(panel.id)"])
      {
        guard let act = PanelAuditEntry.Act(rawValue: row["action"]) else { continue }
        let detail = Self.jsonObject(row["detail"])
        let text: String =
          switch act {
          case .create: "made the panel (rule \(detail["rule"] ?? "?"), quorum \(detail["quorum"] ?? "?"))"
          case .addMember: "added member \(detail["pseudonym"] ?? "?")"
          case .invite: "made a sign-in link for \(member(detail["member"]))"
          default: "cancelled the sign-in links of \(member(detail["member"]))"
          }
        entries.append((PanelAuditEntry(at: row["at"], who: row["actor"], act: act, detail: text), 0, row["id"]))
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
            change.lastVote * 2 + 1
          ))
      }
      var items: [Int64: PanelItem] = [:]
      for item in try Row.fetchAll(
        db, sql: Self.itemColumns + " WHERE i.panel_id = ? ORDER BY i.id", arguments: [panel.id])
      {
        let parsed = Self.item(from: item)
        items[parsed.id] = parsed
        // The question the item was opened with: the first rewording's "from".
        let question = rewordings.first { $0.itemID == parsed.id }?.from ?? parsed.question.text
        if let vote = parsed.fromVoteID {
          entries.append(
            (
              PanelAuditEntry(
                at: parsed.openedAt, who: item["opened_by"], act: .adopt, itemID: parsed.id,
                detail: "took up the suggestion of vote V\(vote) as I\(parsed.id): \(question)"), 1, parsed.id
            ))
        } else {
          entries.append(
            (
              PanelAuditEntry(
                at: parsed.openedAt, who: item["opened_by"], act: .open, itemID: parsed.id,
                detail: "opened I\(parsed.id) (link L\(parsed.linkID)): \(question)"), 1, parsed.id
            ))
        }
        if let closed = parsed.closedAt {
          entries.append(
            (
              PanelAuditEntry(
                at: closed, who: item["closed_by"] ?? "unknown", act: .close, itemID: parsed.id,
                detail: "closed voting on I\(parsed.id)"), 3, parsed.id
            ))
        }
      }
      for row in try Row.fetchAll(
        db,
        sql: Self.voteColumns + " JOIN panel_item i ON i.id = v.item_id WHERE i.panel_id = ? ORDER BY v.id",
        arguments: [panel.id])
      {
        let vote = Self.vote(from: row)
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
            vote.id * 2
          )
        )
      }
      for row in try Row.fetchAll(
        db,
        sql:
          "SELECT d.* FROM panel_decision d JOIN panel_item i ON i.id = d.item_id WHERE i.panel_id = ? ORDER BY d.id",
        arguments: [panel.id])
      {
        let decision = Self.decision(from: row)
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
            decision.id
          ))
      }
      func key(_ entry: (entry: PanelAuditEntry, rank: Int, id: Int64)) -> (Int, Int64, Int, Int64) {
        entry.rank >= 3 ? (3, entry.entry.itemID ?? 0, entry.rank, entry.id) : (entry.rank, 0, 0, entry.id)
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
