import ArgumentParser
import GRDB
import HarkCore

struct Documents: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List or remove the documents in the project.",
    subcommands: [ListDocuments.self, RemoveDocument.self], defaultSubcommand: ListDocuments.self)
}

struct RemoveDocument: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove a document and everything found in it (so it can be imported again).")
  @OptionGroup var project: ProjectOption
  @Argument(help: "Document id, e.g. D3.") var id: String

  func run() throws {
    let document = try parseID(id, prefix: "D", what: "document")
    let title = try project.open().removeDocument(document)
    print("Removed D\(document) \"\(title)\"")
  }
}

struct ListDocuments: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the documents in the project.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let rows = try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT d.id, d.title, d.format, d.word_count,
            (SELECT count(*) FROM turn t WHERE t.document_id = d.id) AS turns,
            (SELECT group_concat(DISTINCT p.pseudonym) FROM turn t JOIN participant p ON p.id = t.participant_id
              WHERE t.document_id = d.id AND p.role = 'participant') AS speakers
          FROM document d ORDER BY d.id
          """)
    }
    if rows.isEmpty { print("No documents yet: hark import FILES… --project \(project.path)") }
    for row in rows {
      let id: Int64 = row["id"]
      let title: String = row["title"]
      let format: String = row["format"]
      let words: Int = row["word_count"]
      let turns: Int = row["turns"]
      let speakers: String? = row["speakers"]
      print(
        "D\(id)\t\(Terminal.clip(title, 40))\t\(format)\t\(turns) turns\t\(Terminal.thousands(words)) words\t\(speakers ?? "-")"
      )
    }
  }
}

struct Participants: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List the participants in the project.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let rows = try store.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT p.pseudonym, p.role, p.group_name, p.attributes,
            (SELECT count(DISTINCT t.document_id) FROM turn t WHERE t.participant_id = p.id) AS documents
          FROM participant p ORDER BY p.role DESC, p.pseudonym
          """)
    }
    for row in rows {
      let name: String = row["pseudonym"]
      let role: String = row["role"]
      let group: String = row["group_name"]
      let documents: Int = row["documents"]
      print("\(Terminal.pad(name, 12)) \(Terminal.pad(role, 12)) \(Terminal.pad(group, 30)) \(documents) documents")
    }
  }
}
