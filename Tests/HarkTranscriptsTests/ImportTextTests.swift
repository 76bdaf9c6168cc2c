import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Reading plain text and Markdown transcripts")
struct ImportTextTests {
  @Test(
    "a .txt file keeps its own text; lines without a name continue the turn; times and notes are not speakers"
  )
  func plainTextTurns() throws {
    let text = """
      Interview with Sam
      12 March 2024

      [00:00:05] Ruth: Welcome, Sam.

      Sam: Thanks. I got here at 10:30.
      See https://example.org/bus for times.

      Note: the bus was late.
      (00:01:10) Ruth: Good to know.

      """
    let transcript = try readTranscript(text, name: "sam.txt")
    #expect(transcript.title == "Interview with Sam")
    #expect(transcript.format == .text)
    #expect(transcript.text == text)
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Ruth", start: 51, end: 64, startTime: "00:00:05"),
        ImportedTurn(speaker: "Sam", start: 71, end: 163),
        ImportedTurn(speaker: "Ruth", start: 181, end: 194, startTime: "00:01:10"),
      ])
    #expect(
      spokenWords(transcript) == [
        "Welcome, Sam.",
        "Thanks. I got here at 10:30.\nSee https://example.org/bus for times.\n\nNote: the bus was late.",
        "Good to know.",
      ])
  }

  @Test("offsets count Unicode scalars in NFC text with LF line ends and no BOM")
  func scalarOffsets() throws {
    var bytes = Data([0xEF, 0xBB, 0xBF])
    bytes.append(
      Data("Entrevue\r\nAmélie: Café 💛 with 🇬🇧 friends\r\nSam: Re\u{301}sume\u{301} ok\r\n".utf8))
    let transcript = try readTranscript(bytes, name: "entrevue.txt")
    #expect(
      transcript.text == "Entrevue\nAmélie: Café 💛 with 🇬🇧 friends\nSam: R\u{E9}sum\u{E9} ok\n")
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Amélie", start: 17, end: 39),
        ImportedTurn(speaker: "Sam", start: 45, end: 54),
      ])
    let scalars = Array(transcript.text.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[17..<39])) == "Café 💛 with 🇬🇧 friends")
    #expect(String(String.UnicodeScalarView(scalars[45..<54])) == "R\u{E9}sum\u{E9} ok")
    #expect(transcript.title == "Entrevue")
  }

  @Test("a lone CR also ends a line")
  func loneCarriageReturns() throws {
    let transcript = try readTranscript("Ruth: One.\rSam: Two.\r", name: "old-mac.txt")
    #expect(transcript.text == "Ruth: One.\nSam: Two.\n")
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Ruth", start: 6, end: 10),
        ImportedTurn(speaker: "Sam", start: 16, end: 20),
      ])
  }

  @Test("names of several shapes open turns; metadata words and sentences with a colon do not")
  func speakerLabelShapes() throws {
    let text = """
      Dr. Ade Bello: One.
      Speaker 2: Two.
      Q: Three?
      Sam (interviewer): Four.
      Jean-Luc de Souza: Five.
      NB: not a speaker.
      Well. Then: six.
      """
    let transcript = try readTranscript(text, name: "shapes.txt")
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Dr. Ade Bello", start: 15, end: 19),
        ImportedTurn(speaker: "Speaker 2", start: 31, end: 35),
        ImportedTurn(speaker: "Q", start: 39, end: 45),
        ImportedTurn(speaker: "Sam (interviewer)", start: 65, end: 70),
        ImportedTurn(speaker: "Jean-Luc de Souza", start: 90, end: 131),
      ])
    #expect(spokenWords(transcript).last == "Five.\nNB: not a speaker.\nWell. Then: six.")
    #expect(transcript.title == "shapes")
  }

  @Test(
    "a name alone on its line takes the words of the next line; lower-case phrases are not names")
  func labelOnItsOwnLine() throws {
    let text = "Ruth:\nHello there.\nAnd she said: no way.\nSam Okafor: Hi.\n"
    let transcript = try readTranscript(text, name: "session-3.txt")
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Ruth", start: 6, end: 40),
        ImportedTurn(speaker: "Sam Okafor", start: 53, end: 56),
      ])
    #expect(spokenWords(transcript) == ["Hello there.\nAnd she said: no way.", "Hi."])
    #expect(transcript.title == "session-3")
  }

  @Test(
    "Markdown: bold and underscore names, headings end turns, bullets before turns are not turns")
  func markdownTurns() throws {
    let text = """
      # Interview: Dave

      - Date: 19 March
      - Interviewer: Sam

      ## Discover

      **Sam:** Hello, Dave.

      **Dave**: Hi. It was *really* good.
      - a bed
      __Sam:__ Next.
      ## Dream
      [00:10:00] __Dave__: Dreaming.
      ---
      Closing remark.
      """
    let transcript = try readTranscript(text, name: "dave.md")
    #expect(transcript.title == "Interview: Dave")
    #expect(transcript.format == .markdown)
    #expect(transcript.text == text)
    #expect(
      transcript.turns == [
        ImportedTurn(speaker: "Sam", start: 78, end: 90),
        ImportedTurn(speaker: "Dave", start: 102, end: 135),
        ImportedTurn(speaker: "Sam", start: 145, end: 150),
        ImportedTurn(speaker: "Dave", start: 181, end: 190, startTime: "00:10:00"),
      ])
    #expect(
      spokenWords(transcript) == [
        "Hello, Dave.", "Hi. It was *really* good.\n- a bed", "Next.", "Dreaming.",
      ])
  }

  @Test("Markdown without a # heading takes its first line as the title")
  func markdownTitleFromFirstLine() throws {
    let transcript = try readTranscript("Farah, 19 March\n\nRuth: Hello.\n", name: "farah.markdown")
    #expect(transcript.title == "Farah, 19 March")
    #expect(transcript.turns == [ImportedTurn(speaker: "Ruth", start: 23, end: 29)])
  }

  @Test("the reader is chosen by the file's extension, in any letter case")
  func formatByExtension() throws {
    #expect(try TranscriptReader.format(ofFileNamed: "a.TXT") == .text)
    #expect(try TranscriptReader.format(ofFileNamed: "a.md") == .markdown)
    #expect(try TranscriptReader.format(ofFileNamed: "a.Markdown") == .markdown)
    #expect(try TranscriptReader.format(ofFileNamed: "a.vtt") == .webVTT)
    #expect(try TranscriptReader.format(ofFileNamed: "a.srt") == .srt)
    #expect(try TranscriptReader.format(ofFileNamed: "a.DOCX") == .docx)

    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("Interview.MD")
    try Data("**Sam:** Hi.\n".utf8).write(to: file)
    let transcript = try TranscriptReader.read(contentsOf: file)
    #expect(transcript.format == .markdown)
    #expect(transcript.turns == [ImportedTurn(speaker: "Sam", start: 9, end: 12)])
    #expect(transcript.title == "Interview")
  }

  @Test("the corpus's plain text and Markdown transcripts read with the expected turns")
  func corpusFiles() throws {
    let expected: [String: (turns: Int, title: String)] = [
      "amina-mental-health.txt": (
        34, "Appreciative Inquiry Interview - Amina (people using services, mental health)"
      ),
      "jade-young-adult.txt": (
        65, "Appreciative Inquiry Interview – Jade (young adults, Riverside)"
      ),
      "dave-recovery.md": (41, "Appreciative Inquiry Interview: Dave (recovery)"),
    ]
    for (file, want) in expected {
      let transcript = try TranscriptReader.read(contentsOf: corpusTranscript(file))
      #expect(transcript.turns.count == want.turns, "\(file)")
      #expect(transcript.title == want.title, "\(file)")
    }
  }
}

/// A file of the sample corpus committed with the project.
func corpusTranscript(_ name: String, filePath: String = #filePath) -> URL {
  URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("corpora/transcripts/\(name)")
}
