// A project with known links and quotes, for the panel and account tests.
import Foundation
import GRDB
import HarkPanels
import HarkTestSupport

@testable import HarkStore

enum PanelFixture {
  /// Three links with quotes from two participants:
  /// L1 peer group → (+) less alone, L2 waiting list → (+) anxiety, L3 being listened to → (+) trust in services.
  static func project() throws -> ProjectStore {
    var first = Findings()
    first.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, span: 26..<67,
        explanation: "x"),
      LinkFinding(
        cause: "waiting list", effect: "anxiety", polarity: 1, strength: 0.8, confidence: 0.8, span: 68..<107,
        explanation: "y"),
    ]
    var second = Findings()
    second.links = [
      LinkFinding(
        cause: "being listened to", effect: "trust in services", polarity: 1, strength: 0.6, confidence: 0.8,
        span: 26..<75, explanation: "z")
    ]
    return try InterviewProject.make(
      in: try makeTemporaryFolder("hark-panel"),
      [
        .init(
          "Amina", "The peer group helped me feel less alone. The waiting list made my anxiety worse.", findings: first),
        .init("Grace", "Being listened to helped me trust services again.", findings: second),
      ])
  }

  /// A panel with members named A, B, C… (pseudonyms Member 1, 2, 3…).
  static func panel(
    _ store: ProjectStore, name: String = "carers", rule: PanelRule = .unanimous, quorum: Int = 1, members: Int = 3
  ) throws -> (Panel, [MemberIdentity]) {
    let panel = try store.createPanel(name: name, rule: rule, quorum: quorum, actor: testActor)
    var identities: [MemberIdentity] = []
    for i in 0..<members {
      let member = try store.addMember(panel: panel, name: "\(name)-\(i + 1)", actor: testActor)
      identities.append(store.identity(of: member))
    }
    return (panel, identities)
  }

  static func count(_ store: ProjectStore, _ sql: String) throws -> Int {
    try store.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
  }
}
