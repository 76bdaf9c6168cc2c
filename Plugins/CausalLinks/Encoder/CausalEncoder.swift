// A BERT-style encoder (MiniLM-L6 shape) with two heads: whether a sentence
// states a causal claim (on the mean of the final hidden states) and a BIO
// tag per word piece for its cause, effect and signal words. Read from a
// folder of data files whose checksums are verified as they load.
import Foundation
import Synchronization

/// What the encoder made of one sentence.
public struct EncoderReading: Equatable, Sendable {
  /// Probability that the sentence states a causal claim.
  public var probability: Double
  /// One tag index per word (into `CausalEncoder.tagNames`): its first piece's tag.
  public var wordTags: [Int]
  /// Tag logits per piece of the first window, [CLS] and [SEP] included.
  public var tagLogits: [[Float]]
  /// The piece ids of the first window, [CLS] and [SEP] included.
  public var ids: [Int32]
}

public final class CausalEncoder: Sendable {
  public static let fileNames = ["encoder.safetensors", "vocab.txt"]
  public let folder: String
  public let tokenizer: WordPieceTokenizer
  /// The probability from which a sentence counts as causal (the file's metadata).
  public let threshold: Double
  public let tagNames: [String]
  public let maxTokens: Int
  public let metadata: [String: String]

  let hidden = 384
  let heads = 12
  let intermediate = 1536
  let epsilon: Float = 1e-12
  let wordEmbeddings: [Float]
  let positionEmbeddings: [Float]
  let typeEmbedding: [Float]
  let embeddingNorm: (gamma: [Float], beta: [Float])
  let layers: [Layer]
  let sentenceWeights: [Float]
  let sentenceBias: [Float]
  let tagHead: PackedLinear
  let positions: Int

  struct Layer: @unchecked Sendable {
    var qkv: PackedLinear
    var output: PackedLinear
    var attentionNorm: (gamma: [Float], beta: [Float])
    var up: PackedLinear
    var down: PackedLinear
    var outputNorm: (gamma: [Float], beta: [Float])
  }

  // MARK: - Loading

  private static let cache = Mutex<[String: CausalEncoder]>([:])

  /// The encoder in `folder`, read and checked once per process.
  public static func load(folder: String) throws -> CausalEncoder {
    let key = URL(fileURLWithPath: folder).standardizedFileURL.path
    if let known = cache.withLock({ $0[key] }) { return known }
    let encoder = try CausalEncoder(folder: key)
    return cache.withLock { all in
      if let known = all[key] { return known }
      all[key] = encoder
      return encoder
    }
  }

