/*
 * replay.c — a plain main() for the libFuzzer harnesses: feeds every file
 * named on the command line (folders: every regular file in them, sorted,
 * recursively) to LLVMFuzzerTestOneInput once. Used by the fuzz/<target>
 * ctests to replay tests/fuzz/regressions/<target>/ and the seed corpus
 * under the normal (and the ASan/UBSan) build.
 *
 * --smoke SECONDS: after the replay, fuzz for that long without libFuzzer:
 * the inputs read are mutated at random (mutate.h) and fed to the harness
 * (the fuzz-smoke ctests, built by gcc in every CI run). The seed is fixed
 * (LEDE_FUZZ_SEED=N for another), so a run repeats the same inputs as far
 * as it gets, and each input is written to a file before it runs, so a
 * crash leaves the input that caused it.
 */
#include "mutate.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nrun;

/* --smoke: every input read, kept as seeds */
static int smoke;
static uint8_t **seeds;
static size_t *seed_len;
static size_t nseeds, capseeds;

#define SMOKE_MAX_LEN 65536

static void keep_seed(const uint8_t *data, size_t n)
{
    if (!smoke) return;
    if (n > SMOKE_MAX_LEN) n = SMOKE_MAX_LEN;
    if (nseeds == capseeds) {
        size_t cap = capseeds ? capseeds * 2 : 64;
        uint8_t **ns = realloc(seeds, cap * sizeof *ns);
        if (!ns) return;
        seeds = ns;
        size_t *nl = realloc(seed_len, cap * sizeof *nl);
        if (!nl) return;
        seed_len = nl;
        capseeds = cap;
    }
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy) return;
    memcpy(copy, data, n);
    seeds[nseeds] = copy;
    seed_len[nseeds++] = n;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fclose(f);
            fprintf(stderr, "%s: out of memory\n", path);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        cap *= 2;
        uint8_t *nb = realloc(buf, cap);
        if (!nb) free(buf);
        buf = nb;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return -1;
    }
    /* Exact-size copy so the sanitizers see reads past the input's end. */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    keep_seed(exact, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    nrun++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return run_file(path);
    if (depth > 8) return 0;
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n]) {
            rc = -1;
            break;
        }
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && run_path(names[i], depth + 1) != 0) rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the input about to run where a crash leaves it. */
static void save_last(const char *path, const uint8_t *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(data, 1, n, f);
    fclose(f);
}

static int run_smoke(const char *argv0, double seconds)
{
    if (!nseeds) {
        fprintf(stderr, "smoke: no inputs to mutate\n");
        return 1;
    }
    const char *env = getenv("LEDE_FUZZ_SEED");
    /* a fixed seed by default: a CI failure is repeated by running again */
    fuzz_rng r = { env && *env ? strtoull(env, NULL, 10) : 20231013 };
    uint64_t seed = r.s;
    if (!r.s) r.s = 1;
    const char *tmp = getenv("TMPDIR");
    const char *base = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
    char last[4096];
    /* the pid: several builds' ctests may run at once on one machine */
    snprintf(last, sizeof last, "%s/%s-smoke-%ld.last", tmp && *tmp ? tmp : "/tmp", base,
             (long)getpid());
    fprintf(stderr, "smoke: %s for %g s, LEDE_FUZZ_SEED=%llu; each input is written to %s first\n",
            base, seconds, (unsigned long long)seed, last);
    uint8_t *buf = malloc(SMOKE_MAX_LEN);
    if (!buf) return 1;
    size_t runs = 0;
    double t0 = now(), t;
    while ((t = now()) - t0 < seconds) {
        size_t i = rng_below(&r, nseeds), o = rng_below(&r, nseeds);
        size_t n = seed_len[i];
        memcpy(buf, seeds[i], n);
        n = fuzz_mutate(&r, buf, n, SMOKE_MAX_LEN, seeds[o], seed_len[o]);
        save_last(last, buf, n);
        /* exact-size copy, as in the replay */
        uint8_t *exact = malloc(n ? n : 1);
        if (!exact) break;
        memcpy(exact, buf, n);
        LLVMFuzzerTestOneInput(exact, n);
        free(exact);
        runs++;
    }
    unlink(last);
    fprintf(stderr, "smoke: %zu mutated inputs in %.1f s (%.0f/s), no failure\n", runs, t - t0,
            runs / (t - t0 > 0 ? t - t0 : 1));
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0, first = 1;
    double seconds = 0;
    if (argc >= 3 && !strcmp(argv[1], "--smoke")) {
        char *end;
        seconds = strtod(argv[2], &end);
        if (*end || !(seconds > 0)) {
            fprintf(stderr, "%s: --smoke needs a number of seconds\n", argv[0]);
            return 2;
        }
        smoke = 1;
        first = 3;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: %s [--smoke SECONDS] FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (int i = first; i < argc; i++)
        if (run_path(argv[i], 0) != 0) rc = 1;
    fprintf(stderr, "replay: %zu input%s, %s\n", nrun, nrun == 1 ? "" : "s",
            rc ? "with errors" : "ok");
    if (smoke && rc == 0) rc = run_smoke(argv[0], seconds);
    for (size_t i = 0; i < nseeds; i++) free(seeds[i]);
    free(seeds);
    free(seed_len);
    return rc;
}
