// Specifications of the Themes plugin: concepts from phrases that recur across documents.
import Foundation
import HarkPluginKit
import HarkThemes
import Testing

/// A document whose whole text one participant says.
private func said(_ id: String, _ text: String, by speaker: String) -> Document {
  Document(
    id: id, text: text,
    turns: [Turn(span: 0..<text.utf8.count, speaker: speaker, role: .participant)])
}

/// A new file in the temporary folder holding `text`; returns its path.
private func temporaryFile(_ text: String) -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("hark-themes-\(UUID()).txt").path
  _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  return path
}

/// An empty synonym table, so that a test sees phrases under the words said.
private let noSynonyms = temporaryFile("# no synonyms\n")

/// Runs the plugin over `documents` and returns what `finish` emitted.
/// Without a "synonyms" option the plugin gets an empty synonym table,
/// unless `builtInSynonyms` asks for the plugin's default.
private func concepts(_ documents: [Document], options: [String: Any] = [:], builtInSynonyms: Bool = false) throws
  -> [ConceptResult]
{
  var options = options
  if options["synonyms"] == nil && !builtInSynonyms { options["synonyms"] = noSynonyms }
  let plugin = try ThemesPlugin(options: PluginOptions(options))
  let sink = CollectingSink()
  for document in documents { try plugin.analyze(document, into: sink) }
  #expect(sink.concepts.isEmpty)
  try plugin.finish(into: sink)
  return sink.concepts
}

private let interviewText =
  "Interviewer: Did peer support help?\nDana: The peer supporters were there for me."

/// Three documents: "peer support" in two of them (and asked about by the
/// interviewer in the third), "garden project" five times in one.
private let corpus = [
  said("a", "Peer support helped me a lot. The waiting list was long.", by: "Ana"),
  Document(
    id: "b", text: interviewText,
    turns: [
      Turn(span: 13..<35, speaker: "Interviewer", role: .interviewer),
      Turn(span: 42..<80, speaker: "Dana", role: .participant),
    ]),
  Document(
    id: "c",
    text: "Did peer support help? The garden project saved me. I loved the garden project. "
      + "The garden project was everything. Garden projects matter. The garden project again.",
    turns: [
      Turn(span: 0..<22, speaker: "Ruth", role: .interviewer),
      Turn(span: 23..<163, speaker: "Cal", role: .participant),
    ]),
]

