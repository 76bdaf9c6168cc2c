// The peers beside `hark-dev bench`: the input written for them (the sentences
// the sentiment plugin scored, documents the themes plugin read), VADER and
// YAKE run on it by scripts/bench-peers.sh in a Python virtual environment,
// and the ratios.
import Foundation
import HarkCLI
import HarkStore
import HarkTranscripts

/// What scripts/peers/run_peers.py measured (its JSON, keys as it writes them).
struct PeerFigures: Codable {
  struct Timing: Codable {
    /// Sentences (VADER) or documents (YAKE).
    var items: Int
    var words: Int
    /// CPU time of the Python process over the timed calls only.
    var cpuSeconds: Double
    var seconds: Double

    enum CodingKeys: String, CodingKey {
      case items, words, seconds
      case cpuSeconds = "cpu_seconds"
    }
  }
  var vader: Timing
  var yake: Timing
  var python: String
  var vaderSentiment: String
  var yakeVersion: String

  enum CodingKeys: String, CodingKey {
    case vader, yake, python
    case vaderSentiment = "vader_version"
    case yakeVersion = "yake_version"
  }
}

/// Hark against the peers, both on one core and on the same input.
struct PeerComparison: Encodable {
  struct Side: Encodable {
    var input: String
    var words: Int
    var harkCpuSeconds: Double
    var harkWordsPerSecond: Double
    var peerCpuSeconds: Double
    var peerWordsPerSecond: Double
    /// Hark's words per second over the peer's.
    var ratio: Double
    var target = 50.0
  }
  var method: String
  var vader: Side
  var yake: Side
  /// The themes plugin over the whole corpus (participant words) against YAKE's rate on its sample.
  var themesWholeCorpusWordsPerSecond: Double
  var themesWholeCorpusVsYake: Double
  var python: String
  var vaderSentimentVersion: String
  var yakeVersion: String
  var sentimentVsVader: Double { vader.ratio }
  var themesVsYake: Double { yake.ratio }

  init(inputs: PeerInputs, figures: PeerFigures, perCore: [PluginTiming]) {
    method =
      "one core each, CPU time of the timed calls only: Hark's plugins in-process through their C entry point "
      + "(sentiment over whole documents, splitting its own sentences); VADER polarity_scores on each sentence "
      + "the sentiment plugin scored in the full run; YAKE extract_keywords (defaults) and a fresh themes "
      + "plugin (analyse and finish) on the same first documents' participant text; words counted by Hark's rule"
    let sentiment = perCore.first { $0.id == BenchStage.sentimentID }
    let themes = perCore.first { $0.id == BenchStage.themesID }
    func rate(_ words: Int, _ seconds: Double) -> Double { Double(words) / max(seconds, 1e-9) }
    let sentimentCPU = sentiment?.cpuSeconds ?? 0
    vader = Side(
      input: "\(Terminal.thousands(inputs.sentences)) sentences", words: inputs.sentenceWords,
      harkCpuSeconds: sentimentCPU,
      harkWordsPerSecond: rate(inputs.sentenceWords, sentimentCPU), peerCpuSeconds: figures.vader.cpuSeconds,
      peerWordsPerSecond: rate(inputs.sentenceWords, figures.vader.cpuSeconds),
      ratio: figures.vader.cpuSeconds / max(sentimentCPU, 1e-9))
    yake = Side(
      input: "\(Terminal.thousands(inputs.documents)) documents", words: inputs.documentWords,
      harkCpuSeconds: inputs.themesCpuSeconds,
      harkWordsPerSecond: rate(inputs.documentWords, inputs.themesCpuSeconds),
      peerCpuSeconds: figures.yake.cpuSeconds, peerWordsPerSecond: rate(inputs.documentWords, figures.yake.cpuSeconds),
      ratio: figures.yake.cpuSeconds / max(inputs.themesCpuSeconds, 1e-9))
    themesWholeCorpusWordsPerSecond = rate(inputs.participantWords, themes?.cpuSeconds ?? 0)
    themesWholeCorpusVsYake = themesWholeCorpusWordsPerSecond / max(yake.peerWordsPerSecond, 1e-9)
    python = figures.python
    vaderSentimentVersion = figures.vaderSentiment
    yakeVersion = figures.yakeVersion
  }

  func printTable() {
    print("Peers on one core, same input (CPU time of the timed calls; words by Hark's rule):")
    let widths = [28, 20, 12, 14, 14, 8, 7]
    print(row(["comparison", "input", "words", "Hark words/s", "peer words/s", "ratio", "target"], widths: widths))
    for (name, side) in [
      ("sentiment vs VADER \(vaderSentimentVersion)", vader), ("themes vs YAKE \(yakeVersion)", yake),
    ] {
      print(
        row(
          [
            name, side.input, Terminal.thousands(side.words), Terminal.thousands(Int(side.harkWordsPerSecond)),
            Terminal.thousands(Int(side.peerWordsPerSecond)), Terminal.number(side.ratio, 1) + "x",
            ">= \(Int(side.target))x",
          ], widths: widths))
    }
    print(
      "themes over the whole corpus: \(Terminal.thousands(Int(themesWholeCorpusWordsPerSecond))) words/s, "
        + "\(Terminal.number(themesWholeCorpusVsYake, 1))x YAKE's rate on its sample (Python \(python))")
  }
}

