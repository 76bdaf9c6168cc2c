import Foundation
import HarkPluginKit
import Testing

@testable import HarkCausalLinks

@Suite("Causal links plugin: cue patterns")
struct CausalLinksTests {
  /// One link in a line a test can compare: "cause -> effect (+1) s=0.78 c=0.75".
  static func summary(_ link: LinkResult) -> String {
    "\(link.cause) -> \(link.effect) (\(link.polarity > 0 ? "+" : "")\(link.polarity)) s=\(link.strength) c=\(link.confidence)"
  }

  static func run(_ turns: [(SpeakerRole, String)], known: [String] = []) throws -> (
    Document, CollectingSink
  ) {
    var text = ""
    var spans: [Turn] = []
    for (role, said) in turns {
      let start = text.utf8.count
      text += said
      spans.append(
        Turn(
          span: start..<text.utf8.count, speaker: role == .interviewer ? "Sam" : "Jade", role: role)
      )
      text += "\n"
    }
    let document = Document(id: "doc", text: text, turns: spans, knownConcepts: known)
    let sink = CollectingSink()
    // The cue patterns on their own; CausalLinksEncoderTests reads with the encoder too.
    let plugin = try CausalLinksPlugin(options: PluginOptions())
    plugin.readsWithEncoder = false
    try plugin.analyze(document, into: sink)
    return (document, sink)
  }

  /// The links read from one participant sentence, summarised.
  static func links(_ sentence: String, known: [String] = []) throws -> [String] {
    try run([(.participant, sentence)], known: known).1.links.map(summary)
  }

  // MARK: - Patterns

  @Test("'X helped me Y': labels without determiners, 'really' strengthens, spans inside the quote")
  func helpedMe() throws {
    let (document, sink) = try Self.run([
      (.participant, "The peer group really helped me feel less alone.")
    ])
    #expect(
      sink.links == [
        LinkResult(
          cause: "peer group", effect: "feeling less alone", polarity: 1, strength: 0.78,
          confidence: 0.75,
          span: 0..<48, causeSpan: 0..<14, effectSpan: 32..<47,
          explanation:
            #"pattern "X helped/helps me/us/him/her/them (to) Y": cause "The peer group", effect "feel less alone"; "really" strengthens (0.78)"#
        )
      ])
    #expect(document.slice(0..<14) == "The peer group")
    #expect(
      sink.concepts == [
        ConceptResult(
          label: "peer group", span: 0..<14, confidence: 0.75,
          explanation: #"cause in: "The peer group really helped me feel less alone.""#),
        ConceptResult(
          label: "feeling less alone", span: 32..<47, confidence: 0.75,
          explanation: #"effect in: "The peer group really helped me feel less alone.""#),
      ])
  }

