// `hark links review`: the candidate links one at a time, each answered at a prompt.
import ArgumentParser
import Foundation
import HarkStore

struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Go through candidate links one at a time: read the quotes, then accept, reject or edit.")

  @OptionGroup var project: ProjectOption

  func run() throws {
    let store = try project.open()
    let candidates = try store.links(status: .candidate)
    if candidates.isEmpty {
      print("No candidate links to review.")
      return
    }
    print(
      "\(candidates.count) candidate links. For each: a accept, r reject, + or - set polarity, s 0.7 set strength, n next, q quit."
    )
    var index = 0
    while index < candidates.count {
      let link = try store.link(candidates[index].id)
      print("")
      print("— \(index + 1) of \(candidates.count) —")
      print(LinkText.full(link, evidence: try store.evidence(link: link.id), decisions: []))
      print("")
      print("[a]ccept  [r]eject  [+/-] polarity  [s N] strength  [n]ext  [q]uit > ", terminator: "")
      fflush(nil)
      guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { break }
      switch line.split(separator: " ").first.map(String.init) ?? "" {
      case "a":
        try store.setLinkStatus(link.id, to: .accepted, actor: DecisionActor.current)
        print("L\(link.id) accepted")
        index += 1
      case "r":
        try store.setLinkStatus(link.id, to: .rejected, actor: DecisionActor.current)
        print("L\(link.id) rejected")
        index += 1
      case "+":
        try store.editLink(link.id, polarity: 1, actor: DecisionActor.current)
      case "-":
        try store.editLink(link.id, polarity: -1, actor: DecisionActor.current)
      case "s":
        let parts = line.split(separator: " ")
        if parts.count == 2, let value = Double(parts[1]), (0...1).contains(value) {
          try store.editLink(link.id, strength: value, actor: DecisionActor.current)
        } else {
          print("Write s and a number from 0 to 1, e.g. s 0.7")
        }
      case "n", "":
        index += 1
      case "q":
        index = candidates.count
      default:
        print("Not understood: \(line)")
      }
    }
    let remaining = try store.links(status: .candidate).count
    print("\(plural(remaining, "candidate link")) left to review.")
  }
}
