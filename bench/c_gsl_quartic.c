/* The reference loop for `make bench`: the quartic SGD escape ensemble in plain C over
 * GSL (mt19937 + ziggurat), one trajectory at a time on one core.
 *
 *   L(x) = (x² − 1)², dX = −L′(X) dt + √(2D) dW, D = 0.25, dt = 0.01, start −1, escape at +0.5,
 *
 * with the same per-trajectory seeding (SplitMix64 of (seed, i)) and the same
 * Brownian-bridge crossing test as DiffusionEscape's default engine, so both do the same
 * work per step. Usage: c_gsl_quartic TRAJECTORIES SEED. Prints one line:
 *   steps=<total steps> seconds=<wall> steps_per_second=<rate> mean_time=<mean escape time>
 */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t splitmix64(uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 4000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    const double D = 0.25, dt = 0.01, target = 0.5, start = -1.0;
    const double g = sqrt(2 * D), sqdt = sqrt(dt), cutoff = 0.5 * 36.0 * dt * g * g;
    const double lower = start - 1000 * (target - start), upper = target + 1000 * (target - start);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long long steps = 0;
    double total = 0;
    for (long i = 0; i < n; i++) {
        gsl_rng_set(r, splitmix64(splitmix64(seed) ^ splitmix64((uint64_t)i + 0x9E3779B97F4A7C15ULL)));
        double x = start;
        long k = 0;
        for (;;) {
            double next = x - 4 * x * (x * x - 1) * dt + g * sqdt * gsl_ran_gaussian_ziggurat(r, 1.0);
            k++;
            if (next >= target) { if (next < upper) break; else break; }
            if (!(next > lower)) break;
            double gap = (target - x) * (target - next);
            if (gap < cutoff && gsl_rng_uniform(r) < exp(-2 * gap / (g * g * dt))) break;
            x = next;
        }
        steps += k;
        total += k * dt;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    printf("steps=%lld seconds=%.6f steps_per_second=%.6e mean_time=%.6f\n", steps, seconds, steps / seconds, total / n);
    gsl_rng_free(r);
    return 0;
}
