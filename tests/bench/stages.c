/*
 * stages.c — lede's C pipeline one stage at a time, on one thread:
 *
 *   read       the files into memory (the page cache, after a warm-up)
 *   utf8       validate every byte as UTF-8
 *   recover    metadata and boilerplate: title, date, byline, clean body
 *   tokenize   the clean body into tokens alone
 *   segment    sentences and tokens, paragraph by paragraph (what lede uses)
 *
 * For each: seconds, MB/s of input and articles/s, so that a slow stage is
 * seen by itself rather than inside `lede stats`. The bytes are the files'
 * bytes for every stage, as in the rest of the benchmark. "all" is read +
 * utf8 + recover + segment (segment tokenizes too): lede stats without its
 * Lua-free bookkeeping.
 *
 *   lede-stages DIR_OR_FILE...        (tests/bench/bench.sh runs it)
 *
 * With --check it prints no timings, only what it counted (articles, bytes,
 * sentences, tokens): the smoke test compares those with `lede stats`.
 */
#include "lede/lede.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
    char *path;
} file;

typedef struct {
    file *v;
    size_t n, cap;
} filevec;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *path)
{
    fprintf(stderr, "lede-stages: %s: %s\n", what, path);
    exit(2);
}

/* Every regular file under path (sorted, hidden entries skipped, as lede
 * reads a folder), appended to fv. */
static void collect(const char *path, filevec *fv)
{
    struct stat st;
    if (stat(path, &st) != 0) die("cannot stat", path);
    if (S_ISDIR(st.st_mode)) {
        char **names;
        size_t n;
        if (lede_list_dir(path, &names, &n) != 0) die("cannot list", path);
        for (size_t i = 0; i < n; i++) {
            char *sub = lede_path_join(path, names[i]);
            if (!sub) die("out of memory", path);
            collect(sub, fv);
            free(sub);
        }
        lede_list_free(names, n);
        return;
    }
    if (!S_ISREG(st.st_mode)) return;
    if (fv->n == fv->cap) {
        fv->cap = fv->cap ? fv->cap * 2 : 1024;
        fv->v = realloc(fv->v, fv->cap * sizeof *fv->v);
        if (!fv->v) die("out of memory", path);
    }
    fv->v[fv->n].path = strdup(path);
    if (!fv->v[fv->n].path) die("out of memory", path);
    fv->n++;
}

static void report(const char *stage, double secs, size_t bytes, size_t narticles)
{
    if (secs <= 0) secs = 1e-9;
    printf("%-10s %8.3f s %9.1f MB/s %10.0f articles/s\n", stage, secs,
           (double)bytes / 1048576.0 / secs, (double)narticles / secs);
}

/* Read one file into a malloc'd, NUL-terminated buffer. */
static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) die("cannot open", path);
    size_t cap = 8192, n = 0, k;
    char *b = malloc(cap);
    while (b && (k = fread(b + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(fp);
    if (!b) die("out of memory", path);
    b[n] = '\0';          /* n < cap here: NUL-terminated, as lede's arena copies */
    *len = n;
    return b;
}

enum { S_READ, S_UTF8, S_RECOVER, S_TOKENIZE, S_SEGMENT, NSTAGES };
static const char *const stage_names[NSTAGES] = { "read", "utf8", "recover", "tokenize", "segment" };

int main(int argc, char **argv)
{
    int check = 0;
    filevec fv = { 0 };
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--check")) check = 1;
        else collect(argv[i], &fv);
    }
    if (fv.n == 0) {
        fprintf(stderr, "usage: lede-stages [--check] DIR_OR_FILE...\n");
        return 2;
    }
    /* Warm the page cache, untimed. */
    for (size_t i = 0; i < fv.n; i++) {
        size_t n;
        free(read_file(fv.v[i].path, &n));
    }

    /* Each file goes through every stage before the next file, as in lede
     * (its bytes stay in the CPU caches from one stage to the next), and
     * the arena is reset after each: the stages are timed one by one. */
    double secs[NSTAGES] = { 0 };
    size_t bytes = 0, narticles = 0, nsent = 0, ntok = 0, ntok_alone = 0;
    lede_arena *arena = lede_arena_new();
    lede_tokvec tv = { 0 }, toks = { 0 };
    lede_sentvec sents = { 0 };
    if (!arena) die("out of memory", "");
    for (size_t i = 0; i < fv.n; i++) {
        const char *path = fv.v[i].path;
        double t0 = now();
        size_t n;
        char *b = read_file(path, &n);
        double t1 = now();
        size_t bad;
        /* lede skips binary and empty files and repairs invalid UTF-8;
         * this benchmark takes only the files lede reads as they are */
        int ok = n > 0 && !memchr(b, '\0', n) && lede_utf8_valid(b, n, &bad);
        double t2 = now();
        secs[S_READ] += t1 - t0;
        secs[S_UTF8] += t2 - t1;
        bytes += n;
        if (ok) {
            lede_article art = { 0 };
            art.raw = b;
            art.raw_len = n;
            art.path = art.id = path;
            if (lede_recover(arena, &art) != 0) die("out of memory", path);
            double t3 = now();
            tv.n = 0;
            if (art.text && lede_tokenize(art.text, 0, art.text_len, &tv) != 0)
                die("out of memory", path);
            double t4 = now();
            if (lede_segment_article(arena, &art, &toks, &sents) != 0) die("out of memory", path);
            double t5 = now();
            secs[S_RECOVER] += t3 - t2;
            secs[S_TOKENIZE] += t4 - t3;
            secs[S_SEGMENT] += t5 - t4;
            narticles++;
            nsent += art.nsentences;
            ntok += art.ntokens;
            ntok_alone += art.text ? tv.n : 0;
        }
        free(b);
        lede_arena_reset(arena);
    }

    if (check) {
        printf("articles %zu\nbytes %zu\nsentences %zu\ntokens %zu\ntokens_alone %zu\n",
               narticles, bytes, nsent, ntok, ntok_alone);
    } else {
        printf("%zu articles, %.1f MB, %zu sentences, %zu tokens\n", narticles,
               (double)bytes / 1048576.0, nsent, ntok);
        double all = 0;
        for (int k = 0; k < NSTAGES; k++) {
            report(stage_names[k], secs[k], bytes, narticles);
            if (k != S_TOKENIZE) all += secs[k];   /* segment tokenizes too */
        }
        report("all", all, bytes, narticles);
        struct rusage ru;
        if (getrusage(RUSAGE_SELF, &ru) == 0)
            printf("peak memory %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    }

    lede_tokvec_free(&tv);
    lede_tokvec_free(&toks);
    lede_sentvec_free(&sents);
    lede_arena_free(arena);
    for (size_t i = 0; i < fv.n; i++) free(fv.v[i].path);
    free(fv.v);
    return 0;
}
