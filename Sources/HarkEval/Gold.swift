// The gold evaluation: the hand-annotated transcripts in corpora/gold are
// imported into a fresh project, coded by a real coding run with every
// discovered plugin, and the stored results are scored against the annotations.
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

public enum GoldEvaluation {
  /// Imports the gold transcripts, codes them with every discovered plugin and
  /// scores the result. `participantsFile` and `codebookFile` default to
  /// `participants.csv` and `codebooks/values.codebook` beside the transcripts folder.
  /// `actor`: who the throwaway project records as importing and coding.
  public static func run(
    goldFolder: String, transcriptsFolder: String, participantsFile: String? = nil, codebookFile: String? = nil,
    actor: String, inProcess: Bool = false
  ) throws -> EvalResult {
    let sources = GoldSources(
      goldFolder: goldFolder, transcriptsFolder: transcriptsFolder, participantsFile: participantsFile,
      codebookFile: codebookFile)
    let files = try sources.files()
    let participants = try ParticipantsCSV.read(contentsOf: URL(fileURLWithPath: sources.participants))

    let fm = FileManager.default
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hark-gold-\(UUID().uuidString)")
    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: folder) }
    let store = try ProjectStore.create(at: (folder as NSString).appendingPathComponent("gold.sqlite"))
    try store.importParticipants(participants)
    for file in files {
      let url = URL(fileURLWithPath: (transcriptsFolder as NSString).appendingPathComponent(file.transcript))
      let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url)
      _ = try store.importTranscript(transcript, sourceName: file.transcript, sourceBytes: bytes, actor: actor)
    }

    let plugins = PluginDiscovery.discover().plugins
    guard !plugins.isEmpty else {
      throw HarkError(
        "no plugins were found beside hark (\(PluginDiscovery.builtInFolder)) or in HARK_PLUGIN_PATH",
        hint: "Build the plugins first: swift build (or ./hark, which builds them)")
    }
    var options = RunOptions(startedBy: actor)
    options.inProcess = inProcess
    let summary = try CodingRun(store: store, options: options).run(
      plugins.map { PlannedPlugin(descriptor: $0, options: "{}") })

    let sentimentPlugin = plugins.first { $0.id == "sentiment" || $0.id.hasSuffix(".sentiment") }?.id
    let view = try GoldStoreView.read(store, sentimentPlugin: sentimentPlugin)
    var documents: [GoldDocument] = []
    var problems: [HarkError] = []
    for file in files {
      guard let transcript = view.transcripts[file.transcript] else {
        problems.append(HarkError("its transcript \(file.transcript) was not imported", subject: file.name))
        continue
      }
      do {
        documents.append(try GoldDocument.resolve(file, in: transcript, knownCodes: try sources.codes()))
      } catch let error as GoldProblems {
        problems += error.problems
      }
    }
    guard problems.isEmpty else { throw GoldProblems(problems: problems) }

    let predictions = onlyValueCodes(view.predictions, codebook: try sources.codes())
    var result = GoldReport.make(documents, predictions, plugins: plugins.map(\.id))
    let failures = summary.plugins.flatMap { p in p.failures.map { "\(p.descriptor.id): \($0.reason)" } }
    if !failures.isEmpty {
      result.report.append("\(failures.count) plugin failures in the coding run, first: \(failures[0])")
    }
    result.detail["coding_run_failures"] = .integer(failures.count)
    if sentimentPlugin == nil { result.report.append("no sentiment plugin was found; every turn scores 0") }
    return result
  }

  /// Value codes are the codebook's (any case): other plugins' codes (the
  /// causal-links plugin's "causal claim" and "causal signal", the C
  /// example's words) are not value codings and stay out of the values score.
  /// With no codebook, every coding counts.
  public static func onlyValueCodes(_ predictions: GoldPredictions, codebook: Set<String>?) -> GoldPredictions {
    guard let codebook else { return predictions }
    let codes = Set(codebook.map { $0.lowercased() })
    var kept = predictions
    kept.codings = predictions.codings.mapValues { $0.filter { codes.contains($0.code.lowercased()) } }
    return kept
  }

  /// Checks every gold file against its transcript as the importer reads it,
  /// without running plugins; throws `GoldProblems` naming each file, line and item.
  public static func validate(
    goldFolder: String, transcriptsFolder: String, participantsFile: String? = nil, codebookFile: String? = nil
  ) throws -> [GoldDocument] {
    let sources = GoldSources(
      goldFolder: goldFolder, transcriptsFolder: transcriptsFolder, participantsFile: participantsFile,
      codebookFile: codebookFile)
    let participants = try ParticipantsCSV.read(contentsOf: URL(fileURLWithPath: sources.participants))
    var documents: [GoldDocument] = []
    var problems: [HarkError] = []
    for file in try sources.files() {
      let path = (transcriptsFolder as NSString).appendingPathComponent(file.transcript)
      guard FileManager.default.fileExists(atPath: path) else {
        problems.append(
          HarkError(
            "names the transcript \(file.transcript), which is not in \(transcriptsFolder)", subject: file.name))
        continue
      }
      do {
        let transcript = try GoldTranscript.read(path: path, participants: participants)
        documents.append(try GoldDocument.resolve(file, in: transcript, knownCodes: try sources.codes()))
      } catch let error as GoldProblems {
        problems += error.problems
      }
    }
    guard problems.isEmpty else { throw GoldProblems(problems: problems) }
    return documents
  }
}

