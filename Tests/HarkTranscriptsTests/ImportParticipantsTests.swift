import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Reading the participants CSV")
struct ImportParticipantsTests {
  @Test(
    "quoted fields, doubled quotes, commas and line breaks in quotes, BOM, CRLF, header in any case"
  )
  func quotedFields() throws {
    let csv =
      "\u{FEFF}Pseudonym,ROLE,Group,age_band,notes\r\n"
      + "Ruth,Interviewer,research team,45-54,\r\n"
      + "Amina,participant,\"people using services\",\"25-34\",\"likes \"\"tea\"\", and\r\nlong walks\"\r\n"
      + "\r\n"
      + "Dave, participant ,,,\r\n"
    let records = try ParticipantsCSV.parse(csv, name: "people.csv")
    #expect(
      records == [
        ParticipantRecord(
          pseudonym: "Ruth", role: .interviewer, group: "research team",
          attributes: [(name: "age_band", value: "45-54")]
        ),
        ParticipantRecord(
          pseudonym: "Amina", role: .participant, group: "people using services",
          attributes: [
            (name: "age_band", value: "25-34"),
            (name: "notes", value: "likes \"tea\", and\nlong walks"),
          ]),
        ParticipantRecord(pseudonym: "Dave", role: .participant, group: ""),
      ])
  }

  @Test("the group column is optional; a header without rows gives no participants")
  func optionalGroup() throws {
    let records = try ParticipantsCSV.parse(
      "role,pseudonym,area\nparticipant,Leon,Town Centre", name: "p.csv")
    #expect(
      records == [
        ParticipantRecord(
          pseudonym: "Leon", role: .participant, group: "",
          attributes: [(name: "area", value: "Town Centre")])
      ])
    #expect(try ParticipantsCSV.parse("pseudonym,role,group\n", name: "p.csv") == [])
  }

  @Test("the corpus participants file lists interviewers and participants with their attributes")
  func corpusFile() throws {
    let url = corpusTranscript("../participants.csv")
    let records = try ParticipantsCSV.read(contentsOf: url)
    #expect(records.count == 14)
    #expect(records.filter { $0.role == .interviewer }.map(\.pseudonym) == ["Ruth", "Sam"])
    #expect(
      records.first { $0.pseudonym == "Jade" }
        == ParticipantRecord(
          pseudonym: "Jade", role: .participant, group: "young adults",
          attributes: [
            (name: "age_band", value: "18-24"), (name: "area", value: "Riverside"),
            (name: "lived_experience_area", value: "care leaver; mental health"),
          ]))
  }

  @Test("a row with the wrong number of fields names the physical line it starts on")
  func wrongFieldCount() {
    let csv = "pseudonym,role,group,notes\nAmina,participant,x,\"two\nlines\"\nDave,participant,y\n"
    #expect(
      harkErrorDescription { _ = try ParticipantsCSV.parse(csv, name: "people.csv") }
        == "people.csv:4: this row has 3 fields but the header has 4. Add or remove commas so every row has 4 fields; put a value that contains a comma in double quotes"
    )
  }

  @Test("a role other than participant or interviewer is refused with the allowed values")
  func badRole() {
    let csv = "pseudonym,role\nRuth,interviewer\nPriya,manager\n"
    #expect(
      harkErrorDescription { _ = try ParticipantsCSV.parse(csv, name: "people.csv") }
        == "people.csv:3: the role \"manager\" is not allowed. Write participant or interviewer")
    #expect(
      harkErrorDescription {
        _ = try ParticipantsCSV.parse("pseudonym,role\nRuth,\n", name: "people.csv")
      }
        == "people.csv:2: the role is empty. Write participant or interviewer")
  }

  @Test("a pseudonym listed twice (in any letter case) names both lines")
  func duplicatePseudonym() {
    let csv = "pseudonym,role\nSam,interviewer\nRuth,interviewer\nsam,participant\n"
    #expect(
      harkErrorDescription { _ = try ParticipantsCSV.parse(csv, name: "people.csv") }
        == "people.csv:4: the pseudonym \"sam\" is listed twice, on line 2 and on line 4. Give each participant one row and a pseudonym of their own"
    )
  }

  @Test("an empty pseudonym is refused")
  func emptyPseudonym() {
    #expect(
      harkErrorDescription {
        _ = try ParticipantsCSV.parse("pseudonym,role\n  ,participant\n", name: "people.csv")
      }
        == "people.csv:2: the pseudonym is empty. Give every row a pseudonym")
  }

  @Test("a header without a pseudonym or role column is refused")
  func missingColumn() {
    #expect(
      harkErrorDescription {
        _ = try ParticipantsCSV.parse("name,role,group\nSam,interviewer,x\n", name: "people.csv")
      }
        == "people.csv:1: the header has no \"pseudonym\" column. The first line must name the columns, for example: pseudonym,role,group"
    )
  }

  @Test("a quoted value without its closing quote names the line where it starts")
  func unclosedQuote() {
    #expect(
      harkErrorDescription {
        _ = try ParticipantsCSV.parse(
          "pseudonym,role,notes\nSam,interviewer,\"open\nstill open\n", name: "people.csv")
      }
        == "people.csv:2: a quoted value that starts on this line has no closing quote. Add the missing \" at the end of the value"
    )
  }

  @Test("text after a closing quote is refused")
  func textAfterQuote() {
    #expect(
      harkErrorDescription {
        _ = try ParticipantsCSV.parse("pseudonym,role\n\"Sam\"x,interviewer\n", name: "people.csv")
      }
        == "people.csv:2: there is text after the closing quote of a value. Inside a quoted value, write each \" as two quotes (\"\")"
    )
  }
}
