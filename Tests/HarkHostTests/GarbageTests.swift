// Results that break the ABI's rules fail the whole document, and nothing the
// plugin emitted for it (not even its valid results) is stored.
import Foundation
import HarkHost
import HarkStore
import HarkTestSupport
import Testing

@Suite("Garbage results")
struct GarbageTests {
  static let cases: [(String, String)] = [
    ("outside", "garbage result: code result 2: span 0..<49 lies outside the text (39 bytes)"),
    (
      "mid-scalar",
      "garbage result: code result 2: offset 27 falls inside a UTF-8 character, not on a code point boundary"
    ),
    ("nan", "garbage result: link result 1: strength is nan; it must be a number from 0 to 1"),
    ("out-of-range", "garbage result: score result 1: value is 3.0; it must be a number from -1 to 1"),
    (
      "bad-utf8",
      "garbage result: code result 2: code name is not valid UTF-8 at byte 3 (after \"caf\"); if it should have ended there, the string lacks its NUL terminator"
    ),
    (
      "unterminated",
      "garbage result: code result 2: code name has no NUL terminator within 65536 bytes; end every string with a NUL byte"
    ),
    (
      "error-unterminated",
      "plugin error: " + String(repeating: "x", count: 200)
        + "… (the plugin's error message has no NUL terminator within the 4096-byte buffer; it must write at most error_capacity - 1 bytes and a NUL)"
    ),
    ("polarity", "garbage result: link result 1: polarity is 0; it must be +1 or -1"),
    ("no-letters", "garbage result: code result 2: code name \"!!!\" has no letters or digits"),
    ("error", "plugin error: the C plugin says no"),
    ("null", "garbage result: code result 2 is a NULL pointer"),
    ("short", "garbage result: code result 2 has struct_size 8, less than the 48 bytes of ABI 1.0"),
  ]

  @Test("each kind of garbage fails the document with a precise reason", arguments: cases)
  func garbage(mode: String, reason: String) throws {
    let folder = try makeTemporaryFolder("hark-tests")
    let plugin = try CPlugin.build("GARBAGE", in: folder)
    // The document is "Ruth: What helped?\nAmina: éclair days\n": 39 bytes, "é" at bytes 26-27.
    let store = try InterviewProject.imported(in: folder, aminaSays: ["éclair days"])
    let summary = try CodingRun.runOne(store, path: plugin, options: #"{"mode": "\#(mode)"}"#)
    #expect(summary.failures.map(\.reason) == [reason])
    #expect(try TestProject.count(store, "SELECT count(*) FROM coding") == 0)
    #expect(try TestProject.count(store, "SELECT count(*) FROM evidence") == 0)
    #expect(try TestProject.count(store, "SELECT count(*) FROM score") == 0)
  }
}
