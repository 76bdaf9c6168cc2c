// The encoder's matrix product with sixteen-float (AVX-512) vectors: six rows
// by thirty-two outputs at a time. This module is compiled for AVX-512
// (Package.swift) and called only when the processor has it; each output is
// the same sum, in the same order, as the eight-float product computes.

/// y[r] = W x[r] + b with W packed in panels of thirty-two outputs: panel p
/// holds, for each input k, W[32p ..< 32p+32][k] as two vectors of sixteen.
/// `bias` holds two vectors per panel, zero beyond the last output.
@inline(never)
public func wideProduct(
  _ x: UnsafePointer<Float>, rows: Int, inputs: Int, outputs: Int, weights: UnsafePointer<SIMD16<Float>>,
  bias: UnsafePointer<SIMD16<Float>>, into y: UnsafeMutablePointer<Float>
) {
  let panels = (outputs + 31) / 32
  for p in 0..<panels {
    let w = weights + p * inputs * 2
    let width = min(32, outputs - p * 32)
    var r = 0
    while r < rows {
      let count = min(6, rows - r)
      wideBlock(
        x + r * inputs, rows: count, inputs, w, bias[2 * p], bias[2 * p + 1], y + r * outputs + p * 32, outputs, width)
      r += count
    }
  }
}

@inline(__always)
func wideStore(_ lo: SIMD16<Float>, _ hi: SIMD16<Float>, _ y: UnsafeMutablePointer<Float>, _ width: Int) {
  if width == 32 {
    UnsafeMutableRawPointer(y).storeBytes(of: lo, as: SIMD16<Float>.self)
    UnsafeMutableRawPointer(y + 16).storeBytes(of: hi, as: SIMD16<Float>.self)
  } else {
    for j in 0..<width { y[j] = j < 16 ? lo[j] : hi[j - 16] }
  }
}

/// One to six rows of x times one panel; fewer rows read the last row again
/// in the missing places and store only their own.
@inline(__always)
func wideBlock(
  _ x: UnsafePointer<Float>, rows: Int, _ k: Int, _ w: UnsafePointer<SIMD16<Float>>, _ b0: SIMD16<Float>,
  _ b1: SIMD16<Float>, _ y: UnsafeMutablePointer<Float>, _ stride: Int, _ width: Int
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
  let last = rows - 1
  let x1 = x + min(1, last) * k
  let x2 = x + min(2, last) * k
  let x3 = x + min(3, last) * k
  let x4 = x + min(4, last) * k
  let x5 = x + min(5, last) * k
  for i in 0..<k {
    let w0 = w[2 * i]
    let w1 = w[2 * i + 1]
    let v0 = SIMD16<Float>(repeating: x[i])
    a0 = a0.addingProduct(v0, w0)
    a1 = a1.addingProduct(v0, w1)
    let v1 = SIMD16<Float>(repeating: x1[i])
    c0 = c0.addingProduct(v1, w0)
    c1 = c1.addingProduct(v1, w1)
    let v2 = SIMD16<Float>(repeating: x2[i])
    d0 = d0.addingProduct(v2, w0)
    d1 = d1.addingProduct(v2, w1)
    let v3 = SIMD16<Float>(repeating: x3[i])
    e0 = e0.addingProduct(v3, w0)
    e1 = e1.addingProduct(v3, w1)
    let v4 = SIMD16<Float>(repeating: x4[i])
    f0 = f0.addingProduct(v4, w0)
    f1 = f1.addingProduct(v4, w1)
    let v5 = SIMD16<Float>(repeating: x5[i])
    g0 = g0.addingProduct(v5, w0)
    g1 = g1.addingProduct(v5, w1)
  }
  wideStore(a0, a1, y, width)
  if rows > 1 { wideStore(c0, c1, y + stride, width) }
  if rows > 2 { wideStore(d0, d1, y + 2 * stride, width) }
  if rows > 3 { wideStore(e0, e1, y + 3 * stride, width) }
  if rows > 4 { wideStore(f0, f1, y + 4 * stride, width) }
  if rows > 5 { wideStore(g0, g1, y + 5 * stride, width) }
}
