// The encoder's matrix product with sixteen-float (AVX-512) vectors, six rows
// by thirty-two outputs at a time: `packedProduct`, shared with the
// eight-float product, compiled in this module for AVX-512 (Package.swift)
// and called only where the processor has it. Each output is the same sum,
// in the same order, as the eight-float product computes.
import HarkEncoderKernel

/// y[r] = W x[r] + b with W packed in panels of thirty-two outputs: panel p
/// holds, for each input k, W[32p ..< 32p+32][k] as two vectors of sixteen.
/// `bias` holds two vectors per panel, zero beyond the last output.
@inline(never)
public func wideProduct(
  _ x: UnsafePointer<Float>, rows: Int, inputs: Int, outputs: Int, weights: UnsafePointer<SIMD16<Float>>,
  bias: UnsafePointer<SIMD16<Float>>, into y: UnsafeMutablePointer<Float>
) {
  packedProduct(x, rows: rows, inputs: inputs, outputs: outputs, weights: weights, bias: bias, into: y)
}
