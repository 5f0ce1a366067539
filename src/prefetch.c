/*
 * prefetch.c — -j N for the rules: the threads behind lib/prefetch.lua
 * (which says when they run and how their results are used).
 *
 * run_workers(paths, budget) starts N threads and returns: each makes a
 * Lua state of its own (the same options), loads the rule files `paths`
 * and annotates the articles of a read-only view of the corpus, taking the
 * next one in order each time, leaving one string per article (its
 * annotations packed by lib.prefetch's encode), while
 * the script goes on (its report step overlaps the rules); take(i) waits
 * for article i only. (The main
 * state does not take a share itself: what it annotates is committed to
 * its articles, while a share done elsewhere stays a result the script
 * takes only if its rules are still those loaded when it asks.) Lua states
 * share nothing, and the C corpus is not changed while the workers read it.
 */
#include "host.h"
#include "lbind.h"
#include "watchdog.h"

#include <lauxlib.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const lede_host_opts *opts;
    lede_corpus *c;
} prefetch_ctx;

/* One run of the workers, shared by them and the main state (a userdata
 * whose __gc stops and joins them). */
typedef struct {
    const prefetch_ctx *p;
    char **paths;
    int npaths;
    double budget_ins, budget_secs;   /* the rules' per-article budget */
    size_t narticles;
    atomic_size_t next;    /* the next article (0-based) a worker takes */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char **out;            /* out[i]: article i's string (malloc'd), once done[i] */
    size_t *outlen;
    unsigned char *done;
    unsigned char *err;    /* out[i] is the time-limit error of its rules */
    int stop, running, nthreads;
    pthread_t th[64];
    int live;              /* the mutex and threads exist */
} run;

/* Push worker k's per-article function (lib.prefetch's worker) in L; 0 if
 * it cannot be made. */
