#ifndef DIFFUSIONESCAPE_CVECTORMATH_SHIM_H
#define DIFFUSIONESCAPE_CVECTORMATH_SHIM_H

// Square roots without the errno path, for the fast engine's SIMD lanes (NumericKit's
// LaneMath). Swift's Double.squareRoot() reaches a C sqrt compiled with -fmath-errno: a
// sqrtsd, a compare, and a call into libm for negative arguments (to set errno). That branch
// keeps LLVM from vectorising a loop over lanes, and SIMD8<Double>.squareRoot() is eight such
// scalar roots. Clang's elementwise builtin is the IEEE square root (correctly rounded, so
// bit for bit the scalar one) with no errno: one vsqrtpd per four lanes on AVX2.
// Swift imports the 8-wide ext_vector_type as SIMD8<Double>.

typedef double cvm_double8 __attribute__((ext_vector_type(8)));

static inline cvm_double8 cvm_sqrt8(cvm_double8 x) { return __builtin_elementwise_sqrt(x); }
static inline double cvm_sqrt(double x) { return __builtin_elementwise_sqrt(x); }

#endif
