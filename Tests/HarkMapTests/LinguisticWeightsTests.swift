// FCM weights from linguistic ratings: every figure in the ratings section of
// fcm-reference.md, and the mapping from panel strength votes.
import HarkMap
import Testing

@Suite("Linguistic weights")
struct LinguisticWeightsTests {
  /// fcm-reference.md: six raters on three links.
  static let ratings: [String: [LinguisticTerm: Int]] = [
    "C1→C2": [.negativeVeryHigh: 2, .negativeHigh: 3, .negativeMedium: 1],
    "C1→C3": [.positiveMedium: 3, .positiveHigh: 1, .positiveLow: 1, .none: 1],
    "C2→C3": [.negativeMedium: 4, .negativeHigh: 1, .negativeLow: 1],
  ]

  struct Row: Sendable, CustomTestStringConvertible {
    var implication: FuzzyImplication
    var aggregation: FuzzyAggregation
    var expected: [String: Double]
    var testDescription: String { "\(implication.rawValue) + \(aggregation.rawValue)" }
  }

  static let table: [Row] = [
    Row(implication: .mamdani, aggregation: .fMax, expected: ["C1→C2": -0.703218, "C1→C3": 0.48494, "C2→C3": -0.5]),
    Row(
      implication: .mamdani, aggregation: .algebraicSum,
      expected: ["C1→C2": -0.715381, "C1→C3": 0.486842, "C2→C3": -0.5]),
    Row(implication: .larsen, aggregation: .fMax, expected: ["C1→C2": -0.722442, "C1→C3": 0.477679, "C2→C3": -0.5]),
    Row(
      implication: .larsen, aggregation: .algebraicSum,
      expected: ["C1→C2": -0.730392, "C1→C3": 0.480159, "C2→C3": -0.5]),
  ]

  @Test("six raters' terms give the reference weights for each implication and aggregation", arguments: table)
  func referenceRatings(row: Row) throws {
    let method = LinguisticWeights(implication: row.implication, aggregation: row.aggregation)
    for (link, counts) in Self.ratings {
      let weight = try #require(method.weight(counts: counts))
      #expect(abs(weight - row.expected[link]!) <= 1e-6, "\(link): \(weight)")
    }
  }

  @Test("FCMpy's documentation example: +VH 0.33, +H 0.5, +M 0.16 give 0.705057 (Mamdani) and 0.724138 (Larsen)")
  func documentationExample() throws {
    let shares: [LinguisticTerm: Double] = [.positiveVeryHigh: 0.33, .positiveHigh: 0.5, .positiveMedium: 0.16]
    let mamdani = try #require(LinguisticWeights(implication: .mamdani, aggregation: .fMax).weight(shares: shares))
    let larsen = try #require(LinguisticWeights(implication: .larsen, aggregation: .fMax).weight(shares: shares))
    #expect(abs(mamdani - 0.705057) <= 1e-6)
    #expect(abs(larsen - 0.724138) <= 1e-6)
  }

  @Test("the universe runs from -1 to exactly 1 in 41 steps of 0.05")
  func universe() {
    let universe = LinguisticWeights().universe
    #expect(universe.count == 41)
    #expect(universe.first == -1)
    #expect(universe[20] == 0)
    #expect(universe.last == 1)
  }

  @Test("the centroid is the area's, not the mean of the sample points: a right triangle on 0…1 gives 2/3")
  func exactCentroid() throws {
    // Σxμ/Σμ over the points 0, 0.5, 1 would give (0.25 + 1) / 1.5 = 0.8333.
    let centroid = try #require(LinguisticWeights.centroid(x: [0, 0.5, 1], y: [0, 0.5, 1]))
    #expect(abs(centroid - 2.0 / 3.0) <= 1e-15)
  }

  @Test("nobody rating a link gives no weight")
  func noRatings() {
    #expect(LinguisticWeights().weight(counts: [:]) == nil)
    #expect(LinguisticWeights().weight(counts: [.positiveHigh: 0]) == nil)
  }
}

@Suite("Panel strength votes to weights")
struct PanelWeightsTests {
  @Test("a little, some and a lot stand for L, M and H with the link's sign")
  func terms() {
    #expect(PanelStrength.aLittle.term(polarity: 1) == .positiveLow)
    #expect(PanelStrength.some.term(polarity: 1) == .positiveMedium)
    #expect(PanelStrength.aLot.term(polarity: 1) == .positiveHigh)
    #expect(PanelStrength.aLittle.term(polarity: -1) == .negativeLow)
    #expect(PanelStrength.some.term(polarity: -1) == .negativeMedium)
    #expect(PanelStrength.aLot.term(polarity: -1) == .negativeHigh)
  }

  @Test("the strengths are stored under the names the panel vote table uses")
  func rawValues() {
    #expect(PanelStrength.allCases.map(\.rawValue) == ["a-little", "some", "a-lot"])
  }

  @Test("a unanimous panel gives the centre of its term: 0.25, 0.5, 0.75")
  func unanimous() {
    let weights = LinguisticWeights()
    let cases: [([PanelStrength], Double)] = [
      ([.aLittle, .aLittle], 0.25), ([.some], 0.5), ([.aLot, .aLot, .aLot], 0.75),
    ]
    for (votes, expected) in cases {
      let weight = weights.panelWeight(polarity: 1, votes: votes) ?? .nan
      #expect(abs(weight - expected) <= 1e-12, "\(votes): \(weight)")
    }
  }

  @Test("two 'a lot' and one 'some' on a positive link give 60/91 (Mamdani, fMax, centroid)")
  func mixedVotes() throws {
    let weight = try #require(LinguisticWeights().panelWeight(polarity: 1, votes: [.aLot, .some, .aLot]))
    #expect(abs(weight - 60.0 / 91.0) <= 1e-12)
  }

  @Test("the same votes on a negative link give the same weight with a minus sign")
  func negativeLink() throws {
    let votes: [PanelStrength] = [.aLot, .some, .aLot, .aLittle]
    let positive = try #require(LinguisticWeights().panelWeight(polarity: 1, votes: votes))
    let negative = try #require(LinguisticWeights().panelWeight(polarity: -1, votes: votes))
    #expect(abs(positive + negative) <= 1e-12)
    #expect(negative < 0)
  }

  @Test("a weight the researcher set overrides the panel's votes")
  func researcherOverrides() {
    #expect(LinguisticWeights().panelWeight(polarity: 1, votes: [.aLot], researcherWeight: -0.3) == -0.3)
  }

  @Test("with no strength votes and no researcher weight there is no panel weight")
  func nothingToGoOn() {
    #expect(LinguisticWeights().panelWeight(polarity: -1, votes: []) == nil)
  }
}
