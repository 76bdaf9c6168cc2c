// The synonym table compiled into the SDK's kit is Hark's own file, word for
// word: scripts/update-default-synonyms.sh writes one from the other.
import Foundation
import HarkPluginKit
import Testing

@Suite("Built-in concept synonyms")
struct DefaultSynonymsFileTests {
  @Test("the compiled-in table is the same text as corpora/codebooks/concepts.synonyms")
  func builtInMatchesFile() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("corpora/codebooks/concepts.synonyms")
    #expect(try String(contentsOf: file, encoding: .utf8) == ConceptSynonyms.defaultText + "\n")
  }
}
