import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("v6 migration: \"~\" concepts become opposites")
struct OppositesMigrationTests {
  /// A project as Hark wrote it before v6: "~asking for help" and a stacked
  /// "~~eating properly" as concepts of their own, with links, an accepted
  /// link, a panel question and a "~trust" a researcher merged into "mistrust".
  static func oldProject() throws -> String {
    let path = try makeTemporaryFolder("hark-panel").appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v5: concept hierarchy")
    let said = "It made me not want to ask anyone for help. I didn't eat properly because of the bus fares."
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO participant(id, pseudonym, role, group_name) VALUES (1, 'Jade', 'participant', 'young adults');
          INSERT INTO document(id, title, source_name, source_sha256, format, text, scalar_count, word_count,
            imported_at, imported_by) VALUES (1, 'Jade', 'jade.txt', 'x', 'txt', ?, ?, 19, 't', 'ruth');
          INSERT INTO turn(document_id, ordinal, speaker, participant_id, role, start, "end")
            VALUES (1, 0, 'Jade', 1, 'participant', 0, ?);
          INSERT INTO concept(id, label, key, created_at) VALUES
            (1, 'look', 'look', 't'), (2, '~asking for help', '~asking for help', 't'), (3, 'worker', 'worker', 't'),
            (4, 'bus fares', 'bus fare', 't'), (5, '~~eating properly', '~~eating properly', 't'),
            (6, 'mistrust', 'mistrust', 't');
          INSERT INTO concept(id, label, key, merged_into, created_at) VALUES (7, '~trust', '~trust', 6, 't');
          INSERT INTO concept_mention(concept_id, document_id, participant_id, start, "end", confidence)
            VALUES (2, 1, 1, 11, 42, 0.8);
          INSERT INTO link(id, cause_id, effect_id, status, created_at) VALUES
            (1, 1, 2, 'candidate', 't'), (2, 2, 3, 'accepted', 't'), (3, 4, 5, 'candidate', 't');
          INSERT INTO evidence(link_id, document_id, participant_id, start, "end", polarity, strength, confidence,
            created_by, created_at) VALUES
            (1, 1, 1, 0, 43, 1, 0.6, 0.8, 'plugin:x@1', 't'), (2, 1, 1, 0, 43, 1, 0.6, 0.8, 'plugin:x@1', 't'),
            (3, 1, 1, 44, 91, 1, 0.6, 0.8, 'plugin:x@1', 't');
          INSERT INTO panel(id, name, rule, quorum, created_at, created_by) VALUES (1, 'young adults', 'majority', 1, 't', 'ruth');
          INSERT INTO panel_item(panel_id, link_id, cause_id, effect_id, polarity, opened_at, opened_by)
            VALUES (1, 1, 1, 2, 1, 't', 'ruth');
          """, arguments: [said, said.unicodeScalars.count, said.unicodeScalars.count])
    }
    try queue.close()
    return path
  }

  @Test(
    "\"~X\" becomes \"not X\", the opposite of X; its links move to X turned round; a stacked \"~~X\" is read as \"~X\""
  )
  func migratesOpposites() throws {
    let store = try ProjectStore(path: try Self.oldProject())
    #expect(try store.appliedMigrations().contains("v6: opposites as a relation between concepts"))
    #expect(
      try OppositeFixture.claims(store) == [
        "look → (−) asking for help: It made me not want to ask anyone for help.",
        "asking for help → (−) worker: It made me not want to ask anyone for help.",
        "bus fares → (−) eating properly: I didn't eat properly because of the bus fares.",
      ])
    let opposite = try store.concept(2)
    #expect(opposite.label == "not asking for help")
    #expect(opposite.mentions == 1)
    let positive = try OppositeFixture.concept(store, "asking for help")
    #expect(opposite.oppositeOf == positive.id)
    #expect(try store.concept(5).oppositeOf == (try OppositeFixture.concept(store, "eating properly")).id)
    #expect(try store.concept(5).label == "not eating properly")
    #expect(try store.concept(7).mergedInto == 6)
    #expect(try store.link(2).status == .accepted)
    let panel = try #require(try store.panels().first)
    #expect(try store.items(panel: panel).map(\.question.text) == ["Does look make asking for help less likely?"])
    #expect(try store.concepts(includeMerged: false).allSatisfy { !$0.label.hasPrefix("~") })
    #expect(
      try store.decisions().map { "\($0.subject) \($0.action)" } == [
        "link:1 turn-polarity", "link:2 turn-polarity", "concept:2 mark-opposite", "link:3 turn-polarity",
        "concept:5 mark-opposite",
      ])
    // The synonym file's "~asking for help" still names the same opposite.
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.concepts = [
      ConceptFinding(label: "~asking for help", span: 11..<42, confidence: 0.8, explanation: "")
    ]
    try store.writeAnalysis(
      AnalysisRecord(
        documentID: 1, pluginID: "org.test.themes", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    #expect(try store.concept(2).mentions == 2)
  }
}
