import ArgumentParser
import HarkStore

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
    let document = try parseID(id, what: "document") as DocumentID
    let title = try project.open().removeDocument(document, actor: DecisionActor.current)
    print("Removed D\(document) \"\(title)\"")
  }
}

struct ListDocuments: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the documents in the project.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let documents = try store.documentListing()
    if documents.isEmpty { print("No documents yet: hark import FILES… --project \(project.path)") }
    for d in documents {
      print(
        "D\(d.id)\t\(Terminal.clip(d.title, 40))\t\(d.format)\t\(d.turns) turns\t\(Terminal.thousands(d.words)) words\t\(d.speakers ?? "-")"
      )
    }
  }
}

struct Participants: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List the participants in the project.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    for p in try store.participantListing() {
      print(
        "\(Terminal.pad(p.pseudonym, 12)) \(Terminal.pad(p.role.rawValue, 12)) \(Terminal.pad(p.group, 30)) \(p.documents) documents"
      )
    }
  }
}
