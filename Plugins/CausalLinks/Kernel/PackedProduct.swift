// The matrix product both encoder builds share: W packed in panels of two
// vectors of outputs, six rows of x at a time, a register-blocked kernel for
// each block. It is generic in the vector and inlined where it is called, so
// each caller's module compiles it with its own processor flags: sixteen
// floats wide in HarkEncoderWide (AVX-512), eight wide in HarkEncoder (AVX2).
// This module has no processor flags, so a copy that was not inlined runs on
// any x86-64. Each output is the bias plus the products in input order, fused
// multiply-adds, at either width.

/// Stores two vectors of outputs, or the first `width` of their lanes.
@inlinable @inline(__always)
public func storePanel<V: SIMD>(_ lo: V, _ hi: V, _ y: UnsafeMutablePointer<Float>, _ width: Int)
where V.Scalar == Float {
  let lanes = V.scalarCount
  if width == 2 * lanes {
    UnsafeMutableRawPointer(y).storeBytes(of: lo, as: V.self)
    UnsafeMutableRawPointer(y + lanes).storeBytes(of: hi, as: V.self)
  } else {
    for j in 0..<width { y[j] = j < lanes ? lo[j] : hi[j - lanes] }
  }
}

/// `rows` (one to six) rows of x (stride `k`) times one panel `w` (for each
/// input, two vectors of outputs), plus the bias `b0`, `b1`, into y (stride
/// `stride`, `width` outputs). Fewer than six rows read the last row again
/// in the missing places and store only their own: one loop for every
/// block, its twelve sums in registers.
@inlinable @inline(__always)
public func productBlock<V: SIMD>(
  _ x: UnsafePointer<Float>, rows: Int, _ k: Int, _ w: UnsafePointer<V>, _ b0: V, _ b1: V,
  _ y: UnsafeMutablePointer<Float>, _ stride: Int, _ width: Int
) where V.Scalar == Float {
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
    let v0 = V(repeating: x[i])
    a0 = a0.addingProduct(v0, w0)
    a1 = a1.addingProduct(v0, w1)
    let v1 = V(repeating: x1[i])
    c0 = c0.addingProduct(v1, w0)
    c1 = c1.addingProduct(v1, w1)
    let v2 = V(repeating: x2[i])
    d0 = d0.addingProduct(v2, w0)
    d1 = d1.addingProduct(v2, w1)
    let v3 = V(repeating: x3[i])
    e0 = e0.addingProduct(v3, w0)
    e1 = e1.addingProduct(v3, w1)
    let v4 = V(repeating: x4[i])
    f0 = f0.addingProduct(v4, w0)
    f1 = f1.addingProduct(v4, w1)
    let v5 = V(repeating: x5[i])
    g0 = g0.addingProduct(v5, w0)
    g1 = g1.addingProduct(v5, w1)
  }
  storePanel(a0, a1, y, width)
  if rows > 1 { storePanel(c0, c1, y + stride, width) }
  if rows > 2 { storePanel(d0, d1, y + 2 * stride, width) }
  if rows > 3 { storePanel(e0, e1, y + 3 * stride, width) }
  if rows > 4 { storePanel(f0, f1, y + 4 * stride, width) }
  if rows > 5 { storePanel(g0, g1, y + 5 * stride, width) }
}

/// y[r] = W x[r] + b for `rows` rows of x (stride `inputs`), into y (stride
/// `outputs`), with W packed in panels of two vectors of outputs: panel p
/// holds, for each input k, its outputs' weights for k as two vectors.
/// `bias` holds two vectors per panel, zero beyond the last output.
@inlinable @inline(__always)
public func packedProduct<V: SIMD>(
  _ x: UnsafePointer<Float>, rows: Int, inputs: Int, outputs: Int, weights: UnsafePointer<V>,
  bias: UnsafePointer<V>, into y: UnsafeMutablePointer<Float>
) where V.Scalar == Float {
  let lanes = 2 * V.scalarCount
  let panels = (outputs + lanes - 1) / lanes
  for p in 0..<panels {
    let w = weights + p * inputs * 2
    let width = min(lanes, outputs - p * lanes)
    var r = 0
    while r < rows {
      let count = min(6, rows - r)
      productBlock(
        x + r * inputs, rows: count, inputs, w, bias[2 * p], bias[2 * p + 1], y + r * outputs + p * lanes, outputs,
        width)
      r += count
    }
  }
}
