// Per-document plugins, several at once: N threads take documents from a
// shared queue; each thread holds one analyzer per plugin, reads a document
// once, hands it to every plugin that still has to see it, and stores all
// their results on it in one transaction.
import Foundation
import HarkStore
import Synchronization

struct DocumentPass: Sendable {
  /// The plugins of this pass, each with the documents it has to analyse.
  let members: [(context: AnalysisContext, documents: Set<Int64>)]
  let label: String

  init(_ members: [(context: AnalysisContext, documents: Set<Int64>)]) {
    self.members = members
    label = members.map(\.context.plugin.descriptor.name).joined(separator: ", ")
  }

  func run(progress: @escaping @Sendable (RunEvent) -> Void) -> [Tally] {
    let documents = members.reduce(into: Set<Int64>()) { $0.formUnion($1.documents) }.sorted()
    let queue = Mutex(documents[...])
    let tallies = Mutex([Tally](repeating: Tally(), count: members.count))
    // A plugin that cannot open is out of the pass; its documents stay pending.
    let unopenable = Mutex([Bool](repeating: false, count: members.count))
    let finished = Atomic<Int>(0)
    guard let first = members.first?.context else { return [] }
    let threads = max(1, min(first.options.workers, documents.count))
    let total = documents.count
    runThreads(threads) {
      let analyzers = members.map { makeAnalyzer($0.context) }
      defer { for analyzer in analyzers { analyzer.stop() } }
      while let id = queue.withLock({ $0.popFirst() }) {
        let skip = unopenable.withLock { $0 }
        let wanted = members.indices.filter { !skip[$0] && members[$0].documents.contains(id) }
        if !wanted.isEmpty {
          let (outcomes, spent) = analyzeOne(id, wanted.map { ($0, analyzers[$0]) })
          tallies.withLock { t in
            for (k, seconds) in spent { t[k].pluginSeconds += seconds }
            for (k, outcome) in outcomes {
              switch outcome {
              case .stored(let counts, let words):
                t[k].done += 1
                t[k].counts = t[k].counts + counts
                t[k].words += words
              case .failed(let reason):
                t[k].failures.append(DocumentFailure(documentID: id, reason: reason))
              case .openFailed(let reason):
                let first = unopenable.withLock { flags in
                  defer { flags[k] = true }
                  return !flags[k]
                }
                if first {
                  try? members[k].context.store.writeRunFailure(
                    members[k].context.runID, pluginID: members[k].context.plugin.descriptor.id, reason: reason)
                  t[k].failures.append(DocumentFailure(documentID: nil, reason: reason))
                }
              }
            }
          }
        }
        let done = finished.add(1, ordering: .relaxed).newValue
        progress(.progress(label, done: done, of: total))
      }
    }
    return tallies.withLock { $0 }
  }

  enum Outcome {
    case stored(FindingCounts, words: Int)
    case failed(String)
    case openFailed(String)
  }

  /// Every wanted plugin on one document; what they found is stored together.
  /// Also the seconds each plugin took (its call and the check of its results).
  private func analyzeOne(_ id: Int64, _ plugins: [(Int, any Analyzer)]) -> ([(Int, Outcome)], [(Int, Double)]) {
    let context = members[plugins[0].0].context
    let payload: DocumentPayload
    let words: Int
    do { (payload, words) = try context.load(id) } catch {
      return (plugins.map { ($0.0, Outcome.failed("\(error)")) }, [])
    }
    var outcomes: [(Int, Outcome)] = []
    var spent: [(Int, Double)] = []
    var items: [(Int, AnalysisRecord, Findings)] = []
    var failures: [(Int, AnalysisRecord, String)] = []
    for (k, analyzer) in plugins {
      let started = WorkerProcess.monotonic()
      let member = members[k].context
      func failed(_ reason: String) {
        failures.append((k, member.record(id, seconds: WorkerProcess.monotonic() - started), reason))
      }
      do {
        let raw = try analyzer.analyze(payload)
        let found = try ResultValidator.validate(raw, current: payload.id) { $0 == payload.id ? payload.text : nil }
        items.append(
          (k, member.record(id, seconds: WorkerProcess.monotonic() - started), found[payload.id] ?? Findings()))
      } catch let failure as AnalysisFailure {
        if failure.isOpenFailure {
          outcomes.append((k, .openFailed(failure.reason)))
        } else {
          failed(failure.reason)
        }
      } catch let garbage as GarbageResult {
        failed("garbage result: \(garbage.description)")
      } catch {
        failed("\(error)")
      }
      spent.append((k, WorkerProcess.monotonic() - started))
    }
    do {
      let counts = try context.store.writeDocumentResults(
        items.map { ($0.1, $0.2) }, failures: failures.map { ($0.1, $0.2) })
      for (n, item) in items.enumerated() { outcomes.append((item.0, .stored(counts[n], words: words))) }
      for failure in failures { outcomes.append((failure.0, .failed(failure.2))) }
    } catch {
      // Nothing of this document was stored; it stays pending for every plugin.
      for item in items { outcomes.append((item.0, .failed("could not store the results: \(error)"))) }
      for failure in failures { outcomes.append((failure.0, .failed(failure.2))) }
    }
    return (outcomes, spent)
  }
}

/// Runs `body` on `count` threads and waits for all of them.
func runThreads(_ count: Int, _ body: @escaping @Sendable () -> Void) {
  let group = DispatchGroup()
  for _ in 0..<count {
    group.enter()
    let thread = Thread {
      body()
      group.leave()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }
  group.wait()
}
