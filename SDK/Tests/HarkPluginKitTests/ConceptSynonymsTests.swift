import Foundation
import HarkPluginKit
import Testing

@Suite("Concept synonyms")
struct ConceptSynonymsTests {
  @Test("inflections and synonyms of a concept get its canonical label")
  func merging() {
    let table = ConceptSynonyms.builtIn
    #expect(table.canonical("lonely") == "loneliness")
    #expect(table.canonical("Loneliness") == "loneliness")
    #expect(table.canonical("isolated") == "loneliness")
    #expect(table.canonical("feeling isolated") == "feeling isolated")
    #expect(table.canonical("the peer groups") == "Support; peer support")
    #expect(table.canonical("being listened to") == "being heard")
  }

  @Test("an opposite of a variant is the opposite of the concept, and two opposites cancel")
  func opposites() {
    let table = ConceptSynonyms.builtIn
    #expect(table.canonical("~isolated") == "~loneliness")
    #expect(table.canonical("less alone") == "~loneliness")
    #expect(table.canonical("~less alone") == "loneliness")
  }

  @Test("a label the table does not know is kept as it is")
  func unknown() {
    #expect(ConceptSynonyms.builtIn.lookup("bus passes") == nil)
    #expect(ConceptSynonyms.builtIn.canonical("bus passes") == "bus passes")
  }

  @Test("a line without \"=\" is an error naming the file and line")
  func missingEquals() {
    #expect(throws: PluginError.self) { try ConceptSynonyms.parse("# ok\nhope: hopeful", file: "my.synonyms") }
    do {
      _ = try ConceptSynonyms.parse("# ok\nhope: hopeful", file: "my.synonyms")
    } catch {
      #expect("\(error)".hasPrefix("my.synonyms, line 2: expected `canonical label = variant, variant, …`"))
    }
  }

  @Test("a variant given to two concepts is an error naming both lines")
  func duplicateVariant() {
    do {
      _ = try ConceptSynonyms.parse("hope = hopeful\n\noptimism = hopeful, optimistic", file: "x")
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)"
          == "x, line 3: \"hopeful\" is already a name of \"hope\" (line 1). A word or phrase can name one concept only: remove it from one of the two lines."
      )
    }
  }

  @Test("an empty canonical label is an error")
  func emptyCanonical() {
    #expect(throws: PluginError.self) { try ConceptSynonyms.parse(" = hopeful", file: "x") }
  }
}
