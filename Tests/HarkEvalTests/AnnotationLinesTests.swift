import Foundation
import HarkStore
import HarkTranscripts
import Testing

@testable import HarkEval

@Suite("Annotation files: the shared line reader")
struct AnnotationLinesTests {
  @Test("blank lines and comments are skipped; each line gives its number, key, value and ` | ` fields")
  func reads() throws {
    let lines = try AnnotationLine.read(
      "# a comment\ntranscript: t.txt\n\n  split: tuning  \nlink: +1 | cause: a b |  effect: c", name: "x.gold",
      formatHint: "See the guide")
    #expect(
      lines == [
        AnnotationLine(number: 2, key: "transcript", value: "t.txt", fields: ["t.txt"]),
        AnnotationLine(number: 4, key: "split", value: "tuning", fields: ["tuning"]),
        AnnotationLine(
          number: 5, key: "link", value: "+1 | cause: a b |  effect: c", fields: ["+1", "cause: a b", "effect: c"]),
      ])
  }

  @Test("a line with no key, or a key before transcript: and split:, names the file and line")
  func problems() {
    func message(_ text: String) -> String {
      do {
        _ = try AnnotationLine.read(text, name: "x.claims", formatHint: "See the guide")
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    #expect(
      message("transcript: t.txt\nsplit: development\njust words")
        == "x.claims:3: \"just words\" is not a \"key: value\" line. See the guide")
    #expect(
      message("transcript: t.txt\nclaim: explicit")
        == "x.claims:2: claim: comes before the transcript: and split: lines. See the guide")
    // Both parsers read through it, each naming its own guide.
    #expect(
      throws: HarkError(
        "value: comes before the transcript: and split: lines", subject: "g.gold", line: 2,
        hint: "The format is described in corpora/gold/README.md")
    ) {
      try GoldFile.parse("transcript: t.txt\nvalue: x | y", name: "g.gold")
    }
    #expect(
      throws: HarkError(
        "\"oops\" is not a \"key: value\" line", subject: "c.claims", line: 3,
        hint: "The format is described in corpora/gold/causal-claims-guide.md")
    ) {
      try ClaimsFile.parse("transcript: t.txt\nsplit: development\noops", name: "c.claims")
    }
  }
}
