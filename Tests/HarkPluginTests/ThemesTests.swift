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

/// Runs the plugin over `documents` and returns what `finish` emitted.
private func concepts(_ documents: [Document], options: [String: Any] = [:]) throws
  -> [ConceptResult]
{
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
  @Test(
    "a phrase participants use in two documents becomes a concept, one repeated in a single document does not"
  )
  func recurringPhrase() throws {
    let explanation = #"recurs in 2 of 3 documents (2 times): "peer support", "peer supporters""#
    #expect(
      try concepts(corpus) == [
        ConceptResult(
          document: "a", label: "peer support", span: 0..<29, confidence: 0.95,
          explanation: explanation),
        ConceptResult(
          document: "b", label: "peer support", span: 42..<80, confidence: 0.95,
          explanation: explanation),
      ])
    #expect(corpus[0].slice(0..<29) == "Peer support helped me a lot.")
    #expect(corpus[1].slice(42..<80) == "The peer supporters were there for me.")
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
      found.map(\.label) == ["peer support", "peer support"]
        + Array(repeating: "garden project", count: 5))
    #expect(
      found[2].explanation
        == #"recurs in 1 of 3 documents (5 times): "garden project", "garden projects""#)
    #expect(found[2].confidence == 0.839)
  }

  @Test("words in the file named by the option \"stopwords\" never start or end a phrase")
  func extraStopwords() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hark-stopwords-\(UUID()).txt"
    ).path
    try "# words our project ignores\npeer\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let found = try concepts(corpus, options: ["stopwords": path])
    #expect(found.map(\.label) == ["support", "support"])
    #expect(
      found[0].explanation == #"recurs in 2 of 3 documents (2 times): "support", "supporters""#)
  }

  @Test("memory stays bounded: rare phrases are pruned, recurring ones survive")
  func pruning() throws {
    let documents = (1...3).map { n in
      let rare = (1...1200).map { "Zq\(n)n\($0)." }.joined(separator: " ")
      return said("d\(n)", "Peer mentors. \(rare) Peer mentors.", by: "P\(n)")
    }
    let plugin = try ThemesPlugin(options: PluginOptions(["maxPhrases": 1000]))
    let sink = CollectingSink()
    for document in documents { try plugin.analyze(document, into: sink) }
    try plugin.finish(into: sink)
    #expect(
      sink.messages == [
        "dropped 703 rare phrases to stay within 1000 in memory",
        "dropped 1200 rare phrases to stay within 1000 in memory",
        "dropped 1200 rare phrases to stay within 1000 in memory",
      ])
    #expect(sink.concepts.map(\.label) == Array(repeating: "peer mentors", count: 5))
    #expect(sink.concepts.map(\.document) == ["d1", "d1", "d2", "d2", "d3"])
    #expect(
      sink.concepts[0].explanation == #"recurs in 3 of 3 documents (6 times): "peer mentors""#)
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
  }

  @Test("describes itself as org.hark.themes, a corpus-level concept plugin")
  func info() {
    let info = ThemesPlugin.info
    #expect([info.id, info.name, info.version] == ["org.hark.themes", "Themes", "1.0.0"])
    #expect(info.provides == ["concepts"])
    #expect(info.needs == ["turns", "corpus"])
  }
}