static int worker_setup(lua_State *L, run *r)
{
    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.prefetch");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) return 0;
    lua_getfield(L, -1, "worker");
    lede_lua_push_corpus_view(L, r->p->c);
    lua_createtable(L, r->npaths, 0);
    for (int i = 0; i < r->npaths; i++) {
        lua_pushstring(L, r->paths[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_createtable(L, 0, 2);
    lua_pushnumber(L, r->budget_ins);
    lua_setfield(L, -2, "instructions");
    lua_pushnumber(L, r->budget_secs);
    lua_setfield(L, -2, "seconds");
    return lua_pcall(L, 3, 1, 0) == LUA_OK && lua_isfunction(L, -1);
}

/* Workers take the articles in order, so the script, which mostly asks
 * for them in order, seldom waits. A worker that cannot start or fails
 * leaves its articles to the main state, which annotates them when the
 * script asks, as with -j 1. */
static void *worker(void *arg)
{
    run *r = arg;
    lua_State *L = lede_host_new(r->p->opts);
    int ok = L && worker_setup(L, r);
    while (ok) {
        pthread_mutex_lock(&r->mu);
        int stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        size_t i = atomic_fetch_add(&r->next, 1);
        if (stop || i >= r->narticles) break;
        char *s = NULL;
        size_t len = 0;
        int err = 0;
        lua_pushvalue(L, -1);
        lua_pushinteger(L, (lua_Integer)i + 1);
        if (lua_pcall(L, 1, 2, 0) == LUA_OK) {
            /* false, error: a rule failed; only a time limit's error is
             * kept (see stream_ahead.c), the main state meets any other */
            err = lua_isboolean(L, -2);
            const char *v = err && !lede_watchdog_tripped() ? NULL : lua_tolstring(L, err ? -1 : -2, &len);
            if (v && (s = malloc(len + 1)) != NULL) memcpy(s, v, len + 1);
            lua_pop(L, 2);
        } else {
            lua_pop(L, 1);
        }
        pthread_mutex_lock(&r->mu);
        r->out[i] = s;
        r->err[i] = s && err;
        r->outlen[i] = s ? len : 0;
        r->done[i] = 1;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
    lede_host_close(L);
    pthread_mutex_lock(&r->mu);
    r->running--;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static void free_strings(char **v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Stop the workers (each finishes its article) and wait for them. */
static void finish_run(run *r)
{
    if (!r->live) return;
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_mutex_unlock(&r->mu);
    for (int k = 0; k < r->nthreads; k++) pthread_join(r->th[k], NULL);
    r->nthreads = 0;
}

static int run_gc(lua_State *L)
{
    run *r = lua_touserdata(L, 1);
    if (!r->live) return 0;
    finish_run(r);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    r->live = 0;
    free_strings(r->out, r->narticles);
    free(r->outlen);
    free(r->done);
    free(r->err);
    free_strings(r->paths, (size_t)r->npaths);
    r->out = NULL;
    return 0;
}

/* take(i) -> article i's string | false, error | nil (upvalue 1: the run).
 * Waits for its worker; nil when it failed or no worker will do it. */
static int l_take(lua_State *L)
{
    run *r = lua_touserdata(L, lua_upvalueindex(1));
    lua_Integer i = luaL_checkinteger(L, 1) - 1;
    if (!r->live || i < 0 || (size_t)i >= r->narticles) return 0;
    pthread_mutex_lock(&r->mu);
    while (!r->done[i] && r->running > 0 && !r->stop) pthread_cond_wait(&r->cv, &r->mu);
    char *s = r->done[i] ? r->out[i] : NULL;
    size_t len = r->outlen[i];
    int err = r->err[i];
    r->out[i] = NULL;
    pthread_mutex_unlock(&r->mu);
    if (!s) return 0;
    if (err) lua_pushboolean(L, 0);
    lua_pushlstring(L, s, len);
    free(s);
    return err ? 2 : 1;
}

/* finish(): stop the workers and wait for them (before the corpus changes). */
static int l_finish(lua_State *L)
{
    run *r = lua_touserdata(L, lua_upvalueindex(1));
    finish_run(r);
    return 0;
}

/* run_workers(paths, budget) -> take, finish (upvalue 1: prefetch_ctx;
 * budget: the rules' {instructions=, seconds=}): the workers start, and
 * run while the script goes on. */
static int l_run_workers(lua_State *L)
{
    const prefetch_ctx *p = lua_touserdata(L, lua_upvalueindex(1));
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    run *r = lua_newuserdatauv(L, sizeof *r, 0);          /* 3 */
    memset(r, 0, sizeof *r);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, run_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, 3);
    r->p = p;
    lua_getfield(L, 2, "instructions");
    r->budget_ins = lua_tonumber(L, -1);
    lua_getfield(L, 2, "seconds");
    r->budget_secs = lua_tonumber(L, -1);
    lua_pop(L, 2);
    size_t na = r->narticles = p->c->narticles;
    int n = p->opts->jobs > 64 ? 64 : p->opts->jobs;
    if ((size_t)n > na) n = (int)na;
    r->npaths = (int)luaL_len(L, 1);
    r->paths = calloc((size_t)r->npaths + 1, sizeof *r->paths);
    r->out = calloc(na + 1, sizeof *r->out);
    r->outlen = calloc(na + 1, sizeof *r->outlen);
    r->done = calloc(na + 1, 1);
    r->err = calloc(na + 1, 1);
    int ok = r->paths && r->out && r->outlen && r->done && r->err;
    for (int i = 0; ok && i < r->npaths; i++) {
        lua_rawgeti(L, 1, i + 1);
        const char *s = lua_tostring(L, -1);
        ok = s && (r->paths[i] = strdup(s)) != NULL;
        lua_pop(L, 1);
    }
    atomic_init(&r->next, 0);
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    r->live = 1;
    /* a share whose thread cannot start is annotated when asked */
    pthread_mutex_lock(&r->mu);
    for (int k = 0; ok && k < n; k++)
        if (pthread_create(&r->th[r->nthreads], NULL, worker, r) == 0) r->nthreads++;
    r->running = r->nthreads;
    pthread_mutex_unlock(&r->mu);
    lua_pushvalue(L, 3);
    lua_pushcclosure(L, l_take, 1);
    lua_pushvalue(L, 3);
    lua_pushcclosure(L, l_finish, 1);
    return 2;
}

int lede_host_prefetch(lua_State *L, lede_corpus *c, const lede_host_opts *opts)
{
    if (opts->jobs < 2 || c->narticles < 2) return 0;
    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.prefetch");
    if (lede_host_pcall(L, 1, 1) != LUA_OK) return -1;
    lua_getfield(L, -1, "arm");
    lua_getglobal(L, "corpus");
    prefetch_ctx *p = lua_newuserdatauv(L, sizeof *p, 0);
    p->opts = opts;
    p->c = c;
    lua_pushcclosure(L, l_run_workers, 1);
    int rc = lede_host_pcall(L, 2, 0) == LUA_OK ? 0 : -1;
    lua_pop(L, 1);
    return rc;
}
