import Foundation
import HarkEncoder
import Testing

/// The encoder's product and elementwise functions against plain reference
/// arithmetic (the reference.jsonl parity test covers the whole network).
@Suite("Causal encoder kernels")
struct EncoderKernelTests {
  /// Deterministic values in −1…1.
  static func values(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Float(Int32(truncatingIfNeeded: state >> 32)) / Float(Int32.max)
    }
  }

  @Test("the packed product equals bias plus fused products in input order, for every row count and ragged widths")
  func productMatchesReference() {
    // The AVX-512 product is checked too where this processor has it.
    let widths = [false] + (PackedLinear.wideAvailable ? [true] : [])
    for (inputs, outputs) in [(5, 7), (384, 16), (33, 37), (384, 1152)] {
      let w = Self.values(inputs * outputs, seed: UInt64(inputs * 31 + outputs))
      let b = Self.values(outputs, seed: 7)
      for wide in widths {
        let layer = PackedLinear(weights: w, bias: b, outputs: outputs, inputs: inputs, wide: wide)
        #expect(layer.wide == wide)
        for rows in [1, 2, 5, 6, 7, 12, 13] {
          let x = Self.values(rows * inputs, seed: UInt64(rows))
          var y = [Float](repeating: .nan, count: rows * outputs)
          x.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { layer.apply(xs.baseAddress!, rows: rows, into: $0.baseAddress!) }
          }
          var mismatches = 0
          for r in 0..<rows {
            for o in 0..<outputs {
              var sum = b[o]
              for k in 0..<inputs { sum = sum.addingProduct(x[r * inputs + k], w[o * inputs + k]) }
              if y[r * outputs + o] != sum { mismatches += 1 }
            }
          }
          #expect(mismatches == 0, "\(rows) rows of \(inputs) → \(outputs), wide \(wide)")
        }
      }
    }
  }

  @Test("exp within 2e-7 of the double-precision value, relative, over −87…88")
  func expAccuracy() {
    var worst = 0.0
    var x: Float = -87
    // The last lane stays inside −87…88 (outside it, exp clamps).
    while x + 7 * 0.0013 <= 88 {
      let v = VectorMath.exp(SIMD8<Float>((0..<8).map { x + Float($0) * 0.0013 }))
      for lane in 0..<8 {
        let exact = exp(Double(x + Float(lane) * 0.0013))
        worst = max(worst, abs(Double(v[lane]) - exact) / exact)
      }
      x += 0.0107
    }
    #expect(worst < 2e-7)
  }

  @Test("erf within 7e-7 and GELU within 3e-7 · max(1, |x|) of the double-precision values over −12…12")
  func erfAndGeluAccuracy() {
    var worstErf = 0.0
    var worstGelu = 0.0
    var x: Float = -12
    while x <= 12 {
      let v = SIMD8<Float>((0..<8).map { x + Float($0) * 0.0001 })
      let e = VectorMath.erf(v)
      let g = VectorMath.gelu(v)
      for lane in 0..<8 {
        let d = Double(v[lane])
        worstErf = max(worstErf, abs(Double(e[lane]) - erf(d)))
        let exactGelu = 0.5 * d * (1 + erf(d / 2.0.squareRoot()))
        worstGelu = max(worstGelu, abs(Double(g[lane]) - exactGelu) / max(1, abs(d)))
      }
      x += 0.0009
    }
    #expect(worstErf < 7e-7)
    #expect(worstGelu < 3e-7)
  }

  @Test("GELU over a buffer whose length is not a multiple of eight gives each value what the vector function gives")
  func geluTail() {
    let values = Self.values(21, seed: 3).map { $0 * 6 }
    var buffer = values
    buffer.withUnsafeMutableBufferPointer { VectorMath.gelu($0.baseAddress!, count: 21) }
    for (k, value) in values.enumerated() {
      #expect(buffer[k] == VectorMath.gelu(SIMD8<Float>(repeating: value))[0], "value \(k)")
    }
  }
}
