// A link's FCM weight from the panel's strength votes, or from the
// researcher when they set one.

/// The strength a panel member gives a link when they agree with it.
/// Raw values are the ones the project store keeps (`panel_vote.strength`).
public enum PanelStrength: String, Sendable, CaseIterable, Hashable {
  case aLittle = "a-little"
  case some
  case aLot = "a-lot"

  /// The linguistic term this vote stands for on a link of the given
  /// polarity: a little → ±L, some → ±M, a lot → ±H.
  public func term(polarity: Int) -> LinguisticTerm {
    switch (self, polarity < 0) {
    case (.aLittle, false): .positiveLow
    case (.some, false): .positiveMedium
    case (.aLot, false): .positiveHigh
    case (.aLittle, true): .negativeLow
    case (.some, true): .negativeMedium
    case (.aLot, true): .negativeHigh
    }
  }
}

extension LinguisticWeights {
  /// The weight Hark gives an approved link.
  ///
  /// - A weight the researcher set (−1 … 1) wins: it is their considered call.
  /// - Otherwise the panel's strength votes, each mapped to a term with the
  ///   link's sign (`PanelStrength.term(polarity:)`), are aggregated with
  ///   these settings (Mamdani and fMax by default) and defuzzified.
  /// - With neither, nil: the caller keeps the weight from the evidence.
  public func panelWeight(polarity: Int, votes: [PanelStrength], researcherWeight: Double? = nil) -> Double? {
    if let researcherWeight { return researcherWeight }
    var counts: [LinguisticTerm: Int] = [:]
    for vote in votes { counts[vote.term(polarity: polarity), default: 0] += 1 }
    return weight(counts: counts)
  }
}
