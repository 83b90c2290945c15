#ifndef DIFFUSIONESCAPE_CFFTW_SHIM_H
#define DIFFUSIONESCAPE_CFFTW_SHIM_H

#include <fftw3.h>

/// FFTW's planner flags are macros; these name the ones NumericKit uses.
static inline unsigned cfftw_estimate(void) { return FFTW_ESTIMATE; }
static inline unsigned cfftw_measure(void) { return FFTW_MEASURE; }

#endif
