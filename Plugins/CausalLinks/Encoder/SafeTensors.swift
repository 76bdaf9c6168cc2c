// Reads a safetensors file: an 8-byte little-endian header length, a JSON
// header naming each tensor's dtype, shape and byte range, then the data.
import Foundation

/// A failure to read the encoder's files, in words for the person running Hark.
public struct EncoderError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// One tensor of a safetensors file, as bytes with its dtype and shape.
public struct TensorEntry: Equatable, Sendable {
  public var dtype: String
  public var shape: [Int]
  /// Byte range inside the data section (after the header).
  public var range: Range<Int>

  public var elementCount: Int { shape.reduce(1, *) }
}

public struct SafeTensors: Sendable {
  public let file: String
  public let tensors: [String: TensorEntry]
  public let metadata: [String: String]
  /// The whole file; tensor data starts at `dataStart`.
  let bytes: [UInt8]
  let dataStart: Int

  static let sizes = ["F32": 4, "I8": 1, "F16": 2, "BF16": 2, "I32": 4, "I64": 8, "U8": 1, "F64": 8]

  /// Parses `bytes` (the contents of `file`, named in errors).
  public init(bytes: [UInt8], file: String) throws {
    self.file = file
    self.bytes = bytes
    func bad(_ what: String) -> EncoderError {
      EncoderError(
        "\(file) is not a readable safetensors file: \(what). Restore it from the Hark repository "
          + "(corpora/models/causal-encoder) or write it again with the training script.")
    }
    guard bytes.count >= 8 else { throw bad("it is shorter than its 8-byte header length") }
    var length: UInt64 = 0
    for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    guard length <= UInt64(bytes.count - 8) else {
      throw bad("its header says \(length) bytes of JSON but the file has \(bytes.count - 8) after the length")
    }
    dataStart = 8 + Int(length)
    let header: Any
    do {
      header = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
    } catch {
      throw bad("its header is not JSON")
    }
    guard let object = header as? [String: Any] else { throw bad("its header is not a JSON object") }
    var tensors: [String: TensorEntry] = [:]
    var metadata: [String: String] = [:]
    let dataLength = bytes.count - dataStart
    for (name, value) in object {
      if name == "__metadata__" {
        guard let pairs = value as? [String: Any] else { throw bad("__metadata__ is not an object") }
        for (key, item) in pairs {
          guard let text = item as? String else { throw bad("__metadata__ \"\(key)\" is not a string") }
          metadata[key] = text
        }
        continue
      }
      guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
        let shape = entry["shape"] as? [Any], let offsets = entry["data_offsets"] as? [Any], offsets.count == 2
      else { throw bad("tensor \"\(name)\" lacks dtype, shape or data_offsets") }
      let dims = shape.compactMap { ($0 as? NSNumber)?.intValue }
      let ends = offsets.compactMap { ($0 as? NSNumber)?.intValue }
      guard dims.count == shape.count, dims.allSatisfy({ $0 >= 0 }), ends.count == 2, ends[0] >= 0,
        ends[0] <= ends[1], ends[1] <= dataLength
      else { throw bad("tensor \"\(name)\" has a bad shape or data_offsets outside the file") }
      guard let size = Self.sizes[dtype] else { throw bad("tensor \"\(name)\" has the unknown dtype \(dtype)") }
      let tensor = TensorEntry(dtype: dtype, shape: dims, range: ends[0]..<ends[1])
      guard tensor.elementCount * size == ends[1] - ends[0] else {
        throw bad(
          "tensor \"\(name)\" holds \(ends[1] - ends[0]) bytes, not the \(tensor.elementCount * size) its shape needs")
      }
      tensors[name] = tensor
    }
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The tensor `name` as floats: F32 as stored; a 2-D I8 tensor dequantised
  /// with its companion `<name>.scale` (one F32 per row).
  public func floats(_ name: String, shape expected: [Int]) throws -> [Float] {
    guard let entry = tensors[name] else {
      throw EncoderError(
        "\(file) has no tensor \"\(name)\"; it is not a Hark causal encoder (format hark-encoder-1). "
          + "Restore it from the Hark repository or write it again with the training script.")
    }
    guard entry.shape == expected else {
      throw EncoderError(
        "\(file): tensor \"\(name)\" has shape \(entry.shape), not \(expected) as the encoder needs. "
          + "Restore it from the Hark repository or write it again with the training script.")
    }
    let start = dataStart + entry.range.lowerBound
    switch entry.dtype {
    case "F32":
      return readF32(start, count: entry.elementCount)
    case "I8" where expected.count == 2:
      let scale = try floats(name + ".scale", shape: [expected[0]])
      let columns = expected[1]
      var out = [Float](repeating: 0, count: entry.elementCount)
      for row in 0..<expected[0] {
        let s = scale[row]
        for column in 0..<columns {
          out[row * columns + column] = Float(Int8(bitPattern: bytes[start + row * columns + column])) * s
        }
      }
      return out
    default:
      throw EncoderError(
        "\(file): tensor \"\(name)\" is \(entry.dtype); the encoder reads F32, or I8 with a .scale for matrices. "
          + "Restore it from the Hark repository or write it again with the training script.")
    }
  }

  private func readF32(_ start: Int, count: Int) -> [Float] {
    var out = [Float](repeating: 0, count: count)
    for i in 0..<count {
      let p = start + 4 * i
      let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
      out[i] = Float(bitPattern: bits)
    }
    return out
  }
}
