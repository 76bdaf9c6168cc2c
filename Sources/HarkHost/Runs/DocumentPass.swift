// Per-document plugins, several at once: N threads take documents from a
// shared queue; each thread holds one analyzer per plugin, reads a document
// once, hands it to every plugin that still has to see it, and passes all
// their results on it to the run's one writer (`ResultWriter`), which stores
// each document whole, in document order, while the threads go on to their
// next documents.
import Foundation
import HarkStore
import Synchronization

struct DocumentPass: Sendable {
  /// The plugins of this pass, each with the documents it has to analyse.
  let members: [(context: AnalysisContext, documents: Set<DocumentID>)]
  let label: String

  init(_ members: [(context: AnalysisContext, documents: Set<DocumentID>)]) {
    self.members = members
    label = members.map(\.context.plugin.descriptor.name).joined(separator: ", ")
  }

  func run(progress: @escaping @Sendable (RunEvent) -> Void) -> [Tally] {
    let documents = members.reduce(into: Set<DocumentID>()) { $0.formUnion($1.documents) }.sorted()
    // Each document with its place in the order the writer stores them.
    let queue = Mutex(Array(documents.enumerated())[...])
    let tallies = Mutex([Tally](repeating: Tally(), count: members.count))
    // A plugin that cannot open is out of the pass; its documents stay pending.
    let unopenable = Mutex([Bool](repeating: false, count: members.count))
    let finished = Atomic<Int>(0)
    guard let first = members.first?.context else { return [] }
    let threads = max(1, min(first.options.workers, documents.count))
    let total = documents.count
    let writer = ResultWriter(store: first.store)
    runThreads(threads) {
      let analyzers = members.map { makeAnalyzer($0.context) }
      defer { for analyzer in analyzers { analyzer.stop() } }
      while let (place, id) = queue.withLock({ $0.popFirst() }) {
        let skip = unopenable.withLock { $0 }
        let wanted = members.indices.filter { !skip[$0] && members[$0].documents.contains(id) }
        if wanted.isEmpty {
          writer.submit(.nothing, at: place)
          let done = finished.add(1, ordering: .relaxed).newValue
          progress(.progress(label, done: done, of: total))
          continue
        }
        let analysed = analyzeOne(id, wanted.map { ($0, analyzers[$0]) })
        tallies.withLock { t in
          for (k, seconds) in analysed.spent { t[k].pluginSeconds += seconds }
          for (k, reason) in analysed.openFailures {
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
        // Counted when stored, so the progress a person sees is what a killed run keeps.
        writer.submit(
          ResultWriter.Job(results: analysed.results) { stored in
            tallies.withLock { t in
              switch stored {
              case .success(let counts):
                for (n, item) in analysed.plugins.enumerated() {
                  t[item].done += 1
                  t[item].counts = t[item].counts + counts[n]
                  t[item].words += analysed.words
                }
              case .failure(let error):
                // Nothing of this document was stored; it stays pending for every plugin.
                for item in analysed.plugins {
                  t[item].failures.append(
                    DocumentFailure(documentID: id, reason: "could not store the results: \(error)"))
                }
              }
              for (k, reason) in analysed.failed {
                t[k].failures.append(DocumentFailure(documentID: id, reason: reason))
              }
            }
            let done = finished.add(1, ordering: .relaxed).newValue
            progress(.progress(label, done: done, of: total))
          }, at: place)
      }
    }
    writer.close()
    return tallies.withLock { $0 }
  }

  /// What the plugins made of one document, ready to store.
  struct Analysed: Sendable {
    /// Every plugin's findings and failures on the document.
    var results = DocumentResults(items: [])
    /// The member index of each of `results.items`, in order.
    var plugins: [Int] = []
    /// Members that failed on the document, with why.
    var failed: [(Int, String)] = []
    /// Members that could not even open.
    var openFailures: [(Int, String)] = []
    /// The seconds each member took (its call and the check of its results).
    var spent: [(Int, Double)] = []
    var words = 0
  }

  /// Every wanted plugin on one document.
  private func analyzeOne(_ id: DocumentID, _ plugins: [(Int, any Analyzer)]) -> Analysed {
    let context = members[plugins[0].0].context
    var analysed = Analysed()
    let payload: DocumentPayload
    do { (payload, analysed.words) = try context.load(id) } catch {
      analysed.failed = plugins.map { ($0.0, "\(error)") }
      return analysed
    }
    for (k, analyzer) in plugins {
      let started = WorkerProcess.monotonic()
      let member = members[k].context
      func failed(_ reason: String) {
        analysed.results.failures.append((member.record(id, seconds: WorkerProcess.monotonic() - started), reason))
        analysed.failed.append((k, reason))
      }
      do {
        let raw = try analyzer.analyze(payload)
        let found = try ResultValidator.validate(raw, current: payload.id) { $0 == payload.id ? payload.text : nil }
        analysed.results.items.append(
          (member.record(id, seconds: WorkerProcess.monotonic() - started), found[payload.id] ?? Findings()))
        analysed.plugins.append(k)
      } catch let failure as AnalysisFailure {
        if failure.isOpenFailure {
          analysed.openFailures.append((k, failure.reason))
        } else {
          failed(failure.reason)
        }
      } catch let garbage as GarbageResult {
        failed("garbage result: \(garbage.description)")
      } catch {
        failed("\(error)")
      }
      analysed.spent.append((k, WorkerProcess.monotonic() - started))
    }
    return analysed
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
