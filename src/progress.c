/*
 * progress.c — the updating status line of long runs (see progress.h).
 *
 * Redrawn at most five times a second, and only after the run has lasted a
 * second, so short runs and pipelines never see it. "\r" + text + "\033[K"
 * rewrites the line in place; clearing writes "\r\033[K".
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* nftw */
#endif
#include <ftw.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define SHOW_AFTER 1.0    /* seconds before the line first appears */
#define REDRAW_EVERY 0.2  /* seconds between redraws */

static struct {
    int enabled;
    int shown;            /* a line is on the terminal now */
    double start;         /* first phase began (run clock) */
    double phase_start;
    double last_draw;
    const char *phase;
    size_t articles, total_articles;
    uint64_t bytes, total_bytes;
    double (*clock)(void);
    FILE *out;
    pthread_t main_thread;  /* the only thread that may draw */
} P;

static double mono_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void) { return P.clock ? P.clock() : mono_clock(); }
static FILE *out(void) { return P.out ? P.out : stderr; }

void lede_progress_setup(int mode)
{
    if (mode == LEDE_PROGRESS_ON) P.enabled = 1;
    else if (mode == LEDE_PROGRESS_OFF) P.enabled = 0;
    else P.enabled = isatty(STDERR_FILENO);
    P.start = 0;
    P.main_thread = pthread_self();
}

/* Worker threads parse into corpora of their own, through the same code
 * as the main thread: only the main thread's calls count. */
static int active(void) { return P.enabled && pthread_equal(pthread_self(), P.main_thread); }

static uint64_t walked;
static int add_size(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (type == FTW_F && S_ISREG(st->st_mode)) walked += (uint64_t)st->st_size;
    return 0;
}

uint64_t lede_progress_input_size(char **paths, int npaths)
{
    if (!P.enabled) return 0;
    walked = 0;
    for (int i = 0; i < npaths; i++) {
        if (!strcmp(paths[i], "-")) return 0;   /* stdin: no total */
        /* FTW_PHYS: links are not followed, as the corpus walk does not */
        if (nftw(paths[i], add_size, 16, FTW_PHYS) != 0) return 0;
    }
    return walked;
}

int lede_progress_enabled(void) { return P.enabled; }

void lede_progress_test_hooks(double (*clock)(void), FILE *o, int enabled)
{
    memset(&P, 0, sizeof P);
    P.clock = clock;
    P.out = o;
    P.enabled = enabled;
    P.main_thread = pthread_self();
}

void lede_progress_phase(const char *name, size_t total_articles, uint64_t total_bytes)
{
    if (!active()) return;
    double t = now();
    if (P.start == 0) P.start = t;
    P.phase = name;
    P.phase_start = t;
    P.articles = 0;
    P.bytes = 0;
    P.total_articles = total_articles;
    P.total_bytes = total_bytes;
}

/* 1234567 -> "1,234,567" */
static void group(char *buf, size_t size, uint64_t v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* Seconds left from the share done, or -1 when it cannot be told yet. */
static double eta(double elapsed)
{
    double done = -1;
    if (P.total_bytes) done = (double)P.bytes / (double)P.total_bytes;
    else if (P.total_articles) done = (double)P.articles / (double)P.total_articles;
    if (done <= 0 || elapsed <= 0) return -1;
    if (done >= 1) return 0;
    return elapsed * (1 - done) / done;
}

size_t lede_progress_format(char *buf, size_t size)
{
    char n[32], total[32];
    double elapsed = now() - P.phase_start;
    double mb = (double)P.bytes / 1048576.0;
    size_t o = 0;
    group(n, sizeof n, P.articles);
    if (P.total_articles) {
        group(total, sizeof total, P.total_articles);
        o = (size_t)snprintf(buf, size, "lede: %s %s/%s articles", P.phase ? P.phase : "",
                             n, total);
    } else {
        o = (size_t)snprintf(buf, size, "lede: %s %s articles", P.phase ? P.phase : "", n);
    }
    if (o < size && P.bytes)
        o += (size_t)snprintf(buf + o, size - o, ", %.1f MB", mb);
    if (o < size && P.bytes && elapsed > 0)
        o += (size_t)snprintf(buf + o, size - o, ", %.1f MB/s", mb / elapsed);
    double left = eta(elapsed);
    if (o < size && left >= 0) {
        long s = (long)(left + 0.5);
        if (s >= 3600)
            o += (size_t)snprintf(buf + o, size - o, ", ETA %ld:%02ld:%02ld", s / 3600,
                                  s / 60 % 60, s % 60);
        else
            o += (size_t)snprintf(buf + o, size - o, ", ETA %ld:%02ld", s / 60, s % 60);
    }
    return o < size ? o : size - 1;
}

void lede_progress_add(size_t articles, uint64_t bytes)
{
    if (!active()) return;
    P.articles += articles;
    P.bytes += bytes;
    if (P.total_articles && P.articles >= P.total_articles) {
        /* the phase is over: what comes next (a report's output, often on
         * the same terminal) starts on a clean line */
        lede_progress_clear();
        return;
    }
    double t = now();
    if (t - P.start < SHOW_AFTER || t - P.last_draw < REDRAW_EVERY) return;
    char line[160];
    lede_progress_format(line, sizeof line);
    fprintf(out(), "\r%s\033[K", line);
    fflush(out());
    P.shown = 1;
    P.last_draw = t;
}

void lede_progress_clear(void)
{
    if (!P.shown || !pthread_equal(pthread_self(), P.main_thread)) return;
    fputs("\r\033[K", out());
    fflush(out());
    P.shown = 0;
    P.last_draw = 0;   /* redraw at the next step, after the message */
}

void lede_progress_done(void)
{
    lede_progress_clear();
    P.enabled = 0;
}
