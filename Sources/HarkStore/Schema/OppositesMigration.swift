// v6: opposites stop being a "~" on a label and become a relation between
// concepts. Every concept an earlier Hark keyed "~X" keeps its mentions and
// becomes "not X", the opposite of X (found or made as any label is); its
// links move to X turned round, so "look → (+) ~asking for help" is now
// "look → (−) asking for help": the same claim, the same quotes. A stacked
// "~~X" (an earlier bug added "~" to "~X") meant "~X" and is read so. Panel
// questions about those concepts move with their links. Each change is a
// recorded decision. Concepts already merged away keep their "~x" key, so
// later plugin output with that label still reaches what a researcher
// merged it into.
import Foundation
import GRDB

enum OppositesMigration {
  static let actor = "hark (v6: opposites as a relation between concepts)"

  static func run(_ db: Database) throws {
    try db.execute(sql: "ALTER TABLE concept ADD COLUMN opposite_of INTEGER REFERENCES concept(id)")
    try db.execute(sql: "CREATE INDEX concept_by_opposite ON concept(opposite_of)")
    let marked = try Row.fetchAll(
      db, sql: "SELECT id, label FROM concept WHERE key LIKE '~%' AND merged_into IS NULL ORDER BY id")
    for row in marked {
      let id: ConceptID = row["id"]
      let label: String = row["label"]
      // However many "~" an earlier Hark stacked, it meant one: a stack only
      // came from adding "~" to a label that already had it.
      let plain = String(label.drop(while: { $0 == "~" || $0.isWhitespace }))
      let now = Clock.now()
      let named = try ProjectStore.namedRow(db, label: plain, now: now)
      let (positive, positiveTurned) = try ProjectStore.linkEnd(db, concept: named) ?? (named, false)
      guard positive != id else { continue }
      let isOpposite = !positiveTurned
      let why = "v6: \"\(label)\" was written as the opposite of \"\(plain)\""
      _ = try ProjectStore.moveLinks(db, from: id, to: positive, turned: isOpposite, why: why, actor: actor)
      try ProjectStore.moveItems(db, from: id, to: positive, turned: isOpposite)
      var sameAs: ConceptID? = positive
      if isOpposite {
        sameAs = try ConceptID.fetchOne(
          db, sql: "SELECT id FROM concept WHERE opposite_of = ? AND merged_into IS NULL AND id != ? ORDER BY id",
          arguments: [positive, id])
      }
      if let sameAs {
        try ConceptMentionRecord.move(db, from: id, to: sameAs)
        try db.execute(sql: "UPDATE concept SET merged_into = ? WHERE id = ?", arguments: [sameAs, id])
        try ProjectStore.log(
          db, actor: actor, subject: .concept(id), action: .merge, detail: [.into: .id(sameAs), .from: .string(label)])
      } else {
        try db.execute(
          sql: "UPDATE concept SET opposite_of = ?, label = ? WHERE id = ?",
          arguments: [positive, "not " + plain, id])
        try ProjectStore.log(
          db, actor: actor, subject: .concept(id), action: .markOpposite,
          detail: [.of: .id(positive), .from: .string(label), .to: .string("not " + plain)])
      }
    }
  }
}