  /// Reads and checks the files in `folder`; see `load(folder:)` for the shared copy.
  public init(folder: String) throws {
    self.folder = folder
    let files = try Self.verifiedFiles(folder)
    let tensors = try SafeTensors(bytes: files["encoder.safetensors"]!, file: Self.path(folder, "encoder.safetensors"))
    let metadata = tensors.metadata
    self.metadata = metadata
    let modelFile = Self.path(folder, "encoder.safetensors")
    guard metadata["format"] == "hark-encoder-1" else {
      throw EncoderError(
        "\(modelFile) is not in the format hark-encoder-1 (its __metadata__ format is "
          + "\(metadata["format"].map { "\"\($0)\"" } ?? "missing")). Write it again with the training script.")
    }
    func number(_ key: String) throws -> Double {
      guard let text = metadata[key], let value = Double(text) else {
        throw EncoderError(
          "\(modelFile): __metadata__ \"\(key)\" is missing or not a number. Write it again with the training script.")
      }
      return value
    }
    threshold = try number("threshold")
    maxTokens = Int(try number("max_tokens"))
    let tagText = metadata["tags"] ?? ""
    if tagText.hasPrefix("["), let list = try? JSONSerialization.jsonObject(with: Data(tagText.utf8)) as? [String] {
      tagNames = list
    } else {
      tagNames = tagText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    guard tagNames.count == 7, tagNames.first == "O", maxTokens >= 8 else {
      throw EncoderError(
        "\(modelFile): __metadata__ needs \"tags\" (seven, starting with O) and \"max_tokens\" of at least 8. "
          + "Write it again with the training script.")
    }
    tokenizer = try WordPieceTokenizer(
      vocabularyText: String(decoding: files["vocab.txt"]!, as: UTF8.self), file: Self.path(folder, "vocab.txt"),
      lowercase: metadata["lowercase"].map { $0 == "true" || $0 == "True" || $0 == "1" } ?? true,
      stripAccents: metadata["strip_accents"].map { $0 == "true" || $0 == "True" || $0 == "1" } ?? true)

    let vocabularySize = tokenizer.vocabulary.count
    guard let positionShape = tensors.tensors["embeddings.position_embeddings.weight"]?.shape, positionShape.count == 2
    else {
      throw EncoderError(
        "\(modelFile) has no tensor \"embeddings.position_embeddings.weight\". Write it again with the training script."
      )
    }
    positions = positionShape[0]
    guard positions >= maxTokens else {
      throw EncoderError("\(modelFile): max_tokens \(maxTokens) is more than its \(positions) positions.")
    }
    let h = hidden
    wordEmbeddings = try tensors.floats("embeddings.word_embeddings.weight", shape: [vocabularySize, h])
    positionEmbeddings = try tensors.floats("embeddings.position_embeddings.weight", shape: [positions, h])
    typeEmbedding = Array(try tensors.floats("embeddings.token_type_embeddings.weight", shape: [2, h])[0..<h])
    embeddingNorm = (
      try tensors.floats("embeddings.LayerNorm.weight", shape: [h]),
      try tensors.floats("embeddings.LayerNorm.bias", shape: [h])
    )
    func linear(_ name: String, _ outputs: Int, _ inputs: Int) throws -> PackedLinear {
      PackedLinear(
        weights: try tensors.floats(name + ".weight", shape: [outputs, inputs]),
        bias: try tensors.floats(name + ".bias", shape: [outputs]), outputs: outputs, inputs: inputs)
    }
    func norm(_ name: String) throws -> (gamma: [Float], beta: [Float]) {
      (try tensors.floats(name + ".weight", shape: [h]), try tensors.floats(name + ".bias", shape: [h]))
    }
    var layers: [Layer] = []
    for i in 0..<6 {
      let prefix = "encoder.layer.\(i)."
      var qkvWeights: [Float] = []
      var qkvBias: [Float] = []
      for part in ["query", "key", "value"] {
        qkvWeights += try tensors.floats(prefix + "attention.self.\(part).weight", shape: [h, h])
        qkvBias += try tensors.floats(prefix + "attention.self.\(part).bias", shape: [h])
      }
      layers.append(
        Layer(
          qkv: PackedLinear(weights: qkvWeights, bias: qkvBias, outputs: 3 * h, inputs: h),
          output: try linear(prefix + "attention.output.dense", h, h),
          attentionNorm: try norm(prefix + "attention.output.LayerNorm"),
          up: try linear(prefix + "intermediate.dense", intermediate, h),
          down: try linear(prefix + "output.dense", h, intermediate),
          outputNorm: try norm(prefix + "output.LayerNorm")))
    }
    self.layers = layers
    sentenceWeights = try tensors.floats("heads.sentence.weight", shape: [2, h])
    sentenceBias = try tensors.floats("heads.sentence.bias", shape: [2])
    tagHead = try linear("heads.tags", 7, h)
  }

  static func path(_ folder: String, _ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

  /// The contents of the model files, each checked against SHA256SUMS.
  static func verifiedFiles(_ folder: String) throws -> [String: [UInt8]] {
    let restore =
      "Restore the folder from the Hark repository (git checkout -- corpora/models/causal-encoder), "
      + "or give the causal-links plugin's \"encoder\" option a folder written by the training script."
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw EncoderError("the causal encoder folder \(folder) does not exist or is not a folder. \(restore)")
    }
    let sumsPath = path(folder, "SHA256SUMS")
    guard let sumsData = FileManager.default.contents(atPath: sumsPath) else {
      throw EncoderError(
        "\(sumsPath) is missing or cannot be read, so the encoder's files cannot be checked. \(restore)")
    }
    var expected: [String: String] = [:]
    for (n, line) in String(decoding: sumsData, as: UTF8.self).split(separator: "\n").enumerated() {
      let parts = line.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].count == 64 else {
        throw EncoderError(
          "\(sumsPath) line \(n + 1) is not \"<sha256>  <file>\" (the format sha256sum writes). \(restore)")
      }
      var name = String(parts[1])
      while name.hasPrefix(" ") || name.hasPrefix("*") { name.removeFirst() }
      expected[name] = parts[0].lowercased()
    }
    var files: [String: [UInt8]] = [:]
    for name in fileNames {
      let file = path(folder, name)
      guard let sum = expected[name] else {
        throw EncoderError("\(sumsPath) has no line for \(name), so it cannot be checked. \(restore)")
      }
      guard let data = FileManager.default.contents(atPath: file) else {
        throw EncoderError("\(file) is missing or cannot be read. \(restore)")
      }
      let bytes = [UInt8](data)
      let found = SHA256Digest.hex(bytes)
      guard found == sum else {
        let pointer =
          bytes.starts(with: Array("version https://git-lfs".utf8))
          ? " It is a Git LFS pointer, not the file: run git lfs pull." : ""
        throw EncoderError(
          "\(file) is damaged or was changed: its SHA-256 is \(found), but \(sumsPath) says \(sum).\(pointer) \(restore)"
        )
      }
      files[name] = bytes
    }
    return files
  }

  // MARK: - Reading sentences

  /// Reads sentences given as words (see `WordPieceTokenizer.words`). A
  /// sentence longer than the encoder's window is read in windows of whole
  /// words; its probability is the highest of its windows.
  public func read(_ sentences: [[EncoderWord]]) -> [EncoderReading] {
    var sequences: [[Int32]] = []
    var owner: [(sentence: Int, firstWord: Int, words: [Int])] = []
    let room = maxTokens - 2
    for (s, words) in sentences.enumerated() {
      var start = 0
      repeat {
        var ids: [Int32] = [tokenizer.classify]
        var firsts: [Int] = []
        var w = start
        while w < words.count {
          let pieces = words[w].pieces
          if ids.count - 1 + pieces.count > room {
            if w == start {
              // One word longer than the window: its first pieces.
              firsts.append(ids.count)
              ids += pieces.prefix(room)
              w += 1
            }
            break
          }
          firsts.append(ids.count)
          ids += pieces
          w += 1
        }
        ids.append(tokenizer.separator)
        sequences.append(ids)
        owner.append((s, start, firsts))
        start = w
      } while start < words.count
    }
    var results = sentences.map {
      EncoderReading(probability: 0, wordTags: [Int](repeating: 0, count: $0.count), tagLogits: [], ids: [])
    }
    var seen = [Bool](repeating: false, count: sentences.count)
    // Batches of about 4096 pieces keep the buffers small and the products large.
    var index = 0
    while index < sequences.count {
      var end = index
      var total = 0
      while end < sequences.count, total == 0 || total + sequences[end].count <= 4096 {
        total += sequences[end].count
        end += 1
      }
      let outputs = forward(Array(sequences[index..<end]))
      for (k, output) in outputs.enumerated() {
        let (s, firstWord, firsts) = owner[index + k]
        var reading = results[s]
        if !seen[s] {
          reading.probability = output.probability
          reading.tagLogits = output.tagLogits
          reading.ids = sequences[index + k]
          seen[s] = true
        } else {
          reading.probability = max(reading.probability, output.probability)
        }
        for (j, position) in firsts.enumerated() {
          let logits = output.tagLogits[position]
          reading.wordTags[firstWord + j] = logits.indices.max { logits[$0] < logits[$1] }!
        }
        results[s] = reading
      }
      index = end
    }
    return results
  }

  struct SequenceOutput {
    var probability: Double
    var tagLogits: [[Float]]
  }

  /// The forward pass over a batch of sequences packed end to end (no padding:
  /// attention stays inside each sequence).
  func forward(_ sequences: [[Int32]]) -> [SequenceOutput] {
    let h = hidden
    let total = sequences.reduce(0) { $0 + $1.count }
    var starts: [Int] = []
    var position = 0
    for sequence in sequences {
      starts.append(position)
      position += sequence.count
    }
    let state = UnsafeMutablePointer<Float>.allocate(capacity: total * h)
    let attended = UnsafeMutablePointer<Float>.allocate(capacity: total * h)
    let mixed = UnsafeMutablePointer<Float>.allocate(capacity: total * 3 * h)
    let wide = UnsafeMutablePointer<Float>.allocate(capacity: total * intermediate)
    let longest = sequences.map(\.count).max() ?? 0
    let scoreRoom = (max(1, longest) + 7) / 8 * 8
    let scores = UnsafeMutablePointer<Float>.allocate(capacity: scoreRoom)
    scores.initialize(repeating: 0, count: scoreRoom)
    defer {
      state.deallocate()
      attended.deallocate()
      mixed.deallocate()
      wide.deallocate()
      scores.deallocate()
    }
    for (s, sequence) in sequences.enumerated() {
      for (t, id) in sequence.enumerated() {
        let row = state + (starts[s] + t) * h
        let word = Int(id) * h
        let pos = t * h
        for j in 0..<h { row[j] = wordEmbeddings[word + j] + positionEmbeddings[pos + j] + typeEmbedding[j] }
      }
    }
    Kernels.addNormalise(
      state, residual: nil, rows: total, width: h, gamma: embeddingNorm.gamma, beta: embeddingNorm.beta,
      epsilon: epsilon)
    for layer in layers {
      layer.qkv.apply(state, rows: total, into: mixed)
      for (s, sequence) in sequences.enumerated() {
        Kernels.attention(
          mixed + starts[s] * 3 * h, stride: 3 * h, length: sequence.count, heads: heads, headSize: h / heads,
          into: wide + starts[s] * h, scores: scores)
      }
      layer.output.apply(wide, rows: total, into: attended)
      Kernels.addNormalise(
        attended, residual: state, rows: total, width: h, gamma: layer.attentionNorm.gamma,
        beta: layer.attentionNorm.beta, epsilon: epsilon)
      layer.up.apply(attended, rows: total, into: wide)
      VectorMath.gelu(wide, count: total * intermediate)
      layer.down.apply(wide, rows: total, into: state)
      Kernels.addNormalise(
        state, residual: attended, rows: total, width: h, gamma: layer.outputNorm.gamma,
        beta: layer.outputNorm.beta, epsilon: epsilon)
    }
    let tags = UnsafeMutablePointer<Float>.allocate(capacity: total * 7)
    defer { tags.deallocate() }
    tagHead.apply(state, rows: total, into: tags)
    var outputs: [SequenceOutput] = []
    for (s, sequence) in sequences.enumerated() {
      var mean = [Float](repeating: 0, count: h)
      for t in 0..<sequence.count {
        let row = state + (starts[s] + t) * h
        for j in 0..<h { mean[j] += row[j] }
      }
      let n = Float(sequence.count)
      var logits = [Float](repeating: 0, count: 2)
      for c in 0..<2 {
        var sum = sentenceBias[c]
        for j in 0..<h { sum += sentenceWeights[c * h + j] * (mean[j] / n) }
        logits[c] = sum
      }
      let probability = 1 / (1 + exp(Double(logits[0] - logits[1])))
      let tagLogits = (0..<sequence.count).map { t in
        Array(UnsafeBufferPointer(start: tags + (starts[s] + t) * 7, count: 7))
      }
      outputs.append(SequenceOutput(probability: probability, tagLogits: tagLogits))
    }
    return outputs
  }
}
