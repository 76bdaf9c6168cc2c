// The gold evaluation: the hand-annotated transcripts in corpora/gold are
// imported into a fresh project, coded by a real coding run with every
// discovered plugin, and the stored results are scored against the annotations.
import Foundation
import GRDB
import HarkCore
import HarkHost

public enum GoldEvaluation {
  /// Imports the gold transcripts, codes them with every discovered plugin and
  /// scores the result. `participantsFile` and `codebookFile` default to
  /// `participants.csv` and `codebooks/values.codebook` beside the transcripts folder.
  public static func run(
    goldFolder: String, transcriptsFolder: String, participantsFile: String? = nil, codebookFile: String? = nil,
    inProcess: Bool = false
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
      _ = try store.importTranscript(transcript, sourceName: file.transcript, sourceBytes: bytes)
    }

    let plugins = PluginDiscovery.discover().plugins
    guard !plugins.isEmpty else {
      throw HarkError(
        "no plugins were found beside hark (\(PluginDiscovery.builtInFolder)) or in HARK_PLUGIN_PATH",
        hint: "Build the plugins first: swift build (or ./hark, which builds them)")
    }
    var options = RunOptions()
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

    var result = GoldReport.make(documents, view.predictions, plugins: plugins.map(\.id))
    let failures = summary.plugins.flatMap { p in p.failures.map { "\(p.descriptor.id): \($0.reason)" } }
    if !failures.isEmpty {
      result.report.append("\(failures.count) plugin failures in the coding run, first: \(failures[0])")
    }
    result.detail["coding_run_failures"] = .integer(failures.count)
    if sentimentPlugin == nil { result.report.append("no sentiment plugin was found; every turn scores 0") }
    return result
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
    try store.pool.read { db in
      var view = GoldStoreView()
      var sources: [Int64: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, source_name, text FROM document") {
        let source: String = row["source_name"]
        sources[row["id"]] = source
        view.transcripts[source] = GoldTranscript(source: source, text: row["text"], turns: [])
      }
      for row in try Row.fetchAll(
        db, sql: #"SELECT document_id, start, "end", role FROM turn ORDER BY document_id, ordinal"#)
      {
        guard let source = sources[row["document_id"]] else { continue }
        view.transcripts[source]?.turns.append(
          GoldTurnSpan(GoldSpan(row["start"], row["end"]), isParticipant: (row["role"] as String) == "participant"))
      }
      for row in try Row.fetchAll(
        db,
        sql: #"""
          SELECT g.document_id, c.name, g.start, g."end" FROM coding g JOIN code c ON c.id = g.code_id
          WHERE g.analysis_id IS NOT NULL
          """#)
      {
        guard let source = sources[row["document_id"]] else { continue }
        view.predictions.codings[source, default: []].append(
          GoldPredictions.Coding(code: row["name"], span: GoldSpan(row["start"], row["end"])))
      }
      if let sentimentPlugin {
        // A plugin that scores whole turns ("turn valence") is judged by that
        // score; otherwise by the mean of its sentence scores in the turn.
        let hasTurnScores =
          try Bool.fetchOne(
            db,
            sql: """
              SELECT EXISTS (SELECT 1 FROM score s JOIN analysis a ON a.id = s.analysis_id
                WHERE a.plugin_id = ? AND s.name = 'turn valence')
              """, arguments: [sentimentPlugin]) ?? false
        for row in try Row.fetchAll(
          db,
          sql: #"""
            SELECT s.document_id, s.start, s."end", s.value FROM score s JOIN analysis a ON a.id = s.analysis_id
            WHERE a.plugin_id = ? AND (? = 0 OR s.name = 'turn valence')
            """#, arguments: [sentimentPlugin, hasTurnScores ? 1 : 0])
        {
          guard let source = sources[row["document_id"]] else { continue }
          view.predictions.sentiment[source, default: []].append(
            GoldPredictions.Score(span: GoldSpan(row["start"], row["end"]), value: row["value"]))
        }
      }
      // Mentions count for the concept they were merged into, as the concept list shows them.
      var labels: [Int64: String] = [:]
      var mergedInto: [Int64: Int64] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, label, merged_into FROM concept") {
        labels[row["id"]] = row["label"]
        if let target: Int64 = row["merged_into"] { mergedInto[row["id"]] = target }
      }
      func final(_ id: Int64) -> Int64 {
        var id = id
        var steps = 0
        while let next = mergedInto[id], steps < 100 {
          id = next
          steps += 1
        }
        return id
      }
      var mentions: [String: [Int64: Int]] = [:]
      var documentsOf: [Int64: Set<String>] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT document_id, concept_id FROM concept_mention WHERE analysis_id IS NOT NULL")
      {
        guard let source = sources[row["document_id"]] else { continue }
        let concept = final(row["concept_id"])
        mentions[source, default: [:]][concept, default: 0] += 1
        documentsOf[concept, default: []].insert(source)
      }
      for (source, counts) in mentions {
        view.predictions.concepts[source] = counts.map { id, count in
          GoldPredictions.Concept(
            label: labels[id] ?? "", mentions: count, documents: documentsOf[id]?.count ?? 0)
        }
      }
      for row in try Row.fetchAll(
        db,
        sql: #"""
          SELECT e.document_id, e.start, e."end", e.cause_start, e.cause_end, e.effect_start, e.effect_end,
                 e.polarity, c.label AS effect_label
          FROM evidence e JOIN link l ON l.id = e.link_id JOIN concept c ON c.id = l.effect_id
          WHERE e.analysis_id IS NOT NULL
          """#)
      {
        guard let source = sources[row["document_id"]] else { continue }
        func range(_ start: String, _ end: String) -> GoldSpan? {
          guard let s: Int = row[start], let e: Int = row[end] else { return nil }
          return GoldSpan(s, e)
        }
        view.predictions.links[source, default: []].append(
          GoldPredictions.Link(
            cause: range("cause_start", "cause_end"), effect: range("effect_start", "effect_end"),
            polarity: row["polarity"], effectIsOpposite: (row["effect_label"] as String).hasPrefix("~"),
            quote: GoldSpan(row["start"], row["end"])))
      }
      return view
    }
  }
}
