/*
 * stream_ahead.c — -j N over a stream (lede extract, run --stream): a
 * window of articles read ahead and run through the rules by worker
 * threads, handed to the script in input order. lib/prefetch.lua says
 * when it starts and how its results are used.
 *
 * The main thread does all the reading (lede_stream_read: the stream and
 * its folders, files and counts are touched by that one thread): each
 * time the script asks for an article, it tops the window up to WINDOW
 * articles, then waits for the oldest one's worker. A worker takes the
 * next article of the window in order, runs the rule files on it in a
 * Lua state of its own (lib.prefetch's stream_worker) and leaves one or
 * two strings: the annotations (packed, lib.prefetch), or in extract's mode the
 * article's output line and its warnings. The article, with the
 * diagnostics its reading gave (buffered meanwhile, so warnings keep the
 * order of a one-thread run) and the counts as of its reading, is then
 * handed out; its result waits to be taken (take) by the main state's
 * rules hook. An article is only read by a worker while it is in the
 * window and before it is handed out, so the main state and a worker
 * never share one.
 *
 * Memory: at most WINDOW articles, and the results of the last WINDOW
 * handed out.
 */
#include "host.h"
#include "lbind.h"
#include "stream_source.h"
#include "watchdog.h"

#include <lauxlib.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32          /* articles read ahead at most */
#define MAX_THREADS 64

typedef struct {
    int level;
    long line, offset;
    char *path, *msg;
} diag_rec;

typedef struct {
    char *s[2];            /* the worker's strings (NULL: none) */
    size_t len[2];
    int err;               /* s[1] is the error that stopped the worker's rules */
} result;

typedef struct {
    lede_corpus *c;        /* NULL in the end slot */
    diag_rec *diags;       /* given while reading it, in order */
    size_t ndiags, capdiags;
    size_t counts[4];      /* the stream's counts once it was read */
    result r;
    int done;              /* its worker has finished with it */
    int end;               /* the stream ended here */
} slot;

typedef struct {
    const lede_article *a; /* an article handed out, with its result */
    result r;
} given;

typedef struct ahead {
    lede_stream *s;
    const lede_host_opts *opts;
    char **paths;
    int npaths;
    double budget_ins, budget_secs;
    char *fields;          /* extract's mode: its --fields (or "") */
    int records;           /* extract's mode: workers make output lines */
    lede_diag_fn diag;     /* the stream's own diagnostics */
    void *diag_ud;
    slot *reading;         /* the slot being read (its diagnostics) */
    slot ring[WINDOW];
    size_t head, tail;     /* next to hand out, next to read into */
    size_t work;           /* next a worker takes */
    int ended;             /* the end slot has been read */
    int stop, running, nthreads;
    pthread_t th[MAX_THREADS];
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
    given recent[WINDOW];  /* the last articles handed out */
    size_t nhanded;
} ahead;

static void free_result(result *r)
{
    free(r->s[0]);
    free(r->s[1]);
    memset(r, 0, sizeof *r);
}

static void buffer_diag(void *ud, int level, const char *path, long line, long offset,
                        const char *msg)
{
    ahead *h = ud;
    slot *sl = h->reading;
    if (!sl) {                    /* not while reading: give it now */
        h->diag(h->diag_ud, level, path, line, offset, msg);
        return;
    }
    if (sl->ndiags == sl->capdiags) {
        diag_rec *nd = lede_grow(sl->diags, &sl->capdiags, sizeof *nd, 4);
        if (!nd) return;          /* a lost message beats a crash when memory is gone */
        sl->diags = nd;
    }
    diag_rec *d = &sl->diags[sl->ndiags];
    *d = (diag_rec){ level, line, offset, path ? strdup(path) : NULL, strdup(msg) };
    if (!d->msg) {
        free(d->path);
        return;
    }
    sl->ndiags++;
}

static void clear_diags(slot *sl, const ahead *h)
{
    for (size_t i = 0; i < sl->ndiags; i++) {
        if (h) {
            const diag_rec *d = &sl->diags[i];
            h->diag(h->diag_ud, d->level, d->path, d->line, d->offset, d->msg);
        }
        free(sl->diags[i].path);
        free(sl->diags[i].msg);
    }
    free(sl->diags);
    sl->diags = NULL;
    sl->ndiags = sl->capdiags = 0;
}

/* ------------------------------------------------------------- workers */

/* Push the worker's per-article function (lib.prefetch's stream_worker)
 * in a new state; 0 if it cannot be made. */
