// Which instructions the causal encoder may use on this machine.
#ifndef HARK_ENCODER_CPU_H
#define HARK_ENCODER_CPU_H

/// 1 when the processor has AVX-512 F, CD, DQ, BW and VL (Skylake-SP, Zen 4
/// and later) and the operating system saves the 512-bit registers; else 0.
int hark_encoder_has_avx512(void);

#endif
