// Corpus-level plugins ("needs": corpus): one instance sees every document,
// then `finish` may speak about any of them. Nothing is written before
// `finish` has answered and passed the checks; then every document's
// results, a few documents per short transaction. A document that fails is
// left out and the pass starts again without it, since the instance's
// corpus state died with it.
import Foundation
import HarkStore

struct CorpusPass {
  let context: AnalysisContext

  init(_ context: AnalysisContext) { self.context = context }

  func run(_ documents: [DocumentID], progress: @escaping @Sendable (RunEvent) -> Void) throws -> Tally {
    var excluded: [DocumentID: String] = [:]
    let descriptor = context.plugin.descriptor
    while true {
      let included = documents.filter { excluded[$0] == nil }
      var tally = Tally()
      tally.failures = excluded.sorted { $0.key < $1.key }.map { DocumentFailure(documentID: $0.key, reason: $0.value) }
      let analyzer = makeAnalyzer(context)
      defer { analyzer.stop() }
      var found: [DocumentID: Findings] = [:]
      var seconds: [DocumentID: Double] = [:]
      var failedDocument: (DocumentID, String)?
      for id in included {
        let started = WorkerProcess.monotonic()
        do {
          let (payload, words) = try context.load(id)
          let raw = try analyzer.analyze(payload)
          let result = try ResultValidator.validate(raw, current: payload.id) { $0 == payload.id ? payload.text : nil }
          found[id] = result[payload.id] ?? Findings()
          tally.words += words
        } catch let failure as AnalysisFailure {
          if failure.isOpenFailure {
            try context.store.writeRunFailure(context.runID, pluginID: descriptor.id, reason: failure.reason)
            tally.failures.append(DocumentFailure(documentID: nil, reason: failure.reason))
            return tally
          }
          failedDocument = (id, failure.reason)
        } catch let garbage as GarbageResult {
          failedDocument = (id, "garbage result: \(garbage.description)")
        } catch {
          failedDocument = (id, "\(error)")
        }
        if failedDocument != nil { break }
        seconds[id] = WorkerProcess.monotonic() - started
        tally.pluginSeconds += seconds[id]!
        progress(.progress(descriptor.name, done: found.count, of: documents.count))
      }
      if let (id, reason) = failedDocument {
        excluded[id] = reason
        try context.store.writeFailure(context.record(id, seconds: 0), reason: reason)
        continue
      }
      // The corpus-level pass may refer to any document analysed above.
      let finishing = WorkerProcess.monotonic()
      do {
        let raw = try analyzer.finish()
        tally.pluginSeconds += WorkerProcess.monotonic() - finishing
        // The validator asks once per document and keeps what it needs.
        let result = try ResultValidator.validate(raw, current: nil) { name in
          guard let number = documentNumber(name), found[number] != nil,
            let text = try? context.store.documentForAnalysis(number).text
          else { return nil }
          return Array(text.utf8)
        }
        for (name, findings) in result {
          let id = documentNumber(name)!
          found[id]!.codes += findings.codes
          found[id]!.concepts += findings.concepts
          found[id]!.links += findings.links
          found[id]!.scores += findings.scores
        }
      } catch let failure as AnalysisFailure {
        return try failCorpus(tally, "corpus pass: \(failure.reason)")
      } catch let garbage as GarbageResult {
        return try failCorpus(tally, "corpus pass: garbage result: \(garbage.description)")
      }
      let items = included.map { (context.record($0, seconds: seconds[$0] ?? 0), found[$0] ?? Findings()) }
      tally.counts = try context.store.writeCorpusAnalysis(items)
      tally.done = included.count
      return tally
    }
  }

  /// `finish` failed: nothing is stored; the documents stay pending.
  private func failCorpus(_ tally: Tally, _ reason: String) throws -> Tally {
    var tally = tally
    try context.store.writeRunFailure(context.runID, pluginID: context.plugin.descriptor.id, reason: reason)
    tally.failures.append(DocumentFailure(documentID: nil, reason: reason))
    return tally
  }
}