@Suite("Themes plugin")
struct ThemesTests {
  @Test("a phrase participants use in two documents becomes a concept, one said twice in a single document does not")
  func recurringPhrase() throws {
    let explanation = #"recurs in 2 of 3 documents (2 times): "peer support", "peer supporters""#
    #expect(
      try concepts(corpus, options: ["minMentions": 6]) == [
        ConceptResult(
          document: "a", label: "peer support", span: 0..<29, confidence: 0.95,
          explanation: explanation),
        ConceptResult(
          document: "b", label: "peer support", span: 42..<80, confidence: 0.95,
          explanation: explanation),
      ])
    #expect(corpus[0].slice(0..<29) == "Peer support helped me a lot.")
    #expect(corpus[1].slice(42..<80) == "The peer supporters were there for me.")
    let twice = [
      said("a", "The allotment group grows beans. I love the allotment group.", by: "Ana"),
      said("b", "Nothing much happens here.", by: "Bo"),
    ]
    #expect(try concepts(twice) == [])
  }

  @Test("a phrase said three times in one document is a concept of that story, quoted from each sentence")
  func repeatedInOneDocument() throws {
    let found = try concepts(corpus)
    #expect(found.map(\.label) == Array(repeating: "garden project", count: 5) + ["peer support", "peer support"])
    let garden = found.filter { $0.label == "garden project" }
    #expect(
      garden.map { corpus[2].slice($0.span) } == [
        "The garden project saved me.", "I loved the garden project.", "The garden project was everything.",
        "Garden projects matter.", "The garden project again",
      ])
    #expect(garden[0].explanation == #"recurs in 1 of 3 documents (5 times): "garden project", "garden projects""#)
  }

  @Test("one short document alone still gives its best phrases, though none recurs")
  func oneShortDocument() throws {
    let found = try concepts([
      said("a", "The waiting list was long. My support worker rang every week. Then Steve came round.", by: "A")
    ])
    #expect(Set(found.map(\.label)) == ["waiting list", "support worker"])
    #expect(found.first?.explanation.hasPrefix("recurs in 1 of 1 documents (once): ") == true)
  }

  @Test("a name is never grouped by the synonym table, and a word with other senses is not forced into a concept")
  func synonymsFitTheTalk() throws {
    let found = try concepts(
      [
        said(
          "a", "The house was warm. No worries, I saw the doctor. The Depression was hard. Friendly neighbours.",
          by: "A"),
        said(
          "b", "The house was warm. No worries at all. The doctor came. The Depression came. Friendly neighbours.",
          by: "B"),
      ], builtInSynonyms: true)
    // Not "warmth" (twice), "anxiety", "Services; GP" nor "low mood": each stays the word that was said.
    #expect(Set(found.map(\.label)) == ["worries", "Depression", "doctor", "friendly neighbours"])
  }

  @Test("a name said three times in one document is a character of it, not a concept")
  func namesInOneStory() throws {
    let found = try concepts([
      said("a", "I rang Steve. Then Steve came round. Everyone likes Steve.", by: "A"),
      said("b", "Nothing much happens here.", by: "B"),
    ])
    #expect(found == [])
  }

  @Test("the synonym table merges words that name one concept under its canonical label")
  func synonymsMerge() throws {
    let documents = [
      said("a", "I was so lonely. The isolation was awful.", by: "A"),
      said("b", "I felt isolated after the move.", by: "B"),
      said("c", "The peer group kept me going.", by: "C"),
      said("d", "Peer support works.", by: "D"),
    ]
    let found = try concepts(documents, builtInSynonyms: true)
    #expect(
      found.map { "\($0.label) @ \($0.document!)" } == [
        "Support; peer support @ c", "Support; peer support @ d", "loneliness @ a", "loneliness @ a", "loneliness @ b",
      ])
    #expect(
      found.first { $0.label == "loneliness" }?.explanation
        == #"recurs in 2 of 4 documents (3 times): "isolated", "isolation", "lonely"; grouped as "loneliness" by the synonym table: "isolated" once, "isolation" once, "lonely" once (split or rename the concept if they mean different things here)"#
    )
  }

  @Test("a synonym table named by the option \"synonyms\" replaces the built-in one; its mistakes are reported")
  func customSynonyms() throws {
    let path = temporaryFile("# ours\nallotment = garden project, allotment\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let documents = [
      said("a", "The garden project saved me.", by: "A"), said("b", "The allotment is my place.", by: "B"),
    ]
    #expect(try concepts(documents, options: ["synonyms": path]).map(\.label) == ["allotment", "allotment"])
    let bad = temporaryFile("allotment garden project\n")
    defer { try? FileManager.default.removeItem(atPath: bad) }
    #expect {
      try ThemesPlugin(options: PluginOptions(["synonyms": bad]))
    } throws: { error in
      String(describing: error).hasPrefix("\(bad), line 1: expected `canonical label = variant, variant, …`")
    }
    #expect {
      try ThemesPlugin(options: PluginOptions(["synonyms": "/nonexistent/concepts.synonyms"]))
    } throws: { error in
      String(describing: error).hasPrefix(#"the synonym table "/nonexistent/concepts.synonyms" could not be read"#)
    }
  }

  @Test("every span is a whole sentence of a participant turn, on scalar boundaries")
  func spansAreSentences() throws {
    let documents = [
      said("zoë", "Zoë said the café 👍 was a lifeline. Our café rota works — mostly!", by: "Zoë"),
      said("łukasz", "I go to the café on Fridays… the café rota is fair. Dziękuję.", by: "Łukasz"),
      said("ana", "Café rota? Yes, the café rota.", by: "Ana"),
    ]
    let found = try concepts(documents)
    // "café" alone is dropped: most of its mentions are inside "café rota".
    #expect(Set(found.map(\.label)) == ["café rota"])
    #expect(found.count == 4)
    for concept in found {
      let document = try #require(documents.first { $0.id == concept.document })
      let sentences = document.participantTurns.flatMap {
        SentenceSplitter.sentences(document.bytes, in: $0.span)
      }
      #expect(sentences.contains(concept.span))
      #expect(Array(document.slice(concept.span).utf8) == Array(document.bytes[concept.span]))
    }
  }

  @Test("generic words and fillers never become concepts")
  func genericWords() throws {
    let filler =
      "Yeah, um, you know, I mean, the thing is people take a lot of time. That's the way it is, right?"
    #expect(
      try concepts([
        said("a", filler, by: "A"), said("b", filler, by: "B"), said("c", filler, by: "C"),
      ]) == [])
  }

  @Test("labels keep the capitals of names and acronyms only")
  func properNames() throws {
    let found = try concepts([
      said("a", "I met Jo at the GP surgery.", by: "A"),
      said("b", "Later Jo rang the GP surgery for me.", by: "B"),
    ])
    #expect(Set(found.map(\.label)) == ["Jo", "GP surgery"])
  }

  @Test("minDocuments and maxConcepts choose how many concepts, best first")
  func limits() throws {
    let found = try concepts(corpus, options: ["minDocuments": 1, "maxConcepts": 2])
    #expect(
      found.map(\.label)
        == Array(repeating: "garden project", count: 5) + ["peer support", "peer support"])
    #expect(
      found[0].explanation
        == #"recurs in 1 of 3 documents (5 times): "garden project", "garden projects""#)
    #expect(found.map(\.confidence) == Array(repeating: 0.95, count: 5) + [0.87, 0.87])
  }

  @Test("words in the file named by the option \"stopwords\" never start or end a phrase")
  func extraStopwords() throws {
    let path = temporaryFile("# words our project ignores\nwaiting\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let documents = [
      said("a", "The waiting list was long.", by: "A"),
      said("b", "My waiting list letter came.", by: "B"),
    ]
    #expect(try concepts(documents).map(\.label) == ["waiting list", "waiting list"])
    let found = try concepts(documents, options: ["stopwords": path])
    #expect(found.map(\.label) == ["list", "list"])
    #expect(found[0].explanation == #"recurs in 2 of 2 documents (2 times): "list""#)
  }

  @Test("memory stays bounded: rare phrases are pruned, recurring ones survive")
  func pruning() throws {
    let documents = (1...3).map { n in
      let rare = (1...1200).map { "Zq\(n)n\($0)." }.joined(separator: " ")
      return said("d\(n)", "Peer mentors. \(rare) Peer mentors.", by: "P\(n)")
    }
    let plugin = try ThemesPlugin(options: PluginOptions(["maxPhrases": 1000, "synonyms": noSynonyms]))
    let sink = CollectingSink()
    for document in documents { try plugin.analyze(document, into: sink) }
    try plugin.finish(into: sink)
    #expect(
      sink.messages == [
        "dropped 703 rare phrases to stay within 1000 in memory",
        "dropped 1200 rare phrases to stay within 1000 in memory",
        "dropped 1200 rare phrases to stay within 1000 in memory",
      ])
    #expect(sink.concepts.map(\.label) == Array(repeating: "peer mentors", count: 6))
    #expect(sink.concepts.map(\.document) == ["d1", "d1", "d2", "d2", "d3", "d3"])
    #expect(
      sink.concepts[0].explanation == #"recurs in 3 of 3 documents (6 times): "peer mentors""#)
  }

  @Test("scenery, vague words, verbs and adverbs are never concepts alone; scenery may be part of one")
  func sceneryAndVerbs() throws {
    let found = try concepts([
      said("a", "The door was open and the bus was late. My bus pass ran out.", by: "A"),
      said("b", "I sat by the door. I lost my bus pass.", by: "B"),
      said("c", "The bus came. Honestly, the door was helpful.", by: "C"),
    ])
    #expect(found.map(\.label) == ["bus pass", "bus pass"])
    #expect(found.map(\.document) == ["a", "b"])
    #expect(found[0].explanation == #"recurs in 2 of 3 documents (2 times): "bus pass""#)
  }

  @Test("a word ending in -ing, -ed or -ly never stands alone but may describe a noun")
  func wordEndings() throws {
    let found = try concepts([
      said("a", "Walking was hard. I missed appointments. Honestly it felt lonely.", by: "A"),
      said("b", "I kept walking. She missed appointments too. I was lonely and worried.", by: "B"),
    ])
    #expect(found.map(\.label) == ["missed appointments", "missed appointments"])
    #expect(found.map(\.span) == [18..<40, 16..<44])
  }

  @Test("a two-word phrase takes over its head word's mentions when most of them are inside it")
  func headWordAbsorbed() throws {
    let documents = [
      said("a", "I was put on the waiting list. The list was long.", by: "A"),
      said("b", "The waiting list is a joke.", by: "B"),
      said("c", "Nobody tells you about the waiting list.", by: "C"),
    ]
    let found = try concepts(documents)
    #expect(found.map(\.label) == ["waiting list", "waiting list", "waiting list"])
    #expect(
      found[0].explanation
        == #"recurs in 3 of 3 documents (3 times, and "list" alone once): "waiting list""#)
    #expect(documents[0].slice(found[0].span) == "I was put on the waiting list.")
  }

  @Test("a word that heads compound nouns in most of its mentions names their category, not a concept")
  func categoryWords() throws {
    let found = try concepts([
      said("a", "The peer group helped. The men's group too.", by: "A"),
      said("b", "Our Tuesday group is good. The group meets weekly.", by: "B"),
      said("c", "The peer group was full.", by: "C"),
    ])
    #expect(found.map(\.label) == ["peer group", "peer group"])
    #expect(found[0].explanation == #"recurs in 2 of 3 documents (2 times): "peer group""#)
  }

  @Test("phrases of several words rank above topic words, topic words above nouns, nouns above names")
  func rankingByKind() throws {
    let text = "I had peer support. There is stigma. I saw the doctor. It was in Northgate."
    let found = try concepts([said("a", text, by: "A"), said("b", text, by: "B"), said("c", text, by: "C")])
    #expect(
      found.map(\.label)
        == ["peer support", "stigma", "doctor", "Northgate"].flatMap { Array(repeating: $0, count: 3) })
    #expect(found.map(\.confidence) == [0.95, 0.725, 0.462, 0.444].flatMap { Array(repeating: $0, count: 3) })
  }

  @Test("a word written with a hyphen weighs as two words; A&E stays one word")
  func compounds() throws {
    let found = try concepts([
      said("a", "The drop-in saved me. I went to A&E.", by: "A"),
      said("b", "Without the drop-in I'd be at A&E.", by: "B"),
    ])
    #expect(found.map(\.label) == ["drop-in", "drop-in", "A&E", "A&E"])
    #expect(found.map(\.confidence) == [0.95, 0.95, 0.462, 0.462])
  }

  @Test("the words of an experience count as mentions of it, under its label")
  func experiences() throws {
    let found = try concepts([
      said("a", "I felt judged at the surgery.", by: "A"),
      said("b", "They were judging me, you could tell.", by: "B"),
      said("c", "Nobody listened.", by: "C"),
    ])
    #expect(found.map(\.label) == ["feeling judged", "feeling judged"])
    #expect(found[0].explanation == #"recurs in 2 of 3 documents (2 times): "judged", "judging""#)
  }

  @Test("\"same\" with a noun reads \"the same nurse\" and leaves the noun its own concept")
  func sameWorker() throws {
    let found = try concepts([
      said("a", "I want the same nurse every time.", by: "A"),
      said("b", "Having the same nurse helped.", by: "B"),
    ])
    #expect(found.map(\.label) == ["the same nurse", "the same nurse", "nurse", "nurse"])
    #expect(found[0].explanation == #"recurs in 2 of 2 documents (2 times): "same nurse""#)
  }

  @Test("a role such as \"worker\" is never a concept alone, but names one in a phrase")
  func roles() throws {
    let found = try concepts([
      said("a", "My key worker rang. The worker was kind.", by: "A"),
      said("b", "The key worker came. Another worker left.", by: "B"),
    ])
    #expect(found.map(\.label) == ["key worker", "key worker"])
  }

  @Test("the built-in word classes are corpora/lexicons/themes-generic.txt")
  func builtInWordClasses() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../corpora/lexicons/themes-generic.txt")
    let file = try String(contentsOf: url, encoding: .utf8)
    #expect(
      ThemesPlugin.builtInWordClassesText.trimmingCharacters(in: .newlines)
        == file.trimmingCharacters(in: .newlines))
  }

  @Test("a word-class file named by the option \"generic\" replaces the built-in one")
  func customWordClasses() throws {
    let path = temporaryFile("# our buses are the theme\n[themes]\nbus\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let documents = [
      said("a", "The bus was late at the door.", by: "A"),
      said("b", "I took the bus to the door.", by: "B"),
    ]
    #expect(try concepts(documents) == [])
    let found = try concepts(documents, options: ["generic": path])
    #expect(found.map(\.label) == ["bus", "bus", "door", "door"])
    #expect(found.map(\.confidence) == [0.95, 0.95, 0.53, 0.53])
  }

  @Test("a mistake in a word-class file is reported with the file, the line and what to write")
  func wordClassErrors() throws {
    let cases = [
      (
        "[colours]\nred\n",
        #"line 1: unknown section "[colours]". Use one of [vague], [scenery], [describing], "#
          + "[vague describing], [nouns], [themes], [experiences]."
      ),
      ("door\n", #"line 1: "door" comes before any section. Start the list with a heading such as [scenery]."#),
      (
        "[scenery]\ndoor\n\n[themes]\ndoor\n",
        #"line 5: "door" is already in [scenery] on line 2. Keep each word in one section."#
      ),
      (
        "[experiences]\nbeing judged\n",
        #"line 2: an experience is written "label: word word", as in "being judged: judged judging"; "#
          + #"got "being judged"."#
      ),
      (
        "[scenery]\nbus stop\n",
        #"line 2: one word a line, got "bus stop". Write a word of several parts with hyphens, "#
          + #"as the text does ("drop-in")."#
      ),
    ]
    for (text, message) in cases {
      let path = temporaryFile(text)
      defer { try? FileManager.default.removeItem(atPath: path) }
      #expect {
        try ThemesPlugin(options: PluginOptions(["generic": path]))
      } throws: { error in
        String(describing: error) == "\(path), \(message)"
      }
    }
  }

  @Test("bad options are reported by name")
  func badOptions() {
    #expect {
      try ThemesPlugin(options: PluginOptions(["minDocuments": 0]))
    } throws: { error in
      String(describing: error) == #"option "minDocuments" must be at least 1, got 0"#
    }
    #expect {
      try ThemesPlugin(options: PluginOptions(["stopwords": "/nonexistent/stop.txt"]))
    } throws: { error in
      String(describing: error).hasPrefix(
        #"the stopword list "/nonexistent/stop.txt" could not be read"#)
    }
    #expect {
      try ThemesPlugin(options: PluginOptions(["generic": "/nonexistent/classes.txt"]))
    } throws: { error in
      String(describing: error).hasPrefix(
        #"the word-class list "/nonexistent/classes.txt" could not be read"#)
    }
  }

  @Test("describes itself as org.hark.themes, a corpus-level concept plugin")
  func info() {
    let info = ThemesPlugin.info
    #expect([info.id, info.name, info.version] == ["org.hark.themes", "Themes", "1.3.0"])
    #expect(info.provides == ["concepts"])
    #expect(info.needs == ["turns", "corpus"])
  }
}

@Suite("Themes: labels a researcher would write")
struct ThemeLabelTests {
  @Test("a word said as an adjective and as a noun is labelled by the noun")
  func nounForm() throws {
    let found = try concepts([
      said("a", "We had no electric light. The electric came late. Electricity was dear.", by: "A"),
      said("b", "The electric was off. We got electric in 1950.", by: "B"),
    ])
    #expect(Set(found.map(\.label)) == ["electricity"])
    #expect(
      found.first?.explanation
        == #"recurs in 2 of 2 documents (5 times): "electric", "electricity""#)
  }

  @Test("a title and the name after it are one name: St. Marys, never St alone")
  func titledNames() throws {
    let found = try concepts([
      said("a", "We lived at St. Marys. St. Marys was small then.", by: "A"),
      said("b", "My aunt was in St. Marys. Dr. Jones came from St. Marys too.", by: "B"),
    ])
    #expect(found.map(\.label).contains("St. Marys"))
    #expect(!found.map(\.label).contains("St"))
    #expect(!found.map(\.label).contains("Marys"))
  }
}
