import Foundation
import HarkPluginKit
import HarkValues
import Testing

@Suite("Values plugin")
struct ValuesTests {
  /// A document of turns, each on its own line; spans are UTF-8 byte ranges.
  static func document(_ turns: [(SpeakerRole, String)], codebook: [CodeDefinition] = [])
    -> Document
  {
    var text = ""
    var spans: [Turn] = []
    for (role, said) in turns {
      let start = text.utf8.count
      text += said
      spans.append(
        Turn(
          span: start..<text.utf8.count, speaker: role == .interviewer ? "Ruth" : "Amina",
          role: role))
      text += "\n"
    }
    return Document(id: "doc", text: text, turns: spans, codebook: codebook)
  }

  static func codes(_ turns: [(SpeakerRole, String)], options: PluginOptions = PluginOptions())
    throws
    -> [CodeResult]
  {
    let sink = CollectingSink()
    try ValuesPlugin(options: options).analyze(document(turns), into: sink)
    return sink.codes
  }

  /// Writes a codebook to a temporary file and returns its path.
  static func codebookFile(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "hark-values-\(UUID().uuidString).codebook"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let small = """
    # a small codebook for tests
    code: being heard
    parent: What people value
    colour: #00A6A6
    opposite: feeling ignored
    terms: listened to me, listen*, heard me
    exclude: heard of

    code: feeling ignored
    parent: What gets in the way
    terms: ignored, nobody listened

    code: trust
    terms: trust
    """

  // MARK: - Coding sentences

  @Test("a possessive after a lone letter (\"No Red S's or Franklins\") is read, not a crash")
  func possessiveAfterLetter() throws {
    let found = try Self.codes([(.participant, "No Red S's or Franklins, just the corner shop. She really listened.")])
    #expect(found.map(\.code) == ["being heard"])
  }

  @Test("a phrase term codes the sentence, and the explanation quotes the words")
  func phraseTerm() throws {
    let codes = try Self.codes([(.participant, "Jo made me a tea. She really listened to me.")])
    #expect(
      codes == [
        CodeResult(
          code: "warmth", span: 0..<17, confidence: 0.8,
          explanation: #"matched "made me a tea" (warmth)"#),
        CodeResult(
          code: "being heard", span: 18..<44, confidence: 0.8,
          explanation: #"matched "listened to me" (being heard)"#),
      ])
  }

  @Test("stems find other forms of a word, and a * term finds words that start with it")
  func stemsAndPrefixes() throws {
    let path = try Self.codebookFile(Self.small)
    let options = PluginOptions(["codebook": path])
    let codes = try Self.codes(
      [(.participant, "She listens to me. They were listening. I trusted her.")], options: options)
    #expect(
      codes.map { "\($0.code) | \($0.confidence) | \($0.explanation)" } == [
        #"being heard | 0.8 | matched "listens to me" (being heard)"#,
        #"being heard | 0.55 | matched "listening" (being heard)"#,
        #"trust | 0.65 | matched "trusted" (trust)"#,
      ])
  }

  @Test("an exclusion cancels a term it overlaps: 'heard of' is not being heard")
  func exclusion() throws {
    let path = try Self.codebookFile(Self.small)
    let codes = try Self.codes(
      [(.participant, "I'd heard of the hub. She heard me.")],
      options: PluginOptions(["codebook": path]))
    #expect(codes.map(\.code) == ["being heard"])
    #expect(codes.map(\.span) == [22..<35])
  }

  @Test("a negated term codes the code's opposite and says why")
  func negationGivesOpposite() throws {
    let path = try Self.codebookFile(Self.small)
    let codes = try Self.codes(
      [(.participant, "The doctor never once listened to me.")],
      options: PluginOptions(["codebook": path]))
    #expect(
      codes == [
        CodeResult(
          code: "feeling ignored", span: 0..<37, confidence: 0.55,
          explanation:
            #""never once listened to me" — "never" negates "listened to me", coded as the opposite: feeling ignored"#
        )
      ])
  }

  @Test("a negated term of a code without an opposite codes nothing")
  func negationWithoutOpposite() throws {
    let path = try Self.codebookFile(Self.small)
    let codes = try Self.codes(
      [(.participant, "I didn't trust them.")], options: PluginOptions(["codebook": path]))
    #expect(codes.isEmpty)
  }