enum BenchPeers {
  /// The script given, or scripts/bench-peers.sh in the repository the sample corpus is in.
  static func script(_ given: String?) throws -> String {
    if let given {
      guard FileManager.default.isExecutableFile(atPath: given) else {
        throw HarkError("is not an executable file", subject: given, hint: "Give --peers-script an executable script")
      }
      return given
    }
    let corpus = try SampleCorpus.find()
    let path =
      (((corpus as NSString).deletingLastPathComponent as NSString).appendingPathComponent("scripts")
      as NSString).appendingPathComponent("bench-peers.sh")
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw HarkError(
        "the peers script is not there", subject: path,
        hint: "Run `hark-dev bench --peers` from a Hark repository, or give --peers-script")
    }
    return path
  }

  /// Runs the peers script on what the one-core stage wrote; its progress goes to stderr.
  static func run(_ script: String, _ inputs: PeerInputs, folder: BenchFolder) throws -> PeerFigures {
    let result = folder.file("peers/result.json")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: script)
    process.arguments = [
      "--sentences", inputs.sentencesFile, "--sentence-words", "\(inputs.sentenceWords)", "--documents",
      inputs.documentsFile, "--output", result,
    ]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw HarkError(
        "the peers script failed (exit status \(process.terminationStatus))", subject: script,
        hint: "Its message is above; it needs python3 with venv and PyPI to install vaderSentiment and yake")
    }
    do {
      return try JSONDecoder().decode(PeerFigures.self, from: Data(contentsOf: URL(fileURLWithPath: result)))
    } catch {
      throw HarkError("the peers' figures could not be read (\(error))", subject: result)
    }
  }
}

/// The files the peers read, and Hark's own timing on exactly that input.
struct PeerInputs: Codable {
  var sentencesFile: String
  /// The sentences the sentiment plugin scored in the full run ("valence" scores).
  var sentences: Int
  var sentenceWords: Int
  /// Valence scores the sentiment plugin emitted in the one-core pass (should equal `sentences`).
  var sentimentScoresPerCore: Int
  var documentsFile: String
  /// Documents in the file (the first ones, until `yakeWords` participant words).
  var documents: Int
  var documentWords: Int
  /// The themes plugin (a fresh instance, analyse and finish) on exactly those documents.
  var themesCpuSeconds: Double
  var themesSeconds: Double
  /// Participant words in the whole corpus (what the themes plugin reads).
  var participantWords: Int
}

/// Writes what the peers read: every sentence the sentiment plugin scored in
/// the full run, one a line, and the participant text of the first documents
/// as JSON lines ({"id", "words", "text"}) for the keyword extractor.
final class PeerInputWriter {
  let sentencesFile: String
  let documentsFile: String
  let yakeWords: Int
  private let sentences: FileHandle
  private let documents: FileHandle
  private var sentenceBuffer: [UInt8] = []
  private var counts = (sentences: 0, sentenceWords: 0, documents: 0, documentWords: 0, participantWords: 0)
  private var themes = (seconds: 0.0, cpuSeconds: 0.0)
  var sentimentScores = 0

  init(_ folder: BenchFolder, yakeWords: Int) throws {
    try FileManager.default.createDirectory(atPath: folder.peers, withIntermediateDirectories: true)
    sentencesFile = (folder.peers as NSString).appendingPathComponent("sentences.txt")
    documentsFile = (folder.peers as NSString).appendingPathComponent("documents.jsonl")
    self.yakeWords = yakeWords
    for file in [sentencesFile, documentsFile] {
      guard FileManager.default.createFile(atPath: file, contents: nil) else {
        throw HarkError("cannot write the peers' input", subject: file, hint: "Check the --output folder")
      }
    }
    sentences = try FileHandle(forWritingTo: URL(fileURLWithPath: sentencesFile))
    documents = try FileHandle(forWritingTo: URL(fileURLWithPath: documentsFile))
  }

  /// Adds one document; true when it belongs to the keyword extractor's sample.
  func add(_ document: StoredDocument, store: ProjectStore) throws -> Bool {
    let scalars = Array(document.text.unicodeScalars)
    func text(_ start: Int, _ end: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
      return String(view)
    }
    let spans = try store.scoreSpans(document: document.id, plugin: BenchStage.sentimentID, name: "valence")
    for span in spans {
      let sentence = text(span.lowerBound, span.upperBound)
      counts.sentences += 1
      counts.sentenceWords += WordCount.count(sentence)
      // One sentence a line: a line break inside one (a subtitle cue's) is a space.
      sentenceBuffer.append(contentsOf: sentence.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
      sentenceBuffer.append(0x0A)
    }
    if sentenceBuffer.count > 1 << 20 { flushSentences() }

    let said = document.turns.filter { $0.role == "participant" }.map { text($0.start, $0.end) }
    let words = said.reduce(0) { $0 + WordCount.count($1) }
    counts.participantWords += words
    guard counts.documentWords < yakeWords else { return false }
    counts.documents += 1
    counts.documentWords += words
    let line = try JSONSerialization.data(
      withJSONObject: ["id": "D\(document.id)", "words": words, "text": said.joined(separator: "\n\n")],
      options: [.sortedKeys])
    documents.write(line + Data([0x0A]))
    return true
  }

  func addThemesTime(_ elapsed: (Double, Double)) {
    themes.seconds += elapsed.0
    themes.cpuSeconds += elapsed.1
  }

  private func flushSentences() {
    sentences.write(Data(sentenceBuffer))
    sentenceBuffer.removeAll(keepingCapacity: true)
  }

  func close() throws -> PeerInputs {
    flushSentences()
    try sentences.close()
    try documents.close()
    return PeerInputs(
      sentencesFile: sentencesFile, sentences: counts.sentences, sentenceWords: counts.sentenceWords,
      sentimentScoresPerCore: sentimentScores, documentsFile: documentsFile, documents: counts.documents,
      documentWords: counts.documentWords, themesCpuSeconds: themes.cpuSeconds, themesSeconds: themes.seconds,
      participantWords: counts.participantWords)
  }
}
