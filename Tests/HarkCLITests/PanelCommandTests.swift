// `hark panels` and `hark users` as a researcher runs them: panels, members and
// their sign-in links, items opened and closed, overrides and suggestions.
import Foundation
import HarkPanels
import Testing

@testable import HarkStore

@Suite("Panel and user commands")
struct PanelCommandTests {
  func project() throws -> (URL, String) { try KnownProject.make() }

  @discardableResult
  func hark(_ arguments: [String], _ folder: URL, _ path: String, input: String? = nil) throws -> Output {
    try Hark.run(arguments + ["--project", path], in: folder, input: input)
  }

  /// Times vary from run to run; tests compare the rest exactly.
  func withoutTimes(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z"#, with: "<time>", options: .regularExpression)
  }

  @Test("panel create prints the rule and quorum; list shows the panels")
  func createAndList() throws {
    let (folder, path) = try project()
    #expect(
      try hark(["panels", "list"], folder, path).stdout == "No panels yet: create one with `hark panels create NAME`.\n"
    )
    #expect(
      try hark(["panels", "create", "carers"], folder, path).stdout
        == "Created panel carers (rule unanimous, quorum 1).\n")
    let youth = try hark(["panels", "create", "youth", "--rule", "threshold:0.75", "--quorum", "3"], folder, path)
    #expect(youth.stdout == "Created panel youth (rule threshold:0.75, quorum 3).\n")
    #expect(
      try hark(["panels", "list"], folder, path).stdout == """
        panel                rule             quorum  members  open  closed
        carers               unanimous        1       0        0     0
        youth                threshold:0.75   3       0        0     0

        """)
  }

  @Test("panel create refuses an unknown rule, a zero quorum and a name already used")
  func createRefusals() throws {
    let (folder, path) = try project()
    let rule = try hark(["panels", "create", "carers", "--rule", "consensus"], folder, path)
    #expect(rule.status == 1)
    #expect(rule.stderr == "Error: panel rule: unknown rule \"consensus\". Use unanimous, majority or threshold:0.75\n")
    let quorum = try hark(["panels", "create", "carers", "--quorum", "0"], folder, path)
    #expect(
      quorum.stderr
        == "Error: panel carers: the quorum must be at least 1, got 0. Give the number of votes an item needs before it can be decided\n"
    )
    try hark(["panels", "create", "carers"], folder, path)
    let again = try hark(["panels", "create", "Carers"], folder, path)
    #expect(again.stderr == "Error: there is already a panel called Carers. Choose another name\n")
  }

  @Test("add-member prints a one-time sign-in link that signs the member in once")
  func addMember() throws {
    let (folder, path) = try project()
    try hark(["panels", "create", "carers"], folder, path)
    let result = try hark(
      ["panels", "add-member", "carers", "Jo Bloggs", "--pseudonym", "Robin", "--base-url", "https://hark.example/"],
      folder, path)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0] == "Added Jo Bloggs to carers as Robin.")
    #expect(lines[1].hasPrefix("Sign-in link for Robin in carers (works once, until "))
    #expect(lines[1].hasSuffix(" UTC):"))
    let link = lines[2]
    #expect(link.hasPrefix("https://hark.example/join/"))
    let token = String(link.dropFirst("https://hark.example/join/".count))
    #expect(token.count == 43)
    let store = try ProjectStore(path: path)
    let (_, member) = try store.redeemInvite(token: token)
    #expect(member == store.identity(of: try store.member(panel: try store.panel(named: "carers"), named: "Robin")))
    #expect(throws: InviteRefusal.used) { try store.redeemInvite(token: token) }
  }

  @Test("the default link is on 127.0.0.1:8080 and lasts 14 days unless --expires-in says otherwise")
  func inviteExpiry() throws {
    let (folder, path) = try project()
    try hark(["panels", "create", "carers"], folder, path)
    let before = Date()
    let result = try hark(["panels", "add-member", "carers", "Jo"], folder, path)
    #expect(result.stdout.contains("\nhttp://127.0.0.1:8080/join/"))
    #expect(result.stdout.hasPrefix("Added Jo to carers as Member 1.\n"))
    let store = try ProjectStore(path: path)
    let expiry = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT expires_at FROM panel_invite") }
    let days = try #require(expiry.flatMap(Timestamp.date)).timeIntervalSince(before) / 86400
    #expect(days > 13.99 && days < 14.01)
    let short = try hark(["panels", "invite", "carers", "Jo", "--expires-in", "36h"], folder, path)
    #expect(short.stdout.hasPrefix("Sign-in link for Member 1 in carers (works once, until "))
    let expiries = try store.pool.read { db in
      try String.fetchAll(db, sql: "SELECT expires_at FROM panel_invite ORDER BY id")
    }
    let hours = try #require(Timestamp.date(expiries[1])).timeIntervalSince(before) / 3600
    #expect(hours > 35.9 && hours < 36.1)
  }

  @Test("add-member refuses a bad --expires-in, an unknown panel and a member already there, adding nobody")
  func addMemberRefusals() throws {
    let (folder, path) = try project()
    try hark(["panels", "create", "carers"], folder, path)
    let bad = try hark(["panels", "add-member", "carers", "Jo", "--expires-in", "soon"], folder, path)
    #expect(bad.stderr == "Error: \"soon\" is not a length of time. Write it as 14d, 36h or 90m\n")
    let store = try ProjectStore(path: path)
    #expect(try store.members(panel: try store.panel(named: "carers")).isEmpty)
    let panel = try hark(["panels", "add-member", "elders", "Jo"], folder, path)
    #expect(panel.stderr == "Error: no panel called elders. Run `hark panels list` to see the panels\n")
    try hark(["panels", "add-member", "carers", "Jo"], folder, path)
    let again = try hark(["panels", "add-member", "carers", "Jo"], folder, path)
    #expect(
      again.stderr
        == "Error: panel carers: Jo is already a member. To send a new sign-in link use `hark panels invite carers \"Jo\"`\n"
    )
  }

  @Test("revoke-invite cancels a member's unused links, which then sign nobody in")
  func revoke() throws {
    let (folder, path) = try project()
    try hark(["panels", "create", "carers"], folder, path)
    let added = try hark(["panels", "add-member", "carers", "Jo"], folder, path)
    let token = String(added.stdout.split(separator: "\n")[2].split(separator: "/").last!)
    #expect(
      try hark(["panels", "revoke-invite", "carers", "Member 1"], folder, path).stdout
        == "Cancelled 1 sign-in link and ended 0 sessions for Member 1 in carers.\n")
    #expect(throws: InviteRefusal.revoked) { try ProjectStore(path: path).redeemInvite(token: token) }
    #expect(
      try hark(["panels", "revoke-invite", "carers", "Jo"], folder, path).stdout
        == "Member 1 has no unused sign-in links and is not signed in.\n")
    let nobody = try hark(["panels", "revoke-invite", "carers", "Kim"], folder, path)
    #expect(
      nobody.stderr == "Error: panel carers: no member called Kim. Run `hark panels show carers` to see its members\n")
  }

  /// A panel of two with links L1 and L2 open and some votes cast.
  func reviewing() throws -> (URL, String, ProjectStore, [MemberIdentity]) {
    let (folder, path) = try project()
    try hark(["panels", "create", "carers", "--quorum", "2"], folder, path)
    try hark(["panels", "add-member", "carers", "Jo Bloggs"], folder, path)
    try hark(["panels", "add-member", "carers", "Sam Smith", "--pseudonym", "Robin"], folder, path)
    let opened = try hark(["panels", "open", "carers", "L1", "L2"], folder, path)
    #expect(
      opened.stdout == """
        Opened 2 items for carers:
          I1  L1  Does the peer group make people less alone?
          I2  L2  Does the waiting list lead to more anxiety?

        """)
    let store = try ProjectStore(path: path)
    let panel = try store.panel(named: "carers")
    let members = try store.members(panel: panel).map { store.identity(of: $0) }
    return (folder, path, store, members)
  }

  @Test("open prints each item's question; close decides by the rule and prints why")
  func openAndClose() throws {
    let (folder, path, store, members) = try reviewing()
    try store.castVote(as: members[0], item: 1, ballot: Ballot(.agree))
    try store.castVote(as: members[1], item: 1, ballot: Ballot(.agree))
    try store.castVote(as: members[0], item: 2, ballot: Ballot(.agree))
    let closed = try hark(["panels", "close", "carers"], folder, path)
    #expect(
      closed.stdout == """
        I1  accepted: all 2 votes agree (unanimous)
            L1 goes on the map
        I2  no decision: quorum not reached (1 vote cast, 2 needed)

        """)
    #expect(try store.link(1).status == .accepted)
    #expect(try store.link(2).status == .candidate)
    let shown = try hark(["panels", "show", "carers"], folder, path).stdout
    #expect(shown.contains("\n  I2  L2  no decision: 1 agree, 0 disagree, 0 not sure\n"))
  }

  @Test("open refuses no links, two ways of choosing at once, and a link already open")
  func openRefusals() throws {
    let (folder, path, _, _) = try reviewing()
    let none = try hark(["panels", "open", "carers"], folder, path)
    #expect(none.status != 0)
    #expect(
      none.stderr.hasPrefix(
        "Error: Name links (L4 L7), or give --all-accepted or --all-candidates: one of the three.\n"))
    let both = try hark(["panels", "open", "carers", "L3", "--all-candidates"], folder, path)
    #expect(
      both.stderr.hasPrefix(
        "Error: Name links (L4 L7), or give --all-accepted or --all-candidates: one of the three.\n"))
    let again = try hark(["panels", "open", "carers", "L3", "L1"], folder, path)
    #expect(
      again.stderr
        == "Error: panel carers: link L1 is already open for review as I1. Close it first with `hark panels close carers I1`\n"
    )
    let rest = try hark(["panels", "open", "carers", "--all-candidates"], folder, path)
    #expect(rest.stdout == "Opened 1 item for carers:\n  I3  L3  Does the peer group lead to more hope?\n")
  }

  @Test("close refuses an item id that is not one and an item already closed")
  func closeRefusals() throws {
    let (folder, path, _, _) = try reviewing()
    let bad = try hark(["panels", "close", "carers", "X1"], folder, path)
    #expect(bad.stderr == "Error: \"X1\" is not an item id. Write it as I12 (see `hark panels show PANEL`)\n")
    try hark(["panels", "close", "carers", "I1"], folder, path)
    let twice = try hark(["panels", "close", "carers", "I1"], folder, path)
    #expect(twice.stderr == "Error: panel carers: item I1 is already closed\n")
  }

  @Test("show lists members with progress, items with tallies, decisions, suggestions and agreement")
  func show() throws {
    let (folder, path, store, members) = try reviewing()
    try store.castVote(as: members[0], item: 1, ballot: Ballot(.agree))
    try store.castVote(as: members[1], item: 1, ballot: Ballot(.agree))
    try store.castVote(
      as: members[1], item: 2,
      ballot: Ballot(.disagree, suggestion: .otherWayRound, suggestionText: "anxiety comes first"))
    try store.castVote(as: members[0], item: 2, ballot: Ballot(.notSure))
    try hark(["panels", "close", "carers", "I1"], folder, path)
    let result = try hark(["panels", "show", "carers"], folder, path)
    #expect(
      withoutTimes(result.stdout) == """
        carers: rule unanimous, quorum 2
        \(PanelRule.unanimous.explanation)

        Members (real names are for researchers only):
          Member 1       Jo Bloggs            1 of 1 done
          Robin          Sam Smith            1 of 1 done

        Items:
          I1  L1  accepted: 2 agree, 0 disagree, 0 not sure
              Does the peer group make people less alone?
          I2  L2  open: 0 agree, 1 disagree, 1 not sure
              Does the waiting list lead to more anxiety?

        Decisions:
          I1  <time>  tester  accepted: all 2 votes agree (unanimous)

        Suggestions (take one up with `hark panels adopt-suggestion V…`):
          V3  I2  Robin  other-way-round: “anxiety comes first”

        Agreement: 50.0% of pairs agree; Krippendorff's alpha (nominal) 0.400; 2 items, 4 votes

        """)
  }

  @Test("show lists what members said under each vote, comments from votes changed since included")
  func showComments() throws {
    let (folder, path, store, members) = try reviewing()
    try store.castVote(as: members[1], item: 1, ballot: Ballot(.notSure, comment: "The group was too far away"))
    try store.castVote(as: members[1], item: 1, ballot: Ballot(.agree, comment: "Once I got there it helped"))
    try store.castVote(as: members[0], item: 2, ballot: Ballot(.agree, comment: "  "))
    let result = try hark(["panels", "show", "carers"], folder, path)
    let lines = withoutTimes(result.stdout).components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "What members said (\"Anything else you want to say?\"):"))
    #expect(
      Array(lines[start..<start + 4]) == [
        "What members said (\"Anything else you want to say?\"):",
        "  V1  I1  Robin  <time>  “The group was too far away”",
        "  V2  I1  Robin  <time>  “Once I got there it helped”",
        "",
      ])
  }

  @Test("override needs a closed item and a reason, and is shown as an override")
  func override() throws {
    let (folder, path, store, members) = try reviewing()
    try store.castVote(as: members[0], item: 1, ballot: Ballot(.agree))
    let open = try hark(["panels", "override", "I1", "--decision", "rejected", "--reason", "duplicate"], folder, path)
    #expect(
      open.stderr
        == "Error: item I1: voting on I1 is still open. Close it first (`hark panels close PANEL I1`), then override the panel's decision if you must\n"
    )
    try hark(["panels", "close", "carers", "I1"], folder, path)
    let bad = try hark(["panels", "override", "I1", "--decision", "maybe", "--reason", "x"], folder, path)
    #expect(bad.stderr.hasPrefix("Error: --decision must be accepted or rejected\n"))
    let blank = try hark(["panels", "override", "I1", "--decision", "accepted", "--reason", " "], folder, path)
    #expect(
      blank.stderr
        == "Error: item I1: an override needs a reason. Say why with --reason \"…\"; it is kept with the decision\n")
    let made = try hark(["panels", "override", "I1", "--decision", "accepted", "--reason", "Jo was ill"], folder, path)
    #expect(made.stdout == "I1  accepted by tester: override: Jo was ill\n    L1 goes on the map\n")
    #expect(try store.link(1).status == .accepted)
    let shown = try hark(["panels", "show", "carers"], folder, path)
    #expect(shown.stdout.contains("  I1  L1  accepted (override): 1 agree, 0 disagree, 0 not sure\n"))
    #expect(
      withoutTimes(shown.stdout).contains(
        "  I1  <time>  tester  no decision: quorum not reached (1 vote cast, 2 needed)\n  I1  <time>  tester  override: Jo was ill\n"
      ))
  }

  @Test("adopt-suggestion opens the suggested claim as a new item, once")
  func adopt() throws {
    let (folder, path, store, members) = try reviewing()
    let vote = try store.castVote(as: members[1], item: 2, ballot: Ballot(.disagree, suggestion: .otherWayRound))
    let plain = try store.castVote(as: members[0], item: 2, ballot: Ballot(.agree))
    let result = try hark(["panels", "adopt-suggestion", "V\(vote.id)"], folder, path)
    #expect(result.stdout == "Opened I3 from V\(vote.id): Does anxiety make the waiting list more likely?\n")
    let twice = try hark(["panels", "adopt-suggestion", "V\(vote.id)"], folder, path)
    #expect(twice.stderr == "Error: the suggestion of vote V\(vote.id) was already taken up as I3\n")
    let none = try hark(["panels", "adopt-suggestion", "\(plain.id)"], folder, path)
    #expect(
      none.stderr == "Error: vote V\(plain.id) makes no suggestion. Only votes with a suggestion can be taken up\n")
    let bad = try hark(["panels", "adopt-suggestion", "I1"], folder, path)
    #expect(bad.stderr == "Error: \"I1\" is not a vote id. Write it as V12 (see `hark panels show PANEL`)\n")
  }

  @Test("reword puts an open item's question in the researcher's words; show and the audit carry it")
  func reword() throws {
    let (folder, path, store, members) = try reviewing()
    try store.castVote(as: members[0], item: 2, ballot: Ballot(.agree))
    let result = try hark(["panels", "reword", "I2", "Does waiting for help make you more anxious?"], folder, path)
    #expect(
      result.stdout == """
        I2  reworded by tester
          was: Does the waiting list lead to more anxiety?
          now: Does waiting for help make you more anxious?

        """)
    let shown = try hark(["panels", "show", "carers"], folder, path)
    #expect(
      shown.stdout.contains(
        "  I2  L2  open: 1 agree, 0 disagree, 0 not sure\n      Does waiting for help make you more anxious?\n"))
    let audit = try store.panelAudit(panel: try store.panel(named: "carers")).map(\.detail)
    #expect(
      audit.contains(
        "reworded I2 from “Does the waiting list lead to more anxiety?” to “Does waiting for help make you more anxious?”"
      ))
    #expect(audit.contains("voted agree on I2, asked “Does the waiting list lead to more anxiety?”"))
    let empty = try hark(["panels", "reword", "I2", "  "], folder, path)
    #expect(empty.stderr == "Error: item I2: the new wording is empty. Give the question as members should read it\n")
    let long = try hark(["panels", "reword", "I2", String(repeating: "x", count: 301)], folder, path)
    #expect(
      long.stderr
        == "Error: item I2: the new wording is 301 characters long; at most 300 fit. Ask one short question a member can answer yes or no\n"
    )
    let unknown = try hark(["panels", "reword", "I9", "Is it so?"], folder, path)
    #expect(unknown.stderr == "Error: no review item I9. Run `hark panels show PANEL` to see a panel's items\n")
    try hark(["panels", "close", "carers", "I1"], folder, path)
    let closed = try hark(["panels", "reword", "I1", "Is it so?"], folder, path)
    #expect(
      closed.stderr
        == "Error: item I1: voting on I1 has closed, so its question stays as it was decided. Open the link again (`hark panels open PANEL L1`) and reword the new item\n"
    )
  }

  @Test("user add reads the password from standard input and stores only a scrypt hash")
  func userAdd() throws {
    let (folder, path) = try project()
    let result = try hark(["users", "add", "amina", "--password-stdin"], folder, path, input: "a long passphrase\n")
    #expect(result.stdout == "Added researcher amina.\n", "\(result.stderr)")
    let store = try ProjectStore(path: path)
    #expect(try store.checkPassword(name: "amina", password: "a long passphrase")?.name == "amina")
    let hash = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM researcher") }
    #expect(hash?.hasPrefix("scrypt$131072$8$1$") == true)
    #expect(try hark(["users", "list"], folder, path).stdout.hasPrefix("amina                added 20"))
  }

  /// `hark users add` on a pseudo-terminal (util-linux `script`), typing `lines`.
  func onTerminal(_ name: String, typing lines: [String], _ folder: URL, _ path: String) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", "\(Hark.executable) user add \(name) --project \(path)", "/dev/null"]
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["HARK_USER"] = "tester"
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
  }

  @Test("user add on a terminal asks twice without echo and adds the researcher when both match")
  func userAddPrompt() throws {
    let (folder, path) = try project()
    let result = try onTerminal("grace", typing: ["a long passphrase", "a long passphrase"], folder, path)
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("Password for grace: "))
    #expect(result.stdout.contains("The same again: "))
    #expect(result.stdout.hasSuffix("Added researcher grace.\r\n"))
    #expect(try ProjectStore(path: path).checkPassword(name: "grace", password: "a long passphrase")?.name == "grace")
  }

  @Test("user add on a terminal refuses two passwords that differ, adding nobody")
  func userAddPromptMismatch() throws {
    let (folder, path) = try project()
    let result = try onTerminal("grace", typing: ["a long passphrase", "a long passphrasf"], folder, path)
    #expect(result.status == 1)
    #expect(result.stdout.hasSuffix("Error: researcher grace: the two passwords differ. Run the command again\r\n"))
    #expect(try ProjectStore(path: path).researchers().isEmpty)
  }

  @Test("user add refuses a short password, an empty input, a name already used and no terminal to ask on")
  func userAddRefusals() throws {
    let (folder, path) = try project()
    #expect(
      try hark(["users", "list"], folder, path).stdout == "No researchers yet: add one with `hark users add NAME`.\n")
    let short = try hark(["users", "add", "amina", "--password-stdin"], folder, path, input: "short\n")
    #expect(
      short.stderr
        == "Error: researcher amina: the password is too short (5 characters). Use at least 10 characters; a few unrelated words are easy to remember\n"
    )
    let empty = try hark(["users", "add", "amina", "--password-stdin"], folder, path, input: "")
    #expect(
      empty.stderr
        == "Error: researcher amina: no password on standard input. Pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | hark users add amina --password-stdin\n"
    )
    let noTerminal = try hark(["users", "add", "amina"], folder, path)
    #expect(
      noTerminal.stderr
        == "Error: researcher amina: no terminal to ask for a password. Run it in a terminal, or pass the password with --password-stdin\n"
    )
    try hark(["users", "add", "amina", "--password-stdin"], folder, path, input: "a long passphrase\n")
    let again = try hark(["users", "add", "amina", "--password-stdin"], folder, path, input: "another long one\n")
    #expect(again.stderr == "Error: there is already a researcher called amina. Choose another name\n")
  }
}
