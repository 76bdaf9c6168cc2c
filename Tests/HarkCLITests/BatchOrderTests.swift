// Fieldwork arrives over months: coding the sample corpus in two batches
// must give the candidate map that coding it at once gives.
import Foundation
import HarkTestSupport
import Testing

@Suite("Batch order", .serialized)
struct BatchOrderTests {
  static var transcripts: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: Hark.corpus.appendingPathComponent("transcripts").path))
      ?? []).sorted()
  }

  static func export(_ path: String, in folder: URL) throws -> [String: Any] {
    let output = folder.appendingPathComponent("export.json").path
    let result = try Hark.run(
      ["export", "--project", path, "--format", "json", "--links", "all", "--output", output], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    return try ExportSummary.read(output)
  }

  @Test("the sample corpus coded in two batches gives the same candidate links, polarities and quotes as at once")
  func twoBatchesEqualOne() throws {
    let all = Self.transcripts
    #expect(all.count == 12)
    let half = all.count / 2
    let once = try makeTemporaryFolder("hark-cli")
    let oncePath = try Hark.project(all, in: once)
    #expect(try Hark.run(["code", "--project", oncePath], in: once).status == 0)

    let twice = try makeTemporaryFolder("hark-cli")
    let twicePath = try Hark.project(Array(all[..<half]), in: twice)
    #expect(try Hark.run(["code", "--project", twicePath], in: twice).status == 0)
    let rest = all[half...].map { Hark.corpus.appendingPathComponent("transcripts/\($0)").path }
    #expect(try Hark.run(["import", "--project", twicePath] + rest, in: twice).status == 0)
    #expect(try Hark.run(["code", "--project", twicePath], in: twice).status == 0)

    let atOnce = ExportSummary.candidateLinks(try Self.export(oncePath, in: once))
    let inTwo = ExportSummary.candidateLinks(try Self.export(twicePath, in: twice))
    #expect(atOnce.count > 40)
    #expect(inTwo.filter { !atOnce.contains($0) } == [])
    #expect(atOnce.filter { !inTwo.contains($0) } == [])
    #expect(atOnce.allSatisfy { !$0.contains("~") })
  }
}
