// The causal-claims evaluation: real oral-history transcripts, annotated claim
// by claim (corpora/gold/western-sydney), imported as `hark import` does with
// no flags, coded by a coding run planned as `hark code` plans it, and the
// run's link evidence scored against the claims.
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts

public enum ClaimsEvaluation {
  /// Imports the annotated transcripts, codes them and scores the links.
  /// `actor`: who the throwaway project records as importing and coding (the
  /// person running the evaluation, as `hark` would record them).
  public static func run(claimsFolder: String, transcriptsFolder: String, actor: String, inProcess: Bool = false) throws
    -> EvalResult
  {
    let files = try claimFiles(claimsFolder)
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hark-claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try ProjectStore.create(at: (folder as NSString).appendingPathComponent("claims.sqlite"))
    try importTranscripts(files, from: transcriptsFolder, into: store, actor: actor)
    let documents = try resolve(files, in: store)

    let plugins = PluginDiscovery.discover().plugins
    guard !plugins.isEmpty else {
      throw HarkError(
        "no plugins were found beside hark (\(PluginDiscovery.builtInFolder)) or in HARK_PLUGIN_PATH",
        hint: "Build the plugins first: swift build (or ./hark, which builds them)")
    }
    // As `hark code` plans a run: every enabled plugin with the project's options for it.
    var planned: [PlannedPlugin] = []
    for plugin in plugins {
      let setting = try store.pluginSetting(plugin.id)
      if setting.enabled { planned.append(PlannedPlugin(descriptor: plugin, options: setting.options)) }
    }
    var options = RunOptions(startedBy: actor)
    options.inProcess = inProcess
    let summary = try CodingRun(store: store, options: options).run(planned)
    let evidence = try readEvidence(store)

    var result = report(ClaimsScoring.score(documents, evidence), plugins: planned.map(\.descriptor.id))
    result.detail["claims_outcomes"] = outcomesDetail(ClaimsScoring.outcomes(documents, evidence))
    let failures = summary.plugins.flatMap { p in p.failures.map { "\(p.descriptor.id): \($0.reason)" } }
    if !failures.isEmpty {
      result.report.append("\(failures.count) plugin failures in the coding run, first: \(failures[0])")
    }
    result.detail["coding_run_failures"] = .integer(failures.count)
    return result
  }

  /// Checks every claims file against its transcript as `hark import` stores it, without running plugins;
  /// throws `GoldProblems` naming each file, line and quote that does not resolve.
  public static func validate(claimsFolder: String, transcriptsFolder: String, actor: String) throws
    -> [ClaimsDocument]
  {
    let files = try claimFiles(claimsFolder)
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hark-claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try ProjectStore.create(at: (folder as NSString).appendingPathComponent("claims.sqlite"))
    try importTranscripts(files, from: transcriptsFolder, into: store, actor: actor)
    return try resolve(files, in: store)
  }

