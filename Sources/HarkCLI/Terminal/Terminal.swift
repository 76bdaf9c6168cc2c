// Output helpers: is this a terminal, a progress bar that redraws in place
// there and prints plain lines elsewhere, and table-friendly text.
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

package enum Terminal {
  package static var isInteractive: Bool { isatty(1) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" }
  package static var errorIsInteractive: Bool {
    isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  package static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Shortens to `width` characters with an ellipsis.
  package static func clip(_ text: String, _ width: Int) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    return flat.count <= width ? flat : String(flat.prefix(max(0, width - 1))) + "…"
  }

  package static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  package static func number(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

  package static func thousands(_ value: Int) -> String {
    let digits = String(value)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
      if i > 0 && i % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return String(out.reversed())
  }
}

/// Progress on stderr: a redrawn bar on a terminal, a line every 10% otherwise.
package final class ProgressReporter: Sendable {
  private let interactive = Terminal.errorIsInteractive
  private let lastDecile = Mutex<[String: Int]>([:])
  /// Passes running side by side share one terminal line, in order of first report.
  private let bars = Mutex<[(label: String, done: Int, total: Int)]>([])
  private let quiet: Bool

  package init(quiet: Bool = false) { self.quiet = quiet }

  package func update(_ label: String, done: Int, of total: Int) {
    guard !quiet, total > 0 else { return }
    if interactive {
      let line = bars.withLock { bars -> String in
        if let i = bars.firstIndex(where: { $0.label == label }) {
          bars[i] = (label, done, total)
        } else {
          bars.append((label, done, total))
        }
        let width = bars.count == 1 ? 30 : 12
        let parts = bars.map { bar in
          let filled = min(width, bar.done * width / bar.total)
          return "\(bar.label) "
            + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            + " \(bar.done)/\(bar.total)"
        }
        var line = "\r\u{1B}[K" + parts.joined(separator: "   ")
        if bars.allSatisfy({ $0.done >= $0.total }) {
          line += "\n"
          bars.removeAll()
        }
        return line
      }
      FileHandle.standardError.write(Data(line.utf8))
    } else {
      let decile = done * 10 / total
      let shouldPrint = lastDecile.withLock { seen -> Bool in
        if let previous = seen[label], previous >= decile { return false }
        seen[label] = decile
        return true
      }
      if shouldPrint { Terminal.printError("\(label): \(done)/\(total) documents") }
    }
  }
}

/// "1 quote", "3 quotes".
package func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
