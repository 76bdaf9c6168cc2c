// The encoder's arithmetic: a packed, register-blocked matrix product (up to
// six rows by sixteen outputs at a time, the weights laid out sixteen outputs
// wide so they stream through the cache once per block of rows), layer
// normalisation and attention, eight lanes at a time.
import Foundation
import HarkEncoderCPU
import HarkEncoderKernel
import HarkEncoderWide

/// A linear layer y = W x + b with W [out, in], its weights packed once, at
/// load, in panels of `lanes` outputs (sixteen, or thirty-two where the
/// processor has AVX-512): panel p holds, for each input k, W[lanes·p ..<
/// lanes·(p+1)][k], zero beyond the last output.
public final class PackedLinear: @unchecked Sendable {
  public let inputs: Int
  public let outputs: Int
  /// Whether the AVX-512 product (`wideProduct`) computes this layer.
  public let wide: Bool
  let lanes: Int
  let panels: Int
  /// panels × inputs × lanes floats.
  let weights: UnsafeMutablePointer<Float>
  /// panels × lanes floats: the bias, zero beyond the last output.
  let bias: UnsafeMutablePointer<Float>

  /// Whether this processor runs the AVX-512 product.
  public static let wideAvailable = hark_encoder_has_avx512() == 1

  /// `w` row-major [outputs, inputs]; `wide` only where `wideAvailable`.
  public init(weights w: [Float], bias b: [Float], outputs: Int, inputs: Int, wide: Bool = wideAvailable) {
    precondition(!wide || Self.wideAvailable, "the AVX-512 product needs a processor that has it")
    self.inputs = inputs
    self.outputs = outputs
    self.wide = wide
    lanes = wide ? 32 : 16
    panels = (outputs + lanes - 1) / lanes
    let size = panels * inputs * lanes
    // 64-byte aligned, as the vectors of sixteen are loaded from it.
    weights = UnsafeMutableRawPointer.allocate(byteCount: size * 4, alignment: 64).bindMemory(
      to: Float.self, capacity: size)
    bias = UnsafeMutableRawPointer.allocate(byteCount: panels * lanes * 4, alignment: 64).bindMemory(
      to: Float.self, capacity: panels * lanes)
    for p in 0..<panels {
      for j in 0..<lanes {
        let o = p * lanes + j
        bias[p * lanes + j] = o < outputs ? b[o] : 0
        for k in 0..<inputs { weights[(p * inputs + k) * lanes + j] = o < outputs ? w[o * inputs + k] : 0 }
      }
    }
  }

  deinit {
    UnsafeMutableRawPointer(weights).deallocate()
    UnsafeMutableRawPointer(bias).deallocate()
  }

  /// y[r] = W x[r] + b for `rows` rows of x (stride `inputs`), into y (stride `outputs`).
  /// Each output is the bias plus the products in input order, fused
  /// multiply-adds, whatever the number of rows and the width of the vectors.
  /// One thread: a coding run already runs one plugin worker per core. (Sharing
  /// large products between threads with concurrentPerform inside the plugin
  /// corrupted the heap now and then when the plugins ran in the host's process,
  /// cause not found; it is left out until it is.)
  public func apply(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
    if wide {
      UnsafeRawPointer(weights).withMemoryRebound(to: SIMD16<Float>.self, capacity: panels * inputs * 2) { w in
        UnsafeRawPointer(bias).withMemoryRebound(to: SIMD16<Float>.self, capacity: panels * 2) { b in
          wideProduct(x, rows: rows, inputs: inputs, outputs: outputs, weights: w, bias: b, into: y)
        }
      }
      return
    }
    UnsafeRawPointer(weights).withMemoryRebound(to: SIMD8<Float>.self, capacity: panels * inputs * 2) { w in
      UnsafeRawPointer(bias).withMemoryRebound(to: SIMD8<Float>.self, capacity: panels * 2) { b in
        packedProduct(x, rows: rows, inputs: inputs, outputs: outputs, weights: w, bias: b, into: y)
      }
    }
  }
}

