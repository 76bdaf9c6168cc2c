// The decision log's typed face: subjects and actions read and write the
// exact text stored, a row this version does not know still reads, and a
// detail is written as the same JSON as before.
import Foundation
import GRDB
import HarkTestSupport
import Testing

@testable import HarkStore

@Suite("The decision log's subjects, actions and details")
struct DecisionLogTests {
  @Test("each subject is stored as its kind and id, and reads back as the same subject")
  func subjectRoundTrip() {
    let subjects: [(DecisionSubject, String)] = [
      (.project, "project"), (.link(4), "link:4"), (.concept(12), "concept:12"), (.code(3), "code:3"),
      (.coding(7), "coding:7"), (.document(1), "document:1"), (.researcher(2), "researcher:2"),
      (.panel(5), "panel:5"), (.panelItem(9), "panel-item:9"),
    ]
    for (subject, text) in subjects {
      #expect(subject.rawValue == text)
      #expect("\(subject)" == text)
      #expect(DecisionSubject(rawValue: text) == subject)
    }
    #expect(DecisionSubject(memo: .link(4)) == .link(4))
    #expect(DecisionSubject(memo: .document(2)).rawValue == "document:2")
  }

  @Test("text Hark would not write reads as another subject, kept exactly as stored")
  func unknownSubject() {
    for text in ["survey:3", "link:04", "link:x", "link", "", "panel-item:"] {
      #expect(DecisionSubject(rawValue: text) == .other(text))
      #expect(DecisionSubject(rawValue: text).rawValue == text)
    }
  }

  @Test("each action is stored as the word it always was, and reads back as the same action")
  func actionRoundTrip() {
    #expect(
      DecisionAction.known.map(\.rawValue) == [
        "accept", "reject", "reopen", "create", "edit", "rename", "merge", "unmerge", "split", "remove", "add", "memo",
        "import", "set-polarity", "set-strength", "set-parent", "set-public-address", "turn-polarity",
        "mark-opposite", "add-evidence", "code-by-hand", "add-member", "invite", "revoke-invites", "open", "reword",
      ])
    for action in DecisionAction.known {
      #expect(DecisionAction(rawValue: action.rawValue) == action)
      #expect("\(action)" == action.rawValue)
    }
    #expect(DecisionAction(rawValue: "archive") == .other("archive"))
    #expect(DecisionAction.other("archive").rawValue == "archive")
    #expect(LinkStatus.accepted.action == .accept)
    #expect(LinkStatus.candidate.action == .reopen)
    #expect(CodingStatus.rejected.action == .reject)
  }

  @Test("a row from an older or newer file, with a subject and action this version does not know, still reads")
  func unknownRowReads() throws {
    let store = try ProjectStore.create(
      at: try makeTemporaryFolder("hark-decisions").appendingPathComponent("p.sqlite").path)
    try store.pool.write { db in
      try db.execute(
        sql: "INSERT INTO decision(at, actor, subject, action, detail) VALUES (?, ?, ?, ?, ?)",
        arguments: ["2031-01-02T03:04:05.678Z", "ruth", "survey:3", "archive", #"{"why":"done"}"#])
      try ProjectStore.log(db, actor: "ruth", subject: .link(3), action: .accept, detail: [:])
    }
    let read = try store.decisions()
    #expect(read.map(\.subject) == [.other("survey:3"), .link(3)])
    #expect(read.map(\.action) == [.other("archive"), .accept])
    #expect(
      read.map { "\($0.subject) \($0.action) \($0.detail)" } == [
        #"survey:3 archive {"why":"done"}"#, "link:3 accept {}",
      ])
    #expect(try store.decisions(subject: .other("survey:3")).map(\.id) == [1])
    #expect(try store.decisions(subject: .link(3)).map(\.id) == [2])
  }

  @Test("a detail is written as JSON with sorted keys, ids as bare numbers, nested objects and nulls")
  func detailJSON() throws {
    var detail: DecisionDetail = [
      .from: .string("candidate"), .into: .id(LinkID(3)), .turnedLinks: .ids([LinkID(1), LinkID(2)]),
      .strength: .number(0.4), .polarity: .integer(-1), .parent: .id(nil as CodeID?),
      .name: .object([.from: .string("care"), .to: .string(nil as String?)]),
    ]
    detail[.asOpposite] = .bool(true)
    #expect(
      try detail.json()
        == #"{"as_opposite":true,"from":"candidate","into":3,"name":{"from":"care","to":null},"parent":null,"#
        + #""polarity":-1,"strength":0.4,"turned_links":[1,2]}"#)
    #expect(try ([:] as DecisionDetail).json() == "{}")
  }
}
