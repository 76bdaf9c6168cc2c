// CPUID and XGETBV, read once when the encoder loads: Swift has no way to ask
// the processor what it supports, and the wide product needs AVX-512.
#include "hark_encoder_cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

int hark_encoder_has_avx512(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0;  // OSXSAVE
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  // The OS saves SSE, AVX, the opmask and both halves of the ZMM registers.
  if ((lo & 0xE6) != 0xE6) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  const unsigned need = (1u << 16) | (1u << 17) | (1u << 28) | (1u << 30) | (1u << 31);  // F DQ CD BW VL
  return (b & need) == need;
}
#else
int hark_encoder_has_avx512(void) { return 0; }
#endif
