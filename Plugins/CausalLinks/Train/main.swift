// hark-train-causal: fits the Causal links plugin's sentence model on the
// Causal News Corpus v2 train split and writes it as a model file.
//
//   swift run -c release hark-train-causal CNC_FOLDER OUTPUT [--classes FILE]
//
// Two helpers for working on the plugin: --score MODEL prints the model's
// probability for each line of standard input, and --links EXPORT.json
// [--signals] prints the plugin's links (code point spans) on the documents
// of a `hark export --format json` file, to compare with hand annotations.
//
// The regularisation and the decision threshold are chosen by 5-fold
// cross-validation on the train split (folds by news document); the dev
// split, when present, is only scored and printed. Everything is
// deterministic: the same inputs give the same file, byte for byte.
import Foundation
import HarkCausalLinks
import HarkPluginKit

struct Failure: Error, CustomStringConvertible {
  var description: String
}

/// One training sentence: its feature indices and whether it is causal.
struct Example {
  var features: [Int]
  var causal: Bool
  var fold: Int
}

// MARK: - Reading

/// Fields of a CSV file (RFC 4180: quotes, doubled quotes, line breaks in quotes; a BOM is skipped).
func readCSV(_ path: String) throws -> [[String]] {
  guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw Failure(description: "\(path): cannot be read. Pass the folder with train_subtask1.csv.")
  }
  if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text)
  chars.append("\n")
  var i = 0
  while i < chars.count {
    let c = chars[i]
    if quoted {
      if c == "\"" {
        if i + 1 < chars.count, chars[i + 1] == "\"" {
          field.append("\"")
          i += 1
        } else {
          quoted = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" && field.isEmpty {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" || c == "\r\n" || c == "\r" {
      row.append(field)
      field = ""
      if row != [""] { rows.append(row) }
      row = []
    } else {
      field.append(c)
    }
    i += 1
  }
  return rows
}

/// (document id, text, causal) of `<split>_subtask1.csv`.
func readSentences(_ folder: String, _ split: String) throws -> [(document: String, text: String, causal: Bool)] {
  let path = (folder as NSString).appendingPathComponent("\(split)_subtask1.csv")
  let rows = try readCSV(path)
  guard let header = rows.first, let index = header.firstIndex(of: "index"),
    let text = header.firstIndex(of: "text"), let label = header.firstIndex(of: "label")
  else { throw Failure(description: "\(path): expected the columns index, text, label.") }
  return try rows.dropFirst().enumerated().map { k, row in
    guard row.count == header.count, row[label] == "0" || row[label] == "1" else {
      throw Failure(description: "\(path): row \(k + 2) does not have an index, a text and a label 0 or 1.")
    }
    // "train_10_45_1234": the last part numbers the sentence within news document "train_10_45".
    let document = row[index].split(separator: "_").dropLast().joined(separator: "_")
    return (document, row[text], row[label] == "1")
  }
}

func readClasses(_ path: String) throws -> [(name: String, words: [String])] {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw Failure(description: "\(path): cannot read the cue classes file.")
  }
  var classes: [(String, [String])] = []
  for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    if line.isEmpty || line.hasPrefix("#") { continue }
    let columns = line.split(separator: "\t")
    guard columns.count == 2 else {
      throw Failure(description: "\(path), line \(k + 1): expected a class name, a TAB and words.")
    }
    classes.append((String(columns[0]), columns[1].split(separator: " ").map { $0.lowercased() }))
  }
  return classes.map { (name: $0.0, words: $0.1) }
}

/// A stable fold for a news document (FNV-1a of its id), so reruns agree.
func fold(of document: String, folds: Int) -> Int {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in document.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
  return Int(h % UInt64(folds))
}

// MARK: - Logistic regression

