/* The practical limit for the fast engine (`make bench`, docs/performance.md): the quartic
 * case of bench/c_gsl.c written by hand in C with AVX2 intrinsics — 16 trajectories in four
 * 4-wide vectors, xoshiro256+ per lane, a 1024-layer ziggurat whose fast path (two table
 * gathers, a multiply, a compare) runs on all lanes at once, Euler–Maruyama, and the escape,
 * divergence and Brownian-bridge-zone tests as vector compares. The algorithm is the fast
 * engine's (NormalLanes, SDELaneLoop): a lane that needs attention — a rejected ziggurat
 * draw, a bridge draw, an ended trajectory — is handled alone, and an ended lane takes the
 * next trajectory. Only the generator differs (xoshiro256+ against xoshiro256++: one add
 * fewer), so the step counts differ from ours by sampling noise.
 *
 *   quartic   L = (x² − 1)², isotropic D = 0.25, Euler–Maruyama dt = 0.01, −1 → +0.5
 *
 * Parameters are read from `volatile` configuration, as in bench/c_gsl.c.
 * Usage: c_avx2 quartic TRAJECTORIES SEED. Prints one line:
 *   steps=<total steps> seconds=<wall> steps_per_second=<rate> mean_time=<mean steps × dt>
 */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LANES 16
#define LAYERS 1024

static volatile double P_QUARTIC_SCALE = 4, P_QUARTIC_A2 = 1, P_TILT = 0, P_SIGMA2_HALF = 0.5, P_DT = 0.01;

static double zx[LAYERS + 1], zf[LAYERS + 1];
static const double R = 4.038849846109505;

static double density(double x) { return exp(-0.5 * x * x); }

static void build_ziggurat(void) {
    double v = R * density(R) + sqrt(M_PI / 2) * erfc(R / sqrt(2.0));
    zx[0] = v / density(R);
    zx[1] = R;
    for (int i = 1; i < LAYERS - 1; i++) zx[i + 1] = sqrt(-2 * log(v / zx[i] + density(zx[i])));
    zx[LAYERS] = 0;
    for (int i = 0; i <= LAYERS; i++) zf[i] = density(zx[i]);
}

/* xoshiro256+ state, structure of arrays: word j of lane k at s[j][k]. */
static uint64_t s[4][LANES] __attribute__((aligned(64)));

static uint64_t splitmix64(uint64_t *z) {
    uint64_t r = (*z += 0x9E3779B97F4A7C15ULL);
    r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9ULL;
    r = (r ^ (r >> 27)) * 0x94D049BB133111EBULL;
    return r ^ (r >> 31);
}

static void seed_lane(int k, uint64_t seed, long i) {
    uint64_t z = seed ^ (0xD1B54A32D192ED03ULL * (uint64_t)(i + 1));
    for (int j = 0; j < 4; j++) s[j][k] = splitmix64(&z);
}

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/* One scalar output of lane k. */
static uint64_t next_lane(int k) {
    uint64_t result = s[0][k] + s[3][k], t = s[1][k] << 17;
    s[2][k] ^= s[0][k]; s[3][k] ^= s[1][k]; s[1][k] ^= s[2][k]; s[0][k] ^= s[3][k]; s[2][k] ^= t;
    s[3][k] = rotl(s[3][k], 45);
    return result;
}

static double uniform_lane(int k) { return (double)(next_lane(k) >> 11) * 0x1.0p-53; }

static double signed_uniform(uint64_t bits) {
    union { uint64_t u; double d; } m = { (bits >> 12) | 0x3FF0000000000000ULL };
    return m.d * 2 - 3;
}

/* The ziggurat's slow path for lane k from the rejected word: tail, wedge or a fresh start. */
static double rejected(int k, uint64_t bits) {
    for (;;) {
        int i = (int)(bits & (LAYERS - 1));
        double u = signed_uniform(bits), z = u * zx[i];
        if (fabs(z) < zx[i + 1]) return z;
        if (i == 0) {
            double a, b;
            do { a = -log1p(-uniform_lane(k)) / R; b = -log1p(-uniform_lane(k)); } while (2 * b < a * a);
            return u < 0 ? -(R + a) : R + a;
        }
        if (zf[i + 1] + (zf[i] - zf[i + 1]) * uniform_lane(k) < density(z)) return z;
        bits = next_lane(k);
    }
}

