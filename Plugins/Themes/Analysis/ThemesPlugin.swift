// The Themes plugin: candidate concepts from key phrases that recur across
// the documents of a corpus.
import Foundation
import HarkPluginKit

/// Proposes concepts from phrases that participants in several documents use
/// ("peer support", "waiting list"), each with the sentences that mention it.
///
/// `analyze` only counts; the concepts come out of `finish`, once every
/// document has been seen, because a theme is a property of the corpus.
public final class ThemesPlugin: AnalysisPlugin {
  public static let info = PluginInfo(
    id: "org.hark.themes",
    name: "Themes",
    version: "1.3.0",
    vendor: "Hark project",
    description:
      "Proposes candidate concepts from key phrases that participants use in several documents, or often "
      + "in one, named by the synonym table when it knows them (\"lonely\", \"isolated\" → loneliness), "
      + "with the sentences that mention them.",
    provides: ["concepts"],
    needs: ["turns", "corpus"],
    optionsSchema: #"""
      {"type":"object","properties":{"minDocuments":{"type":"integer","minimum":1,"default":2,"description":"A phrase becomes a concept if it occurs in at least this many documents… (a corpus of fewer documents, such as one short text, keeps its best phrases instead)"},"minMentions":{"type":"integer","minimum":1,"default":3,"description":"…or at least this many times in one document."},"maxConcepts":{"type":"integer","minimum":1,"description":"At most this many concepts, the best-scoring first. Without it: 12 for each document (about what a careful reader names in one interview), at least 40 and at most 400."},"stopwords":{"type":"string","description":"Path of a file of extra words (one a line, # for comments) that never start or end a phrase."},"generic":{"type":"string","description":"Path of a word-class file that replaces the built-in one: which words are scenery, vague or describing (never a concept alone) and which are topic words (format: corpora/lexicons/themes-generic.txt)."},"synonyms":{"type":"string","description":"Path of a synonym table that replaces the built-in one: which words and phrases name the same concept, under which label (format: corpora/codebooks/concepts.synonyms)."},"maxPhrases":{"type":"integer","minimum":1000,"default":200000,"description":"Phrases kept in memory before the rarest are dropped."}},"additionalProperties":false}
      """#
  )

  let minDocuments: Int
  let minMentions: Int
  /// Nil: 12 per document, from 40 to 400.
  let maxConcepts: Int?
  private var extractor: PhraseExtractor
  private var table: PhraseTable
  private var local = DocumentPhrases()
  private var occurrences: [PhraseOccurrence] = []
  private var documentIDs: [String] = []
  private var seen: Set<String> = []
  private var speakerCount = 0
  /// Size of the vocabulary after its last compaction.
  private var vocabularyKept = 0

  public init(options: PluginOptions) throws {
    minDocuments = try options.int("minDocuments") ?? 2
    minMentions = try options.int("minMentions") ?? 3
    maxConcepts = try options.int("maxConcepts")
    let maxPhrases = try options.int("maxPhrases") ?? 200_000
    guard minDocuments >= 1 else {
      throw PluginError("option \"minDocuments\" must be at least 1, got \(minDocuments)")
    }
    guard minMentions >= 1 else {
      throw PluginError("option \"minMentions\" must be at least 1, got \(minMentions)")
    }
    if let maxConcepts, maxConcepts < 1 {
      throw PluginError("option \"maxConcepts\" must be at least 1, got \(maxConcepts)")
    }
    guard maxPhrases >= 1000 else {
      throw PluginError("option \"maxPhrases\" must be at least 1000, got \(maxPhrases)")
    }
    var stopwords = Stopwords.standard
    if let path = try options.string("stopwords") {
      stopwords.formUnion(try Self.readStopwords(path))
    }
    var classes = WordClasses.builtIn
    if let path = try options.string("generic") {
      classes = try Self.readWordClasses(path)
    }
    var synonyms = ConceptSynonyms.builtIn
    if let path = try options.string("synonyms") {
      synonyms = try Self.readSynonyms(path)
    }
    extractor = PhraseExtractor(
      vocabulary: Vocabulary(classes: classes, stopwords: stopwords, synonyms: synonyms))
    table = PhraseTable(limit: maxPhrases)
  }

  /// The word classes built into the plugin: the text of corpora/lexicons/themes-generic.txt.
  public static var builtInWordClassesText: String { defaultWordClassesText }

  static func readWordClasses(_ path: String) throws -> WordClasses {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PluginError(
        "the word-class list \"\(path)\" could not be read (\(error.localizedDescription)). "
          + "Give the path of a UTF-8 text file in the format of corpora/lexicons/themes-generic.txt, "
          + "or leave out the option \"generic\" to use the built-in list.")
    }
    return try WordClasses(parsing: text, source: path)
  }

  static func readSynonyms(_ path: String) throws -> ConceptSynonyms {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PluginError(
        "the synonym table \"\(path)\" could not be read (\(error.localizedDescription)). "
          + "Give the path of a UTF-8 text file in the format of corpora/codebooks/concepts.synonyms, "
          + "or leave out the option \"synonyms\" to use the built-in table.")
    }
    return try ConceptSynonyms.parse(text, file: path)
  }

  static func readStopwords(_ path: String) throws -> [String] {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PluginError(
        "the stopword list \"\(path)\" could not be read (\(error.localizedDescription)). "
          + "Give the path of a UTF-8 text file with one word a line, or leave out the option \"stopwords\"."
      )
    }
    return text.split(whereSeparator: \.isNewline).compactMap { line in
      let word = line.trimmingCharacters(in: .whitespaces)
      guard !word.isEmpty, !word.hasPrefix("#") else { return nil }
      let bytes = Array(word.utf8)
      return Tokenizer.tokens(bytes, in: 0..<bytes.count).first?.lower
    }
  }

  public func analyze(_ document: Document, into sink: any ResultSink) throws {
    guard seen.insert(document.id).inserted else {
      sink.log("document \(document.id) was given twice; counted once", level: 2)
      return
    }
    let number = documentIDs.count
    documentIDs.append(document.id)
    // Speakers are numbered per document, in order of their first phrase.
    var speakers: [String: Int] = [:]
    local.removeAll()
    for turn in document.participantTurns {
      var speaker: Int?
      for sentence in SentenceSplitter.sentences(document.bytes, in: turn.span) {
        occurrences.removeAll(keepingCapacity: true)
        extractor.phrases(in: document.bytes, sentence: sentence, into: &occurrences)
        guard !occurrences.isEmpty else { continue }
        if speaker == nil {
          speaker = speakers[turn.speaker] ?? speakers.count
          speakers[turn.speaker] = speaker
        }
        for occurrence in occurrences {
          local.add(occurrence, speaker: speaker!, sentence: sentence)
        }
      }
    }
    speakerCount += speakers.count
    let pruned = table.merge(local, document: number)
    local.removeAll()
    if pruned > 0 {
      sink.log("dropped \(pruned) rare phrases to stay within \(table.limit) in memory", level: 1)
    }
    if extractor.vocabulary.isFull {
      sink.log(
        "document \(document.id) has more than \(PackedIDs.maxID) distinct words; "
          + "phrases with the words past that were not counted",
        level: 2)
    }
    // Words, stems and forms no kept phrase uses are forgotten once they
    // outgrow both three per phrase allowed and twice what the last
    // compaction kept, so memory stays bounded at a small cost per document.
    let size = extractor.vocabulary.size
    if size > max(3 * table.limit, 2 * vocabularyKept) || extractor.vocabulary.isFull {
      let used = table.usedIDs()
      let map = extractor.compactVocabulary(keepingStems: used.stems, forms: used.forms)
      table.renumber(stems: map.stems, forms: map.forms)
      vocabularyKept = extractor.vocabulary.size
    }
  }

  public func finish(into sink: any ResultSink) throws {
    let themes = ThemeRanking.rank(
      table.phrases, vocabulary: extractor.vocabulary, documents: documentIDs.count,
      speakers: speakerCount,
      minDocuments: minDocuments, minMentions: minMentions,
      maxConcepts: maxConcepts ?? min(400, max(40, 12 * documentIDs.count)))
    for theme in themes {
      for passage in theme.passages {
        sink.emit(
          ConceptResult(
            document: documentIDs[passage.document], label: theme.label, span: passage.span,
            confidence: theme.confidence, explanation: theme.explanation))
      }
    }
  }
}
