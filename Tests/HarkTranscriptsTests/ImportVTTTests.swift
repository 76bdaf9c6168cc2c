import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Reading WebVTT transcripts")
struct ImportVTTTests {
  @Test("Zoom style: Name: prefixes, numbered cues, consecutive cues of one speaker merged")
  func zoomStyle() throws {
    let vtt = """
      WEBVTT

      1
      00:00:02.150 --> 00:00:04.895
      Ruth: Thanks for joining me, Marcus.

      2
      00:00:05.001 --> 00:00:07.101
      Ruth: Can you hear me okay?

      3
      00:00:08.480 --> 00:00:13.178
      Marcus: Yeah, I can hear you.
      Sorry, I'm on the library computer,

      4
      00:00:13.439 --> 00:00:16.620
      so if it cuts out, that's why.

      5
      01:02.000 --> 01:05.500
      Ruth: No problem &amp; thanks.

      """
    let transcript = try readTranscript(vtt, name: "zoom-call.vtt")
    #expect(
      transcript.text == """
        Ruth: Thanks for joining me, Marcus. Can you hear me okay?

        Marcus: Yeah, I can hear you. Sorry, I'm on the library computer, so if it cuts out, that's why.

        Ruth: No problem & thanks.

        """)
    #expect(
      transcript.turns == [
        ImportedTurn(
          speaker: "Ruth", start: 6, end: 58, startTime: "00:00:02.150", endTime: "00:00:07.101"),
        ImportedTurn(
          speaker: "Marcus", start: 68, end: 156, startTime: "00:00:08.480", endTime: "00:00:16.620"
        ),
        ImportedTurn(
          speaker: "Ruth", start: 164, end: 184, startTime: "01:02.000", endTime: "01:05.500"),
      ])
    #expect(transcript.title == "zoom-call")
    #expect(transcript.format == .webVTT)
  }

  @Test(
    "Teams style: NOTE, STYLE and REGION skipped, GUID ids, cue settings, voice tags with classes, tags and entities"
  )
  func teamsStyle() throws {
    let vtt = """
      WEBVTT - exported

      NOTE
      Title: Carers conversation
      Speaker names as shown in the meeting.

      STYLE
      ::cue { color: white; }

      REGION
      id:fred width:40%

      9974d75b-3338-44fe-a179-0134676b1b69/4-0
      00:00:03.120 --> 00:00:07.151
      <v Sam Okafor>Hi Grace, can you <i>see</i> me?</v>

      221c4e00-3f99-41ee-baf2-7f802dc5fd3d/5-0
      00:00:08.625 --> 00:00:13.342 align:start position:10%
      <v.loud Grace>I can, love,
      yes.</v>

      221c4e00-3f99-41ee-baf2-7f802dc5fd3d/5-1
      00:00:13.648 --> 00:00:21.268
      <v Grace><c.yellow>My son</c> <00:00:14.000>sets it up &lt;usually&gt;&nbsp;for me.

      NOTE a comment between cues

      00:00:22.374 --> 00:00:26.618
      <v Sam Okafor>Well done.</v>
      """
    let transcript = try readTranscript(vtt, name: "grace-teams.vtt")
    #expect(
      transcript.text == """
        Sam Okafor: Hi Grace, can you see me?

        Grace: I can, love, yes. My son sets it up <usually> for me.

        Sam Okafor: Well done.

        """)
    #expect(
      transcript.turns == [
        ImportedTurn(
          speaker: "Sam Okafor", start: 12, end: 37, startTime: "00:00:03.120",
          endTime: "00:00:07.151"),
        ImportedTurn(
          speaker: "Grace", start: 46, end: 99, startTime: "00:00:08.625", endTime: "00:00:21.268"),
        ImportedTurn(
          speaker: "Sam Okafor", start: 113, end: 123, startTime: "00:00:22.374",
          endTime: "00:00:26.618"),
      ])
    #expect(transcript.title == "Carers conversation")
  }

  @Test(
    "several voices in one cue make separate turns; text before anyone speaks is kept without a turn"
  )
  func voicesWithinOneCue() throws {
    let vtt = """
      WEBVTT

      00:01.000 --> 00:02.000
      [music]

      00:02.000 --> 00:03.000
      <v Ruth>Okay.</v><v Sam>Sure.
      Ready.
      """
    let transcript = try readTranscript(vtt, name: "two.vtt")
    #expect(transcript.text == "[music]\n\nRuth: Okay.\n\nSam: Sure. Ready.\n")
    #expect(
      transcript.turns == [
        ImportedTurn(
          speaker: "Ruth", start: 15, end: 20, startTime: "00:02.000", endTime: "00:03.000"),
        ImportedTurn(
          speaker: "Sam", start: 27, end: 39, startTime: "00:02.000", endTime: "00:03.000"),
      ])
  }

  @Test(
    "a combining accent that a removed tag leaves next to its letter is composed, as are decoded entities"
  )
  func normalisedAfterTagRemoval() throws {
    let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Cafe<i>\u{301}</i> &#x1F49B;</v>\n"
    let transcript = try readTranscript(vtt, name: "ana.vtt")
    #expect(transcript.text == "Ana: Caf\u{E9} 💛\n")
    #expect(
      transcript.turns == [
        ImportedTurn(
          speaker: "Ana", start: 5, end: 11, startTime: "00:01.000", endTime: "00:02.000")
      ])
  }

  @Test("the corpus's Zoom and Teams exports read with the expected turns")
  func corpusFiles() throws {
    let expected: [String: [String: Int]] = [
      "marcus-homelessness-zoom.vtt": ["Marcus": 18, "Ruth": 19],
      "tomasz-alcohol-zoom.vtt": ["Tomasz": 29, "Ruth": 29],
      "grace-carer-teams.vtt": ["Grace": 15, "Sam Okafor": 16],
    ]
    for (file, want) in expected {
      let transcript = try TranscriptReader.read(contentsOf: corpusTranscript(file))
      let found = Dictionary(grouping: transcript.turns, by: \.speaker).mapValues(\.count)
      #expect(found == want, "\(file)")
    }
  }
}