/* Sixteen normals into z: the generator step and the fast path on four vectors at once. */
static inline void gaussians(double *z) {
    const __m256i mask = _mm256_set1_epi64x(LAYERS - 1), one = _mm256_set1_epi64x(0x3FF0000000000000LL);
    const __m256d two = _mm256_set1_pd(2), three = _mm256_set1_pd(3);
    const __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7FFFFFFFFFFFFFFFLL));
    int rejected_lanes = 0;
    uint64_t words[LANES] __attribute__((aligned(32)));
    for (int q = 0; q < LANES; q += 4) {
        __m256i s0 = _mm256_load_si256((__m256i *)&s[0][q]), s1 = _mm256_load_si256((__m256i *)&s[1][q]);
        __m256i s2 = _mm256_load_si256((__m256i *)&s[2][q]), s3 = _mm256_load_si256((__m256i *)&s[3][q]);
        __m256i bits = _mm256_add_epi64(s0, s3);
        __m256i t = _mm256_slli_epi64(s1, 17);
        s2 = _mm256_xor_si256(s2, s0); s3 = _mm256_xor_si256(s3, s1);
        s1 = _mm256_xor_si256(s1, s2); s0 = _mm256_xor_si256(s0, s3);
        s2 = _mm256_xor_si256(s2, t);
        s3 = _mm256_or_si256(_mm256_slli_epi64(s3, 45), _mm256_srli_epi64(s3, 19));
        _mm256_store_si256((__m256i *)&s[0][q], s0); _mm256_store_si256((__m256i *)&s[1][q], s1);
        _mm256_store_si256((__m256i *)&s[2][q], s2); _mm256_store_si256((__m256i *)&s[3][q], s3);
        __m256i layer = _mm256_and_si256(bits, mask);
        __m256d u = _mm256_sub_pd(_mm256_mul_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(bits, 12), one)), two), three);
        __m256d width = _mm256_i64gather_pd(zx, layer, 8);
        __m256d inner = _mm256_i64gather_pd(zx + 1, layer, 8);
        __m256d zq = _mm256_mul_pd(u, width);
        __m256d accepted = _mm256_cmp_pd(_mm256_and_pd(zq, absmask), inner, _CMP_LT_OQ);
        _mm256_storeu_pd(z + q, zq);
        int m = _mm256_movemask_pd(accepted);
        if (__builtin_expect(m != 0xF, 0)) {
            _mm256_store_si256((__m256i *)&words[q], bits);
            rejected_lanes |= (~m & 0xF) << q;
        }
    }
    while (__builtin_expect(rejected_lanes != 0, 0)) {
        int k = __builtin_ctz(rejected_lanes);
        rejected_lanes &= rejected_lanes - 1;
        z[k] = rejected(k, words[k]);
    }
}

int main(int argc, char **argv) {
    if (argc < 4 || strcmp(argv[1], "quartic") != 0) { fprintf(stderr, "usage: c_avx2 quartic TRAJECTORIES SEED\n"); return 2; }
    long n = atol(argv[2]);
    uint64_t seed = strtoull(argv[3], NULL, 10);
    build_ziggurat();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    const double scale = P_QUARTIC_SCALE, a2 = P_QUARTIC_A2, tilt = P_TILT, dt = P_DT;
    const double sqdt = sqrt(dt), g = sqrt(1.0 * P_SIGMA2_HALF), noise = g * sqdt;
    const double start = -1, target = 0.5, lower = start - 1000 * (target - start);
    const double cut = 0.5 * 36.0 * dt * g * g;
    double x[LANES] __attribute__((aligned(32))), z[LANES] __attribute__((aligned(32)));
    long index[LANES], began[LANES];
    long next_trajectory = 0, step = 0, active = 0;
    long long steps = 0;
    for (int k = 0; k < LANES; k++) {
        x[k] = start; began[k] = 0; index[k] = -1;
        if (next_trajectory < n) { index[k] = next_trajectory; seed_lane(k, seed, next_trajectory++); active++; }
    }
    const __m256d vscale = _mm256_set1_pd(scale), va2 = _mm256_set1_pd(a2), vtilt = _mm256_set1_pd(tilt);
    const __m256d vdt = _mm256_set1_pd(dt), vnoise = _mm256_set1_pd(noise);
    const __m256d vtarget = _mm256_set1_pd(target), vlower = _mm256_set1_pd(lower), vcut = _mm256_set1_pd(cut);
    double next[LANES] __attribute__((aligned(32)));
    while (active > 0) {
        gaussians(z);
        step++;
        int attention = 0;
        for (int q = 0; q < LANES; q += 4) {
            __m256d xq = _mm256_load_pd(x + q);
            __m256d gradient = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(vscale, xq),
                                             _mm256_sub_pd(_mm256_mul_pd(xq, xq), va2)), vtilt);
            __m256d nq = _mm256_add_pd(_mm256_sub_pd(xq, _mm256_mul_pd(gradient, vdt)),
                                       _mm256_mul_pd(vnoise, _mm256_load_pd(z + q)));
            _mm256_store_pd(next + q, nq);
            __m256d flag = _mm256_or_pd(_mm256_cmp_pd(nq, vtarget, _CMP_GE_OQ), _mm256_cmp_pd(nq, vlower, _CMP_NGT_UQ));
            __m256d gap = _mm256_mul_pd(_mm256_sub_pd(vtarget, xq), _mm256_sub_pd(vtarget, nq));
            flag = _mm256_or_pd(flag, _mm256_cmp_pd(gap, vcut, _CMP_LT_OQ));
            attention |= _mm256_movemask_pd(flag) << q;
        }
        while (__builtin_expect(attention != 0, 0)) {
            int k = __builtin_ctz(attention);
            attention &= attention - 1;
            double gap = (target - x[k]) * (target - next[k]);
            int ended = next[k] >= target || !(next[k] > lower)
                || (gap < cut && uniform_lane(k) < exp(-2 * gap / (g * g * dt)));
            if (!ended) continue;
            if (index[k] >= 0) { steps += step - began[k]; active--; }
            index[k] = -1;
            if (next_trajectory < n) { index[k] = next_trajectory; seed_lane(k, seed, next_trajectory++); active++; }
            began[k] = step;
            next[k] = start;
        }
        memcpy(x, next, sizeof x);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    printf("steps=%lld seconds=%.6f steps_per_second=%.6e mean_time=%.6f\n", steps, seconds, steps / seconds, steps * dt / n);
    return 0;
}
