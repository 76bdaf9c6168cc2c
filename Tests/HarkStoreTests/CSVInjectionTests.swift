// Formula injection in the quotes CSV: a cell a spreadsheet would run as a
// formula gets a leading `'`; plain numbers and the polarity sign stay readable.
import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("CSV formula injection")
struct CSVInjectionTests {
  @Test("a cell starting with = + - @ tab or carriage return gets a leading quote; other cells are unchanged")
  func triggersArePrefixed() {
    #expect(SpreadsheetCell.defused("=HYPERLINK(\"http://x\",\"y\")") == "'=HYPERLINK(\"http://x\",\"y\")")
    #expect(SpreadsheetCell.defused("+cmd") == "'+cmd")
    #expect(SpreadsheetCell.defused("-2+3") == "'-2+3")
    #expect(SpreadsheetCell.defused("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0")
    #expect(SpreadsheetCell.defused("@SUM(A1:A2)") == "'@SUM(A1:A2)")
    #expect(SpreadsheetCell.defused("\t=1+1") == "'\t=1+1")
    #expect(SpreadsheetCell.defused("\r=1+1") == "'\r=1+1")
    #expect(SpreadsheetCell.defused("- 1") == "'- 1")
    #expect(SpreadsheetCell.defused("-1e") == "'-1e")
    #expect(SpreadsheetCell.defused("a = b") == "a = b")
    #expect(SpreadsheetCell.defused("") == "")
  }

  @Test("plain numbers, negative ones included, and a lone sign are left readable")
  func numbersStay() {
    for number in ["-0.6", "-1", "+2", "-.5", "-1.", "-1e3", "-2.5E-4", "-", "+", "0.84"] {
      #expect(SpreadsheetCell.defused(number) == number, "\(number)")
    }
  }

  @Test("the quotes CSV defuses what participants said and concept names, keeps the weight and polarity readable")
  func exportDefused() throws {
    let url = try makeTemporaryFolder("hark-csv")
    let store = try ProjectStore.create(at: url.appendingPathComponent("p.sqlite").path)
    try store.importParticipants([ParticipantRecord(pseudonym: "Amina", role: .participant, group: "@carers")])
    let said = "=HYPERLINK(\"http://evil.example\",\"help\") made things worse"
    let text = "Amina: \(said)\n"
    _ = try store.importTranscript(
      ImportedTranscript(
        title: "+Interview", format: .text, text: text,
        turns: [ImportedTurn(speaker: "Amina", start: 7, end: 7 + said.count)]),
      sourceName: "i.txt", sourceBytes: Data(text.utf8), actor: testActor)
    let run = try store.startRun(isolation: "in-process", workers: 1, actor: testActor)
    var findings = Findings()
    findings.links = [
      LinkFinding(
        cause: "support", effect: "worry", polarity: -1, strength: 0.6, confidence: 0.8, span: 7..<7 + said.count,
        explanation: "-1+cmd|' /C calc'!A0")
    ]
    _ = try store.writeAnalysis(
      AnalysisRecord(documentID: 1, pluginID: "org.test", pluginVersion: "1", optionsHash: "h", runID: run, seconds: 0),
      findings: findings)
    let rows = try CSVExport.make(store).split(separator: "\n").map(String.init)
    #expect(rows.count == 2)
    #expect(
      rows[1]
        == #"L1,support,worry,-,0.6,-0.6,candidate,1,1,'+Interview,Amina,'@carers,7,\#(7 + said.count),"'=HYPERLINK(""http://evil.example"",""help"") made things worse",'-1+cmd|' /C calc'!A0"#
    )
  }
}
