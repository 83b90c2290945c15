#ifndef DIFFUSIONESCAPE_CGSL_SHIM_H
#define DIFFUSIONESCAPE_CGSL_SHIM_H

// The GSL headers NumericKit uses, and static inline accessors for GSL's global
// variables (generator types, solver types). Swift 6 treats imported mutable globals
// as not concurrency-safe; a function returning the pointer is.

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_interp.h>

// MARK: random number generator types
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_ranlux389(void) { return gsl_rng_ranlux389; }
static inline const gsl_rng_type *cgsl_rng_gfsr4(void) { return gsl_rng_gfsr4; }

// MARK: 1-D solvers
static inline const gsl_root_fsolver_type *cgsl_root_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_min_fminimizer_type *cgsl_min_brent(void) { return gsl_min_fminimizer_brent; }

// MARK: interpolation
static inline const gsl_interp_type *cgsl_interp_cspline(void) { return gsl_interp_cspline; }

// MARK: multi-dimensional solvers
static inline const gsl_multimin_fdfminimizer_type *cgsl_multimin_bfgs2(void) { return gsl_multimin_fdfminimizer_vector_bfgs2; }
static inline const gsl_multiroot_fdfsolver_type *cgsl_multiroot_hybridsj(void) { return gsl_multiroot_fdfsolver_hybridsj; }

// MARK: error handling
/// Turns GSL's abort-on-error handler off; statuses are then returned and NumericKit throws them.
static inline void cgsl_disable_abort_on_error(void) { (void)gsl_set_error_handler_off(); }

#endif
