// The one place tests get a scratch folder, so every test target names and
// creates them the same way.
import Foundation

/// A new empty folder under the temporary directory, named `prefix-UUID` so
/// leftovers from a failed run show which tests wrote them. Callers that
/// clean up remove it themselves with `defer`.
public func makeTemporaryFolder(_ prefix: String) throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}