  @Test("'X really helped' with no effect words: the effect is wellbeing")
  func helpedAlone() throws {
    #expect(
      try Self.links("The drop-in really helped.") == ["drop-in -> wellbeing (+1) s=0.78 c=0.65"])
  }

  @Test("'X helped with Y': less of a problem, more of anything else")
  func helpedWith() throws {
    #expect(
      try Self.links("The group helped me with my anxiety.") == [
        "group -> anxiety (-1) s=0.6 c=0.75"
      ])
    #expect(
      try Self.links("Paula helped with my housing form.") == [
        "paula -> housing form (+1) s=0.6 c=0.75"
      ])
  }

  @Test("'X made me feel Y' keeps 'like': feeling like nobody cared")
  func madeMeFeel() throws {
    #expect(
      try Self.links("Being left in silence made me feel like nobody cared.")
        == ["left in silence -> feeling like nobody cared (+1) s=0.6 c=0.75"])
  }

  @Test("'X made me Y': a feeling or an action, and 'not' turns the polarity, never the label")
  func madeMe() throws {
    #expect(
      try Self.links("Every warning made me more anxious.") == [
        "warning -> feeling anxious (+1) s=0.6 c=0.65"
      ])
    #expect(
      try Self.links("The group made me not want to drink.") == [
        "group -> drinking (-1) s=0.6 c=0.65"
      ])
  }

  @Test("'X gave me the confidence to Y': the effect is the thing given")
  func gaveMe() throws {
    #expect(
      try Self.links("Volunteering at the café gave me the confidence to apply for jobs.")
        == ["volunteering at the café -> confidence (+1) s=0.6 c=0.7"])
  }

  @Test("'because of X, Y' and 'Y because of X'")
  func becauseOf() throws {
    #expect(
      try Self.links("Because of the bus fares, I missed my appointments.")
        == ["bus fares -> missing my appointments (+1) s=0.6 c=0.6"])
    #expect(
      try Self.links("I drank because of the debt.") == ["debt -> drinking (+1) s=0.6 c=0.55"])
    #expect(
      try Self.links("And the debt was because of the drinking.") == [
        "drinking -> debt (+1) s=0.6 c=0.55"
      ])
  }

  @Test("'because of X and Z' gives one link per cause")
  func coordinatedCauses() throws {
    #expect(
      try Self.links(
        "But because of Dee and the drop-in and everything, I've got a bit more confidence now.")
        == ["Dee -> confidence (+1) s=0.42 c=0.6", "drop-in -> confidence (+1) s=0.42 c=0.6"])
  }

  @Test("'Y because X': a clause is a cause whoever did it; a person alone is not")
  func becauseClause() throws {
    #expect(
      try Self.links("I missed appointments because I couldn't afford the bus.")
        == ["affording the bus -> missing appointments (-1) s=0.6 c=0.45"])
    #expect(try Self.links("She came back because the bus was late.") == ["late bus -> coming back (+1) s=0.6 c=0.45"])
    // "there" at the end says where, not what: the concept is "not safe", as stated, and the sign the effect's.
    #expect(try Self.links("I left because it wasn't safe there.") == ["not safe -> leaving (+1) s=0.6 c=0.45"])
    #expect(try Self.links("She helped me find a flat.") == [])
  }

  @Test("an effect that is a loss names the thing lost and turns the polarity; two turns make (+)")
  func lossEffect() throws {
    #expect(
      try Self.links("Twice I lost a hostel bed because I didn't have a phone.")
        == ["phone -> hostel bed (+1) s=0.6 c=0.45"])
  }

  @Test("'the head was bad' as a cause or effect becomes 'bad head'")
  func copulaAdjective() throws {
    #expect(try Self.links("I drank because my head was bad.") == ["bad head -> drinking (+1) s=0.6 c=0.45"])
  }

  @Test("'that' takes up the clause before it: 'I help on the café, and that's given me the confidence'")
  func thatTakesUpClause() throws {
    #expect(
      try Self.links("I help on the café on Fridays, and that's given me the confidence to think about a job.")
        == ["helping on the café on fridays -> confidence (+1) s=0.6 c=0.56"])
  }

  @Test("'when' in the present states a cause; in the past it tells a time")
  func whenClauses() throws {
    #expect(
      try Self.links("When I'm burnt out, I get shorter with people.")
        == ["burnt out -> getting shorter with people (+1) s=0.6 c=0.4"])
    #expect(try Self.links("When I got there, she made me a tea.") == [])
  }

  @Test("a sentence that is only 'Because X.' takes its effect from the sentence before")
  func becauseAnswersSentenceBefore() throws {
    #expect(
      try Self.links("I went back the next week. Because she didn't push.")
        == ["pushing -> going back (-1) s=0.6 c=0.4"])
  }

  @Test("'Y if X' reads a condition as a cause, but 'asked if' means 'whether'")
  func ifClauses() throws {
    #expect(
      try Self.links("You can't be warm with people if you're running on empty.")
        == ["running on empty -> warm with people (-1) s=0.6 c=0.35"])
    #expect(try Self.links("She asked if I wanted sugar.") == [])
    #expect(
      try Self.links("When I'm burnt out I get shorter with people.")
        == ["burnt out -> getting shorter with people (+1) s=0.6 c=0.4"])
  }

  @Test("', so' needs a clause before it: 'Eleven months, so …' is no cause")
  func soNeedsClause() throws {
    #expect(try Self.links("Eleven months, so they beat their own record.") == [])
  }

  @Test("', so' after a 'there was' clause: the absence is the cause as stated")
  func soAfterThereWas() throws {
    #expect(try Self.links("There was no bus, so we walked.") == ["no bus -> walking (+1) s=0.75 c=0.45"])
  }

  @Test("'so ADJECTIVE that CLAUSE' states a cause and its result; 'so that' of purpose does not")
  func soThat() throws {
    #expect(
      try Self.links("It was so expensive that she mostly shopped in Parramatta.")
        == ["expensive -> shopping in Parramatta (+1) s=0.6 c=0.5"])
    #expect(try Self.links("We were so busy that we never went out.") == ["busy -> going out (-1) s=0.6 c=0.5"])
    #expect(try Self.links("I fixed it so that we could cook.") == [])
  }

  @Test("where or how far is cut from a label: 'here in Penrith', 'all the way', 'right across the bushes'")
  func placeAndExtentCut() throws {
    #expect(
      try Self.links("You had to be escorted right across the bushes because it would be bush all the way.")
        == ["bush -> escorted (+1) s=0.6 c=0.45"])
    #expect(
      try Self.links("We had a reunion here in Penrith because of the headmaster.")
        == ["headmaster -> reunion (+1) s=0.6 c=0.55"])
  }

  @Test("a cause named by a noun phrase ends before its purpose: 'the contract … to supply vegetables'")
  func causeCutBeforePurpose() throws {
    #expect(
      try Self.links(
        "He had the contract with the Military to supply vegetables to the Military, so he was not called up.")
        == ["contract with the Military -> called up (-1) s=0.75 c=0.45"])
    // One word or a quality before "to" keeps it: "plenty to eat", "hard to save".
    #expect(
      try Self.links("We had plenty to eat, so we never went hungry.") == [
        "plenty to eat -> going hungry (-1) s=0.75 c=0.45"
      ])
  }

  @Test(
    "a sentence opening with 'so' is the result of the sentence before; not at a turn's start, nor a date or question")
  func openingSo() throws {
    let (_, sink) = try Self.run([(.participant, "We had no car. So we walked everywhere.")])
    #expect(sink.links.map(Self.summary) == ["no car -> walking everywhere (+1) s=0.6 c=0.45"])
    #expect(
      sink.links.first?.explanation
        == #""so" opening the sentence: cause "no car" (in the sentence before), effect "walked everywhere"; strength 0.6"#
    )
    #expect(sink.links.first?.span == 0..<39)
    // "you know" is an aside, not the clause the result follows from.
    #expect(
      try Self.links("He built a house next door, you know. So we always lived with the grandmother.")
        == ["building a house next door -> living with the grandmother (+1) s=0.6 c=0.45"])
    #expect(try Self.links("So we walked everywhere.") == [])
    #expect(try Self.links("We had no car. So what did we do?") == [])
    #expect(try Self.links("We moved in. So it was 1952.") == [])
  }

  @Test("a clause describing a thing is cut from its label: 'a door I could lock' → 'door'")
  func describingClauseCut() throws {
    #expect(
      try Self.links("Once I had a door I could lock, I started sleeping.") == ["door -> sleeping (+1) s=0.6 c=0.45"])
  }

  @Test("verbs that end things: 'the wait killed the moment' is negative; 'violence broke out' is no link")
  func endingVerbs() throws {
    #expect(try Self.links("The wait killed the moment.") == ["wait -> moment (-1) s=0.6 c=0.5"])
    #expect(try Self.links("Violence broke out in the city.") == [])
  }

  @Test("a dash glued to the cue word does not hide it from the quick check")
  func dashGluedToCue() throws {
    #expect(try Self.links("The group really helped—honestly.") == ["group -> wellbeing (+1) s=0.78 c=0.65"])
  }

  @Test("'without X I would Y': the cause prevents Y, polarity −1")
  func withoutWould() throws {
    let (_, sink) = try Self.run([(.participant, "Without the group I would have relapsed.")])
    #expect(sink.links.map(Self.summary) == ["group -> relapsing (-1) s=0.6 c=0.65"])
    #expect(
      sink.links.first?.explanation
        == #"pattern "without X Y": cause "the group", effect "relapsed"; without the cause the effect would happen, so the cause prevents it (−); strength 0.6"#
    )
  }

  @Test("'without X I wouldn't Y': the cause brings Y about, polarity +1")
  func withoutWouldNot() throws {
    #expect(
      try Self.links("Without the drop-in I wouldn't have had any way in.") == [
        "drop-in -> way in (+1) s=0.6 c=0.65"
      ])
    #expect(
      try Self.links("Without my family I would not try.") == ["family -> trying (+1) s=0.6 c=0.65"]
    )
  }

  @Test("'if it wasn't for X I'd Y', with 'I don't think' before the effect")
  func ifItWasNotFor() throws {
    #expect(
      try Self.links(
        "If it wasn't for that first cup of tea I don't think I'd have gone back at all.")
        == ["cup of tea -> going back (+1) s=0.72 c=0.7"])
    #expect(
      try Self.links("If it wasn't for Lorraine I'd be dead.") == [
        "Lorraine -> dead (-1) s=0.6 c=0.7"
      ])
  }

  @Test("'X made Y worse': more of a problem, less of wellbeing")
  func madeWorse() throws {
    #expect(
      try Self.links("The waiting made my anxiety so much worse.") == [
        "waiting -> anxiety (+1) s=0.78 c=0.75"
      ])
    #expect(
      try Self.links("The rules made things worse.") == ["rules -> wellbeing (-1) s=0.6 c=0.75"])
  }

  @Test("'X made it harder to Y' is negative")
  func madeItHarder() throws {
    #expect(
      try Self.links("The recording made it harder to be honest.") == [
        "recording -> being honest (-1) s=0.6 c=0.75"
      ])
  }

  @Test("'X stopped me (from) Y' is negative, 'completely' strengthens")
  func stoppedMe() throws {
    #expect(
      try Self.links("The tablets stopped me going completely under.") == [
        "tablets -> going under (-1) s=0.84 c=0.75"
      ])
    #expect(
      try Self.links("The stigma stops people from asking for help.")
        == ["stigma -> asking for help (-1) s=0.6 c=0.75"])
  }

  @Test("'X led to Y', 'X means I Y', 'X meant that Y'")
  func ledToAndMeans() throws {
    #expect(
      try Self.links("Stopping my script led straight back to using.") == [
        "stopping my script -> using (+1) s=0.6 c=0.7"
      ])
    #expect(
      try Self.links("The café means I get out of the house.") == [
        "café -> getting out of the house (+1) s=0.6 c=0.55"
      ])
    #expect(
      try Self.links("The language barrier meant that people got misunderstood.")
        == ["language barrier -> getting misunderstood (+1) s=0.6 c=0.55"])
  }

  @Test("'thanks to X, Y', 'since X, Y' and the weak 'after X, Y'")
  func thanksSinceAfter() throws {
    #expect(
      try Self.links("Thanks to Dee, I kept my flat.") == [
        "Dee -> keeping my flat (+1) s=0.6 c=0.65"
      ])
    #expect(
      try Self.links("Since I started volunteering, I sleep better.") == [
        "volunteering -> sleeping better (+1) s=0.6 c=0.45"
      ])
    #expect(
      try Self.links("After the assessment, I felt hopeful.") == [
        "assessment -> feeling hopeful (+1) s=0.6 c=0.35"
      ])
  }

  @Test("'X got me Y' and 'X kept me Y', through a cleft 'it was … that'")
  func gotAndKept() throws {
    #expect(
      try Self.links("It was the small things that got me through the door.")
        == ["small things -> getting through the door (+1) s=0.6 c=0.6"])
    #expect(
      try Self.links("Honestly, that debt kept me awake.") == [
        "debt -> kept awake (+1) s=0.6 c=0.6"
      ])
  }

  @Test("'X causes Y', 'Y due to X', 'X resulted in Y', 'Y as a result of X'")
  func causeVerbsAndPhrases() throws {
    #expect(try Self.links("Smoking causes cancer.") == ["smoking -> cancer (+1) s=0.6 c=0.7"])
    #expect(try Self.links("The crops failed due to the drought.") == ["drought -> crops failing (+1) s=0.6 c=0.55"])
    #expect(try Self.links("The argument resulted in a divorce.") == ["argument -> divorce (+1) s=0.6 c=0.7"])
    #expect(
      try Self.links("I lost my job as a result of the drinking.") == ["drinking -> job (-1) s=0.6 c=0.6"])
  }

  @Test("'because' after a noun-phrase subject, a group of people as cause, and the clipped ''cause'")
  func becauseNounSubjects() throws {
    #expect(
      try Self.links("The shop closed because the rent went up.") == ["rent went up -> shop closing (+1) s=0.6 c=0.45"])
    #expect(
      try Self.links("My mother was busy because of the children.") == ["children -> busy (+1) s=0.6 c=0.55"])
    #expect(try Self.links("I left 'cause I was scared.") == ["scared -> leaving (+1) s=0.6 c=0.45"])
    #expect(try Self.links("I lost my job 'cause of the drinking.") == ["drinking -> job (-1) s=0.6 c=0.55"])
  }

  @Test("'because X Y' with no comma needs a clause as cause; a loss avoided names what was kept")
  func frontedBecauseWithoutComma() throws {
    #expect(
      try Self.links("And because I kept my job we didn't lose the house.")
        == ["keeping my job -> house (+1) s=0.6 c=0.45"])
    #expect(try Self.links("Because years ago everybody knew everybody.") == [])
  }

  @Test("'that's why' takes up a sentence with a noun subject; 'thanks to' keeps 'getting through it'")
  func thatsWhyAndThanksTo() throws {
    #expect(
      try Self.links("The rent went up. That's why we closed.") == ["rent went up -> closing (+1) s=0.6 c=0.4"])
    #expect(
      try Self.links("I got through it thanks to my sister.") == ["sister -> getting through it (+1) s=0.6 c=0.6"])
  }

  @Test("'that's how' and ', which is how' take their cause from the clause or sentence before, as 'that's why' does")
  func thatsHow() throws {
    #expect(
      try Self.links("I worked with my father as secretary, and that's how I met my husband.")
        == ["working with my father -> meeting my husband (+1) s=0.6 c=0.36"])
    let beetroot = try Self.links("The beetroot was almost ready. So that's how we worked eight acres.")
    #expect(beetroot == ["beetroot -> working eight acres (+1) s=0.6 c=0.36"], "\(beetroot)")
    #expect(
      try Self.links("We shared the garden, which is how we met.") == ["sharing the garden -> meeting (+1) s=0.6 c=0.5"]
    )
    // "how" with no "that" before it asks or describes: no link.
    #expect(try Self.links("I don't know how we managed.") == [])
  }

  @Test("'made me so angry' reads 'so' as a degree; 'made me go to the doctor' keeps the place")
  func madeMeDegreeAndPlace() throws {
    #expect(try Self.links("The noise made me so angry.") == ["noise -> feeling angry (+1) s=0.75 c=0.65"])
    #expect(
      try Self.links("My sister made me go to the doctor.") == ["sister -> going to the doctor (+1) s=0.6 c=0.65"])
  }

  @Test("a clause with a plain subject is a cause: 'the rent doubled, so', ', which is why', 'That's why'")
  func nounSubjectCauses() throws {
    #expect(try Self.links("The rent doubled, so we closed.") == ["rent doubled -> closing (+1) s=0.75 c=0.45"])
    #expect(
      try Self.links("The rent doubled, which is why we closed.") == ["rent doubled -> closing (+1) s=0.6 c=0.5"])
    #expect(
      try Self.links("The rent doubled. That's why we closed.") == ["rent doubled -> closing (+1) s=0.6 c=0.4"])
  }

  @Test("labels: adverbs are not verbs, 'had seven' is possession, numbers keep their 'and', negation on the link")
  func labelRepairs() throws {
    #expect(try Self.links("I always drank because I was lonely.") == ["lonely -> drinking (+1) s=0.6 c=0.45"])
    #expect(
      try Self.links("Eventually we became a family because of the church.")
        == ["church -> becoming a family (+1) s=0.6 c=0.55"])
    #expect(
      try Self.links("We had seven children because we wanted a big family.")
        == ["wanting a big family -> seven children (+1) s=0.6 c=0.45"])
    #expect(
      try Self.links("I worked five and a half days because we needed the money.")
        == ["needing the money -> working five and a half days (+1) s=0.6 c=0.45"])
    #expect(
      try Self.links("We closed down because we couldn't afford the rent.")
        == ["affording the rent -> closing down (-1) s=0.6 c=0.45"])
  }

  /// The labels and sign of the links read from one participant sentence: "cause -> effect (+1)".
  static func labels(_ sentence: String) throws -> [String] {
    try links(sentence).map { link in
      guard let cut = link.range(of: " s=") else { return link }
      return String(link[..<cut.lowerBound])
    }
  }

  @Test("labels: irregular pasts, 'used to', 'got to', 'go to' a place, 'there was', 'both', 'already'")
  func labelVerbForms() throws {
    #expect(
      try Self.labels("And then, because it grew with far too many people, we then formed a separate musical society.")
        == ["growing -> forming a separate musical society (+1)"])
    #expect(
      try Self.labels("When they couldn't get in to the safe they blew it up.")
        == ["getting in to the safe -> blowing it up (-1)"])
    #expect(
      try Self.labels("I used to sing at most of their functions because I used to sing in the choir.")
        == ["singing in the choir -> singing at most of their functions (+1)"])
    #expect(try Self.labels("We both worked because we needed the money.") == ["needing the money -> working (+1)"])
    #expect(
      try Self.labels("They've already given us a box of fruit, so you can't charge them.")
        == ["giving us a box of fruit -> charging them (-1)"])
    #expect(
      try Self.labels("We just went to the hospital if there was a problem.")
        == ["problem -> going to the hospital (+1)"])
    #expect(
      try Self.labels("I went to Sunday School there because there wasn't a Church of England Sunday School.")
        == ["no Church of England Sunday School -> going to Sunday School (+1)"])
  }

  @Test("labels: a word that is no concept alone gives no link ('so far', 'a shame', 'them young')")
  func labelNonConcepts() throws {
    #expect(try Self.labels("I can't see that it has caused any so far.") == [])
    #expect(try Self.labels("It's such a shame too because they've got to go and leave the little children.") == [])
    #expect(try Self.labels("I had four children under six years of age, so I've had them very young.") == [])
  }

  @Test("no link: 'if' meaning whether, 'when' and 'so' telling an age or a date, 'changed hands'")
  func nonCausalReadings() throws {
    #expect(try Self.links("I asked them if the group was open.") == [])
    #expect(try Self.links("I asked her if the group was open.") == [])
    #expect(try Self.links("I wanted to know if the group was open or not.") == [])
    #expect(try Self.links("When I was seven, we moved to Leeds.") == [])
    #expect(try Self.links("When I'm eighteen, I'll move out.") == [])
    #expect(try Self.links("After I turned 15, I left school.") == [])
    #expect(try Self.links("Once I was sixteen, I left school.") == [])
    #expect(try Self.links("We married in 1950, so I was twenty.") == [])
    #expect(try Self.links("We moved in 1985, so I'd have been twelve.") == [])
    #expect(try Self.links("I was born in 1950, so I was seven when we moved.") == [])
    #expect(try Self.links("The shop changed hands in 1990.") == [])
  }

  // MARK: - Negation, hedges, people, hypotheticals

  @Test(
    "a negated cue gives no link: 'didn't help at all', 'nothing helped', 'never made me feel judged'"
  )
  func negatedCue() throws {
    #expect(try Self.links("The leaflets didn't help at all.") == [])
    #expect(try Self.links("Nothing helped.") == [])
    #expect(try Self.links("Jo never once made me feel judged.") == [])
  }

  @Test("hedges weaken: 'I think maybe … a bit' gives 0.6 × 0.8 × 0.6 × 0.7")
  func hedges() throws {
    let (_, sink) = try Self.run([(.participant, "I think maybe the group helped me a bit.")])
    #expect(sink.links.map(Self.summary) == ["group -> wellbeing (+1) s=0.2 c=0.65"])
    #expect(
      sink.links.first?.explanation
        == #"pattern "X helped/helps (me/us/him/her/them)": cause "the group", effect "helped me"; "i think" weakens, "maybe" weakens, "a bit" weakens (0.2)"#
    )
  }

  @Test("a person as cause gives no link: people are not concepts")
  func personCause() throws {
    #expect(try Self.links("She helped me find a flat.") == [])
    #expect(try Self.links("They made me feel stupid.") == [])
  }

  @Test("'would help' is hypothetical: confidence × 0.6, and said so")
  func hypothetical() throws {
    let (_, sink) = try Self.run([(.participant, "A buddy would help me walk in.")])
    #expect(sink.links.map(Self.summary) == ["buddy -> walking in (+1) s=0.6 c=0.45"])
    #expect(
      sink.links.first?.explanation
        == #"pattern "X would/might/will help me/us/him/her/them (to) Y": cause "A buddy", effect "walk in"; "would" makes it hypothetical (confidence 0.45); strength 0.6"#
    )
  }

  // MARK: - Back-references

  @Test("'it' in an answer refers to what the interviewer asked about")
  func itFromQuestion() throws {
    let (document, sink) = try Self.run([
      (.interviewer, "What about the drop-in?"),
      (.participant, "It really helped me get out of the house."),
    ])
    #expect(
      sink.links.map(Self.summary) == ["drop-in -> getting out of the house (+1) s=0.78 c=0.6"])
    let link = try #require(sink.links.first)
    // The evidence and the cause span stay in the participant's turn.
    #expect(document.slice(link.span) == "It really helped me get out of the house.")
    #expect(document.slice(link.causeSpan!) == "It")
    #expect(
      link.explanation
        == #"pattern "X helped/helps me/us/him/her/them (to) Y": cause "It", effect "get out of the house"; "it" refers to "the drop-in" in the interviewer's question; "really" strengthens (0.78)"#
    )
  }

  @Test("'it' after a one-phrase sentence refers to that phrase; the quote takes both sentences")
  func itFromPreviousSentence() throws {
    let (document, sink) = try Self.run([
      (.participant, "Um, the peer group. It massively helped me.")
    ])
    #expect(sink.links.map(Self.summary) == ["peer group -> wellbeing (+1) s=0.9 c=0.52"])
    let link = try #require(sink.links.first)
    #expect(document.slice(link.span) == "Um, the peer group. It massively helped me.")
    #expect(document.slice(link.causeSpan!) == "the peer group")
  }

  @Test("'that' taken up from the start or the end of the same sentence")
  func dislocation() throws {
    #expect(
      try Self.links("And that little message, honestly, it got me out the door.")
        == ["message -> getting out the door (+1) s=0.6 c=0.48"])
    #expect(
      try Self.links("It helped me, talking to Paula.") == [
        "talking to paula -> wellbeing (+1) s=0.6 c=0.52"
      ])
  }

  @Test("an 'it' with nothing plain to refer to gives no link")
  func unresolvedPronoun() throws {
    #expect(try Self.links("It helped me a lot.") == [])
    #expect(
      try Self.run([
        (.participant, "She asked where I got my trainers. It made me feel like a person.")
      ]).1.links.isEmpty)
  }

  @Test("interviewer turns are context: no links or concepts from them")
  func interviewerIgnored() throws {
    let (_, sink) = try Self.run([
      (.interviewer, "So the peer group really helped you feel less alone?"),
      (.participant, "Yeah."),
    ])
    #expect(sink.links.isEmpty)
    #expect(sink.concepts.isEmpty)
  }

  // MARK: - Labels

  @Test("the project's concepts change nothing the plugin reads, so batch order cannot change the map")
  func knownConceptsIgnored() throws {
    #expect(
      try Self.links("The Thursday peer group at the hub helped me.", known: ["peer group"])
        == ["peer group at the hub -> wellbeing (+1) s=0.6 c=0.65"])
    #expect(
      try Self.links("That week I didn't eat properly because of the bus fares.", known: ["~eating properly"])
        == ["bus fares -> eating properly (-1) s=0.72 c=0.55"])
  }

  @Test("cause and effect spans are UTF-8 byte ranges inside the evidence")
  func byteSpans() throws {
    let (document, sink) = try Self.run([
      (.participant, "Zoë said hello. Talking to other people who'd been through it gave me hope.")
    ])
    let link = try #require(sink.links.first)
    #expect(Self.summary(link) == "talking to other people -> hope (+1) s=0.6 c=0.7")
    #expect(
      document.slice(link.span) == "Talking to other people who'd been through it gave me hope.")
    #expect(document.slice(link.causeSpan!) == "Talking to other people")
    #expect(document.slice(link.effectSpan!) == "hope")
    #expect(
      link.span.contains(link.causeSpan!.lowerBound)
        && link.causeSpan!.upperBound <= link.span.upperBound)
  }

  // MARK: - Cue file

  private func parseError(_ text: String) -> String? {
    do {
      _ = try CueLexicon.parse(text, file: "cues.tsv")
      return nil
    } catch {
      return String(describing: error)
    }
  }

  @Test("cue file mistakes name the file, the line and the fix")
  func cueErrors() {
    #expect(
      parseError("# cues\nX helped Y\t+\t0.7")
        == "cues.tsv, line 2: expected 4 columns separated by TABs (pattern, polarity, confidence, effect), found 3. Check that the columns are separated by TAB characters, not spaces."
    )
    #expect(
      parseError("X helped Y\tup\t0.7\tclause")
        == "cues.tsv, line 1: unknown polarity \"up\". Use one of: +, -, without, worse, better.")
    #expect(
      parseError("X helped Y\t+\t1.5\tclause")
        == "cues.tsv, line 1: confidence \"1.5\" is not a number from 0 to 1. Write e.g. 0.7.")
    #expect(
      parseError("helped Y\t+\t0.7\tclause")
        == "cues.tsv, line 1: pattern \"helped Y\" must have exactly one X (the cause), found 0.")
    #expect(
      parseError("X helped Y\t+\t0.7\twellbeing")
        == "cues.tsv, line 1: pattern \"X helped Y\" has a Y but its effect is \"wellbeing\". Remove the Y or change the effect."
    )
  }

  @Test("the built-in cue patterns are the file in corpora/lexicons, word for word")
  func embeddedCuesMatchFile() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let file = try String(
      contentsOf: root.appendingPathComponent("corpora/lexicons/causal-cues.tsv"), encoding: .utf8)
    #expect(CausalLinksPlugin.defaultCues + "\n" == file)
  }

  @Test("the plugin describes itself")
  func info() {
    let info = CausalLinksPlugin.info
    #expect(info.id == "org.hark.causal-links")
    #expect(info.name == "Causal links")
    #expect(info.provides == ["links", "concepts", "codes"])
    #expect(info.needs == ["turns"])
  }
}

@Suite("Causal links plugin: cue file syntax")
struct CausalLinksCueSyntaxTests {
  @Test("cue files accept {in-slot} and [quiet] cue words and a fifth column 'news', and name other values")
  func cueSyntax() throws {
    let lexicon = try CueLexicon.parse(
      "Y {demanding} X\t+\t0.5\tclause\tnews\nY [after] X\t+\t0.5\tclause\n", file: "c.tsv")
    #expect(lexicon.patterns.map(\.news) == [true, false])
    #expect(lexicon.patterns[0].elements == [.effect, .slotWord(alternatives: ["demanding"]), .cause])
    #expect(lexicon.patterns[1].elements == [.effect, .quietWord(alternatives: ["after"]), .cause])
    #expect(throws: PluginError.self) { try CueLexicon.parse("Y after X\t+\t0.5\tclause\tnewsy\n", file: "c.tsv") }
    do {
      _ = try CueLexicon.parse("Y after X\t+\t0.5\tclause\tnewsy\n", file: "c.tsv")
    } catch {
      #expect(
        "\(error)"
          == "c.tsv, line 1: the fifth column may only be \"news\" (a pattern for news reports), found \"newsy\".")
    }
  }
}
