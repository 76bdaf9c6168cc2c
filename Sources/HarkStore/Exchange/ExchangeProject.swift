// A project from another qualitative analysis tool as plain values, and the
// store's one call that adds it. HarkExchange reads REFI-QDA files into this
// shape (it sits above the store, so the shape is the store's), and the SQL
// that stores it stays here (`RefiQDAImportStore.swift`).
import Foundation
import HarkTranscripts

/// What an import brings: codes, cases, text sources with their codings, and
/// notes, each reference already checked against the file it came from.
public struct ExchangeProject: Sendable {
  public struct Code: Sendable {
    /// The code's GUID, as `refiKey` writes it; codings and notes name it.
    public var guid: String
    public var name: String
    /// The parent code's GUID; nil at the top level.
    public var parent: String?
    public var description: String
    public var colour: String?

    public init(guid: String, name: String, parent: String?, description: String, colour: String?) {
      self.guid = guid
      self.name = name
      self.parent = parent
      self.description = description
      self.colour = colour
    }
  }
  /// A case: a participant with variable values.
  public struct Case: Sendable {
    public var name: String
    public var values: [(name: String, value: String)]

    public init(name: String, values: [(name: String, value: String)]) {
      self.name = name
      self.values = values
    }
  }
  public struct Coding: Sendable {
    /// The code's GUID.
    public var code: String
    public var start: Int
    public var end: Int
    /// The GUID of the user who made it, looked up in `users`.
    public var user: String?
    public var at: String?
    /// The memo on the coded passage (the selection's Description), kept with the coding.
    public var memo: String

    public init(code: String, start: Int, end: Int, user: String?, at: String?, memo: String = "") {
      self.code = code
      self.start = start
      self.end = end
      self.user = user
      self.at = at
      self.memo = memo
    }
  }
  public struct Note: Sendable {
    public var guid: String
    public var name: String
    public var text: String
    public var user: String?
    public var at: String?
    /// Where a NoteRef placed it: a source, a span of one, a code; nil for the project.
    public var source: Int?
    public var span: Range<Int>?
    public var code: String?

    public init(
      guid: String, name: String, text: String, user: String?, at: String?, source: Int? = nil,
      span: Range<Int>? = nil, code: String? = nil
    ) {
      self.guid = guid
      self.name = name
      self.text = text
      self.user = user
      self.at = at
      self.source = source
      self.span = span
      self.code = code
    }
  }
  public struct Source: Sendable {
    public var name: String
    /// The text as Hark stores it (NFC, LF line ends); codings count code points in it.
    public var text: String
    /// The bytes as the file held them: their digest keeps a source from being imported twice.
    public var bytes: Data
    public var codings: [Coding]

    public init(name: String, text: String, bytes: Data, codings: [Coding] = []) {
      self.name = name
      self.text = text
      self.bytes = bytes
      self.codings = codings
    }
  }

  /// User GUID (as `refiKey` writes it) → name.
  public var users: [String: String]
  public var codes: [Code]
  public var cases: [Case]
  public var sources: [Source]
  public var notes: [Note]
  /// What the file held that Hark has no place for, one line each.
  public var notCarried: [String]

  public init(
    users: [String: String], codes: [Code], cases: [Case], sources: [Source], notes: [Note], notCarried: [String]
  ) {
    self.users = users
    self.codes = codes
    self.cases = cases
    self.sources = sources
    self.notes = notes
    self.notCarried = notCarried
  }
}

/// A GUID as written in either form REFI-QDA allows, for comparing.
public func refiKey(_ guid: String?) -> String {
  (guid ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "{} \t\n")).lowercased()
}

/// What an import added, and what it could not carry into Hark.
public struct RefiQDAImportSummary: Sendable, Equatable {
  public var documents = 0
  public var codesAdded = 0
  /// Codes whose name the project already had; their codings join them.
  public var codesReused = 0
  public var codings = 0
  public var participantsAdded = 0
  /// Cases whose name is already a participant's; the participant is left as it was.
  public var participantsKept = 0
  public var notes = 0
  public var notCarried: [String] = []
}

extension ProjectStore {
  /// Adds an imported project (participants from cases, codes, documents with
  /// their turns, codings by hand, notes) in one transaction, or nothing.
  /// `archiveName` names the file in messages and in each note's origin;
  /// `actor` is who imports, recorded as the importer of each document and as
  /// the author of any coding or note the file names no user for.
  public func importExchangeProject(_ project: ExchangeProject, from archiveName: String, actor: String) throws
    -> RefiQDAImportSummary
  {
    var project = project
    return try pool.write { db in try project.store(db, from: archiveName, actor: actor) }
  }

  /// What a REFI-QDA export reads from the project, in one read transaction;
  /// with `codebookOnly`, only the codes.
  public func exchangeData(name: String, codebookOnly: Bool) throws -> ProjectData {
    try pool.read { db in try ProjectData(db, name: name, codebookOnly: codebookOnly) }
  }
}
