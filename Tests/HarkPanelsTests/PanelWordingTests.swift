// The panel question for each shape of concept label, word for word.
import Testing

@testable import HarkPanels

@Suite("Panel wording")
struct PanelWordingTests {
  /// cause, effect, polarity, the question members read.
  static let table: [(String, String, Int, String)] = [
    // plural causes take "Do"; a gerund effect is made more or less likely
    ("tablets", "going under", -1, "Do tablets make going under less likely?"),
    ("the tablets", "going under", -1, "Do the tablets make going under less likely?"),
    ("the tablets", "going under", 1, "Do the tablets make going under more likely?"),
    ("bus fares", "eating properly", -1, "Do bus fares make eating properly less likely?"),
    ("children", "less money", 1, "Do children lead to less money?"),
    ("children", "less money", -1, "Do children lead to more money?"),
    ("staff", "feeling listened to", 1, "Do staff make people feel more listened to?"),
    // a bare everyday place takes "the"; a mass noun takes more or less
    ("café", "confidence", 1, "Does the café lead to more confidence?"),
    ("waiting list", "anxiety", 1, "Does the waiting list lead to more anxiety?"),
    ("money worries", "sleep", -1, "Do money worries lead to less sleep?"),
    ("housing", "stress", -1, "Does housing lead to less stress?"),
    // a plural noun effect takes more or fewer
    ("peer support", "missed meals", -1, "Does peer support lead to fewer missed meals?"),
    ("the cost of living", "fewer meals", 1, "Does the cost of living lead to fewer meals?"),
    ("the cost of living", "fewer meals", -1, "Does the cost of living lead to more meals?"),
    // feelings and adjectives are about people
    ("the Hub", "feeling less alone", 1, "Does the Hub make people feel less alone?"),
    ("the Hub", "feeling less alone", -1, "Does the Hub make people feel more alone?"),
    ("peer group", "less alone", 1, "Does the peer group make people less alone?"),
    ("losing the job", "anxious", 1, "Does losing the job make people more anxious?"),
    ("debt", "hopeful", -1, "Does debt make people less hopeful?"),
    ("tablets", "more confident", -1, "Do tablets make people less confident?"),
    // gerund causes are singular
    ("being listened to", "trust in services", 1, "Does being listened to lead to more trust in services?"),
    ("taking the tablets", "going under", -1, "Does taking the tablets make going under less likely?"),
    ("not asking for help", "the waiting list", 1, "Does not asking for help make the waiting list more likely?"),
    // names and determined effects are made more or less likely
    ("Centrelink", "the waiting list", 1, "Does Centrelink make the waiting list more likely?"),
    ("the rent", "the Hub", -1, "Does the rent make the Hub less likely?"),
    // one countable thing takes "a" or "an" and is made more or less likely
    ("bad head", "rough night", 1, "Does a bad head make a rough night more likely?"),
    ("the rent", "awful flat", -1, "Does the rent make an awful flat less likely?"),
    ("debt", "hopeful", 1, "Does debt make people more hopeful?"),
    // the causal-links plugin's other shapes are said as acts
    ("rent doubled", "closing down", 1, "Does the rent doubling make closing down more likely?"),
    ("crops failed", "less money", 1, "Does the crops failing lead to less money?"),
    ("peer group", "kept going", 1, "Does the peer group make keeping going more likely?"),
    ("no money", "missed meals", 1, "Does having no money lead to more missed meals?"),
    ("debt", "no money", -1, "Does debt make having no money less likely?"),
    ("church", "becoming a family", 1, "Does the church make becoming a family more likely?"),
    ("lonely", "drinking", 1, "Does feeling lonely make drinking more likely?"),
    ("affording the rent", "closing down", -1, "Does affording the rent make closing down less likely?"),
    ("working five and a half days", "money", 1, "Does working five and a half days lead to more money?"),
    ("not pushing", "feeling safe", 1, "Does not pushing make people feel more safe?"),
    ("seven children", "wellbeing", -1, "Do seven children lead to less wellbeing?"),
    // spacing in a label is tidied
    ("bus  fares", " eating\tproperly", -1, "Do bus fares make eating properly less likely?"),
  ]

  @Test("every label shape reads as a plain question", arguments: table.indices)
  func shapes(_ index: Int) {
    let (cause, effect, polarity, expected) = Self.table[index]
    #expect(PanelWording.question(cause: cause, effect: effect, polarity: polarity) == expected)
  }

  @Test("a researcher's wording is the question; the generated one is kept beside it")
  func wordingWins() {
    let question = PlainQuestion(cause: "café", effect: "confidence", polarity: 1, wording: "Does the café help?")
    #expect(question.text == "Does the café help?")
    #expect(question.generated == "Does the café lead to more confidence?")
  }
}
