/*
 * parallel.c — loading on several threads with sequential results.
 *
 * The paths are first expanded, in exactly the order lede_corpus_add_path
 * reads them (folders sorted, recursively), into a list of tasks: one per
 * file, plus "diagnostic" tasks for folders that cannot be opened. Tasks
 * are then parsed in windows: the threads of a window take tasks from a
 * shared atomic counter, each into a corpus of its own whose diagnostics
 * are buffered; when the window is done, the main thread replays every
 * task in order — its diagnostics first, then its articles (adopted by the
 * target corpus, or handed to its sink and freed). So the output, the
 * warnings and their order are those of a one-thread run, and a streaming
 * run holds at most one window of articles in memory.
 *
 * The C core keeps no global mutable state (cJSON's error pointer is not
 * used: see corpus.c), so workers share nothing but the task counter.
 */
#include "lede/lede.h"
#include "walk.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    int level;
    long line, offset;
    char *path, *msg;
} diag_rec;

typedef struct {
    char *path;             /* file to read, or NULL for a diagnostic-only task */
    diag_rec *diags;        /* buffered diagnostics, in order */
    size_t ndiags, capdiags;
    lede_corpus *result;
    int failed;             /* the path itself could not be read */
    int top;                /* given on the command line (counts as a failed path) */
} task;

typedef struct {
    task *v;
    size_t n, cap;
} tasklist;

static int push_task(tasklist *tl, const char *path, int top)
{
    if (tl->n == tl->cap) {
        task *nv = lede_grow(tl->v, &tl->cap, sizeof *nv, 256);
        if (!nv) return -1;
        tl->v = nv;
    }
    task *t = &tl->v[tl->n];
    memset(t, 0, sizeof *t);
    t->top = top;
    if (path && !(t->path = strdup(path))) return -1;
    tl->n++;
    return 0;
}

static void record(task *t, int level, const char *path, long line, long offset, const char *msg)
{
    if (t->ndiags == t->capdiags) {
        diag_rec *nd = lede_grow(t->diags, &t->capdiags, sizeof *nd, 4);
        if (!nd) return;   /* a lost message beats a crash when memory is gone */
        t->diags = nd;
    }
    diag_rec *d = &t->diags[t->ndiags];
    d->level = level;
    d->line = line;
    d->offset = offset;
    d->path = path ? strdup(path) : NULL;
    d->msg = strdup(msg);
    if (!d->msg) {
        free(d->path);
        return;
    }
    t->ndiags++;
}

static void buffer_diag(void *ud, int level, const char *path, long line, long offset,
                        const char *msg)
{
    record(ud, level, path, line, offset, msg);
}

/* A diagnostic-only task at this point of the order. */
static int push_diag(tasklist *tl, int level, const char *path, const char *msg)
{
    if (push_task(tl, NULL, 0)) return -1;
    record(&tl->v[tl->n - 1], level, path, 0, -1, msg);
    return 0;
}

/* Expand a folder into tasks, in the order corpus.c reads it. */
static int expand_dir(tasklist *tl, const char *path, int depth, walk_seen *w)
{
    if (depth > 64) return push_diag(tl, LEDE_DIAG_ERROR, path, "folders nested too deep, skipped");
    char **names;
    size_t n;
    int lr = lede_list_dir(path, &names, &n);
    if (lr != 0) {
        if (push_task(tl, NULL, 0)) return -1;
        task *t = &tl->v[tl->n - 1];
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open folder: %s", lr == -1 ? strerror(errno) : "out of memory");
        record(t, LEDE_DIAG_ERROR, path, 0, -1, msg);
        t->failed = depth == 0;
        return 0;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *full = lede_path_join(path, names[i]);
        if (!full) { rc = -1; break; }
        struct stat cst;
        char msg[300];
        switch (walk_kind(full, &cst)) {
        case WALK_ERROR:
            snprintf(msg, sizeof msg, "cannot stat: %s", strerror(errno));
            rc = push_diag(tl, LEDE_DIAG_ERROR, full, msg);
            break;
        case WALK_LINKED_DIR:
            rc = push_diag(tl, LEDE_DIAG_WARNING, full, "a symbolic link to a folder, not followed");
            break;
        case WALK_DIR:
            if (walk_seen_before(w, &cst))
                rc = push_diag(tl, LEDE_DIAG_WARNING, full,
                               "a folder already read in this walk (a loop), skipped");
            else
                rc = expand_dir(tl, full, depth + 1, w);
            break;
        case WALK_FILE:
            rc = push_task(tl, full, 0);
            break;
        default:
            break;
        }
        free(full);
    }
    lede_list_free(names, n);
    return rc;
}