static int worker_setup(lua_State *L, const ahead *h)
{
    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.prefetch");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) return 0;
    lua_getfield(L, -1, "stream_worker");
    lua_createtable(L, h->npaths, 0);
    for (int i = 0; i < h->npaths; i++) {
        lua_pushstring(L, h->paths[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_createtable(L, 0, 2);
    lua_pushnumber(L, h->budget_ins);
    lua_setfield(L, -2, "instructions");
    lua_pushnumber(L, h->budget_secs);
    lua_setfield(L, -2, "seconds");
    if (h->records) lua_pushstring(L, h->fields);
    else lua_pushnil(L);
    if (lua_pcall(L, 3, 1, 0) != LUA_OK || !lua_isfunction(L, -1)) return 0;
    return 1;
}

static void keep_string(lua_State *L, int idx, result *r, int k)
{
    size_t len;
    const char *v = lua_tolstring(L, idx, &len);
    if (v && (r->s[k] = malloc(len + 1)) != NULL) {
        memcpy(r->s[k], v, len + 1);
        r->len[k] = len;
    }
}

/* Run the function on top of L over the article of c; its strings go to r.
 * When a rule fails, none: the main state annotates the article itself and
 * meets the error; but a time limit that is up (the watchdog) stops the
 * worker's rules wherever they are, so that error is kept and raised as
 * the article's (-j 1 would have been stopped there). */
static void work_on(lua_State *L, lede_corpus *c, result *r)
{
    lua_pushvalue(L, -1);
    lede_lua_push_corpus_view(L, c);
    if (lua_pcall(L, 1, 2, 0) != LUA_OK) {
        lua_pop(L, 1);
        return;
    }
    if (lua_isboolean(L, -2)) {
        if (lede_watchdog_tripped()) {
            keep_string(L, -1, r, 1);
            r->err = r->s[1] != NULL;
        }
    } else {
        for (int k = 0; k < 2; k++) keep_string(L, k - 2, r, k);
    }
    lua_pop(L, 2);
}

static void *worker(void *arg)
{
    ahead *h = arg;
    lua_State *L = lede_host_new(h->opts);
    int ok = L && worker_setup(L, h);
    pthread_mutex_lock(&h->mu);
    while (ok) {
        while (!h->stop && h->work == h->tail) pthread_cond_wait(&h->cv_work, &h->mu);
        slot *sl = &h->ring[h->work % WINDOW];
        if (h->stop || sl->end) break;
        h->work++;
        pthread_mutex_unlock(&h->mu);
        result r = { { NULL, NULL }, { 0, 0 }, 0 };
        work_on(L, sl->c, &r);
        pthread_mutex_lock(&h->mu);
        sl->r = r;
        sl->done = 1;
        pthread_cond_broadcast(&h->cv_done);
    }
    h->running--;
    pthread_cond_broadcast(&h->cv_done);
    pthread_mutex_unlock(&h->mu);
    lede_host_close(L);
    return NULL;
}

/* --------------------------------------------------------- main thread */

/* Read the next article into the window. */
static void read_one(ahead *h)
{
    slot *sl = &h->ring[h->tail % WINDOW];
    memset(sl, 0, sizeof *sl);
    h->reading = sl;
    lede_corpus *c = lede_stream_read(h->s);
    h->reading = NULL;
    lede_stream_read_counts(h->s, sl->counts);
    pthread_mutex_lock(&h->mu);
    sl->c = c;
    if (!c) sl->end = h->ended = 1;
    h->tail++;
    pthread_cond_signal(&h->cv_work);
    pthread_mutex_unlock(&h->mu);
}

static void fill(ahead *h)
{
    while (!h->ended && h->tail - h->head < WINDOW) read_one(h);
}

/* lede_stream_next: the oldest article of the window, once its worker is
 * done with it (or no worker is left to do it). */
static lede_corpus *next_article(void *ud)
{
    ahead *h = ud;
    fill(h);
    if (h->head == h->tail) return NULL;   /* the end was handed out already */
    slot *sl = &h->ring[h->head % WINDOW];
    pthread_mutex_lock(&h->mu);
    while (!sl->end && !sl->done && h->running > 0) pthread_cond_wait(&h->cv_done, &h->mu);
    pthread_mutex_unlock(&h->mu);
    clear_diags(sl, h);
    lede_stream_show_counts(h->s, sl->counts);
    lede_corpus *c = sl->c;
    if (sl->end) return NULL;              /* stays: every later call ends too */
    given *g = &h->recent[h->nhanded++ % WINDOW];
    free_result(&g->r);
    g->a = c->articles[0];
    g->r = sl->r;
    memset(&sl->r, 0, sizeof sl->r);
    sl->c = NULL;
    sl->done = 0;
    h->head++;
    return c;
}

static void stop_workers(ahead *h)
{
    pthread_mutex_lock(&h->mu);
    h->stop = 1;
    pthread_cond_broadcast(&h->cv_work);
    pthread_mutex_unlock(&h->mu);
    for (int k = 0; k < h->nthreads; k++) pthread_join(h->th[k], NULL);
    h->nthreads = 0;
}

static void finish(void *ud)
{
    ahead *h = ud;
    stop_workers(h);
    for (size_t i = h->head; i < h->tail; i++) {
        slot *sl = &h->ring[i % WINDOW];
        clear_diags(sl, NULL);         /* read ahead, never handed out: unsaid */
        free_result(&sl->r);
        lede_corpus_free(sl->c);
    }
    for (size_t i = 0; i < WINDOW; i++) free_result(&h->recent[i].r);
    for (int i = 0; i < h->npaths; i++) free(h->paths[i]);
    free(h->paths);
    free(h->fields);
    pthread_mutex_destroy(&h->mu);
    pthread_cond_destroy(&h->cv_work);
    pthread_cond_destroy(&h->cv_done);
    free(h);
}

/* ------------------------------------------------------- Lua functions */

typedef struct {
    lede_stream *s;
    const lede_host_opts *opts;
    ahead *h;              /* once started */
} handle;

/* start(paths, budget [, fields]): start the workers on the rule files
 * paths with the rules' budget, from the stream's next article; with
 * fields (a string, "" for all), in extract's mode. Returns true, or false
 * if they could not start (the main state then does everything). */
static int l_start(lua_State *L)
{
    handle *hd = lua_touserdata(L, lua_upvalueindex(1));
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    if (hd->h) return luaL_error(L, "the -j workers are already started");
    ahead *h = calloc(1, sizeof *h);
    int np = (int)luaL_len(L, 1);
    if (!h || !(h->paths = calloc((size_t)np + 1, sizeof *h->paths))) {
        free(h);
        lua_pushboolean(L, 0);
        return 1;
    }
    h->npaths = np;
    for (int i = 0; i < np; i++) {
        lua_rawgeti(L, 1, i + 1);
        const char *p = lua_tostring(L, -1);
        h->paths[i] = p ? strdup(p) : NULL;
        lua_pop(L, 1);
    }
    lua_getfield(L, 2, "instructions");
    h->budget_ins = lua_tonumber(L, -1);
    lua_getfield(L, 2, "seconds");
    h->budget_secs = lua_tonumber(L, -1);
    lua_pop(L, 2);
    if (lua_isstring(L, 3)) {
        h->records = 1;
        h->fields = strdup(lua_tostring(L, 3));
    }
    h->s = hd->s;
    h->opts = hd->opts;
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->cv_work, NULL);
    pthread_cond_init(&h->cv_done, NULL);
    lede_stream_set_diag(h->s, buffer_diag, h, &h->diag, &h->diag_ud);
    lede_stream_set_source(h->s, next_article, finish, h);
    int n = hd->opts->jobs > MAX_THREADS ? MAX_THREADS : hd->opts->jobs;
    pthread_mutex_lock(&h->mu);
    for (int k = 0; k < n; k++)
        if (pthread_create(&h->th[h->nthreads], NULL, worker, h) == 0) h->nthreads++;
    h->running = h->nthreads;
    pthread_mutex_unlock(&h->mu);
    hd->h = h;
    /* counts as of the article the script has now: the window is read on */
    size_t v[4];
    lede_stream_read_counts(h->s, v);
    lede_stream_show_counts(h->s, v);
    fill(h);
    lua_pushboolean(L, h->nthreads > 0);
    return 1;
}

/* take(article) -> s1, s2 | false, error | nil: the worker's strings for
 * an article handed out lately, or the time-limit error that stopped its
 * rules (each given once). */
static int l_take(lua_State *L)
{
    handle *hd = lua_touserdata(L, lua_upvalueindex(1));
    const lede_article *a = lede_lua_toarticle(L, 1);
    ahead *h = hd->h;
    if (!h || !a) return 0;
    for (size_t k = 0; k < WINDOW && k < h->nhanded; k++) {
        given *g = &h->recent[(h->nhanded - 1 - k) % WINDOW];
        if (g->a != a || !(g->r.s[0] || g->r.err)) continue;
        if (g->r.err) lua_pushboolean(L, 0);
        else lua_pushlstring(L, g->r.s[0], g->r.len[0]);
        if (g->r.s[1]) lua_pushlstring(L, g->r.s[1], g->r.len[1]);
        else lua_pushnil(L);
        free_result(&g->r);
        g->a = NULL;
        return 2;
    }
    return 0;
}

int lede_host_prefetch_stream(lua_State *L, lede_stream *s, const lede_host_opts *opts)
{
    if (opts->jobs < 2) return 0;
    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.prefetch");
    if (lede_host_pcall(L, 1, 1) != LUA_OK) return -1;
    lua_getfield(L, -1, "arm_stream");
    handle *hd = lua_newuserdatauv(L, sizeof *hd, 0);
    *hd = (handle){ s, opts, NULL };
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_start, 1);
    lua_insert(L, -2);
    lua_pushcclosure(L, l_take, 1);
    int rc = lede_host_pcall(L, 2, 0) == LUA_OK ? 0 : -1;
    lua_pop(L, 1);
    return rc;
}
