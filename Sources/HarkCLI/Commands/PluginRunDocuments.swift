// The documents `hark plugins run` reads, and how it spreads them over the
// cores: each thread holds its own plugin instance (the ABI's rule: one
// thread per instance) and collects its documents' lines; they are written
// in input order, so the output is the same on any number of cores.
import Foundation
import HarkHost
import HarkStore
import HarkTranscripts
import Synchronization

/// One document from stdin: its id and its text, normalised, as UTF-8.
struct InputDocument: Sendable {
  var id: String
  var text: [UInt8]
  /// Plain-text input is a transcript, which speaker labels may divide into
  /// turns; a JSON line is a snippet (a tweet's "Day 1:" names no speaker).
  var transcript = false

  /// What the plugin sees. A transcript whose first line opens with a
  /// speaker label ("Ann: …") is read into turns, labels left out of them
  /// (`LabelledTurns`); speakers who look like an interviewer, or clearly
  /// ask the questions (`InterviewerGuess`), get interviewer turns. Any
  /// other text is one participant turn.
  func payload() -> DocumentPayload {
    guard transcript else { return .adHoc(id: id, bytes: text) }
    let string = String(decoding: text, as: UTF8.self)
    guard let turns = LabelledTurns.read(string), !turns.isEmpty else { return .adHoc(id: id, bytes: text) }
    let offsets = TextOffsets(text)
    var speakers: [PayloadSpeaker] = []
    var index: [String: Int32] = [:]
    // As `hark import` reads roles with no participants list: a label that
    // names the interviewer, else the speaker who clearly asks the questions.
    let named = Set(turns.map(\.speaker).filter(SpeakerMatcher.looksLikeInterviewer))
    let asker = InterviewerGuess.guess(
      in: ImportedTranscript(title: id, format: .text, text: string, turns: turns),
      candidates: Set(turns.map(\.speaker)).subtracting(named), hasInterviewer: !named.isEmpty)
    let payloadTurns = turns.map { turn -> PayloadTurn in
      let role: Int32 = named.contains(turn.speaker) || turn.speaker == asker?.speaker ? 2 : 1
      let speaker =
        index[turn.speaker]
        ?? {
          speakers.append(PayloadSpeaker(name: turn.speaker, role: role, group: ""))
          index[turn.speaker] = Int32(speakers.count - 1)
          return Int32(speakers.count - 1)
        }()
      let (start, end) = offsets.bytes(turn.start, turn.end)
      return PayloadTurn(start: UInt32(start), end: UInt32(end), speaker: speaker, role: role)
    }
    return DocumentPayload(id: id, title: id, text: text, turns: payloadTurns, speakers: speakers)
  }
}

enum ParallelDocuments {
  /// Runs every document through a per-thread function that `makeWorker`
  /// makes once on each thread (with the thread's own plugin instance),
  /// appending the lines in input order to `out`. Returns the sum of what
  /// the function returned (the failures).
  static func run(
    _ documents: [InputDocument], threads: Int, into out: inout JSONLineWriter,
    makeWorker: @escaping @Sendable () -> (InputDocument, inout JSONLineWriter) -> Int
  ) -> Int {
    // Small chunks keep the threads busy to the end; at most 256 documents
    // or 256 kB of text each, so the first lines come out early.
    var chunks: [Range<Int>] = []
    var start = 0
    var bytes = 0
    for (i, document) in documents.enumerated() {
      bytes += document.text.count
      if i + 1 - start >= 256 || bytes >= 256 << 10 || i + 1 == documents.count {
        chunks.append(start..<(i + 1))
        start = i + 1
        bytes = 0
      }
    }
    let threads = max(1, min(threads, chunks.count))
    let ranges = chunks
    if threads == 1 {
      let work = makeWorker()
      return documents.reduce(0) { $0 + work($1, &out) }
    }
    let next = Atomic<Int>(0)
    let done = Mutex([Int: (lines: [UInt8], failures: Int)]())
    let ready = chunks.map { _ in DispatchSemaphore(value: 0) }
    let finished = DispatchGroup()
    for _ in 0..<threads {
      finished.enter()
      let thread = Thread {
        defer { finished.leave() }
        let work = makeWorker()
        while true {
          let k = next.add(1, ordering: .relaxed).oldValue
          guard k < ranges.count else { break }
          var lines = JSONLineWriter(descriptor: nil)
          var failures = 0
          for i in ranges[k] { failures += work(documents[i], &lines) }
          let collected = lines.take()
          done.withLock { $0[k] = (collected, failures) }
          ready[k].signal()
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    var failures = 0
    for k in chunks.indices {
      ready[k].wait()
      let chunk = done.withLock { $0.removeValue(forKey: k)! }
      out.append(lines: chunk.lines)
      failures += chunk.failures
    }
    finished.wait()  // every thread's plugin instance closed
    return failures
  }
}
