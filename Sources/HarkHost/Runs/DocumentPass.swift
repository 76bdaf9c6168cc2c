// Per-document plugins: N threads, each with its own analyzer, take documents
// from a shared queue; each document's findings are written on their own.
import Foundation
import HarkCore
import Synchronization

struct DocumentPass: Sendable {
  let context: AnalysisContext

  init(_ context: AnalysisContext) { self.context = context }

  func run(_ documents: [Int64], progress: @escaping @Sendable (RunEvent) -> Void) -> Tally {
    let queue = Mutex(documents[...])
    let tally = Mutex(Tally())
    let stopAll = Atomic<Bool>(false)
    let threads = max(1, min(context.options.workers, documents.count))
    let total = documents.count
    let descriptor = context.plugin.descriptor
    runThreads(threads) {
      let analyzer = makeAnalyzer(context)
      defer { analyzer.stop() }
      while !stopAll.load(ordering: .relaxed), let id = queue.withLock({ $0.popFirst() }) {
        let outcome = analyzeOne(id, analyzer)
        if case .openFailed(let reason) = outcome {
          // The plugin cannot open: stop, and leave the documents pending.
          if !stopAll.exchange(true, ordering: .relaxed) {
            try? context.store.writeRunFailure(context.runID, pluginID: descriptor.id, reason: reason)
            tally.withLock { $0.failures.append(DocumentFailure(documentID: nil, reason: reason)) }
          }
          return
        }
        let (done, failed) = tally.withLock { t -> (Int, Bool) in
          switch outcome {
          case .stored(let counts, let words):
            t.done += 1
            t.counts = t.counts + counts
            t.words += words
            return (t.done + t.failures.count, false)
          case .failed(let reason):
            t.failures.append(DocumentFailure(documentID: id, reason: reason))
            return (t.done + t.failures.count, true)
          case .openFailed: return (t.done + t.failures.count, true)
          }
        }
        progress(.documentFinished(descriptor, done: done, of: total, failed: failed))
      }
    }
    return tally.withLock { $0 }
  }

  enum Outcome {
    case stored(FindingCounts, words: Int)
    case failed(String)
    case openFailed(String)
  }

  private func analyzeOne(_ id: Int64, _ analyzer: any Analyzer) -> Outcome {
    let started = WorkerProcess.monotonic()
    let payload: DocumentPayload
    let words: Int
    do { (payload, words) = try context.load(id) } catch { return .failed("\(error)") }
    do {
      let raw = try analyzer.analyze(payload)
      let found = try ResultValidator.validate(raw, current: payload.id) { $0 == payload.id ? payload.text : nil }
      let counts = try context.store.writeAnalysis(
        context.record(id, seconds: WorkerProcess.monotonic() - started), findings: found[payload.id] ?? Findings())
      return .stored(counts, words: words)
    } catch let failure as AnalysisFailure {
      if failure.isOpenFailure { return .openFailed(failure.reason) }
      return record(id, failure.reason, started)
    } catch let garbage as GarbageResult {
      return record(id, "garbage result: \(garbage.description)", started)
    } catch {
      return record(id, "\(error)", started)
    }
  }

  private func record(_ id: Int64, _ reason: String, _ started: Double) -> Outcome {
    try? context.store.writeFailure(context.record(id, seconds: WorkerProcess.monotonic() - started), reason: reason)
    return .failed(reason)
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