/// Where the gold files, participants and codebook are.
struct GoldSources {
  var goldFolder: String
  var participants: String
  var codebook: String

  init(goldFolder: String, transcriptsFolder: String, participantsFile: String?, codebookFile: String?) {
    let corpus = (transcriptsFolder as NSString).deletingLastPathComponent
    self.goldFolder = goldFolder
    participants = participantsFile ?? (corpus as NSString).appendingPathComponent("participants.csv")
    codebook = codebookFile ?? (corpus as NSString).appendingPathComponent("codebooks/values.codebook")
  }

  /// The `*.gold` files, parsed, in name order.
  func files() throws -> [GoldFile] {
    let names = try FileManager.default.contentsOfDirectory(atPath: goldFolder).filter { $0.hasSuffix(".gold") }
      .sorted()
    guard !names.isEmpty else {
      throw HarkError("has no .gold files", subject: goldFolder, hint: "Give the folder of the gold annotations")
    }
    return try names.map { name in
      let path = (goldFolder as NSString).appendingPathComponent(name)
      return try GoldFile.parse(String(contentsOfFile: path, encoding: .utf8), name: path)
    }
  }

  /// The code names of the codebook, or nil when there is no codebook file.
  func codes() throws -> Set<String>? {
    guard FileManager.default.fileExists(atPath: codebook) else { return nil }
    let text = try String(contentsOfFile: codebook, encoding: .utf8)
    return Set(
      text.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("code:") else { return nil }
        return line.dropFirst(5).trimmingCharacters(in: .whitespaces)
      })
  }
}

/// The stored view the JSON export gives, plus what it leaves out: cause and
/// effect ranges of evidence, scores, and concept mentions per document.
struct GoldStoreView {
  var transcripts: [String: GoldTranscript] = [:]
  var predictions = GoldPredictions()

  static func read(_ store: ProjectStore, sentimentPlugin: String?) throws -> GoldStoreView {
    let stored = try store.scoringSnapshot(sentimentPlugin: sentimentPlugin)
    var view = GoldStoreView()
    var sources: [DocumentID: String] = [:]
    for document in stored.documents {
      sources[document.id] = document.sourceName
      view.transcripts[document.sourceName] = GoldTranscript(
        source: document.sourceName, text: document.text, turns: [])
    }
    for turn in stored.turns {
      guard let source = sources[turn.documentID] else { continue }
      view.transcripts[source]?.turns.append(
        GoldTurnSpan(GoldSpan(turn.start, turn.end), isParticipant: turn.role == "participant"))
    }
    for coding in stored.codings {
      guard let source = sources[coding.documentID] else { continue }
      view.predictions.codings[source, default: []].append(
        GoldPredictions.Coding(code: coding.code, span: GoldSpan(coding.start, coding.end)))
    }
    // A plugin that scores whole turns ("turn valence") is judged by that
    // score; otherwise by the mean of its sentence scores in the turn.
    for score in stored.sentiment {
      guard let source = sources[score.documentID] else { continue }
      view.predictions.sentiment[source, default: []].append(
        GoldPredictions.Score(span: GoldSpan(score.start, score.end), value: score.value))
    }
    // Mentions count for the concept they were merged into, as the concept list shows them.
    var labels: [ConceptID: String] = [:]
    var mentions: [String: [ConceptID: Int]] = [:]
    var documentsOf: [ConceptID: Set<String>] = [:]
    for mention in stored.mentions {
      guard let source = sources[mention.documentID] else { continue }
      labels[mention.conceptID] = mention.label
      mentions[source, default: [:]][mention.conceptID, default: 0] += 1
      documentsOf[mention.conceptID, default: []].insert(source)
    }
    for (source, counts) in mentions {
      view.predictions.concepts[source] = counts.map { id, count in
        GoldPredictions.Concept(label: labels[id] ?? "", mentions: count, documents: documentsOf[id]?.count ?? 0)
      }
    }
    for quote in stored.linkQuotes {
      guard let source = sources[quote.documentID] else { continue }
      view.predictions.links[source, default: []].append(
        GoldPredictions.Link(
          cause: quote.cause.map { GoldSpan($0.start, $0.end) },
          effect: quote.effect.map { GoldSpan($0.start, $0.end) },
          polarity: quote.polarity, effectIsOpposite: quote.effectLabel.hasPrefix("~"),
          quote: GoldSpan(quote.quote.start, quote.quote.end)))
    }
    return view
  }
}