/* Expand a command-line path into tasks. */
static int expand(tasklist *tl, const char *path)
{
    if (strcmp(path, "-") == 0) return push_task(tl, path, 1);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return push_task(tl, path, 1);   /* the worker reads it or reports it */
    walk_seen w = { 0 };
    walk_seen_before(&w, &st);
    int rc = expand_dir(tl, path, 0, &w);
    walk_seen_free(&w);
    return rc;
}

typedef struct {
    tasklist *tl;
    size_t end;
    atomic_size_t next;
} window;

static void run_task(task *t)
{
    if (!t->path) return;
    lede_corpus *c = lede_corpus_new();
    if (!c) {
        record(t, LEDE_DIAG_ERROR, t->path, 0, -1, "out of memory");
        return;
    }
    c->diag = buffer_diag;
    c->diag_ud = t;
    if (lede_corpus_add_path(c, t->path) != 0) t->failed = 1;
    t->result = c;
}

static void *worker(void *arg)
{
    window *w = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&w->next, 1);
        if (i >= w->end) break;
        run_task(&w->tl->v[i]);
    }
    return NULL;
}

static void free_task(task *t)
{
    for (size_t i = 0; i < t->ndiags; i++) {
        free(t->diags[i].path);
        free(t->diags[i].msg);
    }
    free(t->diags);
    free(t->path);
    lede_corpus_free(t->result);
    memset(t, 0, sizeof *t);
}

size_t lede_corpus_add_paths_parallel(lede_corpus *c, char **paths, int npaths, int nthreads)
{
    if (nthreads < 1) nthreads = 1;
    if (nthreads > 64) nthreads = 64;
    tasklist tl = { 0 };
    size_t failed = 0;
    for (int i = 0; i < npaths; i++) {
        if (expand(&tl, paths[i]) != 0) {
            lede_diag(c, LEDE_DIAG_ERROR, paths[i], 0, -1, "out of memory");
            failed++;
        }
    }
    /* Windows bound the memory of a streaming run: at most this many
     * tasks' articles wait to be delivered in order. */
    size_t wsize = (size_t)nthreads * 16;
    for (size_t start = 0; start < tl.n; start += wsize) {
        window w;
        w.tl = &tl;
        w.end = start + wsize < tl.n ? start + wsize : tl.n;
        atomic_init(&w.next, start);
        pthread_t th[64];
        int started = 0;
        for (int k = 1; k < nthreads && w.end - start > 1; k++) {
            if (pthread_create(&th[started], NULL, worker, &w) == 0) started++;
        }
        worker(&w);                      /* the calling thread works too */
        for (int k = 0; k < started; k++) pthread_join(th[k], NULL);
        for (size_t i = start; i < w.end; i++) {
            task *t = &tl.v[i];
            for (size_t d = 0; d < t->ndiags; d++)
                lede_diag(c, t->diags[d].level, t->diags[d].path, t->diags[d].line,
                          t->diags[d].offset, "%s", t->diags[d].msg);
            if (t->result) {
                c->nrejected += t->result->nrejected;
                if (lede_corpus_adopt(c, t->result) != 0)
                    lede_diag(c, LEDE_DIAG_ERROR, t->path, 0, -1, "out of memory");
            }
            if (t->failed && t->top) failed++;
            free_task(t);
        }
    }
    free(tl.v);
    return failed;
}
