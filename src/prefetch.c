/*
 * prefetch.c — -j N for the rules: the threads behind lib/prefetch.lua
 * (which says when they run and how their results are used).
 *
 * run_workers(paths, budget) starts N threads; thread k makes a Lua state
 * of its own (the same options), loads the rule files `paths` and annotates
 * articles k, k + N, ... of a read-only view of the corpus, leaving one
 * JSON text per article; the calling thread waits for them. (The main
 * state does not take a share itself: what it annotates is committed to
 * its articles, while a share done elsewhere stays a result the script
 * takes only if its rules are still those loaded when it asks.) Lua states
 * share nothing, and the C corpus is not changed while the workers read it.
 */
#include "host.h"
#include "lbind.h"

#include <lauxlib.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const lede_host_opts *opts;
    lede_corpus *c;
} prefetch_ctx;

typedef struct {
    const prefetch_ctx *p;
    char **paths;
    int npaths;
    int k, n;
    double budget_ins, budget_secs;   /* the rules' per-article budget */
    size_t narticles;
    char **out;          /* out[i] for article i (0-based), malloc'd */
} job;

static void collect(lua_State *L, job *j)
{
    for (size_t i = (size_t)j->k; i <= j->narticles; i += (size_t)j->n) {
        lua_rawgeti(L, -1, (lua_Integer)i);
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (s && (j->out[i - 1] = malloc(len + 1)) != NULL) memcpy(j->out[i - 1], s, len + 1);
        lua_pop(L, 1);
    }
}

/* A worker that cannot start or fails leaves its articles to the main
 * state, which annotates them when the script asks, as with -j 1. */
static void *worker(void *arg)
{
    job *j = arg;
    lua_State *L = lede_host_new(j->p->opts);
    if (!L) return NULL;
    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.prefetch");
    if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
        lua_getfield(L, -1, "worker");
        lede_lua_push_corpus_view(L, j->p->c);
        lua_pushinteger(L, j->k);
        lua_pushinteger(L, j->n);
        lua_createtable(L, j->npaths, 0);
        for (int i = 0; i < j->npaths; i++) {
            lua_pushstring(L, j->paths[i]);
            lua_rawseti(L, -2, i + 1);
        }
        lua_createtable(L, 0, 2);
        lua_pushnumber(L, j->budget_ins);
        lua_setfield(L, -2, "instructions");
        lua_pushnumber(L, j->budget_secs);
        lua_setfield(L, -2, "seconds");
        if (lua_pcall(L, 5, 1, 0) == LUA_OK) collect(L, j);
    }
    lede_host_close(L);
    return NULL;
}

static void free_strings(char **v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* run_workers(paths, budget) -> { [i] = JSON } (upvalue 1: prefetch_ctx;
 * budget: the rules' {instructions=, seconds=}). */
static int l_run_workers(lua_State *L)
{
    const prefetch_ctx *p = lua_touserdata(L, lua_upvalueindex(1));
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "instructions");
    double bins = lua_tonumber(L, -1);
    lua_getfield(L, 2, "seconds");
    double bsecs = lua_tonumber(L, -1);
    lua_pop(L, 2);
    size_t na = p->c->narticles;
    int n = p->opts->jobs;
    if ((size_t)n > na) n = (int)na;
    if (n < 1) n = 1;
    int np = (int)luaL_len(L, 1);
    char **paths = calloc((size_t)np + 1, sizeof *paths);
    char **out = calloc(na + 1, sizeof *out);
    job *jobs = calloc((size_t)n, sizeof *jobs);
    pthread_t *th = calloc((size_t)n, sizeof *th);
    int ok = paths && out && jobs && th;
    for (int i = 0; ok && i < np; i++) {
        lua_rawgeti(L, 1, i + 1);
        const char *s = lua_tostring(L, -1);
        ok = s && (paths[i] = strdup(s)) != NULL;
        lua_pop(L, 1);
    }
    /* a share whose thread cannot start is annotated when asked */
    int started = 0;
    for (int k = 0; ok && k < n; k++) {
        jobs[k] = (job){ p, paths, np, k + 1, n, bins, bsecs, na, out };
        if (pthread_create(&th[started], NULL, worker, &jobs[k]) == 0) started++;
    }
    for (int k = 0; k < started; k++) pthread_join(th[k], NULL);
    free(jobs);
    free(th);
    free_strings(paths, (size_t)np);
    lua_createtable(L, 0, (int)na);
    for (size_t i = 0; out && i < na; i++) {
        if (!out[i]) continue;
        lua_pushstring(L, out[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    free_strings(out, na);
    return 1;
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
