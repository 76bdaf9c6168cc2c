// Concept keys are remembered and labels read without Foundation when they
// can be; both must give what the full reading gives.
import Testing

@testable import HarkStore

@Suite("Concept keys and references")
struct ConceptKeyTests {
  static let labels = [
    "The peer groups", "peer group", "  Peer Group  ", "~lonely", "~ ~lonely", "Support; peer support",
    "my mum's", "Zoë's café", "waiting list.", "bus", "buses", "crisis", "\tnot sleeping\n", "~",
    "Services; GP", "a", "the", "Dr. Patel's surgery",
  ]

  @Test("a remembered key is the key the label has, also after the memory is emptied")
  func rememberedKeys() {
    let expected = [
      "peer group", "peer group", "peer group", "~lonely", "~~lonely", "support; peer support", "mum",
      "zoë's café", "waiting list", "bus", "buse", "crisis", "not sleeping", "~", "service; gp", "a", "the",
      "dr patel's surgery",
    ]
    #expect(Self.labels.map(ConceptKey.compute) == expected)
    #expect(Self.labels.map(ConceptKey.make) == expected)
    #expect(Self.labels.map(ConceptKey.make) == expected)  // now from memory
    // More labels than the memory holds: it is emptied and fills again.
    for n in 0...ConceptKey.remembered { _ = ConceptKey.make("label \(n) things") }
    #expect(ConceptKey.make("label 7 things") == "label 7 thing")
    #expect(Self.labels.map(ConceptKey.make) == expected)
  }

  @Test("a label with nothing to trim and no \"~\" is read as it is; any other is read in full")
  func references() {
    let read = Self.labels.map { ConceptReference($0) }.map { "\($0.isOpposite ? "~" : "")[\($0.label)]" }
    #expect(
      read == [
        "[The peer groups]", "[peer group]", "[Peer Group]", "~[lonely]", "[lonely]", "[Support; peer support]",
        "[my mum's]", "[Zoë's café]", "[waiting list.]", "[bus]", "[buses]", "[crisis]", "[not sleeping]", "~[]",
        "[Services; GP]", "[a]", "[the]", "[Dr. Patel's surgery]",
      ])
    #expect(ConceptReference("Zoë\u{00A0}").label == "Zoë")
  }
}
