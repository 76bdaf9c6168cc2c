// The JSON-lines codec of plugin results, byte for byte: `hark plugins run`
// prints exactly these lines, and scripts read them by these names.
import Testing

@testable import HarkStore

@Suite("Findings as JSON lines")
struct FindingsJSONLinesTests {
  @Test("every result kind is one line: fields in a fixed order, code point offsets, each span with its quote")
  func everyKind() {
    // "ë" is two bytes: the quotes are cut by code points, not bytes.
    let text = Array("Zoë said: the group helped\nme.".utf8)
    var findings = Findings()
    findings.codes = [
      CodeFinding(code: "help", span: 10..<26, confidence: 0.75, explanation: #"says "helped""#)
    ]
    findings.concepts = [ConceptFinding(label: "the group", span: 10..<19, confidence: 1, explanation: "")]
    findings.links = [
      LinkFinding(
        cause: "group", effect: "help", polarity: 1, strength: 0.5, confidence: 0.8, span: 10..<30,
        causeSpan: 10..<19, effectSpan: 20..<26, explanation: "x"),
      LinkFinding(cause: "a", effect: "b", polarity: -1, strength: 1, confidence: 0.5, span: 0..<3, explanation: ""),
    ]
    findings.scores = [ScoreFinding(name: "sentiment", span: 0..<30, value: -0.25, explanation: "mixed")]
    var out = JSONLineWriter(descriptor: nil)
    findings.writeJSONLines(document: "d", text: text, into: &out)
    let lines = String(decoding: out.take(), as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(
      lines == [
        #"{"document":"d","kind":"code","code":"help","start":10,"end":26,"quote":"the group helped","confidence":0.75,"explanation":"says \"helped\""}"#,
        #"{"document":"d","kind":"concept","label":"the group","start":10,"end":19,"quote":"the group","confidence":1,"explanation":""}"#,
        #"{"document":"d","kind":"link","cause":"group","effect":"help","polarity":1,"strength":0.5,"confidence":0.8,"start":10,"end":30,"quote":"the group helped\nme.","cause_start":10,"cause_end":19,"cause_quote":"the group","effect_start":20,"effect_end":26,"effect_quote":"helped","explanation":"x"}"#,
        #"{"document":"d","kind":"link","cause":"a","effect":"b","polarity":-1,"strength":1,"confidence":0.5,"start":0,"end":3,"quote":"Zoë","explanation":""}"#,
        #"{"document":"d","kind":"score","name":"sentiment","value":-0.25,"start":0,"end":30,"quote":"Zoë said: the group helped\nme.","explanation":"mixed"}"#,
      ])
  }
}