  @Test("a term that holds its own negator is taken as written")
  func termWithNegator() throws {
    let path = try Self.codebookFile(Self.small)
    let codes = try Self.codes(
      [(.participant, "Nobody listened, not once.")], options: PluginOptions(["codebook": path]))
    #expect(codes.map(\.code) == ["feeling ignored"])
    #expect(codes.map(\.explanation) == [#"matched "Nobody listened" (feeling ignored)"#])
  }

  @Test("the default codebook: 'wasn't listened to' and 'never made me feel judged' turn round")
  func defaultCodebookNegation() throws {
    let codes = try Self.codes([
      (.participant, "At the GP I wasn't listened to."),
      (.participant, "Jo never once made me feel judged."),
    ])
    #expect(codes.map(\.code) == ["feeling ignored", "respect"])
    #expect(
      codes[1].explanation
        == #""never once made me feel judged" — "never" negates "judged", coded as the opposite: respect"#
    )
  }

  @Test("a sentence gets each code once, from its most specific term")
  func oneCodePerSentence() throws {
    let codes = try Self.codes([
      (.participant, "She listened, really listened, and she listened to me.")
    ])
    #expect(codes.map(\.code) == ["being heard"])
    #expect(codes.map(\.explanation) == [#"matched "listened to me" (being heard)"#])
  }

  @Test("interviewer turns are context: never coded")
  func interviewerIgnored() throws {
    let codes = try Self.codes([
      (.interviewer, "Did you feel listened to? Was the waiting list long?"),
      (.participant, "We talked about the weather and then I went home."),
    ])
    #expect(codes.isEmpty)
  }

  @Test("a short yes takes the codes of the interviewer's last sentence, and says so")
  func shortYesAnswer() throws {
    let codes = try Self.codes([
      (.interviewer, "Thank you. It sounds like being listened to changed things."),
      (.participant, "It did, yeah. Mad, innit."),
    ])
    #expect(
      codes == [
        CodeResult(
          code: "being heard", span: 60..<73, confidence: 0.52,
          explanation:
            #""It did, yeah." answers the interviewer's "It sounds like being listened to changed things." — there, matched "listened" (being heard)"#
        )
      ])
  }

  @Test(
    "a short no takes nothing from the question, neither its code nor the opposite; a long answer speaks for itself")
  func shortNoAnswer() throws {
    let no = try Self.codes([
      (.interviewer, "Did they listen to you?"), (.participant, "Not really."),
      (.interviewer, "Did you have to wait long for the first appointment?"), (.participant, "No."),
      (.interviewer, "You didn't feel judged?"), (.participant, "No, no."),
    ])
    #expect(no.isEmpty)
    let long = try Self.codes([
      (.interviewer, "Did they listen to you?"),
      (.participant, "Yes. Then we went to the shops and bought bread and milk for the week."),
    ])
    #expect(long.isEmpty)
  }

  @Test("a no that states the opposite in words is coded by those words")
  func noWithWords() throws {
    let codes = try Self.codes([
      (.interviewer, "Did they listen to you?"), (.participant, "No, nobody listened."),
    ])
    #expect(codes.map(\.code) == ["feeling ignored"])
    #expect(codes.map(\.explanation) == [#"matched "nobody listened" (feeling ignored)"#])
  }

  @Test(
    "only a clear yes carries the question's codes: fillers are skipped, 'yes and no' and a negative question carry nothing"
  )
  func clearYesOnly() throws {
    let yes = try Self.codes([
      (.interviewer, "Did she listen to you?"), (.participant, "Oh yes."),
    ])
    #expect(yes.map(\.code) == ["being heard"])
    #expect(
      yes.map(\.explanation) == [
        #""Oh yes." answers the interviewer's "Did she listen to you?" — there, matched "listen" (being heard)"#
      ])
    let mixed = try Self.codes([
      (.interviewer, "Was the waiting list long?"), (.participant, "Yes and no."),
      (.interviewer, "You didn't feel judged?"), (.participant, "Yes."),
    ])
    #expect(mixed.isEmpty)
  }

  // MARK: - Word senses

  @Test("an exclusion with '...' blocks a term in another sense however it is put")
  func gappedExclusions() throws {
    let codes = try Self.codes([
      (.participant, "I was waiting on tables at the Red Lion then."),
      (.participant, "The weather was warm that week."),
      (.participant, "We'd listen to our records on the wireless."),
      (.participant, "I waited ages for a call back."),
      (.participant, "She was warm with me from the start."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"waiting | matched "waited" (waiting)"#, #"warmth | matched "warm" (warmth)"#,
      ])
  }

  @Test("a word of the same stem but another word is not a term: friendly is not friend, depends is not dependable")
  func inflectionsOnly() throws {
    let codes = try Self.codes([
      (.participant, "The nurses were friendly."),
      (.participant, "My friends came round on Sundays."),
      (.participant, "It depends on the weather."),
      (.participant, "She was dependable."),
      (.participant, "That gave me the confidence to go back."),
      (.participant, "They discharge you after two missed appointments."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"warmth | matched "friendly" (warmth)"#, #"connection | matched "friends" (connection)"#,
        #"trust | matched "dependable" (trust)"#, #"hope | matched "confidence" (hope)"#,
        #"feeling rejected | matched "discharge" (feeling rejected)"#,
      ])
  }

  @Test("iron bars are not being barred, and a shame is not being shamed")
  func quotedSenses() throws {
    let codes = try Self.codes([
      (.participant, "The windows had iron bars on them."),
      (.participant, "It's a shame the old hall went."),
      (.participant, "They barred me from the centre."),
      (.participant, "I was shamed in front of everyone."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"feeling rejected | matched "barred" (feeling rejected)"#,
        #"feeling judged | matched "shamed" (feeling judged)"#,
      ])
  }

  @Test("senses met in real interviews: a friend named in passing, a budget, a meat safe, a push-bike, 'I'll be back'")
  func interviewSenses() throws {
    let codes = try Self.codes([
      (.participant, "And one friend of Betty's said she would come."),
      (.participant, "We just had to have a budget and put aside for the things we had to pay."),
      (.participant, "They'd have like a meat safe on the verandah."),
      (.participant, "You didn't have a push-bike anymore!"),
      (.participant, "And then I'll be back for a fortnight!"),
      (.participant, "So he rang and said there might be a job."),
      (.participant, "But I just didn't ask for any favours."),
      (.participant, "He'll be real good when it is time for school."),
      (.participant, "We had to wait an hour for a train."),
      (.participant, "I got quite friendly with her."),
      (.participant, "I opened up to her about the drinking."),
      (.participant, "Then the new estate was opened up along the road."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"connection | matched "friendly with" (connection)"#,
        #"trust | matched "opened up to" (trust)"#,
      ])
  }

  @Test("a needs: line makes its terms code only beside one of its words, and the explanation names it")
  func needsLine() throws {
    let path = try Self.codebookFile(
      """
      code: warmth
      terms: kind
      terms: coffee, cup of tea
      needs: made, brought, put the kettle
      """)
    let codes = try Self.codes(
      [
        (.participant, "She brought me a coffee."), (.participant, "I had a coffee on the way."),
        (.participant, "He put the kettle on for a cup of tea."), (.participant, "She was kind."),
      ], options: PluginOptions(["codebook": path]))
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"warmth | matched "coffee" (warmth), with "brought""#,
        #"warmth | matched "cup of tea" (warmth), with "put the kettle""#,
        #"warmth | matched "kind" (warmth)"#,
      ])
  }

  @Test("the default codebook's needs: lines: a cup of tea someone made, a friend who is close, a job hoped for")
  func defaultNeeds() throws {
    let codes = try Self.codes([
      (.participant, "They'd give you bread and jam and a cup of tea."),
      (.participant, "I may as well go and have a cup of coffee."),
      (.participant, "She made me a coffee."),
      (.participant, "A friend of mine, who was a dentist, came at the same time."),
      (.participant, "She was a good friend to me."),
      (.participant, "I went in to get a job too."),
      (.participant, "I want to get a job."),
      (.participant, "So they rang the council."),
      (.participant, "She rang every week."),
      (.participant, "I often think now that I've lived too long!"),
      (.participant, "It took too long."),
      (.participant, "We even budgeted right down to the paper."),
      (.participant, "The council cut the budget."),
      (.participant, "But in a few years time they went over to Penrith."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"warmth | matched "coffee" (warmth), with "made""#,
        #"connection | matched "friend" (connection), with "good""#,
        #"hope | matched "get a job" (hope), with "want""#,
        #"persistence | matched "She rang" (persistence), with "every""#,
        #"waiting | matched "too long" (waiting), with "took""#,
        #"feeling constrained | matched "budget" (feeling constrained), with "cut""#,
      ])
  }

  @Test("senses of things and places: doors barred, a belonging of land, not belonging to a club, well patronised")
  func thingSenses() throws {
    let codes = try Self.codes([
      (.participant, "You have to have all your windows and doors barred."),
      (.participant, "There were three acres which had belonged to this acreage."),
      (.participant, "I didn't belong to those."),
      (.participant, "Organisations like that were very well patronised by people."),
      (.participant, "He never came near him again."),
      (.participant, "Men were waiting for children in the lane."),
      (.participant, "I wanted to be like all the others."),
      (.participant, "I'm more involved than I want to be."),
      (.participant, "If you want to listen to it you take it to your bedroom."),
    ])
    #expect(codes.isEmpty, "\(codes.map(\.explanation))")
  }

  @Test("the default codebook's needs: lines tell things and stories from people and services")
  func defaultNeedsForPeople() throws {
    let codes = try Self.codes([
      (.participant, "There was a connecting walkway which is not there now."),
      (.participant, "I felt connected to people again."),
      (.participant, "You'd get to know the customers in there."),
      (.participant, "She took the trouble to get to know me."),
      (.participant, "Quite a few Germans came out to the West."),
      (.participant, "So he used to leave in the dark."),
      (.participant, "They kept me in the dark."),
      (.participant, "He's fair like me."),
      (.participant, "People like me need that."),
      (.participant, "The mountain people liked us."),
      (.participant, "She got a fellowship to go to England."),
      (.participant, "When she was young she used to ignore it."),
      (.participant, "Oh, they're a nuisance."),
      (.participant, "I was too young to be married."),
      (.participant, "We raised money to hand over to the hospital."),
      (.participant, "The kids talk to each other in the bathroom."),
      (.participant, "It was quiet and there was no rush and bustle."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"connection | matched "connected" (connection), with "felt""#,
        #"bespoke approaches | matched "get to know" (bespoke approaches), with "me""#,
        #"confusing system | matched "in the dark" (confusing system), with "kept""#,
        #"peer support | matched "People like me" (peer support)"#,
      ])
  }

  @Test("'not as isolated as this was' is a comparison, which codes the value itself, not its opposite")
  func comparisonIsNotNegation() throws {
    let codes = try Self.codes([
      (.participant, "Not as isolated as this was though!"),
      (.participant, "It wasn't isolated at all."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"isolation | matched "isolated" (isolation)"#,
        #"connection | "wasn't isolated" — "wasn't" negates "isolated", coded as the opposite: connection"#,
      ])
  }

  @Test("a negator reaches every item of an 'or' list: 'wasn't frightened or, you know, lonely'")
  func negationThroughOrList() throws {
    let codes = try Self.codes([
      (.participant, "But I wasn't frightened or, you know, lonely or anything."),
      (.participant, "I was tired or lonely most days."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"connection | "wasn't frightened or, you know, lonely" — "wasn't" negates "lonely", coded as the opposite: connection"#,
        #"isolation | matched "lonely" (isolation)"#,
      ])
  }

  @Test("a yes answers the question, not the clause that sets its scene ('when you belonged to it, …?')")
  func yesSkipsSceneClause() throws {
    let scene = try Self.codes([
      (.interviewer, "And after the War when you belonged to this organisation, were there a lot of members?"),
      (.participant, "Yes."),
    ])
    #expect(scene.isEmpty)
    let asked = try Self.codes([
      (.interviewer, "Did you belong to a club when you were young?"), (.participant, "Yes."),
    ])
    #expect(asked.map(\.code) == ["connection"])
  }

  @Test("a short sentence all in capitalised words is a name: \"Girls' Friendly Society.\" is no warmth")
  func shortTitleCaseIsAName() throws {
    let codes = try Self.codes([
      (.participant, "We joined the Girls' Friendly Society."),
      (.participant, "Girls' Friendly Society."),
      (.participant, "The Nurses Were Friendly And Kind To Me."),
    ])
    // The long title-case sentence is read as ordinary words; "Kind" is the codebook's first warmth term there.
    #expect(codes.map { "\($0.code) | \($0.explanation)" } == [#"warmth | matched "Kind" (warmth)"#])
  }

  @Test("a capitalised word mid-sentence is a name, not a term, unless the codebook writes it capitalised")
  func namesAreNotTerms() throws {
    let codes = try Self.codes([
      (.participant, "We got our medicine from Judges the chemist."),
      (.participant, "Judged, that's how I felt."),
      (.participant, "She said see you Monday and she came."),
      (.participant, "THEY JUDGED ME."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"feeling judged | matched "Judged" (feeling judged)"#,
        #"persistence | matched "see you Monday" (persistence)"#,
        #"feeling judged | matched "JUDGED" (feeling judged)"#,
      ])
    let path = try Self.codebookFile("code: hope\nterms: hope\n\ncode: employer\nterms: worked for Hope")
    let custom = try Self.codes(
      [(.participant, "I worked for Hope Brothers. I had hope again.")], options: PluginOptions(["codebook": path]))
    #expect(
      custom.map { "\($0.code) | \($0.explanation)" } == [
        #"employer | matched "worked for Hope" (employer)"#, #"hope | matched "hope" (hope)"#,
      ])
  }

  @Test("everyday senses in the default codebook: one day, I remember, belonged to my, settled in, opened up the shop")
  func everydaySenses() throws {
    let codes = try Self.codes([
      (.participant, "One day we went to the beach at Manly."),
      (.participant, "I remember my mother making jam."),
      (.participant, "The farm belonged to my grandfather."),
      (.participant, "We settled in Penrith in 1952."),
      (.participant, "Dad opened up the shop at seven."),
      (.participant, "One day I'll have my own flat."),
      (.participant, "I belonged to the church choir for years."),
      (.participant, "He came out to Australia in 1950."),
      (.participant, "My brother joined up in 1939."),
      (.participant, "The trees had been there on the land for years."),
      (.participant, "She'd warm the plates on the stove."),
      (.participant, "I used to cook lovely rice puddings."),
      (.participant, "I can't even remember my mother going to church."),
      (.participant, "That was an unheard of thing in those days."),
      (.participant, "To tell you the honest truth, I don't know."),
      (.participant, "We had pumps to the river, with all the flood warnings."),
      (.participant, "The district nurse was lovely."),
    ])
    #expect(
      codes.map { "\($0.code) | \($0.explanation)" } == [
        #"hope | matched "One day I'll" (hope)"#, #"connection | matched "belonged" (connection)"#,
        #"warmth | matched "was lovely" (warmth)"#,
      ])
  }

  @Test("a negated: term codes its code only when something negates it")
  func negatedTerm() throws {
    let codes = try Self.codes([
      (.participant, "She never pushed me."), (.participant, "He pushed the door."),
    ])
    #expect(
      codes == [
        CodeResult(
          code: "feeling safe", span: 0..<20, confidence: 0.6,
          explanation: #""never pushed" — "never" negates "pushed", which signals feeling safe"#)
      ])
  }

  @Test("'if it wasn't for' stresses what follows, and 'without X, I'd' denies only X")
  func counterfactuals() throws {
    let codes = try Self.codes([
      (.participant, "If it wasn't for that cup of tea I'd not have gone back."),
      (.participant, "Without it I’d be sat in the flat."),
    ])
    #expect(codes.map(\.code) == ["warmth", "isolation"])
    #expect(
      codes.map(\.explanation) == [
        #"matched "cup of tea" (warmth)"#, #"matched "sat in the flat" (isolation)"#,
      ])
  }

  @Test("a hedge lowers the confidence and is named in the explanation")
  func hedged() throws {
    let codes = try Self.codes([(.participant, "I think she listened to me.")])
    #expect(
      codes == [
        CodeResult(
          code: "being heard", span: 0..<27, confidence: 0.64,
          explanation: #"matched "listened to me" (being heard) — hedged by "I think""#)
      ])
  }

  @Test("words with hyphens, apostrophes and numbers are read whole, as the tokenizer reads them")
  func wordBoundaries() throws {
    let codes = try Self.codes([
      (.participant, "It was person-centred, 3.5 hours a week, and non-judgemental."),
      (.participant, "They didn't care about me; rock'n'roll."),
    ])
    #expect(
      codes.map(\.explanation) == [
        #"matched "person-centred" (bespoke approaches)"#, #"matched "non-judgemental" (respect)"#,
        #"matched "didn't care about me" (feeling ignored)"#,
      ])
  }

  @Test("curly apostrophes, dashes and accents code the same as plain text")
  func typographyCodesAlike() throws {
    let plain = try Self.codes([(.participant, "She didn't give up on me - she rang me, cafe or not.")])
    let curly = try Self.codes([(.participant, "She didn’t give up on me — she rang me, café or not.")])
    #expect(plain.map(\.code) == ["persistence"])
    #expect(curly.map(\.code) == plain.map(\.code))
    #expect(curly.map(\.explanation) == [#"matched "didn’t give up" (persistence)"#])
  }

  @Test("spans are UTF-8 byte offsets, also after accented letters")
  func byteOffsets() throws {
    let document = Self.document([
      (.participant, "Café staff were lovely. Zoë waited months for help.")
    ])
    let sink = CollectingSink()
    try ValuesPlugin(options: PluginOptions()).analyze(document, into: sink)
    #expect(
      sink.codes.map { document.slice($0.span) } == [
        "Café staff were lovely.", "Zoë waited months for help.",
      ])
    #expect(sink.codes.map(\.code) == ["warmth", "waiting"])
  }

  @Test("the project's spelling of a code name is used")
  func projectSpelling() throws {
    let document = Self.document(
      [(.participant, "She listened to me.")],
      codebook: [CodeDefinition(name: "Being Heard", parent: "Values")])
    let sink = CollectingSink()
    try ValuesPlugin(options: PluginOptions()).analyze(document, into: sink)
    #expect(sink.codes.map(\.code) == ["Being Heard"])
  }

  @Test("the built-in codebook is the file in corpora/codebooks, word for word")
  func embeddedCodebookMatchesFile() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let file = try String(
      contentsOf: root.appendingPathComponent("corpora/codebooks/values.codebook"), encoding: .utf8)
    #expect(ValuesPlugin.defaultCodebook + "\n" == file)
  }

  @Test("the default codebook has every seed code under its parent, with 20 to 100 terms each")
  func defaultCodebookContents() throws {
    let codebook = try ValuesPlugin(options: PluginOptions()).codebook
    let valued = codebook.codes.filter { $0.parent == "What people value" }.map(\.name)
    let hurts = codebook.codes.filter { $0.parent == "What gets in the way" }.map(\.name)
    #expect(
      valued == [
        "warmth", "connection", "authenticity", "persistence", "bespoke approaches", "being heard",
        "trust",
        "respect", "hope", "feeling safe", "peer support",
      ])
    #expect(
      hurts == [
        "feeling ignored", "feeling rejected", "feeling judged", "feeling constrained",
        "confusing system",
        "waiting", "isolation",
      ])
    for code in codebook.codes {
      #expect((20...100).contains(code.terms.count), "\(code.name) has \(code.terms.count) terms")
      #expect(code.colour != nil, "\(code.name) has no colour")
    }
  }

  // MARK: - Codebook errors

  private func parseError(_ text: String) -> String? {
    do {
      _ = try ValueCodebook.parse(text, file: "my.codebook")
      return nil
    } catch {
      return String(describing: error)
    }
  }

  @Test("an unknown key names the file, the line and the keys to use")
  func unknownKey() {
    #expect(
      parseError("code: trust\ncolur: #112233\nterms: trust")
        == "my.codebook, line 2: unknown key \"colur\". Use one of: code, parent, description, colour, opposite, terms, negated, needs, exclude."
    )
  }

  @Test("a key before any code line asks for a code line")
  func keyBeforeCode() {
    #expect(
      parseError("# values\nterms: trust\ncode: trust")
        == "my.codebook, line 2: \"terms:\" comes before any \"code:\" line. Start each block with \"code: <name>\"."
    )
  }

  @Test("a bad colour says what a colour looks like")
  func badColour() {
    #expect(
      parseError("code: trust\ncolour: #12345\nterms: trust")
        == "my.codebook, line 2: colour \"#12345\" is not a #RRGGBB colour. Write # and six hex digits, e.g. #3DA5D9."
    )
  }

  @Test("a code without terms points at its code line")
  func codeWithoutTerms() {
    #expect(
      parseError("code: trust\nparent: What people value\n\ncode: hope\nterms: hope")
        == "my.codebook, line 1: code \"trust\" has no terms. Add a line \"terms: word, phrase, stem*\" to it."
    )
    #expect(
      parseError("code: hope\nterms: hope\ncode: trust")
        == "my.codebook, line 3: code \"trust\" has no terms. Add a line \"terms: word, phrase, stem*\" to it."
    )
  }

  @Test("a '...' outside an exclusion, or not between two words, is explained")
  func gapErrors() {
    #expect(
      parseError("code: warmth\nterms: warm ... weather")
        == "my.codebook, line 2: in \"warm ... weather\", \"...\" is only for \"exclude:\" lines, where it lets other words stand between two words."
    )
    #expect(
      parseError("code: warmth\nterms: warm\nexclude: warm ...")
        == "my.codebook, line 3: in \"warm ...\", \"...\" must stand between two words, as in \"warm ... weather\"."
    )
    #expect(
      parseError("code: warmth\nterms: warm\nexclude: ... weather")
        == "my.codebook, line 3: in \"... weather\", \"...\" must stand between two words, as in \"warm ... weather\"."
    )
  }

  @Test("an empty terms line, a misplaced * and an unknown opposite are explained")
  func otherErrors() {
    #expect(
      parseError("code: trust\nterms:")
        == "my.codebook, line 2: \"terms:\" is empty. List words or phrases separated by commas, or delete the line."
    )
    #expect(
      parseError("code: trust\nterms: tr*ust")
        == "my.codebook, line 2: in \"tr*ust\", \"*\" is inside a word. A \"*\" may only end a word, as in \"listen*\"."
    )
    #expect(
      parseError("code: trust\nopposite: distrust\nterms: trust")
        == "my.codebook, code \"trust\" (line 1): opposite \"distrust\" is not a code in this codebook. Use the name of another code, or delete the line."
    )
    #expect(
      parseError("code: trust\nterms: trust\ncode: Trust\nterms: rely on")
        == "my.codebook, line 3: code \"Trust\" is already defined on line 1. Give each code a different name."
    )
  }

  @Test("a needs: line that does not follow a terms: line is explained, with its line")
  func needsWithoutTerms() {
    #expect(
      parseError("code: warmth\nexclude: kind of\nneeds: made\nterms: kind\n")
        == "my.codebook, line 3: \"needs:\" must come right after a \"terms:\" or \"negated:\" line: it names words "
        + "the terms of that line need in the sentence, as in \"needs: made, brought\" under \"terms: cup of tea\".")
  }

  @Test("open fails on a bad codebook file, naming the file")
  func badFileFailsOpen() throws {
    let path = try Self.codebookFile("code: trust\nterms: trust\nwhatever\n")
    #expect {
      _ = try ValuesPlugin(options: PluginOptions(["codebook": path]))
    } throws: { error in
      String(describing: error)
        == "\(path), line 3: \"whatever\" is not a \"key: value\" line. Write e.g. \"terms: listened to, heard me\", or start a comment with #."
    }
  }

  @Test("a missing codebook file and an unknown option are explained")
  func missingFileAndUnknownOption() {
    #expect {
      _ = try ValuesPlugin(options: PluginOptions(["codebook": "/nonexistent/values.codebook"]))
    } throws: { error in
      String(describing: error)
        == "cannot read the codebook file \"/nonexistent/values.codebook\". Check the path (and that it is UTF-8 text), or leave out the \"codebook\" option to use the built-in default codebook."
    }
    #expect {
      _ = try ValuesPlugin(options: PluginOptions(["codebok": "x"]))
    } throws: { error in
      String(describing: error)
        == "unknown option \"codebok\" for the Values plugin. The only option is \"codebook\" (a file path)."
    }
  }

  @Test("a quoted word matches only itself: \"lovely\" is not \"love\"")
  func quotedWord() throws {
    let codes = try Self.codes([(.participant, "Thanks, love. The nurse was lovely.")])
    #expect(codes.map(\.code) == ["warmth"])
    #expect(codes.map(\.span) == [14..<35])
  }

  @Test("the plugin describes itself")
  func info() {
    let info = ValuesPlugin.info
    #expect(info.id == "org.hark.values")
    #expect(info.name == "Values")
    #expect(info.version == "1.3.0")
    #expect(info.vendor == "Hark project")
    #expect(info.provides == ["codes"])
    #expect(info.needs == ["turns", "codebook"])
  }
}
