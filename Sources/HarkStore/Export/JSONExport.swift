// The JSON export: everything in the project, documented in docs/export-json.md.
// Offsets are code points, half-open; every evidence quote equals
// the document text between start and end.
import Foundation
import GRDB

public enum JSONExport {
  public static let schemaVersion = 1

  public static func make(_ store: ProjectStore, links linkFilter: LinkSelection = .notRejected) throws -> [String: Any]
  {
    let documents = try store.pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT id, title, source_name, format, text, word_count, imported_at FROM document ORDER BY id"
      )
      .map { row -> [String: Any] in
        let id: Int64 = row["id"]
        let turns = try Row.fetchAll(
          db,
          sql: """
            SELECT t.speaker, t.role, t.start, t."end", t.start_time, t.end_time, p.pseudonym
            FROM turn t LEFT JOIN participant p ON p.id = t.participant_id WHERE t.document_id = ? ORDER BY t.ordinal
            """, arguments: [id]
        ).map { t -> [String: Any] in
          [
            "speaker": t["speaker"] as String, "participant": (t["pseudonym"] as String?) ?? NSNull(),
            "role": t["role"] as String, "start": t["start"] as Int, "end": t["end"] as Int,
            "start_time": (t["start_time"] as String?) ?? NSNull(), "end_time": (t["end_time"] as String?) ?? NSNull(),
          ]
        }
        return [
          "id": "D\(id)", "title": row["title"] as String, "source": row["source_name"] as String,
          "format": row["format"] as String, "text": row["text"] as String, "words": row["word_count"] as Int,
          "imported_at": row["imported_at"] as String, "turns": turns,
        ]
      }
    }
    let participants = try store.pool.read { db in
      try Row.fetchAll(db, sql: "SELECT pseudonym, role, group_name, attributes FROM participant ORDER BY pseudonym")
        .map {
          row -> [String: Any] in
          var attributes: [String: String] = [:]
          for pair in ParticipantAttribute.list(stored: row["attributes"]) { attributes[pair.name] = pair.value }
          return [
            "pseudonym": row["pseudonym"] as String, "role": row["role"] as String,
            "group": row["group_name"] as String,
            "attributes": attributes,
          ]
        }
    }
    let codings = try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT g.id, g.document_id, c.name, g.start, g."end", g.confidence, g.explanation, g.status, g.created_by,
            g.created_at
          FROM coding g JOIN code c ON c.id = g.code_id ORDER BY g.document_id, g.start, c.name
          """
      ).map { row -> [String: Any] in
        [
          "id": "G\(row["id"] as Int64)",
          "document": "D\(row["document_id"] as Int64)", "code": row["name"] as String, "start": row["start"] as Int,
          "end": row["end"] as Int, "confidence": (row["confidence"] as Double?) ?? NSNull(),
          "explanation": row["explanation"] as String, "status": row["status"] as String,
          "created_by": row["created_by"] as String, "created_at": row["created_at"] as String,
        ]
      }
    }
    let mentions = Dictionary(grouping: try store.conceptMentions(), by: \.conceptID)
    let concepts = try store.concepts().map { c -> [String: Any] in
      [
        "id": "C\(c.id)", "label": c.label, "mentions": c.mentions, "documents": c.documents, "sources": c.sources,
        "opposite_of": c.oppositeOf.map { "C\($0)" } ?? NSNull(),
        "found": (mentions[c.id] ?? []).map { m -> [String: Any] in
          [
            "document": "D\(m.documentID)", "start": m.start, "end": m.end, "quote": m.quote,
            "participant": m.participant ?? NSNull(), "confidence": m.confidence, "explanation": m.explanation,
            "proposed_by": m.proposedBy ?? NSNull(),
          ]
        },
      ]
    }
    let scores = try store.scores().map { s -> [String: Any] in
      [
        "document": "D\(s.documentID)", "name": s.name, "start": s.start, "end": s.end, "value": s.value,
        "explanation": s.explanation, "proposed_by": s.proposedBy,
      ]
    }
    let spans = try store.evidenceSpans()
    let evidence = Dictionary(grouping: try store.evidence(), by: \.linkID)
    let links = try store.links().filter { linkFilter.includes($0.status) }.map { l -> [String: Any] in
      [
        "id": "L\(l.id)", "cause": "C\(l.causeID)", "cause_label": l.cause, "effect": "C\(l.effectID)",
        "effect_label": l.effect,
        "polarity": l.polarity, "strength": l.strength, "weight": l.weight, "status": l.status.rawValue,
        "citation_count": l.citations,
        "source_count": l.sources,
        "evidence": (evidence[l.id] ?? []).map { e -> [String: Any] in
          [
            "document": "D\(e.documentID)", "start": e.start, "end": e.end, "quote": e.quote,
            "participant": e.participant ?? NSNull(), "group": e.group ?? NSNull(), "polarity": e.polarity,
            "strength": e.strength, "confidence": e.confidence, "explanation": e.explanation,
            "proposed_by": e.createdBy,
            "cause_start": spans[e.id]?.cause?.lowerBound ?? NSNull(),
            "cause_end": spans[e.id]?.cause?.upperBound ?? NSNull(),
            "effect_start": spans[e.id]?.effect?.lowerBound ?? NSNull(),
            "effect_end": spans[e.id]?.effect?.upperBound ?? NSNull(),
          ]
        },
      ]
    }
    let decisions = try store.decisions().map { d -> [String: Any] in
      ["at": d.at, "actor": d.actor, "subject": d.subject, "action": d.action, "detail": d.detail]
    }
    return [
      "hark_export": schemaVersion, "offsets": "unicode code points, half-open [start, end)",
      "documents": documents, "participants": participants, "codings": codings, "scores": scores,
      "concepts": concepts, "links": links,
      "decisions": decisions, "panels": try panels(store),
    ]
  }

  /// Every panel with its items, every vote ever cast (changes and comments
  /// included) and every decision. Members appear by pseudonym only.
  static func panels(_ store: ProjectStore) throws -> [[String: Any]] {
    try store.panels().map { panel -> [String: Any] in
      let decisions = Dictionary(grouping: try store.panelDecisions(panel: panel), by: \.itemID)
      let rewordings = try store.rewordings(panel: panel)
      let items = try store.items(panel: panel).map { item -> [String: Any] in
        [
          "id": "I\(item.id)", "link": "L\(item.linkID)", "question": item.question.text, "open": item.isOpen,
          "generated_question": item.question.generated,
          "rewordings": rewordings.filter { $0.itemID == item.id }.map { change -> [String: Any] in
            ["from": change.from, "to": change.to, "at": change.at, "actor": change.actor]
          },
          "votes": try store.voteHistory(item: item.id).map { vote -> [String: Any] in
            [
              "id": "V\(vote.id)", "member": vote.pseudonym, "answer": vote.ballot.answer.rawValue,
              "strength": vote.ballot.strength?.rawValue ?? NSNull(),
              "suggestion": vote.ballot.suggestion?.rawValue ?? NSNull(),
              "suggestion_text": vote.ballot.suggestionText, "comment": vote.ballot.comment, "at": vote.at,
              "question": item.question(forVote: vote.id, rewordings: rewordings),
            ]
          },
          "decisions": (decisions[item.id] ?? []).map { decision -> [String: Any] in
            [
              "kind": decision.kind.rawValue, "outcome": decision.outcome.rawValue, "reason": decision.reason,
              "agree": decision.tally.agree, "disagree": decision.tally.disagree, "not_sure": decision.tally.notSure,
              "at": decision.at, "actor": decision.actor,
            ]
          },
        ]
      }
      return ["name": panel.name, "rule": panel.rule.description, "quorum": panel.quorum, "items": items]
    }
  }

  public static func write(_ store: ProjectStore, to path: String, links: LinkSelection = .notRejected) throws {
    let data = try JSONSerialization.data(
      withJSONObject: try make(store, links: links), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}

/// Which links an export carries.
public enum LinkSelection: String, Sendable, CaseIterable {
  case accepted
  case notRejected = "not-rejected"
  case all

  public func includes(_ status: LinkStatus) -> Bool {
    switch self {
    case .accepted: status == .accepted
    case .notRejected: status != .rejected
    case .all: true
    }
  }
}
