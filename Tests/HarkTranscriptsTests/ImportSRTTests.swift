import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Reading SRT transcripts")
struct ImportSRTTests {
  @Test(
    "speaker prefixes Name:, NAME:, - Name:, [Name] and >> Name:; unnamed lines continue; same speaker merged"
  )
  func speakerPrefixes() throws {
    let srt = """
      1
      00:00:01,000 --> 00:00:04,200
      RUTH: Thanks for coming,
      Priya.

      2
      00:00:05,000 --> 00:00:07,000
      - Priya: That's all right.
      - Ruth: Good.

      3
      00:00:07,500 --> 00:00:09,000
      [Priya] <i>I've got</i> forty minutes.

      4
      00:00:09,100 --> 00:00:10,000
      >> Ruth: Lovely.
      [laughs] Let's start.

      5
      00:00:11,000 --> 00:00:12,000 X1:100 X2:200 Y1:10 Y2:20
      {\\an8}Lovely again.

      """
    let transcript = try readTranscript(srt, name: "priya.srt")
    #expect(
      transcript.text == """
        RUTH: Thanks for coming, Priya.

        Priya: That's all right.

        Ruth: Good.

        Priya: I've got forty minutes.

        Ruth: Lovely. [laughs] Let's start. Lovely again.

        """)
    #expect(
      transcript.turns == [
        ImportedTurn(
          speaker: "RUTH", start: 6, end: 31, startTime: "00:00:01,000", endTime: "00:00:04,200"),
        ImportedTurn(
          speaker: "Priya", start: 40, end: 57, startTime: "00:00:05,000", endTime: "00:00:07,000"),
        ImportedTurn(
          speaker: "Ruth", start: 65, end: 70, startTime: "00:00:05,000", endTime: "00:00:07,000"),
        ImportedTurn(
          speaker: "Priya", start: 79, end: 102, startTime: "00:00:07,500", endTime: "00:00:09,000"),
        ImportedTurn(
          speaker: "Ruth", start: 110, end: 153, startTime: "00:00:09,100", endTime: "00:00:12,000"),
      ])
    #expect(transcript.title == "priya")
    #expect(transcript.format == .srt)
  }

  @Test("a BOM, CRLF, a missing subtitle number and a blank line inside a subtitle are tolerated")
  func looseFormatting() throws {
    var bytes = Data([0xEF, 0xBB, 0xBF])
    bytes.append(
      Data(
        "1\r\n00:00:01,000 --> 00:00:02,000\r\nLeon: One.\r\n\r\nTwo after a gap.\r\n\r\n00:00:03,000 --> 00:00:04,000\r\nRuth: Three.\r\n"
          .utf8))
    let transcript = try readTranscript(bytes, name: "leon.srt")
    #expect(transcript.text == "Leon: One. Two after a gap.\n\nRuth: Three.\n")
    #expect(
      transcript.turns == [
        ImportedTurn(
          speaker: "Leon", start: 6, end: 27, startTime: "00:00:01,000", endTime: "00:00:02,000"),
        ImportedTurn(
          speaker: "Ruth", start: 35, end: 41, startTime: "00:00:03,000", endTime: "00:00:04,000"),
      ])
  }

  @Test("the corpus's SRT files read with the expected turns")
  func corpusFiles() throws {
    let expected: [String: [String: Int]] = [
      "leon-peer-worker.srt": ["Leon": 26, "Ruth": 26],
      "priya-frontline-staff.srt": ["PRIYA": 15, "RUTH": 15],
    ]
    for (file, want) in expected {
      let transcript = try TranscriptReader.read(contentsOf: corpusTranscript(file))
      let found = Dictionary(grouping: transcript.turns, by: \.speaker).mapValues(\.count)
      #expect(found == want, "\(file)")
    }
  }
}