/// Minimises the L2-regularised logistic loss with L-BFGS; the bias (feature 0) is not regularised.
func fit(_ examples: [Example], dimension: Int, l2: Double) -> [Double] {
  func lossAndGradient(_ w: [Double]) -> (Double, [Double]) {
    var loss = 0.0
    var gradient = [Double](repeating: 0, count: dimension)
    for example in examples {
      var z = 0.0
      for f in example.features { z += w[f] }
      let y = example.causal ? 1.0 : 0.0
      loss += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - y * z
      let p = 1 / (1 + exp(-z))
      for f in example.features { gradient[f] += p - y }
    }
    for j in 1..<dimension {
      loss += 0.5 * l2 * w[j] * w[j]
      gradient[j] += l2 * w[j]
    }
    return (loss, gradient)
  }
  func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
  }
  var w = [Double](repeating: 0, count: dimension)
  var (loss, gradient) = lossAndGradient(w)
  var history: [(s: [Double], y: [Double], rho: Double)] = []
  for _ in 0..<400 {
    // Two-loop recursion: the direction from the last few steps' curvature.
    var q = gradient
    var alphas: [Double] = []
    for entry in history.reversed() {
      let alpha = entry.rho * dot(entry.s, q)
      alphas.append(alpha)
      for i in q.indices { q[i] -= alpha * entry.y[i] }
    }
    if let last = history.last {
      let scale = dot(last.s, last.y) / dot(last.y, last.y)
      for i in q.indices { q[i] *= scale }
    }
    for (entry, alpha) in zip(history, alphas.reversed()) {
      let beta = entry.rho * dot(entry.y, q)
      for i in q.indices { q[i] += (alpha - beta) * entry.s[i] }
    }
    let direction = q.map { -$0 }
    var slope = dot(gradient, direction)
    var step = history.isEmpty ? 1 / max(1, dot(gradient, gradient).squareRoot()) : 1.0
    var usable = direction
    if slope >= 0 {
      usable = gradient.map { -$0 }
      slope = dot(gradient, usable)
      step = 1 / max(1, dot(gradient, gradient).squareRoot())
    }
    var next = w
    var nextLoss = loss
    var nextGradient = gradient
    var accepted = false
    for _ in 0..<40 {
      for i in w.indices { next[i] = w[i] + step * usable[i] }
      (nextLoss, nextGradient) = lossAndGradient(next)
      if nextLoss <= loss + 1e-4 * step * slope {
        accepted = true
        break
      }
      step *= 0.5
    }
    guard accepted else { break }
    let s = zip(next, w).map { $0 - $1 }
    let y = zip(nextGradient, gradient).map { $0 - $1 }
    let sy = dot(s, y)
    if sy > 1e-12 {
      history.append((s, y, 1 / sy))
      if history.count > 10 { history.removeFirst() }
    }
    let improvement = loss - nextLoss
    (w, loss, gradient) = (next, nextLoss, nextGradient)
    if improvement < 1e-9 * max(1, abs(loss)) { break }
  }
  return w
}

func probability(_ w: [Double], _ features: [Int]) -> Double {
  var z = 0.0
  for f in features where f < w.count { z += w[f] }
  return 1 / (1 + exp(-z))
}

struct Counts {
  var tp = 0
  var fp = 0
  var fn = 0
  var tn = 0
  mutating func add(_ predicted: Bool, _ actual: Bool) {
    switch (predicted, actual) {
    case (true, true): tp += 1
    case (true, false): fp += 1
    case (false, true): fn += 1
    case (false, false): tn += 1
    }
  }
  var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
  var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
  var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
  var summary: String {
    String(format: "F1 %.3f (precision %.3f, recall %.3f; %d sentences)", f1, precision, recall, tp + fp + fn + tn)
  }
}

/// Feature names seen in at least `minimum` of the sentences, numbered from 1 (0 is the bias).
func vocabulary(_ names: [[String]], minimum: Int) -> [String: Int] {
  var counts: [String: Int] = [:]
  for sentence in names { for name in sentence { counts[name, default: 0] += 1 } }
  var index: [String: Int] = ["bias": 0]
  for name in counts.keys.sorted() where counts[name]! >= minimum && name != "bias" { index[name] = index.count }
  return index
}

