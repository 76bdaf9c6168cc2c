// `hark users`: researcher accounts for the browser workbench.
import ArgumentParser
import Foundation
import HarkStore
import HarkTranscripts

#if canImport(Glibc)
  import Glibc
#endif

struct Users: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Researcher accounts: who can sign in to the workbench.",
    subcommands: [AddUser.self, ListUsers.self], defaultSubcommand: ListUsers.self)
}

struct AddUser: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add a researcher; the password is asked for without showing it.")
  @OptionGroup var project: ProjectOption
  @Argument(help: "The name they sign in with, one word.") var name: String
  @Flag(help: "Read the password from the first line of standard input (for scripts).") var passwordStdin = false

  func run() throws {
    let store = try project.open()
    let password: String
    if passwordStdin {
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw HarkError(
          "no password on standard input", subject: "researcher \(name)",
          hint: "Pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | hark users add \(name) --password-stdin")
      }
      password = line
    } else {
      guard isatty(0) == 1 else {
        throw HarkError(
          "no terminal to ask for a password", subject: "researcher \(name)",
          hint: "Run it in a terminal, or pass the password with --password-stdin")
      }
      let first = try PasswordPrompt.read("Password for \(name): ")
      let second = try PasswordPrompt.read("The same again: ")
      guard first == second else {
        throw HarkError("the two passwords differ", subject: "researcher \(name)", hint: "Run the command again")
      }
      password = first
    }
    let researcher = try store.addResearcher(name: name, password: password, actor: DecisionActor.current)
    print("Added researcher \(researcher.name).")
  }
}

struct ListUsers: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "The researchers who can sign in.")
  @OptionGroup var project: ProjectOption

  func run() throws {
    let researchers = try project.open().researchers()
    if researchers.isEmpty {
      print("No researchers yet: add one with `hark users add NAME`.")
      return
    }
    for r in researchers { print("\(Terminal.pad(r.name, 20)) added \(r.createdAt.prefix(10))") }
  }
}

/// Reads a line from the terminal with echo off, restoring it whatever happens.
/// TCSANOW rather than TCSAFLUSH: a password typed ahead of the prompt is kept.
enum PasswordPrompt {
  static func read(_ prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    let canHide = tcgetattr(0, &saved) == 0
    if canHide {
      var hidden = saved
      hidden.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(0, TCSANOW, &hidden)
    }
    defer {
      if canHide { tcsetattr(0, TCSANOW, &saved) }
      FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = readLine(strippingNewline: true) else {
      throw HarkError("no password was typed", hint: "Run the command again")
    }
    return line
  }
}
