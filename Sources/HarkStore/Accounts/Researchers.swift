// Researcher accounts: a name and a scrypt password hash.
import Foundation
import GRDB
import HarkAccounts
import HarkTranscripts

public struct Researcher: Sendable, Equatable, Codable {
  public var id: ResearcherID
  public var name: String
  public var createdAt: String
}

extension ProjectStore {
  /// Passwords shorter than this are refused: with a slow hash and a sign-in
  /// limit, length is what a researcher can add to make guessing hopeless.
  public static let minimumPasswordLength = 10

  public func addResearcher(
    name: String, password: String, cost: PasswordHashCost = .standard, actor: String
  ) throws -> Researcher {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
      throw HarkError(
        "a researcher name must be one word, got \"\(name)\"", hint: "Use a short name such as amina or a.khan")
    }
    guard password.count >= Self.minimumPasswordLength else {
      throw HarkError(
        "the password is too short (\(password.count) characters)", subject: "researcher \(name)",
        hint: "Use at least \(Self.minimumPasswordLength) characters; a few unrelated words are easy to remember")
    }
    let hash = try PasswordHash.make(password, cost: cost)
    return try pool.write { db in
      if try ResearcherRecord.named(name).fetchCount(db) > 0 {
        throw HarkError("there is already a researcher called \(name)", hint: "Choose another name", kind: .conflict)
      }
      var record = ResearcherRecord(name: name, passwordHash: hash, createdAt: Clock.now(), createdBy: actor)
      try record.insert(db)
      let researcher = record.researcher
      try Self.log(db, actor: actor, subject: .researcher(researcher.id), action: .add, detail: [.name: .string(name)])
      return researcher
    }
  }

  public func researchers() throws -> [Researcher] {
    try pool.read { db in
      try ResearcherRecord.order(Column(ResearcherRecord.CodingKeys.name)).fetchAll(db).map(\.researcher)
    }
  }

  /// The researcher when the name and password match, else nil: the same
  /// answer, after the same work, whether the name or the password was wrong,
  /// so sign-in does not reveal which names exist.
  public func checkPassword(name: String, password: String) throws -> Researcher? {
    let found = try pool.read { db in try ResearcherRecord.named(name).fetchOne(db) }
    guard let found else {
      _ = PasswordHash.verify(password, against: Self.unknownNameHash)
      return nil
    }
    guard PasswordHash.verify(password, against: found.passwordHash) else { return nil }
    return found.researcher
  }

  /// Checked against when the name is unknown, so that path costs what a real check costs.
  static let unknownNameHash = (try? PasswordHash.make(Secrets.token())) ?? ""
}
