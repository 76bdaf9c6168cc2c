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
      try DocumentRecord.inImportOrder().fetchAll(db).map { document -> [String: Any] in
        let turns = try SpokenTurn.fetchAll(
          db,
          sql: """
            SELECT t.*, p.pseudonym
            FROM turn t LEFT JOIN participant p ON p.id = t.participant_id WHERE t.document_id = ? ORDER BY t.ordinal
            """, arguments: [document.id]
        ).map { spoken -> [String: Any] in
          let t = spoken.turn
          return [
            "speaker": t.speaker, "participant": spoken.pseudonym ?? NSNull(), "role": t.role.rawValue,
            "start": t.start, "end": t.end, "start_time": t.startTime ?? NSNull(), "end_time": t.endTime ?? NSNull(),
          ]
        }
        return [
          "id": "D\(document.id)", "title": document.title, "source": document.sourceName, "format": document.format,
          "text": document.text, "words": document.wordCount, "imported_at": document.importedAt, "turns": turns,
        ]
      }
    }
    let participants = try store.pool.read { db in
      try ParticipantTableRecord.order(Column(ParticipantTableRecord.CodingKeys.pseudonym)).fetchAll(db).map {
        participant -> [String: Any] in
        var attributes: [String: String] = [:]
        for pair in ParticipantAttribute.list(stored: participant.attributes) { attributes[pair.name] = pair.value }
        return [
          "pseudonym": participant.pseudonym, "role": participant.role.rawValue, "group": participant.groupName,
          "attributes": attributes,
        ]
      }
    }
    let codings = try store.pool.read { db in
      try NamedCoding.fetchAll(
        db,
        sql: """
          SELECT g.*, c.name FROM coding g JOIN code c ON c.id = g.code_id ORDER BY g.document_id, g.start, c.name
          """
      ).map { named -> [String: Any] in
        let g = named.coding
        return [
          "id": "G\(g.id)", F.document: "D\(g.documentID)", F.code: named.name, F.start: g.start, F.end: g.end,
          F.confidence: g.confidence ?? NSNull(), F.explanation: g.explanation, "status": g.status.rawValue,
          "created_by": g.createdBy, "created_at": g.createdAt,
        ]
      }
    }
    let mentions = Dictionary(grouping: try store.conceptMentions(), by: \.conceptID)
    let concepts = try store.concepts().map { c -> [String: Any] in
      [
        "id": "C\(c.id)", F.label: c.label, "mentions": c.mentions, "documents": c.documents, "sources": c.sources,
        "opposite_of": c.oppositeOf.map { "C\($0)" } ?? NSNull(),
        "found": (mentions[c.id] ?? []).map { m -> [String: Any] in
          [
            F.document: "D\(m.documentID)", F.start: m.start, F.end: m.end, F.quote: m.quote,
            "participant": m.participant ?? NSNull(), F.confidence: m.confidence, F.explanation: m.explanation,
            "proposed_by": m.proposedBy ?? NSNull(),
          ]
        },
      ]
    }
    let scores = try store.scores().map { s -> [String: Any] in
      [
        F.document: "D\(s.documentID)", F.name: s.name, F.start: s.start, F.end: s.end, F.value: s.value,
        F.explanation: s.explanation, "proposed_by": s.proposedBy,
      ]
    }
    let spans = try store.evidenceSpans()
    let evidence = Dictionary(grouping: try store.evidence(), by: \.linkID)
    let links = try store.links().filter { linkFilter.includes($0.status) }.map { l -> [String: Any] in
      [
        "id": "L\(l.id)", F.cause: "C\(l.causeID)", "cause_label": l.cause, F.effect: "C\(l.effectID)",
        "effect_label": l.effect,
        F.polarity: l.polarity, F.strength: l.strength, "weight": l.weight, "status": l.status.rawValue,
        "citation_count": l.citations,
        "source_count": l.sources,
        "evidence": (evidence[l.id] ?? []).map { e -> [String: Any] in
          var row: [String: Any] = [
            F.document: "D\(e.documentID)", F.start: e.start, F.end: e.end, F.quote: e.quote,
            "participant": e.participant ?? NSNull(), "group": e.group ?? NSNull(), F.polarity: e.polarity,
            F.strength: e.strength, F.confidence: e.confidence, F.explanation: e.explanation,
            "proposed_by": e.createdBy,
          ]
          // Built apart: in the literal above, these made type checking too slow.
          let part = spans[e.id]
          let bounds = [
            (F.causeStart, part?.cause?.lowerBound), (F.causeEnd, part?.cause?.upperBound),
            (F.effectStart, part?.effect?.lowerBound), (F.effectEnd, part?.effect?.upperBound),
          ]
          for (key, bound) in bounds {
            if let bound { row[key] = bound } else { row[key] = NSNull() }
          }
          return row
        },
      ]
    }
    let decisions = try store.decisions().map { d -> [String: Any] in
      ["at": d.at, "actor": d.actor, "subject": d.subject.rawValue, "action": d.action.rawValue, "detail": d.detail]
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

/// The result fields' names (`ResultField`), as the dictionary keys the export
/// is built from: the fields it shares with `hark plugins run` are spelled
/// once, there.
private enum F {
  static let document = ResultField.key(ResultField.document)
  static let code = ResultField.key(ResultField.code)
  static let label = ResultField.key(ResultField.label)
  static let name = ResultField.key(ResultField.name)
  static let value = ResultField.key(ResultField.value)
  static let cause = ResultField.key(ResultField.cause)
  static let effect = ResultField.key(ResultField.effect)
  static let polarity = ResultField.key(ResultField.polarity)
  static let strength = ResultField.key(ResultField.strength)
  static let confidence = ResultField.key(ResultField.confidence)
  static let explanation = ResultField.key(ResultField.explanation)
  static let start = ResultField.key(ResultField.start)
  static let end = ResultField.key(ResultField.end)
  static let quote = ResultField.key(ResultField.quote)
  static let causeStart = ResultField.key(ResultField.causeStart)
  static let causeEnd = ResultField.key(ResultField.causeEnd)
  static let effectStart = ResultField.key(ResultField.effectStart)
  static let effectEnd = ResultField.key(ResultField.effectEnd)
}

/// A turn with the pseudonym of its participant, when the list names them.
private struct SpokenTurn: Decodable, FetchableRecord {
  var turn: TurnRecord
  var pseudonym: String?
}

/// A coding with its code's name.
private struct NamedCoding: Decodable, FetchableRecord {
  var coding: CodingTableRecord
  var name: String
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
