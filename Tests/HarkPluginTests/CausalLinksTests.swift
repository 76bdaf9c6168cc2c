import Foundation
import HarkCausalLinks
import HarkPluginKit
import Testing

@Suite("Causal links plugin")
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
    try CausalLinksPlugin(options: PluginOptions()).analyze(document, into: sink)
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

  @Test("'X made me Y': a feeling or an action, and 'not' makes a ~ label")
  func madeMe() throws {
    #expect(
      try Self.links("Every warning made me more anxious.") == [
        "warning -> feeling anxious (+1) s=0.6 c=0.65"
      ])
    #expect(
      try Self.links("The group made me not want to drink.") == [
        "group -> ~drinking (+1) s=0.6 c=0.65"
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
        == ["dee -> confidence (+1) s=0.42 c=0.6", "drop-in -> confidence (+1) s=0.42 c=0.6"])
  }

  @Test("'Y because I X': only when both sides are the speaker's own doing")
  func becauseIClause() throws {
    #expect(
      try Self.links("I missed appointments because I couldn't afford the bus.")
        == ["~affording the bus -> missing appointments (+1) s=0.6 c=0.45"])
    #expect(try Self.links("She came back because the bus was late.") == [])
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
        "lorraine -> dead (-1) s=0.6 c=0.7"
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
        "dee -> keeping my flat (+1) s=0.6 c=0.65"
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

  @Test("a known project concept is preferred when its words are all in the phrase")
  func knownConcept() throws {
    #expect(
      try Self.links("The Thursday peer group at the hub helped me.", known: ["peer group"])
        == ["peer group -> wellbeing (+1) s=0.6 c=0.65"])
    #expect(
      try Self.links("The café made me less lonely.", known: ["loneliness"])
        == ["café -> feeling less lonely (+1) s=0.6 c=0.65"])
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
    #expect(info.provides == ["links", "concepts"])
    #expect(info.needs == ["turns", "concepts"])
  }
}
