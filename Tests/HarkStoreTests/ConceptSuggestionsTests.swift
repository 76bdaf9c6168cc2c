import Testing

@testable import HarkStore

@Suite("Merges and parents suggested from concept labels, with the reason, never applied")
struct ConceptSuggestionsTests {
  /// Live concepts as `conceptTree()` gives them: id, label, mentions.
  func nodes(
    _ concepts: [(ConceptID, String, Int)], parents: [ConceptID: ConceptID] = [:],
    opposites: [ConceptID: ConceptID] = [:]
  )
    -> [ConceptNode]
  {
    concepts.map { id, label, mentions in
      ConceptNode(
        concept: ConceptSummary(
          id: id, label: label, key: ConceptKey.make(label), mentions: mentions, documents: 1, sources: 1,
          mergedInto: nil, oppositeOf: opposites[id]),
        parentID: parents[id], depth: parents[id] == nil ? 0 : 1, links: 0, path: [label])
    }
  }

  @Test("a plain label that is the last level of a hierarchical one is suggested as a merge into it")
  func lastLevel() {
    #expect(
      ConceptSuggestions.suggest(nodes([(1, "Money; debt", 7), (2, "debt", 4), (3, "rent", 2)])) == [
        ConceptSuggestion(kind: .merge, concept: 2, other: 1, reason: "“debt” is the last level of “Money; debt”")
      ])
  }

  @Test("the same words in another form are suggested as a merge into the most mentioned; a word alone keeps its -ing")
  func wordForms() {
    #expect(
      ConceptSuggestions.suggest(
        nodes([
          (1, "feel safe", 3), (2, "feeling safe", 13), (3, "worries", 2), (4, "worry", 1), (5, "works", 4),
          (6, "working", 2),
        ]))
        == [
          ConceptSuggestion(
            kind: .merge, concept: 1, other: 2,
            reason: "“feel safe” and “feeling safe” are the same words in another form"),
          ConceptSuggestion(
            kind: .merge, concept: 4, other: 3, reason: "“worry” and “worries” are the same words in another form"),
        ])
  }

  @Test("stems that are different words are not suggested: housing and house, meeting and meat")
  func noLooseStems() {
    #expect(ConceptSuggestions.suggest(nodes([(1, "housing", 5), (2, "house", 3), (3, "meat", 2)])) == [])
  }

  @Test("a noun phrase ending with another concept's words is suggested under the longest; other phrases are not")
  func kindOf() {
    #expect(
      ConceptSuggestions.suggest(
        nodes([
          (1, "Services; waiting list", 4), (2, "detox waiting list", 2), (3, "list", 1), (4, "long time", 3),
          (5, "going back to my GP", 2), (6, "GP", 2), (7, "she talks", 1), (8, "talk", 1),
        ]))
        == [
          ConceptSuggestion(
            kind: .parent, concept: 2, other: 1, reason: "“detox waiting list” names a kind of “Services; waiting list”"
          )
        ])
  }

  @Test("nothing is suggested for a concept already placed, or between opposites")
  func alreadyPlacedOrOpposite() {
    #expect(
      ConceptSuggestions.suggest(
        nodes(
          [(1, "waiting list", 4), (2, "detox waiting list", 2), (3, "trust", 3), (4, "trusting", 1)],
          parents: [2: 3], opposites: [4: 3])) == [])
  }

  @Test("a general word alone stands over nothing: a long time is not suggested under time")
  func generalHead() {
    #expect(ConceptSuggestions.suggest(nodes([(1, "time", 9), (2, "long time", 3)])) == [])
  }
}