enum Kernels {
  @inline(__always)
  static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }

  @inline(__always)
  static func save(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }

  /// x[r] = LayerNorm(x[r] + residual[r]) over `width` values per row (a multiple of eight).
  static func addNormalise(
    _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int, gamma: [Float],
    beta: [Float], epsilon: Float
  ) {
    precondition(width % 8 == 0 && gamma.count == width && beta.count == width)
    gamma.withUnsafeBufferPointer { gammas in
      beta.withUnsafeBufferPointer { betas in
        let g = gammas.baseAddress!
        let b = betas.baseAddress!
        for r in 0..<rows {
          let row = x + r * width
          var sum = SIMD8<Float>()
          for j in stride(from: 0, to: width, by: 8) {
            var v = load(row + j)
            if let residual { v += load(residual + r * width + j) }
            save(v, row + j)
            sum += v
          }
          let mean = sum.sum() / Float(width)
          var squares = SIMD8<Float>()
          for j in stride(from: 0, to: width, by: 8) {
            let d = load(row + j) - mean
            squares = squares.addingProduct(d, d)
          }
          let scale = 1 / (squares.sum() / Float(width) + epsilon).squareRoot()
          for j in stride(from: 0, to: width, by: 8) {
            save((load(row + j) - mean) * scale * load(g + j) + load(b + j), row + j)
          }
        }
      }
    }
  }

  /// Self-attention of one sequence of `length` tokens: q, k, v at column
  /// offsets 0, hidden and 2·hidden of rows `stride` wide; the context into
  /// `out` (stride hidden). Heads of 32 values; `scores` holds `length`
  /// rounded up to eight.
  static func attention(
    _ qkv: UnsafePointer<Float>, stride: Int, length: Int, heads: Int, headSize: Int,
    into out: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>
  ) {
    precondition(headSize == 32)
    let hidden = heads * headSize
    let scale = 1 / Float(headSize).squareRoot()
    for h in 0..<heads {
      let qOffset = h * headSize
      let kOffset = hidden + h * headSize
      let vOffset = 2 * hidden + h * headSize
      for i in 0..<length {
        let q = qkv + i * stride + qOffset
        let q0 = load(q)
        let q1 = load(q + 8)
        let q2 = load(q + 16)
        let q3 = load(q + 24)
        var top = -Float.infinity
        for j in 0..<length {
          let k = qkv + j * stride + kOffset
          var dot = q0 * load(k)
          dot = dot.addingProduct(q1, load(k + 8))
          dot = dot.addingProduct(q2, load(k + 16))
          dot = dot.addingProduct(q3, load(k + 24))
          let s = dot.sum() * scale
          scores[j] = s
          top = max(top, s)
        }
        // e^(s − top) eight at a time; the padding past `length` is not counted.
        var total: Float = 0
        var j = 0
        while j < length {
          let e = VectorMath.exp(load(scores + j) - top)
          save(e, scores + j)
          for lane in 0..<min(8, length - j) { total += e[lane] }
          j += 8
        }
        var o0 = SIMD8<Float>()
        var o1 = SIMD8<Float>()
        var o2 = SIMD8<Float>()
        var o3 = SIMD8<Float>()
        for j in 0..<length {
          let p = SIMD8<Float>(repeating: scores[j])
          let v = qkv + j * stride + vOffset
          o0 = o0.addingProduct(p, load(v))
          o1 = o1.addingProduct(p, load(v + 8))
          o2 = o2.addingProduct(p, load(v + 16))
          o3 = o3.addingProduct(p, load(v + 24))
        }
        let o = out + i * hidden + h * headSize
        let norm = 1 / total
        save(o0 * norm, o)
        save(o1 * norm, o + 8)
        save(o2 * norm, o + 16)
        save(o3 * norm, o + 24)
      }
    }
  }
}
