import Foundation
import HarkEncoder
import Testing

/// The causal encoder read from the files the plugin ships with, against the
/// reference outputs the training script computed from the same weights.
@Suite("Causal encoder")
struct CausalEncoderTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("corpora/models/causal-encoder").path

  struct Reference: Decodable {
    var text: String
    var tokens: [String]
    var ids: [Int32]
    var causalProbability: Double
    var tagLogits: [[Float]]
    var wordTags: [String]

    enum CodingKeys: String, CodingKey {
      case text, tokens, ids
      case causalProbability = "causal_probability"
      case tagLogits = "tag_logits"
      case wordTags = "word_tags"
    }
  }

  static func references() throws -> [Reference] {
    let text = try String(contentsOfFile: folder + "/reference.jsonl", encoding: .utf8)
    return try text.split(separator: "\n").map { try JSONDecoder().decode(Reference.self, from: Data($0.utf8)) }
  }

  @Test("tokens, ids, probability, tag logits and word tags match the reference computed in Python")
  func parity() throws {
    let encoder = try CausalEncoder.load(folder: Self.folder)
    let references = try Self.references()
    #expect(references.count >= 10)
    let words = references.map { encoder.tokenizer.words(Array($0.text.utf8), in: 0..<$0.text.utf8.count) }
    let readings = encoder.read(words)
    var long = 0
    for (k, reference) in references.enumerated() {
      let reading = readings[k]
      if reference.ids.count < encoder.maxTokens {
        #expect(reading.ids == reference.ids, "ids of \(reference.text)")
        #expect(reading.ids.map { encoder.tokenizer.vocabulary[Int($0)] } == reference.tokens)
        #expect(abs(reading.probability - reference.causalProbability) < 2e-4, "probability of \(reference.text)")
        #expect(reading.tagLogits.count == reference.tagLogits.count)
        for (mine, theirs) in zip(reading.tagLogits, reference.tagLogits) {
          for (a, b) in zip(mine, theirs) { #expect(abs(a - b) < 2e-3, "tag logits of \(reference.text)") }
        }
        #expect(reading.wordTags.map { encoder.tagNames[$0] } == reference.wordTags, "word tags of \(reference.text)")
      } else {
        // Longer than one window: read in windows of whole words, so the
        // first window is the reference's first pieces up to a word's end.
        long += 1
        #expect(reading.ids.count <= encoder.maxTokens)
        #expect(reading.ids.last == encoder.tokenizer.separator)
        #expect(Array(reference.ids.prefix(reading.ids.count - 1)) == Array(reading.ids.dropLast()))
        #expect(reading.wordTags.count == words[k].count)
      }
    }
    #expect(long == 1)
  }

  @Test("SHA-256 of the FIPS 180-4 examples and across block boundaries")
  func sha256() {
    #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256Digest.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    #expect(SHA256Digest.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var pieces = SHA256Digest()
    let million = [UInt8](repeating: 0x61, count: 1_000_000)
    million.withUnsafeBytes { raw in
      var offset = 0
      for size in [1, 63, 64, 65, 1000, 998_807] {
        pieces.update(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + size]))
        offset += size
      }
    }
    #expect(pieces.finish() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("a missing folder, a missing file and a changed file are refused, naming the file and what to do")
  func refusesBadFiles() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hark-encoder-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    #expect(throws: EncoderError.self) { try CausalEncoder(folder: scratch.path) }
    do {
      _ = try CausalEncoder(folder: scratch.path)
    } catch let error as EncoderError {
      #expect(error.description.hasPrefix("the causal encoder folder \(scratch.path) does not exist"))
      #expect(error.description.contains("git checkout -- corpora/models/causal-encoder"))
    }
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    for name in ["SHA256SUMS", "vocab.txt"] {
      try FileManager.default.copyItem(atPath: Self.folder + "/" + name, toPath: scratch.path + "/" + name)
    }
    func message() -> String {
      do {
        _ = try CausalEncoder(folder: scratch.path)
        return "loaded"
      } catch { return "\(error)" }
    }
    #expect(message().hasPrefix("\(scratch.path)/encoder.safetensors is missing or cannot be read."))
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/encoder.safetensors")))
    bytes[bytes.count / 2] ^= 1
    try Data(bytes).write(to: scratch.appendingPathComponent("encoder.safetensors"))
    let changed = message()
    #expect(changed.hasPrefix("\(scratch.path)/encoder.safetensors is damaged or was changed: its SHA-256 is "))
    #expect(changed.contains("but \(scratch.path)/SHA256SUMS says "))
    try Data("version https://git-lfs.github.com/spec/v1\n".utf8).write(
      to: scratch.appendingPathComponent("encoder.safetensors"))
    #expect(message().contains("It is a Git LFS pointer, not the file: run git lfs pull."))
    try FileManager.default.removeItem(at: scratch.appendingPathComponent("SHA256SUMS"))
    #expect(message().hasPrefix("\(scratch.path)/SHA256SUMS is missing or cannot be read"))
  }

  @Test("a header that lies about its tensors names the file and the tensor")
  func badSafeTensors() throws {
    func file(_ header: String, data: Int) -> [UInt8] {
      var bytes: [UInt8] = []
      let json = Array(header.utf8)
      for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: json.count >> (8 * i))) }
      return bytes + json + [UInt8](repeating: 0, count: data)
    }
    func message(_ bytes: [UInt8]) -> String {
      do {
        _ = try SafeTensors(bytes: bytes, file: "x.safetensors")
        return "read"
      } catch { return "\(error)" }
    }
    #expect(message([1, 2]).hasPrefix("x.safetensors is not a readable safetensors file: it is shorter than"))
    #expect(
      message(file("{", data: 0)).hasPrefix("x.safetensors is not a readable safetensors file: its header is not JSON"))
    #expect(
      message(file(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}}"#, data: 8))
        == "x.safetensors is not a readable safetensors file: tensor \"a\" holds 8 bytes, not the 16 its shape needs. "
        + "Restore it from the Hark repository (corpora/models/causal-encoder) or write it again with the training script."
    )
    let good = try SafeTensors(
      bytes: file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"k":"v"}}"#, data: 8),
      file: "x.safetensors")
    #expect(try good.floats("a", shape: [2]) == [0, 0])
    #expect(good.metadata == ["k": "v"])
    #expect(throws: EncoderError.self) { try good.floats("a", shape: [3]) }
  }

  @Test("words split on whitespace keep their byte ranges; punctuation and accents are read as BERT reads them")
  func words() throws {
    let encoder = try CausalEncoder.load(folder: Self.folder)
    let text = "Café\u{00A0}closed—because\u{200B} it's"
    let words = encoder.tokenizer.words(Array(text.utf8), in: 0..<text.utf8.count)
    let quoted = words.map { String(decoding: Array(text.utf8)[$0.range], as: UTF8.self) }
    #expect(quoted == ["Café", "closed—because", "it's"])
    let pieces = words.map { $0.pieces.map { encoder.tokenizer.vocabulary[Int($0)] } }
    #expect(pieces == [["cafe"], ["closed", "—", "because"], ["it", "'", "s"]])
  }
}
