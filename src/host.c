/*
 * host.c — the Lua host: state set-up, script lookup, error reporting.
 */
#include "host.h"
#include "lbind.h"

#include <lauxlib.h>
#include <lualib.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef LEDE_DATADIR
#define LEDE_DATADIR "/usr/local/share/lede"
#endif

/* Directory of the running executable (via /proc, falling back on argv0). */
static char *exe_dir(const char *argv0)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
    } else if (argv0 && strchr(argv0, '/') && realpath(argv0, buf)) {
        /* buf filled by realpath */
    } else {
        return NULL;
    }
    char *slash = strrchr(buf, '/');
    if (!slash) return NULL;
    *slash = '\0';
    return strdup(buf);
}

static int is_dir(const char *p)
{
    return access(p, R_OK | X_OK) == 0;
}

int lede_host_roots(const char *argv0, const char **roots, int max)
{
    static const char *cache[32];
    static int ncache = -1;
    if (ncache < 0) {
        ncache = 0;
        const char *env = getenv("LEDE_PATH");
        if (env && *env) {
            char *copy = strdup(env);
            char *save = NULL;
            for (char *tok = copy ? strtok_r(copy, ":", &save) : NULL; tok && ncache < 28;
                 tok = strtok_r(NULL, ":", &save))
                if (*tok) cache[ncache++] = strdup(tok);
            free(copy);
        }
        char *dir = exe_dir(argv0);
        if (dir) {
            char *a = malloc(strlen(dir) + 32);
            char *b = malloc(strlen(dir) + 32);
            if (a && b) {
                sprintf(a, "%s/scripts", dir);
                sprintf(b, "%s/../share/lede/scripts", dir);
                if (is_dir(a)) cache[ncache++] = a; else free(a);
                if (is_dir(b)) cache[ncache++] = b; else free(b);
            } else {
                free(a);
                free(b);
            }
            free(dir);
        }
        cache[ncache++] = LEDE_DATADIR "/scripts";
    }
    int n = ncache < max ? ncache : max;
    for (int i = 0; i < n; i++) roots[i] = cache[i];
    return n;
}

char *lede_host_find(const char *argv0, const char *sub, const char *name)
{
    const char *roots[32];
    int n = lede_host_roots(argv0, roots, 32);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(roots[i]) + strlen(sub) + strlen(name) + 8;
        char *p = malloc(len);
        if (!p) return NULL;
        snprintf(p, len, "%s/%s/%s.lua", roots[i], sub, name);
        if (access(p, R_OK) == 0) return p;
        free(p);
    }
    return NULL;
}

static int msgh(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int lede_host_pcall(lua_State *L, int nargs, int nresults)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    int st = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (st != LUA_OK) {
        fprintf(stderr, "lede: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return st;
}

lua_State *lede_host_new(const lede_host_opts *opts)
{
    lua_State *L = luaL_newstate();
    if (!L) return NULL;
    luaL_openlibs(L);
    luaL_requiref(L, "lede", luaopen_lede, 1);
    lua_getfield(L, -1, "options");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "options");
    }
    lua_pushstring(L, opts->output ? opts->output : "text");
    lua_setfield(L, -2, "output");
    lua_pushboolean(L, opts->quiet);
    lua_setfield(L, -2, "quiet");
    lua_pop(L, 2);

    /* package.path: <root>/?.lua;<root>/?/init.lua for each script root,
     * ahead of Lua's defaults, so `require "lede.output"` finds ours. */
    const char *roots[32];
    int n = lede_host_roots(opts->argv0, roots, 32);
    luaL_Buffer b;
    lua_getglobal(L, "package");
    luaL_buffinit(L, &b);
    for (int i = 0; i < n; i++) {
        luaL_addstring(&b, roots[i]);
        luaL_addstring(&b, "/?.lua;");
        luaL_addstring(&b, roots[i]);
        luaL_addstring(&b, "/?/init.lua;");
    }
    lua_getfield(L, -2, "path");
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    lua_setfield(L, -2, "path");
    lua_pop(L, 1);
    return L;
}

static void quiet_diag(void *ud, int level, const char *path, long line,
                       long offset, const char *msg)
{
    (void)ud; (void)path; (void)line; (void)offset; (void)msg;
    if (level == LEDE_DIAG_ERROR && path)
        fprintf(stderr, "lede: %s: error: %s\n", path, msg);
}

lede_corpus *lede_host_load(const lede_host_opts *opts, char **paths, int npaths,
                            size_t *input_errors)
{
    lede_corpus *c = lede_corpus_new();
    if (!c) return NULL;
    if (opts->quiet) c->diag = quiet_diag;
    c->sink = opts->sink;
    c->sink_ud = opts->sink_ud;
    size_t failed = 0;
    for (int i = 0; i < npaths; i++)
        if (lede_corpus_add_path(c, paths[i]) != 0) failed++;
    /* Errors inside a folder (unreadable file) count as input errors too. */
    *input_errors = failed > c->nerrors ? failed : c->nerrors;
    return c;
}

int lede_host_run_file(lua_State *L, const char *path, char **script_args, int nargs)
{
    lua_createtable(L, nargs, 1);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < nargs; i++) {
        lua_pushstring(L, script_args[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setglobal(L, "arg");

    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "lede: %s: cannot open script: %s\n", path, strerror(errno));
        return LEDE_EXIT_USAGE;
    }
    fclose(f);
    if (luaL_loadfile(L, path) != LUA_OK) {
        fprintf(stderr, "lede: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
        return LEDE_EXIT_SCRIPT;
    }
    for (int i = 0; i < nargs; i++) lua_pushstring(L, script_args[i]);
    if (lede_host_pcall(L, nargs, 0) != LUA_OK) return LEDE_EXIT_SCRIPT;
    return LEDE_EXIT_OK;
}
