import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

/// Bytes as Windows-1252 writes them, for the few non-ASCII characters these fixtures use.
func windows1252Bytes(_ text: String) -> Data {
  let high: [Unicode.Scalar: UInt8] = ["’": 0x92, "…": 0x85, "é": 0xE9, "“": 0x93, "”": 0x94]
  return Data(text.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : high[$0]! })
}

/// An oral history typed the way the Western Sydney ones are: a header block, tape times,
/// tab-indented paragraphs, no speaker labels, CRLF line ends, Windows-1252.
let oralHistory = [
  "INTERVIEW NO. 7\t\tDATE OF INTERVIEW: 3rd May, 1990.",
  "",
  "MRS. JUNE BRENNAN",
  "12 CREEK ROAD",
  "RIVERTON.",
  "",
  "0.31\tMy name is June Brennan and I’ve lived at 12 Creek Road since the war.",
  "",
  "\tAnd how long have you lived here?",
  "",
  "\tSince the war. We came up from the coast…",
  "",
  "1.05\tWhat was the town like then?",
  "",
  "\tQuiet. Nothing but paddocks and the one shop, and who would want more than that?  Everybody knew",
  "\teverybody, we walked everywhere, the children went to the creek on Saturdays and nobody worried",
  "\tabout them at all, which you could not say now, could you?",
  "",
  "\tReally!",
  "",
  "SIDE B",
  "",
  "1.40\tDid you work?",
  "When the children were at school, yes.",
  "",
].joined(separator: "\r\n")

@Suite("Transcripts without speaker labels: one narrator, interviewer questions found, header and tape times")
struct ImportUnlabelledTests {
  @Test("an oral history with a header block and tape times: turns, speakers, times and the notes")
  func oralHistoryTranscript() throws {
    let read = try TranscriptReader.read(
      data: windows1252Bytes(oralHistory), name: "BRENNAN_3MAY90.txt", format: .text)
    #expect(read.title == "BRENNAN_3MAY90")
    #expect(read.text.hasPrefix("INTERVIEW NO. 7\t\tDATE OF INTERVIEW: 3rd May, 1990.\n\nMRS. JUNE BRENNAN\n"))
    #expect(
      read.turns.map(\.speaker) == [
        "Brennan", "Interviewer", "Brennan", "Interviewer", "Brennan", "Brennan", "Interviewer", "Brennan",
      ])
    #expect(
      spokenWords(read) == [
        "My name is June Brennan and I’ve lived at 12 Creek Road since the war.",
        "And how long have you lived here?",
        "Since the war. We came up from the coast…",
        "What was the town like then?",
        "Quiet. Nothing but paddocks and the one shop, and who would want more than that?  Everybody knew\n"
          + "\teverybody, we walked everywhere, the children went to the creek on Saturdays and nobody worried\n"
          + "\tabout them at all, which you could not say now, could you?",
        "Really!",
        "Did you work?",
        "When the children were at school, yes.",
      ])
    #expect(read.turns.map(\.startTime) == ["0.31", nil, nil, "1.05", nil, nil, "1.40", nil])
    #expect(
      read.notes == [
        "encoding: Windows-1252 (detected); converted to UTF-8, 2 characters outside ASCII; if any look wrong, give --encoding",
        "line ends: CRLF changed to LF",
        "no speaker labels: read as one narrator, \"Brennan\" (named after the file; give --speaker NAME to name them)",
        "interviewer turns found: 3 (paragraphs of at most 40 words ending in \"?\"); the other 5 are the narrator's, so check for interviewer remarks among them",
        "header block: lines 1–5 kept in the text, in no turn",
        "tape times: 3 kept as turn start times",
        "tape notes (like SIDE B or END OF TAPE): 1 kept in the text, in no turn",
      ])
  }

  @Test("--speaker names the narrator instead of the file")
  func namedNarrator() throws {
    let read = try TranscriptReader.read(
      data: windows1252Bytes(oralHistory), name: "BRENNAN_3MAY90.txt", format: .text,
      options: TranscriptReadOptions(narrator: "June"))
    #expect(Set(read.turns.map(\.speaker)) == ["June", "Interviewer"])
    #expect(read.notes[2] == "no speaker labels: read as one narrator, \"June\" (from --speaker)")
  }

  @Test("a plain unlabelled interview: a title and a Label: value line make the header, questions alternate")
  func plainUnlabelled() throws {
    let text = """
      Interview with a carer
      Date: 4 March 2024

      Can you tell me how you first came to the service?

      It was my sister who found it, really. She rang them for me.

      Did that help?

      It did. And they listened, which nobody else had done, do you know what I mean? That was the difference for us, more than the money or the forms or any of it, just being listened to for once in all those years.

      """
    let read = try readTranscript(text, name: "amina-carer-2024.txt")
    #expect(read.turns.map(\.speaker) == ["Interviewer", "Amina", "Interviewer", "Amina"])
    #expect(spokenWords(read)[1] == "It was my sister who found it, really. She rang them for me.")
    #expect(read.notes.contains("header block: lines 1–2 kept in the text, in no turn"))
    #expect(read.turns.allSatisfy { $0.startTime == nil })
  }

  @Test("the narrator's name from file names as researchers write them")
  func narratorFromFileName() throws {
    let cases = [
      ("NOTTLEY_16DEC91.txt", "Nottley"), ("McELVEY_10MAR92.txt", "McElvey"),
      ("COLLESS _12SEPT91_corrected.txt", "Colless"),
      ("HANNA_11DEC91_from scan.txt", "Hanna"), ("interview_03_amina.txt", "Amina"), ("P07-transcript.txt", "P07"),
      ("2024-05-01.txt", "2024-05-01"),
    ]
    for (file, narrator) in cases {
      let read = try readTranscript("I grew up by the sea and never left.\n", name: file)
      #expect(read.turns.map(\.speaker) == [narrator], "\(file)")
    }
  }

  @Test("a file holding only a header and tape notes still says no turns were found")
  func nothingButHeader() {
    #expect(
      harkErrorDescription { _ = try readTranscript("INTERVIEW NO. 3\n\n0.10\tEND OF TAPE\n", name: "x.txt") }
        == "x.txt: no speaker turns found. Hark recognises turns written as \"Name: what they said\" at the start of a line, optionally after a time such as [00:01:23]; a name is 1 to 4 words without sentence punctuation"
    )
  }

  @Test("a labelled transcript is read by its labels, and --speaker is said to be unused")
  func labelledIgnoresSpeaker() throws {
    let read = try TranscriptReader.read(
      data: Data("Ruth: Hello.\nSam: Hi?\n".utf8), name: "a.txt", format: .text,
      options: TranscriptReadOptions(narrator: "June"))
    #expect(read.turns.map(\.speaker) == ["Ruth", "Sam"])
    #expect(read.notes == ["encoding: UTF-8 (detected)", "--speaker not used: the file names its speakers"])
  }
}

