// The codebook as researchers keep it: codes in a tree (parent_id) with a
// description and a colour, added and edited by hand. Each change appends a
// decision row naming the researcher, in the same transaction.
import Foundation
import GRDB
import HarkTranscripts

/// One code of the codebook, with where it sits in the tree.
public struct CodeEntry: Sendable, Equatable {
  public var id: CodeID
  public var name: String
  public var parentID: CodeID?
  public var description: String
  /// "#RRGGBB" as stored, or nil when the code has none.
  public var colour: String?
  /// 0 for a top-level code, 1 for its children, and so on.
  public var depth: Int
  /// Codings with this code that are not rejected.
  public var codings: Int

  /// The colour the code is shown in: its own, else one from the palette
  /// picked by its id, so a code keeps its colour from page to page.
  public var shownColour: String { colour ?? CodeColours.fallback(for: id) }
}

/// The colours a researcher picks from, and the text colour that reads on each.
public enum CodeColours {
  /// Light colours, each named so a form can offer them in words.
  public static let palette: [(name: String, hex: String)] = [
    ("yellow", "#FFE066"), ("orange", "#FFB570"), ("rose", "#FF9AA2"), ("pink", "#F7A8D8"),
    ("lavender", "#CDB4F6"), ("sky blue", "#9CC9FF"), ("teal", "#7FDBD4"), ("green", "#A8E6A1"),
    ("lime", "#D4F08A"), ("sand", "#E8D3A9"), ("grey", "#D0D0D0"), ("tan", "#D9B38C"),
  ]

  public static func fallback(for code: CodeID) -> String {
    let id = code.rawValue
    return palette[Int((id - 1) % Int64(palette.count) + Int64(palette.count)) % palette.count].hex
  }

  /// "#RRGGBB" from "#RGB", "#RRGGBB" or "#RRGGBBAA"; nil for anything else.
  public static func normalised(_ value: String) -> String? { RefiColour.normalised(value) }

  /// Black or white, whichever contrasts more with `background` ("#RRGGBB").
  /// One of the two always reaches 4.5:1 (WCAG AA for body text): the worst
  /// background, relative luminance about 0.18, gives 4.58 with either.
  public static func text(on background: String) -> String {
    let luminance = relativeLuminance(background)
    return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#FFFFFF"
  }

