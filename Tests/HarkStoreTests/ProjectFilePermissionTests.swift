import Foundation
import HarkStore
import HarkTestSupport
import HarkTranscripts
import Testing

@Suite("Project files are readable by their owner alone")
struct ProjectFilePermissionTests {
  private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }

  @Test("a new project and its -wal and -shm files are created 0600, whatever the umask allows")
  func ownerOnly() throws {
    let folder = try makeTemporaryFolder("hark-import")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("study.sqlite").path
    let store = try ProjectStore.create(at: path)
    let bytes = Data("Ruth: Hello.\n".utf8)
    _ = try store.importTranscript(
      try TranscriptReader.read(data: bytes, name: "a.txt", format: .text), sourceName: "a.txt", sourceBytes: bytes,
      actor: testActor)
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    #expect(FileManager.default.fileExists(atPath: path + "-shm"))
    #expect(try mode(path) == 0o600)
    #expect(try mode(path + "-wal") == 0o600)
    #expect(try mode(path + "-shm") == 0o600)
  }
}
