// A rerun after failures does not say "up to date": the documents that
// failed before, and are left out, are counted with what to do about them.
import Foundation
import HarkStore
import HarkTestSupport
import Testing

@Suite("Reruns after failed documents")
struct FailedEarlierTests {
  @Test("a plain rerun after a failure names the left-out document and --retry-failed tries it again")
  func rerunReportsEarlierFailures() throws {
    let folder = try makeTemporaryFolder("hark-cli")
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: plugins.appendingPathComponent("misbehaving.so").path,
      withDestinationPath: Hark.binaries.appendingPathComponent("libHarkTestPluginMisbehaving.so").path)
    let env = ["HARK_PLUGIN_PATH": plugins.path]
    let project = try Hark.project(["amina-mental-health.txt", "jade-young-adult.txt"], in: folder)
    try Hark.run(
      ["plugins", "configure", "--project", project, "misbehaving", #"{"mode": "error", "on": "Jade"}"#], in: folder,
      environment: env)
    let code = ["code", "--project", project, "--plugin", "misbehaving", "--quiet"]

    let first = try Hark.run(code, in: folder, environment: env)
    #expect(first.status == 3)
    #expect(first.stdout.contains("      failed on D2: plugin error: cannot make sense of D2\n"))

    let again = try Hark.run(code, in: folder, environment: env)
    #expect(again.status == 0)
    #expect(!again.stdout.contains("up to date"))
    #expect(
      again.stdout.contains(
        "  Misbehaving (test)     nothing new to do\n"
          + "      1 document failed in an earlier run and was not tried again; `hark runs` shows why, "
          + "`hark code --retry-failed` tries again\n"))

    let retried = try Hark.run(code + ["--retry-failed"], in: folder, environment: env)
    #expect(retried.status == 3)
    #expect(retried.stdout.contains("  Misbehaving (test)     0 documents, nothing found, 1 failed\n"))
  }
}
