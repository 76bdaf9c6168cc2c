// The 26 Western Sydney oral histories in third_party/, byte for byte as published
// (Windows-1252 or ASCII, CRLF, header blocks, tape times, no speaker labels), imported by
// the real `hark` with no flags into a real project.
//
// The expected figures were checked against the files: tape times against the lines that
// open with a tape counter (a few stand alone before a tape note and give no turn a time),
// tape notes against every line in capitals about the tape (SIDE B, END OF TAPE, and
// MASON's two notes about the second tape), and the first 45 turns of NOTTLEY read one by
// one for who speaks.
import Foundation
import HarkTestSupport
import Testing

@Suite("The Western Sydney transcripts import with no flags")
struct RealTranscriptsImportTests {
  static let folder = Hark.repository.appendingPathComponent("third_party/western-sydney-interviews")

  /// Title, turns, interviewer turns found, tape times kept, tape notes.
  static let expected: [(String, Int, Int, Int, Int)] = [
    ("CAMILLERI_18OCT91_fromscan", 281, 119, 63, 3),
    ("COLLESS _12SEPT91_corrected", 148, 59, 62, 2),
    ("CORR_21NOV91_fromscan", 307, 111, 61, 5),
    ("HANNA_11DEC91_from scan", 340, 144, 67, 3),
    ("HARGREAVES_17OCT91_corrected", 256, 100, 80, 5),
    ("JEFFERY_10MAR92_corrected", 154, 67, 38, 1),
    ("LAMROCK_EDITED_corrected", 305, 124, 91, 4),
    ("MASON_18DEC91_fromscan", 217, 97, 53, 5),
    ("MOON_13DEC91_fromscan", 281, 116, 57, 1),
    ("McELVEY_10MAR92", 289, 130, 55, 2),
    ("NICCOL_EDITED", 157, 63, 59, 6),
    ("NOTTLEY_16DEC91", 245, 103, 46, 2),
    ("PARKER_29AUG91_fromscan", 117, 50, 50, 6),
    ("PHILLIS_EDITED", 338, 149, 61, 4),
    ("PIKE_6DEC91_fromscan", 262, 89, 42, 6),
    ("PRICE_EDITED", 269, 113, 54, 3),
    ("REYNOLDS_27NOV91", 172, 68, 43, 3),
    ("ROBSHAW_6MAR92", 196, 82, 53, 3),
    ("SING_22OCT91_fromscan", 225, 86, 56, 2),
    ("STAPLETON_EDITED", 343, 132, 57, 4),
    ("TAYLOR_25NOV91_corrected", 268, 106, 49, 3),
    ("TURNER_21NOV91", 213, 94, 53, 3),
    ("VIDLER_28FEB92_fromscan", 411, 161, 58, 2),
    ("VINCENT_21FEB92", 441, 182, 61, 3),
    ("WATSON_19AUG91", 247, 97, 81, 2),
    ("WILLIS_20NOV91", 295, 124, 57, 3),
  ]

  @Test("all 26 import: each with its turns, interviewer questions, tape times and notes, and the summary")
  func allTwentySix() throws {
    let work = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: work) }
    let project = work.appendingPathComponent("ws.sqlite").path
    #expect(try Hark.run(["init", project], in: work).status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".txt") }
      .sorted().map { Self.folder.appendingPathComponent($0).path }
    #expect(files.count == 26)
    let result = try Hark.run(["import", "--project", project] + files, in: work)
    #expect(result.status == 0)
    #expect(result.stderr == "")
    #expect(result.stdout.hasSuffix("\n26 of 26 files imported\n"))

    var found: [(String, Int, Int, Int, Int)] = []
    for line in result.stdout.split(separator: "\n").map(String.init) {
      if let match = line.wholeMatch(of: /D\d+  (.+)  \((\d+) turns, [\d,]+ words\)/) {
        found.append((String(match.1), Int(match.2)!, 0, 0, 0))
      } else if let match = line.firstMatch(of: /interviewer turns found: (\d+)/) {
        found[found.count - 1].2 = Int(match.1)!
      } else if let match = line.firstMatch(of: /tape times: (\d+) kept/) {
        found[found.count - 1].3 = Int(match.1)!
      } else if let match = line.firstMatch(of: /tape notes .*: (\d+) kept/) {
        found[found.count - 1].4 = Int(match.1)!
      }
    }
    #expect(found.map(\.0) == Self.expected.map(\.0))
    for (got, want) in zip(found, Self.expected) {
      #expect(got == want, "\(got.0)")
    }
    let encodings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("    encoding: ") }
    #expect(encodings.filter { $0.hasPrefix("    encoding: Windows-1252 (detected)") }.count == 17)
    #expect(encodings.filter { $0 == "    encoding: UTF-8 (detected)" }.count == 9)
    #expect(result.stdout.contains("    no speaker labels: read as one narrator, \"Nottley\" (named after the file"))
    #expect(result.stdout.contains("    no speaker labels: read as one narrator, \"McElvey\" (named after the file"))
    #expect(result.stdout.contains("    no speaker labels: read as one narrator, \"Colless\" (named after the file"))
  }
}