  /// Contrast ratio of two "#RRGGBB" colours, as WCAG 2 defines it.
  public static func contrast(_ one: String, _ other: String) -> Double {
    let (a, b) = (relativeLuminance(one), relativeLuminance(other))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  static func relativeLuminance(_ hex: String) -> Double {
    let digits = Array(hex.dropFirst())
    func channel(_ at: Int) -> Double {
      let value = Double(Int(String(digits[at..<(at + 2)]), radix: 16) ?? 0) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    guard digits.count == 6 else { return 1 }
    return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  }
}

extension ProjectStore {
  /// Every code, depth first: each code followed by its children, siblings in
  /// the order they were made.
  public func codeTree() throws -> [CodeEntry] {
    try pool.read { db in
      let rows = try CountedCode.fetchAll(
        db,
        sql: """
          SELECT c.*, (SELECT count(*) FROM coding g WHERE g.code_id = c.id AND g.status != 'rejected') AS codings
          FROM code c ORDER BY c.id
          """)
      let all = rows.map {
        CodeEntry(
          id: $0.code.id, name: $0.code.name, parentID: $0.code.parentID, description: $0.code.description,
          colour: $0.code.colour, depth: 0, codings: $0.codings)
      }
      let ids = Set(all.map(\.id))
      var children: [CodeID?: [CodeEntry]] = [:]
      // A parent that does not exist (never expected) shows its child at the top.
      for entry in all { children[entry.parentID.flatMap { ids.contains($0) ? $0 : nil }, default: []].append(entry) }
      var ordered: [CodeEntry] = []
      var placed: Set<CodeID> = []
      func visit(_ parent: CodeID?, depth: Int) {
        for var entry in children[parent] ?? [] where !placed.contains(entry.id) {
          placed.insert(entry.id)
          entry.depth = depth
          ordered.append(entry)
          visit(entry.id, depth: depth + 1)
        }
      }
      visit(nil, depth: 0)
      // Codes caught in a loop written by another tool are still listed, at the top.
      for entry in all where !placed.contains(entry.id) { ordered.append(entry) }
      return ordered
    }
  }

  /// Adds a code; fails, storing nothing, on an empty or taken name, an
  /// unknown parent or a colour that is not "#RRGGBB".
  @discardableResult
  public func addCode(
    name: String, parent: CodeID? = nil, description: String = "", colour: String? = nil,
    actor: String
  ) throws -> CodeID {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
    let colour = try Self.checkedColour(colour, code: name)
    guard !name.isEmpty else { throw HarkError("no code name given", hint: "Write a name for the code") }
    return try pool.write { db in
      try Self.checkNameFree(db, name, except: nil)
      if let parent { try Self.checkCodeExists(db, parent, role: "parent") }
      try db.execute(
        sql: "INSERT INTO code(name, parent_id, description, colour) VALUES (?, ?, ?, ?)",
        arguments: [name, parent, description, colour])
      let id = CodeID(db.lastInsertedRowID)
      let detail: DecisionDetail = [
        .name: .string(name), .description: .string(description), .parent: .id(parent), .colour: .string(colour),
      ]
      try Self.log(db, actor: actor, subject: .code(id), action: .create, detail: detail)
      return id
    }
  }

  /// Renames, describes, recolours or moves a code. Refuses, changing
  /// nothing, a name another code has and a parent that would put the code
  /// under itself. Returns false, recording nothing, when nothing changed.
  @discardableResult
  public func editCode(
    _ id: CodeID, name: String, parent: CodeID?, description: String, colour: String?,
    actor: String
  ) throws -> Bool {
    let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
    let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
    let colour = try Self.checkedColour(colour, code: name)
    guard !name.isEmpty else {
      throw HarkError("no code name given", subject: "code \(id)", hint: "Write a name for the code")
    }
    return try pool.write { db in
      guard let found = try CodeRecord.fetchOne(db, key: id) else {
        throw HarkError("no code with id \(id)", hint: "Reload the codebook", kind: .notFound)
      }
      let old = (name: found.name, parent: found.parentID, description: found.description, colour: found.colour)
      try Self.checkNameFree(db, name, except: id)
      if let parent {
        try Self.checkCodeExists(db, parent, role: "parent")
        var ancestor: CodeID? = parent
        var seen: Set<CodeID> = []
        while let current = ancestor, !seen.contains(current) {
          if current == id {
            let parentName = try String.fetchOne(db, sql: "SELECT name FROM code WHERE id = ?", arguments: [parent])
            throw HarkError(
              parent == id
                ? "the code \"\(old.name)\" cannot be its own parent"
                : "the code \"\(old.name)\" cannot go under \"\(parentName ?? "")\", which is inside it",
              hint: "Pick a parent outside it, or none")
          }
          seen.insert(current)
          ancestor = try CodeID.fetchOne(db, sql: "SELECT parent_id FROM code WHERE id = ?", arguments: [current])
        }
      }
      var changes: DecisionDetail = [:]
      if old.name != name { changes[.name] = .object([.from: .string(old.name), .to: .string(name)]) }
      if old.parent != parent { changes[.parent] = .object([.from: .id(old.parent), .to: .id(parent)]) }
      if old.description != description {
        changes[.description] = .object([.from: .string(old.description), .to: .string(description)])
      }
      if old.colour != colour { changes[.colour] = .object([.from: .string(old.colour), .to: .string(colour)]) }
      if changes.isEmpty { return false }
      try db.execute(
        sql: "UPDATE code SET name = ?, parent_id = ?, description = ?, colour = ? WHERE id = ?",
        arguments: [name, parent, description, colour, id])
      try Self.log(db, actor: actor, subject: .code(id), action: .edit, detail: changes)
      return true
    }
  }

  /// A value for a decision's JSON detail: null when missing.

  static func checkedColour(_ colour: String?, code: String) throws -> String? {
    guard let colour = colour?.trimmingCharacters(in: .whitespaces), !colour.isEmpty else { return nil }
    guard let normalised = CodeColours.normalised(colour) else {
      throw HarkError(
        "\"\(colour)\" is not a colour", subject: code.isEmpty ? nil : "code \"\(code)\"",
        hint: "Pick one from the list")
    }
    return normalised
  }

  static func checkNameFree(_ db: Database, _ name: String, except id: CodeID?) throws {
    // The name column compares without case (COLLATE NOCASE), as people read names.
    if let taken = try String.fetchOne(
      db, sql: "SELECT name FROM code WHERE name = ? AND id IS NOT ?", arguments: [name, id])
    {
      throw HarkError(
        "there is already a code named \"\(taken)\"", hint: "Pick another name, or use that code", kind: .conflict)
    }
  }

  static func checkCodeExists(_ db: Database, _ id: CodeID, role: String) throws {
    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM code WHERE id = ?", arguments: [id]) != nil else {
      throw HarkError("no code with id \(id) to be the \(role)", hint: "Reload the codebook and pick again")
    }
  }
}
