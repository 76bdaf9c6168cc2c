// The encoder's arithmetic: a packed, register-blocked matrix product (six
// rows by sixteen outputs at a time, the weights laid out sixteen outputs
// wide so they stream through the cache once per block of rows), layer
// normalisation, exact GELU and attention.
import Foundation

/// A linear layer y = W x + b with W [out, in], its weights packed in panels
/// of sixteen outputs: panel p holds, for each input k, W[16p ..< 16p+16][k].
final class PackedLinear: @unchecked Sendable {
  let inputs: Int
  let outputs: Int
  let panels: Int
  /// panels × inputs × 2 vectors of eight.
  let weights: UnsafeMutablePointer<SIMD8<Float>>
  let bias: [Float]

  /// `w` row-major [outputs, inputs].
  init(weights w: [Float], bias: [Float], outputs: Int, inputs: Int) {
    self.inputs = inputs
    self.outputs = outputs
    panels = (outputs + 15) / 16
    weights = .allocate(capacity: panels * inputs * 2)
    for p in 0..<panels {
      for k in 0..<inputs {
        var lo = SIMD8<Float>()
        var hi = SIMD8<Float>()
        for j in 0..<16 {
          let o = p * 16 + j
          let value = o < outputs ? w[o * inputs + k] : 0
          if j < 8 { lo[j] = value } else { hi[j - 8] = value }
        }
        weights[(p * inputs + k) * 2] = lo
        weights[(p * inputs + k) * 2 + 1] = hi
      }
    }
    self.bias = bias
  }

  deinit { weights.deallocate() }

  /// y[r] = W x[r] + b for `rows` rows of x (stride `inputs`), into y (stride `outputs`).
  /// One thread: a coding run already runs one plugin worker per core. (Sharing
  /// large products between threads with concurrentPerform inside the plugin
  /// corrupted the heap now and then when the plugins ran in the host's process,
  /// cause not found; it is left out until it is.)
  func apply(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
    run(x, rows: rows, y: y, panels: 0..<panels)
  }

  private func run(_ x: UnsafePointer<Float>, rows: Int, y: UnsafeMutablePointer<Float>, panels range: Range<Int>) {
    for p in range {
      let w = UnsafePointer(weights + p * inputs * 2)
      let width = min(16, outputs - p * 16)
      var b = [Float](repeating: 0, count: 16)
      for j in 0..<width { b[j] = bias[p * 16 + j] }
      let b0 = SIMD8<Float>(b[0..<8])
      let b1 = SIMD8<Float>(b[8..<16])
      var r = 0
      while r + 6 <= rows {
        Kernels.six(x + r * inputs, inputs, w, b0, b1, y + r * outputs + p * 16, outputs, width)
        r += 6
      }
      while r < rows {
        Kernels.one(x + r * inputs, inputs, w, b0, b1, y + r * outputs + p * 16, width)
        r += 1
      }
    }
  }
}