func encode(_ names: [String], _ index: [String: Int]) -> [Int] { names.compactMap { index[$0] } }

// MARK: - Main

/// `--score MODEL`: the probability of each line of standard input, to see what a model makes of other text.
func score(_ path: String) throws {
  let model = try CausalSentenceModel.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
  while let line = readLine() {
    let bytes = Array(line.utf8)
    let tokens = Tokenizer.tokens(bytes, in: 0..<bytes.count)
    var scratch: [UInt64] = []
    let p = model.probability(tokens, scratch: &scratch)
    let signs = model.strongestFeatures(tokens, count: 3).map { "\($0.name) \(String(format: "%.2f", $0.weight))" }
    print(String(format: "%.3f %@ ", p, p >= model.threshold ? "causal    " : "not causal") + line)
    print("      " + signs.joined(separator: ", "))
  }
}

/// The documents of a `hark export --format json` file, as the plugin sees them, with the
/// export's concept labels as the project's known concepts.
func exportedDocuments(_ path: String) throws -> [(source: String, document: Document, pointOf: [Int: Int])] {
  guard let data = FileManager.default.contents(atPath: path),
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
    let documents = root["documents"] as? [[String: Any]]
  else { throw Failure(description: "\(path): not a hark JSON export (no \"documents\").") }
  let concepts = (root["concepts"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
  var result: [(String, Document, [Int: Int])] = []
  for entry in documents {
    guard let text = entry["text"] as? String, let turnList = entry["turns"] as? [[String: Any]] else { continue }
    let scalars = Array(text.unicodeScalars)
    // Code point offsets to UTF-8 byte offsets and back.
    var byteOf = [Int](repeating: 0, count: scalars.count + 1)
    for (k, scalar) in scalars.enumerated() { byteOf[k + 1] = byteOf[k] + String(scalar).utf8.count }
    var pointOf: [Int: Int] = [:]
    for (k, b) in byteOf.enumerated() { pointOf[b] = k }
    let turns = turnList.map { turn in
      Turn(
        span: byteOf[turn["start"] as? Int ?? 0]..<byteOf[turn["end"] as? Int ?? 0],
        speaker: turn["speaker"] as? String ?? "",
        role: turn["role"] as? String == "interviewer" ? .interviewer : .participant)
    }
    let document = Document(id: entry["id"] as? String ?? "", text: text, turns: turns, knownConcepts: concepts)
    result.append((entry["source"] as? String ?? "", document, pointOf))
  }
  return result
}

/// `--time EXPORT.json ROUNDS`: words per second of the plugin alone, in this process, on one core
/// (the export's documents analysed ROUNDS times).
func time(_ path: String, rounds: Int) throws {
  let documents = try exportedDocuments(path)
  let plugin = try CausalLinksPlugin(options: PluginOptions())
  let words = documents.reduce(0) { total, entry in
    total + entry.document.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
  }
  let sink = CollectingSink()
  // CPU time of this thread: other work on the machine does not count.
  func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
  let start = cpuSeconds()
  for _ in 0..<rounds {
    for entry in documents {
      try plugin.analyze(entry.document, into: sink)
      sink.links.removeAll(keepingCapacity: true)
      sink.concepts.removeAll(keepingCapacity: true)
    }
  }
  let seconds = cpuSeconds() - start
  print(
    String(
      format: "%d words in %.3f s of CPU time: %.0f words per second", words * rounds, seconds,
      Double(words * rounds) / seconds))
}

/// `--links EXPORT.json`: the plugin's links on the documents of a `hark export --format json` file,
/// one JSON object per line with code point spans, to compare with hand annotations.
func links(_ path: String, signals: Bool) throws {
  let plugin = try CausalLinksPlugin(options: PluginOptions(signals ? ["signals": true] : [:]))
  for (source, document, pointOf) in try exportedDocuments(path) {
    let sink = CollectingSink()
    try plugin.analyze(Document(id: document.id, text: document.text, turns: document.turns), into: sink)
    for link in sink.links {
      func points(_ r: Range<Int>?) -> [Int] {
        r.map { [pointOf[$0.lowerBound] ?? -1, pointOf[$0.upperBound] ?? -1] } ?? []
      }
      let line: [String: Any] = [
        "source": source, "cause": link.cause, "effect": link.effect,
        "polarity": link.polarity, "strength": link.strength, "confidence": link.confidence, "span": points(link.span),
        "cause_span": points(link.causeSpan),
        "effect_span": points(link.effectSpan), "explanation": link.explanation,
      ]
      print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
    }
  }
}

func run() throws {
  var arguments = Array(CommandLine.arguments.dropFirst())
  if arguments.count == 2, arguments[0] == "--score" { return try score(arguments[1]) }
  if arguments.count == 3, arguments[0] == "--time", let rounds = Int(arguments[2]) {
    return try time(arguments[1], rounds: rounds)
  }
  if arguments.count >= 2, arguments[0] == "--links" {
    return try links(arguments[1], signals: arguments.dropFirst(2).contains("--signals"))
  }
  var classesPath = "corpora/models/causal-classes.tsv"
  if let k = arguments.firstIndex(of: "--classes"), k + 1 < arguments.count {
    classesPath = arguments[k + 1]
    arguments.removeSubrange(k...(k + 1))
  }
  guard arguments.count == 2 else {
    throw Failure(
      description: "usage: hark-train-causal CNC_FOLDER OUTPUT [--classes FILE]\n"
        + "  CNC_FOLDER  the Causal News Corpus v2 folder with train_subtask1.csv (dev_subtask1.csv is scored if present)\n"
        + "  OUTPUT      the model file to write, e.g. corpora/models/causal-sentence.tsv\n"
        + "  --classes   the cue classes (default corpora/models/causal-classes.tsv)\n"
        + "or:    hark-train-causal --score MODEL   (the probability of each line of standard input)\n"
        + "or:    hark-train-causal --links EXPORT.json [--signals]   (the plugin's links on a hark JSON export)")
  }
  let (folder, output) = (arguments[0], arguments[1])
  let classList = try readClasses(classesPath)
  let classes = CueClasses(classList)
  let folds = 5
  let train = try readSentences(folder, "train")
  let names = train.map { SentenceFeatures.names(ofSentence: $0.text, classes: classes) }
  let foldOf = train.map { fold(of: $0.document, folds: folds) }
  print("train split: \(train.count) sentences, \(train.filter(\.causal).count) causal")

  // Cross-validation: every sentence is predicted by a model that never saw its document.
  let penalties: [Double] = [3, 10, 30, 60]
  let thresholds = stride(from: 0.25, through: 0.6, by: 0.025).map { ($0 * 1000).rounded() / 1000 }
  var best: (l2: Double, threshold: Double, counts: Counts)?
  for l2 in penalties {
    var probabilities = [Double](repeating: 0, count: train.count)
    for k in 0..<folds {
      let inside = train.indices.filter { foldOf[$0] != k }
      let index = vocabulary(inside.map { names[$0] }, minimum: 2)
      let examples = inside.map { Example(features: encode(names[$0], index), causal: train[$0].causal, fold: k) }
      let w = fit(examples, dimension: index.count, l2: l2)
      for i in train.indices where foldOf[i] == k { probabilities[i] = probability(w, encode(names[i], index)) }
    }
    for threshold in thresholds {
      var counts = Counts()
      for i in train.indices { counts.add(probabilities[i] >= threshold, train[i].causal) }
      print(String(format: "  cross-validation l2 %-4g threshold %.3f: ", l2, threshold) + counts.summary)
      if best == nil || counts.f1 > best!.counts.f1 + 1e-12 { best = (l2, threshold, counts) }
    }
  }
  let chosen = best!
  print(
    String(format: "chosen by cross-validation: l2 %g, threshold %.3f, ", chosen.l2, chosen.threshold)
      + chosen.counts.summary)

  let index = vocabulary(names, minimum: 2)
  let examples = train.indices.map { Example(features: encode(names[$0], index), causal: train[$0].causal, fold: 0) }
  let w = fit(examples, dimension: index.count, l2: chosen.l2)
  var fitted = Counts()
  for (i, example) in examples.enumerated() {
    fitted.add(probability(w, example.features) >= chosen.threshold, train[i].causal)
  }
  print("train split, fitted model (training data, not unseen): " + fitted.summary)

  var lines = [
    "# Sentence model of the Causal links plugin (org.hark.causal-links).",
    "#",
    "# Written by hark-train-causal; do not edit by hand. Regenerate with",
    "#   swift run -c release hark-train-causal CNC_FOLDER corpora/models/causal-sentence.tsv",
    "# then run Plugins/CausalLinks/update-default-model.sh so the plugin's built-in copy matches.",
    "# Trained on Causal News Corpus v2, train split (\(train.count) sentences); regularisation and",
    String(
      format: "# threshold chosen by 5-fold cross-validation on it (F1 %.3f, precision %.3f, recall %.3f).",
      chosen.counts.f1, chosen.counts.precision, chosen.counts.recall),
    "#",
    "# Format: UTF-8 text, one item per line, columns separated by TABs; \"#\" starts a comment.",
    "#   format<TAB>hark-causal-sentence 1",
    "#   threshold<TAB>P          a sentence is causal when its probability is at least P",
    "#   class<TAB>NAME<TAB>WORDS  a class of cue words (lowercase, separated by spaces)",
    "#   weight<TAB>FEATURE<TAB>W  the weight of a feature; the probability is 1 / (1 + e^-z),",
    "#                            z the sum of the weights of the features the sentence has",
    "# A feature is TEMPLATE:PARTS. Parts are lowercase words (numbers are <num>), class",
    "# names or labels: w:WORD a word; b:WORD WORD two adjacent words; c:CLASS a word of the",
    "# class; cp:CLASS start|mid|end where it is (the first two words, the last three, or",
    "# between); cc:CLASS right after a comma; ct:CLASS right after \"to\"; tc:CLASS \"to\"",
    "# right before a word of the class; pi:WORD a preposition (by, for, after …) before an",
    "# \"-ing\" word; ci a comma before an \"-ing\" word; nc:N the number of commas (4 = 4 or",
    "# more); bias is always present. A feature seen in fewer than two training",
    "# sentences has no weight.",
    "format\thark-causal-sentence 1",
    String(format: "threshold\t%.3f", chosen.threshold),
  ]
  for entry in classList { lines.append("class\t\(entry.name)\t\(entry.words.joined(separator: " "))") }
  for (name, j) in index.sorted(by: { $0.key < $1.key }) {
    let weight = (w[j] * 10000).rounded() / 10000
    if weight != 0 || name == "bias" { lines.append("weight\t\(name)\t\(String(format: "%.4f", weight))") }
  }
  try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
  print("wrote \(output): \(lines.count) lines")

  // The dev split is only scored, with the file just written, through the plugin's own reader.
  let model = try CausalSentenceModel.parse(try String(contentsOfFile: output, encoding: .utf8), file: output)
  if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("dev_subtask1.csv")) {
    var dev = Counts()
    for sentence in try readSentences(folder, "dev") {
      dev.add(model.probability(ofSentence: sentence.text) >= model.threshold, sentence.causal)
    }
    print("dev split (not used for fitting or choosing): " + dev.summary)
  }
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("hark-train-causal: \(error)\n".utf8))
  exit(1)
}
