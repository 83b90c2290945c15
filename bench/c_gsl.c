/* The C + GSL reference loops of `make bench`: each case in plain C over GSL (mt19937 +
 * GSL's ziggurat), one trajectory at a time on one core, with DiffusionEscape's
 * per-trajectory seeding (SplitMix64 of (seed, i)) and the same arithmetic in the same
 * order, so both simulate the same steps (bench/run.sh prints both step counts).
 *
 *   quartic   L = (x² − 1)², isotropic D = 0.25, Euler–Maruyama dt = 0.01, −1 → +0.5,
 *             Brownian-bridge crossing test near the target
 *   pq        pq:ha=4,hb=2,barrier=0.5, SGD with hessian noise C = |L″| (B = 1), η = 0.1,
 *             Euler–Maruyama dt = 0.01, 0 → midpoint between saddle and next minimum, bridge
 *   adam      quartic:barrier=1, Adam's own iteration (β1 0.9, β2 0.999, ε 1e-8), η = 0.4,
 *             gradient L′ + z (σ² = 1), −1 → 0.5, tested at every step
 *   invadam   the same with InvAdam (m̂·(√v̂ + ε)), η = 0.2
 *   nd D      separable quartic (barrier 50) + D − 1 spectators of curvature 2, isotropic
 *             σ² = 0.5, η = 1, Euler–Maruyama dt = 0.001, 2 000 steps (every trajectory
 *             censored: a fixed amount of work), hyperplane test on θ₀ and the divergence
 *             test on ‖θ − θ_start‖² each step
 *
 * Every parameter (curvatures, barrier, η, B, σ², dt, targets) is read at run time from
 * `volatile` configuration, as in any tool whose user sets them — otherwise gcc folds
 * x/B with B = 1 or a·x with a = 1 away, work DiffusionEscape (which reads them from the
 * command line) cannot skip.
 *
 * Usage: c_gsl CASE TRAJECTORIES SEED [D]. Prints one line:
 *   steps=<total steps> seconds=<wall> steps_per_second=<rate> mean_time=<mean steps × dt>
 */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t splitmix64(uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static void seed_stream(gsl_rng *r, uint64_t seed, long i) {
    gsl_rng_set(r, splitmix64(splitmix64(seed) ^ splitmix64((uint64_t)i + 0x9E3779B97F4A7C15ULL)));
}

/* Euler–Maruyama from start to target with the bridge test; drift and g are the case's. */
#define SDE_LOOP(DRIFT, G)                                                                   \
    for (;;) {                                                                               \
        double g = (G);                                                                      \
        double next = x + (DRIFT) * dt + g * sqdt * gsl_ran_gaussian_ziggurat(r, 1.0);       \
        k++;                                                                                 \
        if (next >= target) break;                                                           \
        if (!(next > lower)) break;                                                          \
        double gap = (target - x) * (target - next);                                         \
        if (gap < cutoff * g * g && gsl_rng_uniform(r) < exp(-2 * gap / (g * g * dt))) break; \
        x = next;                                                                            \
    }

/* Run-time parameters (see the header). */
static volatile double P_QUARTIC_SCALE = 4, P_QUARTIC_A2 = 1, P_TILT = 0, P_SIGMA2_HALF = 0.5;
static volatile double P_HA = 4, P_HB = 2, P_PQ_BARRIER = 0.5, P_PQ_LR = 0.1, P_BATCH = 1, P_FLOOR = 0;
static volatile double P_DT = 0.01, P_ADAM_SIGMA2 = 1, P_SPECTATOR = 2, P_ND_SCALE = 200, P_ND_DT = 0.001;

static double moments_update(double g, double *m, double *v, double *p1, double *p2, double *mhat) {
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    *p1 *= b1; *p2 *= b2;
    *m = b1 * *m + (1 - b1) * g;
    *v = b2 * *v + (1 - b2) * g * g;
    *mhat = *m / (1 - *p1);
    double vhat = *v / (1 - *p2);
    return sqrt(vhat) + eps;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: c_gsl CASE TRAJECTORIES SEED [D]\n"); return 2; }
    const char *name = argv[1];
    long n = atol(argv[2]);
    uint64_t seed = strtoull(argv[3], NULL, 10);
    int dim = argc > 4 ? atoi(argv[4]) : 10;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long long steps = 0;
    double time_per_step = 0.01;
    const double cutoff = 0.5 * 36.0;
    if (strcmp(name, "quartic") == 0) {
        const double scale = P_QUARTIC_SCALE, a2 = P_QUARTIC_A2, tilt = P_TILT;
        const double dt = P_DT, sqdt = sqrt(dt), start = -1, target = 0.5, gs = sqrt(1.0 * P_SIGMA2_HALF);
        const double lower = start - 1000 * (target - start);
        const double cut = cutoff * dt;
        for (long i = 0; i < n; i++) {
            seed_stream(r, seed, i);
            double x = start; long k = 0;
            double cutoff = cut;
            SDE_LOOP(-(1.0 * (scale * x * (x * x - a2) + tilt)), gs)
            steps += k;
        }
    } else if (strcmp(name, "pq") == 0) {
        const double ha = P_HA, hb = P_HB, barrier = P_PQ_BARRIER, lr = P_PQ_LR, dt = P_DT, sqdt = sqrt(dt);
        const double inverse_batch = 1 / P_BATCH, floor2 = P_FLOOR * P_FLOOR, root_lr = sqrt(lr);
        const double u = sqrt(2 * barrier / (ha * (1 + ha / hb))), w = ha * u / hb;
        const double c1 = u, xb = u + w, c2 = xb + ha * u / hb, a2 = c2 + u;
        const double start = 0, target = 0.5 * (xb + a2), lower = start - 1000 * (target - start);
        const double cut = cutoff * dt;
        for (long i = 0; i < n; i++) {
            seed_stream(r, seed, i);
            double x = start; long k = 0;
            double cutoff = cut;
#define PQ_H(x) ((x) <= c1 ? ha : ((x) < c2 ? -hb : ha))
#define PQ_D(x) ((x) <= c1 ? ha * (x) : ((x) < c2 ? -hb * ((x) - xb) : ha * ((x) - a2)))
#define PQ_C(x) (sqrt(PQ_H(x) * PQ_H(x) + floor2) * inverse_batch)
            SDE_LOOP(-1.0 * PQ_D(x), 1.0 * (root_lr * sqrt(PQ_C(x))))
            steps += k;
        }
    } else if (strcmp(name, "adam") == 0 || strcmp(name, "invadam") == 0) {
        int inv = strcmp(name, "invadam") == 0;
        const double lr = inv ? 0.2 : 0.4, start = -1, target = 0.5;
        const double scale = P_QUARTIC_SCALE, a2 = P_QUARTIC_A2, tilt = P_TILT, sigma = sqrt(P_ADAM_SIGMA2);
        const double lower = start - 1000 * (target - start), upper = target + 1000 * (target - start);
        time_per_step = lr;
        for (long i = 0; i < n; i++) {
            seed_stream(r, seed, i);
            double th = start, m = 0, v = 0, p1 = 1, p2 = 1, mhat;
            long k = 0;
            for (;;) {
                double g = scale * th * (th * th - a2) + tilt + sigma * gsl_ran_gaussian_ziggurat(r, 1.0);
                double nn = moments_update(g, &m, &v, &p1, &p2, &mhat);
                th = inv ? th - lr * (0.0 * (mhat / nn) + 1.0 * (mhat * nn)) : th - lr * (mhat / nn);
                k++;
                if (th >= target) { (void)upper; break; }
                if (!(th > lower)) break;
            }
            steps += k;
        }
    } else if (strcmp(name, "nd") == 0) {
        const double dt = P_ND_DT, sqdt = sqrt(dt), gs = sqrt(1.0 * P_SIGMA2_HALF), radius2 = 1500.0 * 1500.0;
        const double scale = P_ND_SCALE, a2 = P_QUARTIC_A2, tilt = P_TILT, spectator = P_SPECTATOR;
        const long max_steps = 2000;
        double *th = malloc(sizeof(double) * dim), *gr = malloc(sizeof(double) * dim);
        time_per_step = dt;
        for (long i = 0; i < n; i++) {
            seed_stream(r, seed, i);
            th[0] = -1.0; /* the base quartic's left minimum, −a */
            for (int j = 1; j < dim; j++) th[j] = 0;
            long k = 0;
            while (k < max_steps) {
                gr[0] = scale * th[0] * (th[0] * th[0] - a2) + tilt;
                for (int j = 1; j < dim; j++) gr[j] = spectator * th[j];
                for (int j = 0; j < dim; j++) th[j] = th[j] - gr[j] * dt + gs * sqdt * gsl_ran_gaussian_ziggurat(r, 1.0);
                k++;
                if (th[0] >= 0) break;
                double s = (th[0] + 1) * (th[0] + 1);
                for (int j = 1; j < dim; j++) s += th[j] * th[j];
                if (!(s < radius2)) break;
            }
            steps += k;
        }
        free(th); free(gr);
    } else {
        fprintf(stderr, "c_gsl: unknown case %s (quartic, pq, adam, invadam, nd)\n", name);
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    printf("steps=%lld seconds=%.6f steps_per_second=%.6e mean_time=%.6f\n", steps, seconds, steps / seconds,
           steps * time_per_step / n);
    gsl_rng_free(r);
    return 0;
}