enum Kernels {
  @inline(__always)
  static func store(
    _ lo: SIMD8<Float>, _ hi: SIMD8<Float>, _ y: UnsafeMutablePointer<Float>, _ width: Int
  ) {
    if width == 16 {
      UnsafeMutableRawPointer(y).storeBytes(of: lo, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(y + 8).storeBytes(of: hi, as: SIMD8<Float>.self)
    } else {
      for j in 0..<width { y[j] = j < 8 ? lo[j] : hi[j - 8] }
    }
  }

  /// Six rows of x times one panel of sixteen outputs.
  static func six(
    _ x: UnsafePointer<Float>, _ k: Int, _ w: UnsafePointer<SIMD8<Float>>, _ b0: SIMD8<Float>,
    _ b1: SIMD8<Float>, _ y: UnsafeMutablePointer<Float>, _ stride: Int, _ width: Int
  ) {
    var a0 = b0
    var a1 = b1
    var c0 = b0
    var c1 = b1
    var d0 = b0
    var d1 = b1
    var e0 = b0
    var e1 = b1
    var f0 = b0
    var f1 = b1
    var g0 = b0
    var g1 = b1
    let x1 = x + k
    let x2 = x + 2 * k
    let x3 = x + 3 * k
    let x4 = x + 4 * k
    let x5 = x + 5 * k
    for i in 0..<k {
      let w0 = w[2 * i]
      let w1 = w[2 * i + 1]
      let v0 = SIMD8<Float>(repeating: x[i])
      a0 = a0.addingProduct(v0, w0)
      a1 = a1.addingProduct(v0, w1)
      let v1 = SIMD8<Float>(repeating: x1[i])
      c0 = c0.addingProduct(v1, w0)
      c1 = c1.addingProduct(v1, w1)
      let v2 = SIMD8<Float>(repeating: x2[i])
      d0 = d0.addingProduct(v2, w0)
      d1 = d1.addingProduct(v2, w1)
      let v3 = SIMD8<Float>(repeating: x3[i])
      e0 = e0.addingProduct(v3, w0)
      e1 = e1.addingProduct(v3, w1)
      let v4 = SIMD8<Float>(repeating: x4[i])
      f0 = f0.addingProduct(v4, w0)
      f1 = f1.addingProduct(v4, w1)
      let v5 = SIMD8<Float>(repeating: x5[i])
      g0 = g0.addingProduct(v5, w0)
      g1 = g1.addingProduct(v5, w1)
    }
    store(a0, a1, y, width)
    store(c0, c1, y + stride, width)
    store(d0, d1, y + 2 * stride, width)
    store(e0, e1, y + 3 * stride, width)
    store(f0, f1, y + 4 * stride, width)
    store(g0, g1, y + 5 * stride, width)
  }

  static func one(
    _ x: UnsafePointer<Float>, _ k: Int, _ w: UnsafePointer<SIMD8<Float>>, _ b0: SIMD8<Float>,
    _ b1: SIMD8<Float>, _ y: UnsafeMutablePointer<Float>, _ width: Int
  ) {
    var a0 = b0
    var a1 = b1
    for i in 0..<k {
      let v = SIMD8<Float>(repeating: x[i])
      a0 = a0.addingProduct(v, w[2 * i])
      a1 = a1.addingProduct(v, w[2 * i + 1])
    }
    store(a0, a1, y, width)
  }

  /// x[r] = LayerNorm(x[r] + residual[r]) over `width` values per row.
  static func addNormalise(
    _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int, gamma: [Float],
    beta: [Float], epsilon: Float
  ) {
    for r in 0..<rows {
      let row = x + r * width
      if let residual {
        let add = residual + r * width
        for j in 0..<width { row[j] += add[j] }
      }
      var sum: Float = 0
      for j in 0..<width { sum += row[j] }
      let mean = sum / Float(width)
      var squares: Float = 0
      for j in 0..<width {
        let d = row[j] - mean
        squares += d * d
      }
      let scale = 1 / (squares / Float(width) + epsilon).squareRoot()
      for j in 0..<width { row[j] = (row[j] - mean) * scale * gamma[j] + beta[j] }
    }
  }

  /// The exact GELU, x Φ(x) = x (1 + erf(x / √2)) / 2, in place.
  static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count {
      let v = x[i]
      x[i] = 0.5 * v * (1 + erff(v * 0.707_106_77))
    }
  }

  /// Self-attention of one sequence of `length` tokens: q, k, v at column
  /// offsets 0, hidden and 2·hidden of rows `stride` wide; the context into `out` (stride hidden).
  static func attention(
    _ qkv: UnsafePointer<Float>, stride: Int, length: Int, heads: Int, headSize: Int,
    into out: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>
  ) {
    let hidden = heads * headSize
    let scale = 1 / Float(headSize).squareRoot()
    for h in 0..<heads {
      let qOffset = h * headSize
      let kOffset = hidden + h * headSize
      let vOffset = 2 * hidden + h * headSize
      for i in 0..<length {
        let q = qkv + i * stride + qOffset
        var top = -Float.infinity
        for j in 0..<length {
          let kk = qkv + j * stride + kOffset
          var dot: Float = 0
          for d in 0..<headSize { dot += q[d] * kk[d] }
          let s = dot * scale
          scores[j] = s
          top = max(top, s)
        }
        var total: Float = 0
        for j in 0..<length {
          let e = expf(scores[j] - top)
          scores[j] = e
          total += e
        }
        let o = out + i * hidden + h * headSize
        for d in 0..<headSize { o[d] = 0 }
        for j in 0..<length {
          let p = scores[j] / total
          let v = qkv + j * stride + vOffset
          for d in 0..<headSize { o[d] += p * v[d] }
        }
      }
    }
  }
}