@Suite("Transcription services' exports: a speaker line with a time, the words below")
struct ImportServiceExportTests {
  @Test("Otter.ai style: \"Name  0:03\" alone on a line, then the words")
  func otter() throws {
    let text = """
      Team meeting transcript

      Amina Yusuf  0:03
      Thanks for making time. I wanted to start with the waiting list.

      Speaker 2  0:41
      Sure. It has got shorter
      since the spring.

      Amina Yusuf  1:02:15
      Good to hear.

      """
    let read = try readTranscript(text, name: "otter.txt")
    #expect(read.turns.map(\.speaker) == ["Amina Yusuf", "Speaker 2", "Amina Yusuf"])
    #expect(read.turns.map(\.startTime) == ["0:03", "0:41", "1:02:15"])
    #expect(
      spokenWords(read) == [
        "Thanks for making time. I wanted to start with the waiting list.",
        "Sure. It has got shorter\nsince the spring.",
        "Good to hear.",
      ])
    #expect(read.title == "Team meeting transcript")
  }

  @Test("\"Speaker 1  00:01:23\" lines with hour times")
  func numberedSpeakers() throws {
    let read = try readTranscript("Speaker 1  00:00:05\nHello.\n\nSpeaker 2  00:01:23\nHi there.\n", name: "s.txt")
    #expect(read.turns.map(\.speaker) == ["Speaker 1", "Speaker 2"])
    #expect(read.turns.map(\.startTime) == ["00:00:05", "00:01:23"])
    #expect(spokenWords(read) == ["Hello.", "Hi there."])
  }

  @Test("Rev style: \"Name (00:01:23):\" with the words on the same line or below")
  func rev() throws {
    let text = """
      Ruth Okafor (00:00:02):
      Can you say what changed?

      Sam (00:00:09): The key worker. She rang back.
      Every time.

      """
    let read = try readTranscript(text, name: "rev.txt")
    #expect(read.turns.map(\.speaker) == ["Ruth Okafor", "Sam"])
    #expect(read.turns.map(\.startTime) == ["00:00:02", "00:00:09"])
    #expect(spokenWords(read) == ["Can you say what changed?", "The key worker. She rang back.\nEvery time."])
  }

  @Test("a line of talk ending in a time is not a label when it is a sentence")
  func sentenceWithTime() throws {
    let read = try readTranscript("Ruth: We met at the cafe.\nThe bus left at 8:30\nSam: Yes.\n", name: "t.txt")
    #expect(read.turns.map(\.speaker) == ["Ruth", "Sam"])
    #expect(spokenWords(read)[0] == "We met at the cafe.\nThe bus left at 8:30")
  }
}
