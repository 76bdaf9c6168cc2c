// `hark import` as a user meets it: the notes under each document and the summary.
import Foundation
import HarkTestSupport
import Testing

@Suite("hark import: what it assumed, and a summary that names what was not imported")
struct ImportCommandTests {
  /// A Windows-1252 oral history with CRLF line ends, no labels and a header block.
  static let oralHistory: [UInt8] =
    Array("INTERVIEW NO. 9\t\tDATE OF INTERVIEW: 2/3/91\r\n\r\nMRS. ROSE DALE\r\n\r\n".utf8)
    + Array("0.20\tMy name is Rose Dale. I".utf8) + [0x92] + Array("ve lived here forty years.\r\n\r\n".utf8)
    + Array("\tWhere did you grow up?\r\n\r\n".utf8) + Array("1.10\tOn a farm out west.\r\n".utf8)

  @Test("an unlabelled Windows-1252 transcript imports with no flags and says what was assumed")
  func unlabelled() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", project], in: folder).status == 0)
    try Data(Self.oralHistory).write(to: folder.appendingPathComponent("DALE_2MAR91.txt"))
    let result = try Hark.run(["import", "--project", project, "DALE_2MAR91.txt"], in: folder)
    #expect(result.status == 0)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        D1  DALE_2MAR91  (3 turns, 36 words)
            encoding: Windows-1252 (detected); converted to UTF-8, 1 character outside ASCII; if any look wrong, give --encoding
            line ends: CRLF changed to LF
            no speaker labels: read as one narrator, "Dale" (named after the file; give --speaker NAME to name them)
            interviewer turns found: 1 (paragraphs of at most 40 words ending in "?"); the other 2 are the narrator's, so check for interviewer remarks among them
            header block: lines 1–3 kept in the text, in no turn
            tape times: 2 kept as turn start times
            speakers not in the participants list: Dale

        """)
  }

  @Test("a labelled transcript with no participants list says who was taken as the interviewer")
  func interviewerTaken() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", project], in: folder).status == 0)
    try """
    Ruth: What helped?
    Amina: Jo did, because she kept turning up every week without fail.
    Ruth: How?
    Amina: She rang when I missed a session, and nobody had done that before.
    Ruth: And now?
    Amina: I go to the peer group on Thursdays and help with the tea.

    """.write(to: folder.appendingPathComponent("amina.txt"), atomically: true, encoding: .utf8)
    let result = try Hark.run(["import", "--project", project, "amina.txt"], in: folder)
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        D1  amina  (6 turns, 48 words)
            encoding: UTF-8 (detected)
            Ruth taken as the interviewer (a question in 3 of 3 turns, and short turns); if that is wrong, import a participants list (--participants) giving Ruth's role
            speakers not in the participants list: Ruth, Amina

        """)
  }

  @Test("--speaker names the narrator, and a participants row with that name matches the turns")
  func namedNarrator() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", project], in: folder).status == 0)
    try Data(Self.oralHistory).write(to: folder.appendingPathComponent("DALE_2MAR91.txt"))
    try "pseudonym,role,group\nRose,participant,narrators\n".write(
      to: folder.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
    let result = try Hark.run(
      ["import", "--project", project, "--participants", "people.csv", "--speaker", "Rose", "DALE_2MAR91.txt"],
      in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.contains("    no speaker labels: read as one narrator, \"Rose\" (from --speaker)\n"))
    #expect(!result.stdout.contains("speakers not in the participants list"))
  }

  @Test("the summary counts the files imported and lists each one that was not, with why")
  func summary() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", project], in: folder).status == 0)
    try "Ruth: Hello.\n".write(to: folder.appendingPathComponent("good.txt"), atomically: true, encoding: .utf8)
    try Data().write(to: folder.appendingPathComponent("empty.txt"))
    try "WEBVTT\n\n00:01.000 --> 00:02.000\nhello\n".write(
      to: folder.appendingPathComponent("nobody.vtt"), atomically: true, encoding: .utf8)
    let result = try Hark.run(["import", "--project", project, "empty.txt", "good.txt", "nobody.vtt"], in: folder)
    #expect(result.status != 0)
    #expect(result.stdout.hasSuffix("1 of 3 files imported\n"))
    #expect(
      result.stderr.hasSuffix(
        """
        Error: 2 of 3 files were not imported (each left the project as it was; the error above says what to do):
          empty.txt: the file is empty
          nobody.vtt: no speaker turns found

        """))
  }

  @Test("an encoding Hark does not read, and --speaker with several files, are refused before anything is read")
  func badOptions() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", project], in: folder).status == 0)
    let encoding = try Hark.run(["import", "--project", project, "--encoding", "ebcdic", "a.txt"], in: folder)
    #expect(encoding.status != 0)
    #expect(
      encoding.stderr.contains(
        "--encoding ebcdic is not one Hark reads; give one of utf-8, utf-16, utf-16le, utf-16be, windows-1252, latin-1."
      ))
    let blank = try Hark.run(["import", "--project", project, "--speaker", "  ", "a.txt"], in: folder)
    #expect(blank.status != 0)
    #expect(blank.stderr.contains("--speaker needs a name."))
    let speaker = try Hark.run(["import", "--project", project, "--speaker", "Rose", "a.txt", "b.txt"], in: folder)
    #expect(speaker.status != 0)
    #expect(
      speaker.stderr.contains(
        "--speaker names the narrator of one transcript; import the files one at a time to name each narrator."))
  }

  @Test("--encoding is used for every file: Latin-1 read as asked")
  func chosenEncoding() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    defer { try? FileManager.default.removeItem(at: folder) }
    let project = folder.appendingPathComponent("p.sqlite").path
    #expect(try Hark.run(["init", project], in: folder).status == 0)
    try Data(Array("Ruth: Caf".utf8) + [0xE9] + Array(" ".utf8) + [0x92] + Array("ok\n".utf8)).write(
      to: folder.appendingPathComponent("c.txt"))
    let result = try Hark.run(["import", "--project", project, "--encoding", "latin-1", "c.txt"], in: folder)
    #expect(result.status == 0)
    #expect(
      result.stdout.contains(
        "    encoding: Latin-1 (ISO 8859-1) (as asked); converted to UTF-8, 2 characters outside ASCII\n"))
  }
}