  /// The `*.claims` files of a folder, parsed, in name order.
  static func claimFiles(_ folder: String) throws -> [ClaimsFile] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      throw HarkError(
        "cannot be read as a folder", subject: folder, hint: "Give the folder of the .claims annotation files")
    }
    let names = entries.filter { $0.hasSuffix(".claims") }.sorted()
    guard !names.isEmpty else {
      throw HarkError("has no .claims files", subject: folder, hint: "Give the folder of the .claims annotation files")
    }
    return try names.map { name in
      let path = (folder as NSString).appendingPathComponent(name)
      return try ClaimsFile.parse(String(contentsOfFile: path, encoding: .utf8), name: path)
    }
  }

  /// Imports each file's transcript as `hark import FILE` does: no encoding or speaker given.
  static func importTranscripts(_ files: [ClaimsFile], from folder: String, into store: ProjectStore, actor: String)
    throws
  {
    var problems: [HarkError] = []
    for file in files {
      let path = (folder as NSString).appendingPathComponent(file.transcript)
      guard FileManager.default.fileExists(atPath: path) else {
        problems.append(
          HarkError("names the transcript \(file.transcript), which is not in \(folder)", subject: file.name))
        continue
      }
      let url = URL(fileURLWithPath: path)
      let (transcript, bytes) = try TranscriptReader.readWithBytes(contentsOf: url, options: TranscriptReadOptions())
      _ = try store.importTranscript(transcript, sourceName: url.lastPathComponent, sourceBytes: bytes, actor: actor)
    }
    guard problems.isEmpty else { throw GoldProblems(problems: problems) }
  }

  /// Finds every file's quotes in the stored text of its document.
  static func resolve(_ files: [ClaimsFile], in store: ProjectStore) throws -> [ClaimsDocument] {
    let snapshot = try store.scoringSnapshot(sentimentPlugin: nil)
    var stored: [String: (text: String, narrator: [GoldSpan])] = [:]
    var sources: [DocumentID: String] = [:]
    for document in snapshot.documents {
      stored[document.sourceName] = (document.text, [])
      sources[document.id] = document.sourceName
    }
    for turn in snapshot.turns where turn.role != "interviewer" {
      guard let source = sources[turn.documentID] else { continue }
      stored[source]?.narrator.append(GoldSpan(turn.start, turn.end))
    }
    var documents: [ClaimsDocument] = []
    var problems: [HarkError] = []
    for file in files {
      guard let document = stored[file.transcript] else {
        problems.append(HarkError("its transcript \(file.transcript) was not imported", subject: file.name))
        continue
      }
      do {
        documents.append(try ClaimsDocument.resolve(file, text: document.text, narratorTurns: document.narrator))
      } catch let error as GoldProblems {
        problems += error.problems
      }
    }
    guard problems.isEmpty else { throw GoldProblems(problems: problems) }
    return documents
  }

  /// Every piece of link evidence a plugin wrote, by document source, with its link's concept labels.
  static func readEvidence(_ store: ProjectStore) throws -> [String: [ClaimsEvidence]] {
    let snapshot = try store.scoringSnapshot(sentimentPlugin: nil)
    let sources = Dictionary(uniqueKeysWithValues: snapshot.documents.map { ($0.id, $0.sourceName) })
    var evidence: [String: [ClaimsEvidence]] = [:]
    for link in snapshot.linkQuotes {
      guard let source = sources[link.documentID] else { continue }
      func span(_ s: ScoringSnapshot.Span?) -> GoldSpan? { s.map { GoldSpan($0.start, $0.end) } }
      evidence[source, default: []].append(
        ClaimsEvidence(
          quote: GoldSpan(link.quote.start, link.quote.end), cause: span(link.cause), effect: span(link.effect),
          polarity: link.polarity, causeLabel: link.causeLabel, effectLabel: link.effectLabel))
    }
    return evidence
  }

  /// One line per claim for `--json`: "SOURCE line N: explicit, found, direction right, sign right, labels wrong,
  /// evidence CAUSE → EFFECT (+); …".
  static func outcomesDetail(_ outcomes: [ClaimOutcome]) -> EvalValue {
    .array(
      outcomes.map { o in
        var parts = ["\(o.kind.rawValue)", o.found ? "found" : "not found"]
        if o.found {
          parts += [
            o.directionRight ? "direction right" : "direction wrong", o.signRight ? "sign right" : "sign wrong",
            o.bothLabelsRight ? "labels right" : "labels wrong",
          ]
          parts.append("evidence " + o.evidence.joined(separator: "; "))
        }
        return .string("\(o.source) line \(o.line): " + parts.joined(separator: ", "))
      })
  }

  static func report(_ s: ClaimsScores, plugins: [String]) -> EvalResult {
    var result = EvalResult(name: "Causal claims in real interviews (corpora/gold/western-sydney)")
    result.scores = [
      ("claims_explicit_recall", s.explicitRecall), ("claims_implied_recall", s.impliedRecall),
      ("claims_direction_accuracy", s.directionAccuracy), ("claims_sign_accuracy", s.signAccuracy),
      ("claims_labels_accuracy", s.labelAccuracy), ("claims_end_to_end", s.endToEnd),
      ("claims_link_precision", s.linkPrecision), ("claims_labels_head_accuracy", s.headLabelAccuracy),
      ("claims_end_to_end_head", s.headEndToEnd),
    ]
    func pct(_ a: Int, _ b: Int) -> String { "\(Int((Stats.ratio(a, b) * 100).rounded()))% (\(a) of \(b))" }
    result.report = [
      "Plugins \(plugins.joined(separator: ", ")) on \(s.documents) oral-history transcripts, \(s.narratorWords) narrator words annotated; options as hark code uses them.",
      "explicit claims found: \(pct(s.explicitFound, s.explicitClaims)); implied: \(pct(s.impliedFound, s.impliedClaims))",
      "of the explicit claims found: direction right \(pct(s.directionRight, s.explicitFound)), then sign right \(pct(s.signRight, s.directionRight)); both labels right \(pct(s.bothLabelsRight, s.explicitFound))",
      "end to end (found with both labels right / explicit claims): \(pct(s.bothLabelsRight, s.explicitClaims))",
      "allowing a head match (\"rates\" for \"outrageous rates\"): both labels right \(pct(s.bothLabelsHeadRight, s.explicitFound)) of those found, end to end \(pct(s.bothLabelsHeadRight, s.explicitClaims))",
      "link precision (evidence in the passages whose quote states a claim): \(pct(s.evidenceStatingClaim, s.evidenceInPassages))",
    ]
    result.detail["claims_counts"] = .object([
      "documents": .integer(s.documents), "narrator_words": .integer(s.narratorWords),
      "explicit_claims": .integer(s.explicitClaims), "explicit_found": .integer(s.explicitFound),
      "implied_claims": .integer(s.impliedClaims), "implied_found": .integer(s.impliedFound),
      "direction_right": .integer(s.directionRight), "sign_right": .integer(s.signRight),
      "both_labels_right": .integer(s.bothLabelsRight), "both_labels_head_right": .integer(s.bothLabelsHeadRight),
      "evidence_in_passages": .integer(s.evidenceInPassages),
      "evidence_stating_a_claim": .integer(s.evidenceStatingClaim),
    ])
    return result
  }
}
