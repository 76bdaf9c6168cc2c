// `hark map report` and `hark map picture` on a small real project: the files
// they write, the quotes escaped, and the errors bad input gets.
import Foundation
import HarkTestSupport
import HarkTranscripts
import Testing

@testable import HarkStore

@Suite("Report command")
struct ReportCommandTests {
  /// A project with two interviews, two participant groups and three accepted links.
  static func project() throws -> (URL, String) {
    let folder = try makeTemporaryFolder("hark-cli")
    var first = Findings()
    first.links = [
      LinkFinding(
        cause: "peer group", effect: "less alone", polarity: 1, strength: 0.6, confidence: 0.8, span: 26..<67,
        explanation: "pattern"),
      LinkFinding(
        cause: "waiting list", effect: "anxiety", polarity: -1, strength: 0.8, confidence: 0.4, span: 68..<122,
        explanation: "pattern"),
    ]
    var second = Findings()
    second.links = [
      LinkFinding(
        cause: "peer groups", effect: "hope", polarity: 1, strength: 0.6, confidence: 0.9, span: 26..<50,
        explanation: "pattern")
    ]
    let store = try InterviewProject.make(
      in: folder,
      [
        .init(
          "Amina", "The peer group helped me feel less alone. The <script>alert(1)</script> list made anxiety worse.",
          findings: first),
        .init("Grace", "Peer groups gave me hope, and being listened to helped me trust them.", findings: second),
      ])
    for link in try store.links() { try store.setLinkStatus(link.id, to: .accepted, actor: testActor) }
    return (folder, folder.appendingPathComponent("p.sqlite").path)
  }

  @Test("report writes index.html and map.svg with the picture, quotes, indices, scenario and group balance")
  func writesReport() throws {
    let (folder, path) = try Self.project()
    let output = folder.appendingPathComponent("report")
    let result = try Hark.run(["map", "report", "--project", path, "--output", output.path], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "wrote \(output.path)/index.html and map.svg (5 concepts, 3 links)\n")
    let html = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
    let svg = try String(contentsOf: output.appendingPathComponent("map.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
    #expect(!html.contains("<script"))
    #expect(html.contains("<p>5 concepts joined by 3 accepted links.</p>"))
    #expect(html.contains("<img src=\"map.svg\" alt=\"The map: 5 concepts and 3 links, 2 positive and 1 negative."))
    #expect(
      html.contains(
        "<h3>waiting list → anxiety <span class=\"negative\">(negative, weight −0.80)</span></h3>\n"
          + "<p class=\"note\">Confidence 0.40; 1 quote from 1 source.</p>\n"
          + "<blockquote>The &lt;script&gt;alert(1)&lt;/script&gt; list made anxiety worse.</blockquote>\n"
          + "<p class=\"speaker\">— Amina (people using services)</p>"))
    #expect(
      html.contains("<blockquote>Peer groups gave me hope</blockquote>\n<p class=\"speaker\">— Grace (carers)</p>"))
    #expect(html.contains("<tr><th scope=\"row\">Links</th><td class=\"number\">3</td></tr>"))
    #expect(html.contains("<p>What if “peer group”, the concept with the highest outdegree, were held at 1?"))
    #expect(
      html.contains(
        "<thead><tr><th scope=\"col\">Link</th><th scope=\"col\">carers</th><th scope=\"col\">people using services</th>"
          + "<th scope=\"col\">Total</th><th scope=\"col\">One group only</th></tr></thead>"))
    #expect(
      html.contains(
        "<tr><th scope=\"row\">peer group → hope</th><td class=\"number\">1</td><td class=\"number\">0</td>"
          + "<td class=\"number\">1</td><td>yes</td></tr>"))
    #expect(!html.contains("Interview 1"))
  }

  @Test("a project with no accepted links gets a clear error and no report folder")
  func noAcceptedLinks() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let path = folder.appendingPathComponent("p.sqlite").path
    _ = try ProjectStore.create(at: path)
    let output = folder.appendingPathComponent("report")
    let result = try Hark.run(["map", "report", "--project", path, "--output", output.path], in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("the project has no accepted links, so there is no map to report"))
    #expect(result.stderr.contains("hark links accept"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test("an output folder that cannot be made gets a clear error naming it")
  func unwritableOutput() throws {
    let (folder, path) = try Self.project()
    let blocker = folder.appendingPathComponent("file")
    try "not a folder".write(to: blocker, atomically: true, encoding: .utf8)
    let output = blocker.appendingPathComponent("report")
    let result = try Hark.run(["map", "report", "--project", path, "--output", output.path], in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("cannot make the report folder"))
    #expect(result.stderr.contains(output.path))
  }

  @Test("map picture writes the SVG of a matrix file and says what it drew")
  func pictureFromMatrix() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let csv = folder.appendingPathComponent("map.csv").path
    try ",A,B\nA,,0.5\nB,-0.25,\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("map.svg").path
    let result = try Hark.run(["map", "picture", "--matrix", csv, "--output", output], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "wrote \(output) (2 concepts, 2 links)\n")
    let svg = try String(contentsOfFile: output, encoding: .utf8)
    #expect(svg.contains("<title>A → B: weight +0.50, confidence 1.00, 0 quotes, 0 sources</title>"))
    #expect(svg.contains("<title>B → A: weight −0.25, confidence 1.00, 0 quotes, 0 sources</title>"))
  }

  @Test("map picture into a missing folder gets a clear error naming the file")
  func pictureUnwritable() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let csv = folder.appendingPathComponent("map.csv").path
    try ",A,B\nA,,0.5\nB,,\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("missing/map.svg").path
    let result = try Hark.run(["map", "picture", "--matrix", csv, "--output", output], in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("cannot write the file"))
    #expect(result.stderr.contains(output))
  }
}
