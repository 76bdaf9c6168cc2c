// The shared interview project with a panel, two links with quotes (one quote holds a <script>
// tag) and a researcher account, for the web tests.
import Foundation
import HTTPTypes
import HarkAccounts
import HarkTestSupport
import HarkTranscripts
import Hummingbird
import HummingbirdTesting

@testable import HarkStore
@testable import HarkWeb

struct WebFixture {
  let store: ProjectStore
  let panel: Panel
  let members: [PanelMember]

  static let password = "correct horse battery staple"

  static func make(members count: Int = 2, extraLinks: Int = 0) throws -> WebFixture {
    let said = "The peer group helped me feel less alone. <script>alert(1)</script> made my anxiety worse."
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, span: 26..<67,
        explanation: "x"),
      LinkFinding(
        cause: "<script>alert(2)</script>", effect: "anxiety", polarity: 1, strength: 0.8, confidence: 0.8,
        span: 68..<26 + said.utf8.count, explanation: "y"),
    ]
    for k in 0..<extraLinks {
      findings.links.append(
        LinkFinding(
          cause: "cause \(k)", effect: "effect \(k)", polarity: 1, strength: 0.5, confidence: 0.8, span: 26..<67,
          explanation: "z"))
    }
    // Interview 1: Ruth asks "What helped?" and Amina says `said`; run R1 found the links.
    let store = try InterviewProject.make(
      in: try makeTemporaryFolder("hark-web"), [InterviewProject.Interview("Amina", said, findings: findings)])
    _ = try store.addResearcher(
      name: "ruth", password: password, cost: PasswordHashCost(rounds: 1 << 10, blockSize: 8, parallelism: 1),
      actor: testActor)
    let panel = try store.createPanel(name: "Carers' panel", rule: .unanimous, quorum: 1, actor: testActor)
    var members: [PanelMember] = []
    for i in 1...count {
      members.append(try store.addMember(panel: panel, name: "Member \(i) real name", actor: testActor))
    }
    return WebFixture(store: store, panel: panel, members: members)
  }

  func app(gate: SignInGate = SignInGate()) throws -> some ApplicationProtocol {
    Application(router: try WebServer.router(store: store, baseURL: "http://127.0.0.1:8080", gate: gate))
  }
}

/// A browser's part in a test: keeps the session cookie and reads CSRF
/// tokens out of pages, as a browser submitting a form would send them.
struct Browser {
  var cookie: String?

  func headers(form: Bool = false) -> HTTPFields {
    var fields = HTTPFields()
    if let cookie { fields[.cookie] = cookie }
    if form { fields[.contentType] = "application/x-www-form-urlencoded" }
    return fields
  }

  mutating func keepCookie(_ response: TestResponse) {
    guard let set = response.headers[.setCookie] else { return }
    let pair = String(set.split(separator: ";")[0])
    cookie = pair.hasSuffix("=") ? nil : pair
  }

  static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

  /// The value of the first hidden `csrf` field in a page.
  static func csrf(in page: String) -> String? {
    guard let range = page.range(of: #"name="csrf" value=""#) else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  static func form(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
      .joined(separator: "&")
    return ByteBuffer(string: body)
  }
}
