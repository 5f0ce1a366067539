/*
 * host.c — the Lua host: state set-up, script lookup, error reporting.
 */
#include "progress.h"
#include "host.h"
#include "lua/lua_pool.h"
#include "lbind.h"
#include "lede_mem.h"
#include "watchdog.h"

#include <lauxlib.h>
#include <lualib.h>

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* Is path inside the bundled or installed scripts (not a LEDE_PATH root)? */
int lede_host_trusted(const char *argv0, const char *path)
{
    char real[PATH_MAX], root[PATH_MAX];
    if (!realpath(path, real)) return 0;
    const char *cands[3];
    int n = 0;
    char *dir = exe_dir(argv0);
    char a[PATH_MAX], b[PATH_MAX];
    if (dir) {
        snprintf(a, sizeof a, "%s/scripts", dir);
        snprintf(b, sizeof b, "%s/../share/lede/scripts", dir);
        cands[n++] = a;
        cands[n++] = b;
        free(dir);
    }
    cands[n++] = LEDE_DATADIR "/scripts";
    for (int i = 0; i < n; i++) {
        if (!realpath(cands[i], root)) continue;
        size_t len = strlen(root);
        if (strncmp(real, root, len) == 0 && (real[len] == '/' || real[len] == '\0')) return 1;
    }
    return 0;
}

const char *lede_host_untrusted_root(const char *argv0)
{
    const char *roots[32];
    int n = lede_host_roots(argv0, roots, 32);
    char real[PATH_MAX];
    for (int i = 0; i < n; i++)
        if (realpath(roots[i], real) && !lede_host_trusted(argv0, roots[i])) return roots[i];
    return NULL;
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
        lede_progress_clear();
        const char *limit = lede_host_limit_message(L);
        if (limit) fprintf(stderr, "lede: %s\n", limit);
        else fprintf(stderr, "lede: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return st;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted *.lua names in dir (malloc'd array of malloc'd names). */
static char **lua_files_in(const char *dir, int *count)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **names = NULL;
    int n = 0;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0) continue;
        if ((size_t)n == cap) {
            char **nn = lede_grow(names, &cap, sizeof *nn, 16);
            if (!nn) break;
            names = nn;
        }
        if ((names[n] = strdup(e->d_name)) != NULL) n++;
    }
    closedir(d);
    if (n > 1) qsort(names, (size_t)n, sizeof *names, cmp_cstr);
    *count = n;
    return names;
}

/* Default rules: every <root>/rules/NAME.lua, in file-name order; a file in
 * an earlier root (LEDE_PATH) replaces the same name in a later one, so a
 * user overrides one bundled rule by dropping a file of that name. */
static int push_rule_files(lua_State *L, const char **roots, int nroots, int k)
{
    lua_newtable(L);                 /* name -> true, seen */
    int seen = lua_gettop(L);
    char **all = NULL;
    int nall = 0;
    for (int r = 0; r < nroots; r++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/rules", roots[r]);
        int cnt;
        char **names = lua_files_in(dir, &cnt);
        for (int i = 0; i < cnt; i++) {
            if (lua_getfield(L, seen, names[i]) == LUA_TNIL) {
                lua_pushboolean(L, 1);
                lua_setfield(L, seen, names[i]);
                char **na = realloc(all, (size_t)(nall + 1) * sizeof *na);
                size_t len = strlen(dir) + strlen(names[i]) + 2;
                char *full = malloc(len);
                if (na && full) {
                    all = na;
                    snprintf(full, len, "%s/%s", dir, names[i]);
                    all[nall++] = full;
                } else {
                    if (na) all = na;
                    free(full);
                }
            }
            lua_pop(L, 1);
            free(names[i]);
        }
        free(names);
    }
    lua_pop(L, 1);
    /* Order by file name (NN_ prefix), not by root. */
    for (int i = 1; i < nall; i++)
        for (int j = i; j > 0; j--) {
            const char *a = strrchr(all[j - 1], '/') + 1, *b = strrchr(all[j], '/') + 1;
            if (strcmp(a, b) <= 0) break;
            char *t = all[j]; all[j] = all[j - 1]; all[j - 1] = t;
        }
    for (int i = 0; i < nall; i++) {
        lua_pushstring(L, all[i]);
        lua_rawseti(L, -2, ++k);
        free(all[i]);
    }
    free(all);
    return k;
}

/* --rules PATH: a file, or a folder of *.lua files in name order. */
static int push_user_rules(lua_State *L, const char *path, int k)
{
    int cnt;
    char **names = lua_files_in(path, &cnt);
    if (!names && cnt == 0) {
        DIR *d = opendir(path);
        if (d) { closedir(d); return k; }   /* an empty folder */
        lua_pushstring(L, path);
        lua_rawseti(L, -2, ++k);
        return k;
    }
    for (int i = 0; i < cnt; i++) {
        lua_pushfstring(L, "%s/%s", path, names[i]);
        lua_rawseti(L, -2, ++k);
        free(names[i]);
    }
    free(names);
    return k;
}

/* ------------------------------------------------------------- limits */

/* Every state gets this allocator: it counts the bytes Lua holds and
 * refuses to go past the limit (Lua then raises "not enough memory", which
 * the host turns into a message naming the limit). Blocks come from the
 * state's own small-block pool (lua/lua_pool.h). */
typedef struct {
    lede_pool pool;
    int no_pool;            /* LEDE_NO_POOL set: plain malloc, for valgrind */
    size_t used, limit;
    int hit;
    unsigned long long steps, max_steps;
    int steps_hit;
    int sandbox;            /* text chunks only: see apply_sandbox */
    size_t ext_at_gc;       /* lede_mem_counted() after the last forced collection */
    double max_seconds, max_cpu;   /* the watchdog's limits for a script run here */
    /* lede.budget: stop the function it runs at this step count or this
     * time on the monotonic clock (0: no such limit); hit says which */
    unsigned long long budget_end;
    double budget_deadline;
    int budget_hit;         /* 1 instructions, 2 time */
    int every;              /* the count hook's period, instructions */
} limits;

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    limits *lim = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        if (lim->no_pool) free(ptr);
        else lede_pool_realloc(&lim->pool, ptr, osize, 0);
        lim->used -= old;
        return NULL;
    }
    /* the limit counts the corpora and file buffers too (lede_mem.h) */
    if (lim->limit && nsize > old && lim->used - old + nsize + lede_mem_counted() > lim->limit) {
        lim->hit = 1;
        return NULL;
    }
    void *np = lim->no_pool ? realloc(ptr, nsize) : lede_pool_realloc(&lim->pool, ptr, osize, nsize);
    if (np) lim->used = lim->used - old + nsize;
    return np;
}

static limits *state_limits(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

static int state_sandboxed(lua_State *L)
{
    void *ud = NULL;
    return lua_getallocf(L, &ud) == limited_alloc && ((limits *)ud)->sandbox;
}

#define STEP_GRAIN 10000

/* The hook runs every `every` instructions (STEP_GRAIN, or 1 once a
 * limit is reached). */
static void count_hook(lua_State *L, lua_Debug *ar);

static void hook_every(lua_State *L, limits *lim, int every)
{
    if (lim->every == every) return;
    lim->every = every;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, every);
}

/* Every STEP_GRAIN instructions: the instruction limit, the watchdog's
 * flag (a time limit is up) and the budget of lede.budget. Once one is
 * reached, the hook runs at every instruction and raises its error each
 * time, so a script that catches it with pcall cannot run a single Lua
 * instruction more: the error reaches the host (or lede.budget). */
static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    limits *lim = state_limits(L);
    lim->steps += (unsigned long long)lim->every;
    char msg[96];   /* lua_pushfstring has no %llu */
    const char *why = NULL;
    int w;
    if (lim->max_steps && lim->steps > lim->max_steps) {
        lim->steps_hit = 1;
        snprintf(msg, sizeof msg, "instruction limit reached (--max-instructions %llu)",
                 lim->max_steps);
        why = msg;
    } else if ((w = lede_watchdog_tripped()) != 0) {
        why = lede_watchdog_reason(w);
    } else if (lim->budget_end && lim->steps >= lim->budget_end) {
        lim->budget_hit = 1;
        why = "stopped by its budget";
    } else if (lim->budget_deadline > 0 && lede_monotonic() >= lim->budget_deadline) {
        lim->budget_hit = 2;
        why = "stopped by its budget";
    }
    if (!why) {
        hook_every(L, lim, STEP_GRAIN);
        return;
    }
    hook_every(L, lim, 1);
    luaL_error(L, "%s", why);
}

/* lede.budget(limits, fn, ...) -> true, results... | false, err [, stopped]:
 * fn(...) in protected mode, stopped once it has run limits.instructions
 * Lua instructions (to within STEP_GRAIN) or limits.seconds of wall clock;
 * stopped then says so ("after N instructions", "after S s"). A budget
 * inside a budget ends no later than the outer one. */
static int l_budget(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_getfield(L, 1, "instructions");
    lua_Number ins = luaL_optnumber(L, -1, 0);
    lua_getfield(L, 1, "seconds");
    lua_Number secs = luaL_optnumber(L, -1, 0);
    lua_pop(L, 2);
    limits *lim = state_limits(L);
    unsigned long long old_end = lim->budget_end;
    double old_deadline = lim->budget_deadline;
    int old_hit = lim->budget_hit;
    if (ins >= 1) {
        unsigned long long end = lim->steps + (ins < 1e18 ? (unsigned long long)ins : 1000000000000000000ULL);
        lim->budget_end = old_end && old_end < end ? old_end : end;
    }
    if (secs > 0) {
        double dl = lede_monotonic() + secs;
        lim->budget_deadline = old_deadline > 0 && old_deadline < dl ? old_deadline : dl;
    }
    lim->budget_hit = 0;
    lua_remove(L, 1);
    int st = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    int hit = lim->budget_hit;
    hook_every(L, lim, STEP_GRAIN);     /* the outer budget, if over, trips again */
    lim->budget_end = old_end;
    lim->budget_deadline = old_deadline;
    lim->budget_hit = old_hit;
    if (st == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, 1);
        return lua_gettop(L);
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    if (!hit) return 2;
    char why[64];
    if (hit == 1) snprintf(why, sizeof why, "after %.0f instructions", (double)ins);
    else snprintf(why, sizeof why, "after %g s", (double)secs);
    lua_pushstring(L, why);
    return 3;
}

const char *lede_host_limit_message(lua_State *L)
{
    static char msg[160];
    limits *lim = state_limits(L);
    if (lim->hit) {
        snprintf(msg, sizeof msg,
                 "the script reached the memory limit of %zu MB (--max-memory), counting Lua's "
                 "heap, corpora and file buffers", lim->limit >> 20);
        return msg;
    }
    return NULL;
}

int lede_host_check_memory(lua_State *L)
{
    void *ud = NULL;
    if (lua_getallocf(L, &ud) != limited_alloc) return 0;   /* not a host state */
    limits *lim = ud;
    if (lede_mem_take_hit() && lim->limit) {
        lim->hit = 1;
        return luaL_error(L, "not enough memory");
    }
    /* Lua's collector does not see the corpora's memory (a small userdata
     * holds megabytes): a loop of lede.parse would never collect the ones
     * it dropped. Collect once that memory has grown past the heap. */
    size_t ext = lede_mem_counted();
    size_t step = lim->used > ((size_t)64 << 20) ? lim->used : ((size_t)64 << 20);
    if (lim->limit && step > lim->limit / 4) step = lim->limit / 4;
    if (ext > lim->ext_at_gc + step) {
        lua_gc(L, LUA_GCCOLLECT);
        lim->ext_at_gc = lede_mem_counted();
    } else if (ext < lim->ext_at_gc) {
        lim->ext_at_gc = ext;
    }
    if (lim->limit && lim->used + lede_mem_counted() > lim->limit) {
        lim->hit = 1;
        return luaL_error(L, "not enough memory");
    }
    return 0;
}

/* ------------------------------------------------- readable paths */

/* What a sandboxed script may read: regular files under the corpus paths
 * and script arguments given on the command line, the --rules paths, the
 * script roots (LEDE_PATH, the bundled scripts/) and the running script's
 * own folder. Kept as real paths (symbolic links resolved), process-wide:
 * the -j workers' states read the same list. */
typedef struct {
    char *real;
    int dir;            /* a folder: everything under it; else the file only */
} allowed_path;

static allowed_path *g_allowed;
static size_t g_nallowed, g_capallowed;
static pthread_mutex_t g_allowed_lock = PTHREAD_MUTEX_INITIALIZER;

void lede_host_allow_path(const char *path)
{
    if (!path || !strcmp(path, "-")) return;
    char *real = realpath(path, NULL);
    struct stat st;
    if (!real) {
        /* a root that does not exist (the install dir of a build tree):
         * kept as written, so looking inside it fails as "not found" */
        if (path[0] != '/' || !(real = strdup(path))) return;
        st.st_mode = S_IFDIR;
    } else if (stat(real, &st) != 0) {
        free(real);
        return;
    }
    pthread_mutex_lock(&g_allowed_lock);
    for (size_t i = 0; i < g_nallowed; i++)
        if (!strcmp(g_allowed[i].real, real)) {
            pthread_mutex_unlock(&g_allowed_lock);
            free(real);
            return;
        }
    if (g_nallowed == g_capallowed) {
        allowed_path *n = lede_grow(g_allowed, &g_capallowed, sizeof *n, 16);
        if (!n) {
            pthread_mutex_unlock(&g_allowed_lock);
            free(real);
            return;
        }
        g_allowed = n;
    }
    g_allowed[g_nallowed].real = real;
    g_allowed[g_nallowed].dir = S_ISDIR(st.st_mode);
    g_nallowed++;
    pthread_mutex_unlock(&g_allowed_lock);
}

static int under_allowed(const char *real)
{
    int ok = 0;
    pthread_mutex_lock(&g_allowed_lock);
    for (size_t i = 0; i < g_nallowed && !ok; i++) {
        const char *a = g_allowed[i].real;
        size_t len = strlen(a);
        if (!strcmp(real, a)) ok = 1;
        else if (g_allowed[i].dir && strncmp(real, a, len) == 0 &&
                 (real[len] == '/' || (len == 1 && a[0] == '/')))
            ok = 1;
    }
    pthread_mutex_unlock(&g_allowed_lock);
    return ok;
}

/* May a sandboxed script read path as kind? Returns NULL or the reason. */
static const char *read_refusal(const char *path, int kind)
{
    if (kind != LEDE_READ_FILE && !strcmp(path, "-")) return NULL;   /* stdin */
    char *real = realpath(path, NULL);
    if (!real) {
        /* a missing file under an allowed folder fails as it would
         * anyway; elsewhere not even its absence is told. The nearest
         * existing folder above it decides. */
        int err = errno;
        if (err != ENOENT && err != ENOTDIR)
            return "only files under the corpus paths, the script roots and the "
                   "script's folder may be read";
        char *copy = strdup(path);
        if (!copy) return "out of memory";
        int ok = under_allowed(path);      /* a root that does not exist */
        while (!ok) {
            char *slash = strrchr(copy, '/');
            if (!slash) {
                char *rp = realpath(".", NULL);
                ok = rp && under_allowed(rp);
                free(rp);
                break;
            }
            if (slash == copy) slash[1] = '\0';
            else *slash = '\0';
            char *rp = realpath(copy, NULL);
            if (rp) {
                ok = under_allowed(rp);
                free(rp);
                break;
            }
            if (slash == copy) break;
        }
        free(copy);
        return ok ? NULL : "only files under the corpus paths, the script roots and the "
                           "script's folder may be read";
    }
    const char *why = NULL;
    struct stat st;
    if (!under_allowed(real))
        why = "only files under the corpus paths, the script roots and the script's folder "
              "may be read";
    else if (stat(real, &st) != 0)
        why = NULL;                        /* fails as it would anyway */
    else if (S_ISDIR(st.st_mode) ? kind == LEDE_READ_FILE : !S_ISREG(st.st_mode))
        why = S_ISDIR(st.st_mode) ? "a folder, not a file" : "not a regular file";
    else if (!S_ISDIR(st.st_mode) && kind == LEDE_READ_DIR)
        why = "not a folder";
    free(real);
    return why;
}

int lede_host_check_read(lua_State *L, const char *what, const char *path, int kind)
{
    if (!state_sandboxed(L)) return 0;
    const char *why = read_refusal(path, kind);
    if (why)
        return luaL_error(L, "sandbox: %s(\"%s\"): %s (run with --no-sandbox to allow it)",
                          what, path, why);
    return 0;
}

/* ------------------------------------------------------------ sandbox */

static int denied(lua_State *L)
{
    return luaL_error(L, "sandbox: %s is not allowed (run with --no-sandbox to allow it)",
                      lua_tostring(L, lua_upvalueindex(1)));
}

static void deny(lua_State *L, const char *lib, const char *fn)
{
    lua_getglobal(L, lib);
    lua_pushfstring(L, "%s.%s", lib, fn);
    lua_pushcclosure(L, denied, 1);
    lua_setfield(L, -2, fn);
    lua_pop(L, 1);
}

/* io.open for reading only. */
static int io_open_ro(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *mode = luaL_optstring(L, 2, "r");
    if (strpbrk(mode, "wa+"))
        return luaL_error(L, "sandbox: io.open(\"%s\", \"%s\"): writing files is not allowed",
                          path, mode);
    lede_host_check_read(L, "io.open", path, LEDE_READ_FILE);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* io.lines(path) and io.input(path) read only what io.open may. Upvalue 1
 * is the original, upvalue 2 its name. */
static int io_read_checked(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING)
        lede_host_check_read(L, lua_tostring(L, lua_upvalueindex(2)), lua_tostring(L, 1),
                             LEDE_READ_FILE);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static void wrap_read(lua_State *L, const char *fn, const char *name)
{
    lua_getglobal(L, "io");
    lua_getfield(L, -1, fn);
    lua_pushstring(L, name);
    lua_pushcclosure(L, io_read_checked, 2);
    lua_setfield(L, -2, fn);
    lua_pop(L, 1);
}

/* os.getenv: only lede's own settings (LEDE_*); the rest of the
 * environment (tokens, keys, home) is not the script's to read. */
static int getenv_lede(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    const char *v = strncmp(name, "LEDE_", 5) == 0 ? getenv(name) : NULL;
    if (v) lua_pushstring(L, v);
    else lua_pushnil(L);
    return 1;
}

/* io.output(file handle) is fine; io.output("path") would create a file. */
static int io_output_ro(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING)
        return luaL_error(L, "sandbox: io.output(\"%s\"): writing files is not allowed",
                          lua_tostring(L, 1));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* load/loadfile with the mode forced to text: a crafted binary chunk can
 * crash the Lua VM. */
static int load_text(lua_State *L)
{
    int which = (int)lua_tointeger(L, lua_upvalueindex(2));   /* arg index of mode */
    if (which == 2 && lua_type(L, 1) == LUA_TSTRING)             /* loadfile(path) */
        lede_host_check_read(L, "loadfile", lua_tostring(L, 1), LEDE_READ_FILE);
    lua_settop(L, which > lua_gettop(L) ? which : lua_gettop(L));
    lua_pushstring(L, "t");
    lua_replace(L, which);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* dofile(path) for text chunks only. */
static int dofile_text(lua_State *L)
{
    const char *fname = luaL_optstring(L, 1, NULL);
    if (fname) lede_host_check_read(L, "dofile", fname, LEDE_READ_FILE);
    lua_settop(L, 1);
    if (luaL_loadfilex(L, fname, "t") != LUA_OK) return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* require's searcher for Lua files, text chunks only (Lua's own accepts
 * precompiled ones): package.searchpath over package.path, then
 * luaL_loadfilex(..., "t"). Upvalue 1 is the package table. */
static int searcher_text(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    int pkg = lua_upvalueindex(1);
    lua_getfield(L, pkg, "path");
    if (!lua_isstring(L, -1)) return luaL_error(L, "'package.path' must be a string");
    lua_getfield(L, pkg, "searchpath");
    if (!lua_isfunction(L, -1)) return luaL_error(L, "'package.searchpath' must be a function");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 2);                         /* filename | nil, message */
    if (lua_isnil(L, -2)) return 1;            /* the "no file ..." list */
    const char *filename = lua_tostring(L, -2);
    if (!filename) return luaL_error(L, "'package.searchpath' must return a file name");
    lede_host_check_read(L, "require", filename, LEDE_READ_FILE);
    if (luaL_loadfilex(L, filename, "t") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, filename,
                          lua_tostring(L, -1));
    lua_pushstring(L, filename);               /* second argument of the loader */
    return 2;
}

static void wrap(lua_State *L, const char *lib, const char *fn, lua_CFunction with, int extra)
{
    if (lib) lua_getglobal(L, lib);
    else lua_pushglobaltable(L);
    lua_getfield(L, -1, fn);
    if (extra) {
        lua_pushinteger(L, extra);
        lua_pushcclosure(L, with, 2);
    } else {
        lua_pushcclosure(L, with, 1);
    }
    lua_setfield(L, -2, fn);
    lua_pop(L, 1);
}

static void apply_sandbox(lua_State *L)
{
    deny(L, "os", "execute");
    deny(L, "os", "remove");
    deny(L, "os", "rename");
    deny(L, "os", "tmpname");
    deny(L, "io", "popen");
    deny(L, "io", "tmpfile");
    wrap(L, "io", "open", io_open_ro, 0);
    wrap(L, "io", "output", io_output_ro, 0);
    wrap_read(L, "lines", "io.lines");
    wrap_read(L, "input", "io.input");
    lua_getglobal(L, "os");
    lua_pushcfunction(L, getenv_lede);
    lua_setfield(L, -2, "getenv");
    lua_pop(L, 1);
    wrap(L, NULL, "load", load_text, 3);
    wrap(L, NULL, "loadfile", load_text, 2);
    lua_pushcfunction(L, dofile_text);
    lua_setglobal(L, "dofile");
    /* No C modules: only the preload searcher and a text-only Lua-file
     * searcher stay (Lua's own loads precompiled chunks, which Lua does not
     * verify: crafted bytecode crashes the VM). */
    lua_getglobal(L, "package");
    lua_pushstring(L, "");
    lua_setfield(L, -2, "cpath");
    lua_pushnil(L);
    lua_setfield(L, -2, "loadlib");
    lua_getfield(L, -1, "searchers");
    lua_pushnil(L);
    lua_rawseti(L, -2, 4);
    lua_pushnil(L);
    lua_rawseti(L, -2, 3);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, searcher_text, 1);
    lua_rawseti(L, -2, 2);
    lua_pop(L, 2);
    state_limits(L)->sandbox = 1;
    /* debug.sethook would lift the instruction limit; keep traceback. */
    lua_getglobal(L, "debug");
    lua_getfield(L, -1, "traceback");
    lua_createtable(L, 0, 1);
    lua_insert(L, -2);
    lua_setfield(L, -2, "traceback");
    lua_setglobal(L, "debug");
    lua_pop(L, 1);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "loaded");
    lua_getglobal(L, "debug");
    lua_setfield(L, -2, "debug");
    lua_pop(L, 2);
}

lua_State *lede_host_new(const lede_host_opts *opts)
{
    limits *lim = calloc(1, sizeof *lim);
    if (!lim) return NULL;
    lim->limit = opts->max_memory;
    /* the same limit for corpora and file buffers, process-wide */
    if (opts->max_memory) lede_mem_set_limit(opts->max_memory);
    lim->max_steps = opts->max_instructions;
    lim->max_seconds = opts->max_seconds;
    lim->max_cpu = opts->max_cpu_seconds;
    if (opts->sandbox) {
        if (lim->max_seconds <= 0) lim->max_seconds = LEDE_SANDBOX_SECONDS;
        if (lim->max_cpu <= 0) lim->max_cpu = LEDE_SANDBOX_SECONDS;
    }
    /* valgrind cannot see inside the pool: tests/valgrind.sh turns it off */
    const char *np = getenv("LEDE_NO_POOL");
    lim->no_pool = np && *np && strcmp(np, "0") != 0;
    lua_State *L = lua_newstate(limited_alloc, lim);
    if (!L) {
        lede_pool_free(&lim->pool);
        free(lim);
        return NULL;
    }
    luaL_openlibs(L);
    /* Generational collection: the rules make thousands of short-lived
     * tables per article, which a minor cycle frees without walking what
     * the corpus keeps alive (an incremental cycle walks all of it, and
     * let the heap grow to 3x the live data between cycles). Measured on
     * 3,000 articles of the bench corpus against the incremental 3x:
     * less CPU and a lower peak (see the commit that made it so). */
    lua_gc(L, LUA_GCGEN, 0, 0);
    /* always: the hook also checks the watchdog and lede.budget */
    lim->every = STEP_GRAIN;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, STEP_GRAIN);
    luaL_requiref(L, "lede", luaopen_lede, 1);
    lua_pushcfunction(L, l_budget);
    lua_setfield(L, -2, "budget");
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
     * ahead of Lua's defaults, so `require "lib.output"` finds ours. */
    const char *roots[32];
    int n = lede_host_roots(opts->argv0, roots, 32);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; i < n; i++) {
        luaL_addstring(&b, roots[i]);
        luaL_addstring(&b, "/?.lua;");
        luaL_addstring(&b, roots[i]);
        luaL_addstring(&b, "/?/init.lua;");
    }
    luaL_pushresult(&b);                       /* prefix */
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s%s", lua_tostring(L, -3), lua_tostring(L, -1));
    lua_setfield(L, -3, "path");
    lua_pop(L, 3);

    /* lede.roots and the rule files the annotation layer will load. */
    lua_getglobal(L, "lede");
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        lua_pushstring(L, roots[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "roots");
    lua_getfield(L, -1, "options");
    lua_newtable(L);
    int k = 0;
    if (!opts->no_default_rules) k = push_rule_files(L, roots, n, k);
    for (int i = 0; i < opts->nrules; i++) k = push_user_rules(L, opts->rules[i], k);
    lua_setfield(L, -2, "rule_files");
    lua_pop(L, 2);

    /* What a sandboxed script may read (lede_host_check_read). */
    for (int i = 0; i < n; i++) lede_host_allow_path(roots[i]);
    for (int i = 0; i < opts->nrules; i++) lede_host_allow_path(opts->rules[i]);

    /* The sandbox goes on before any Lua file runs: lib/annotate.lua and
     * every module and rule it loads may come from a LEDE_PATH root. */
    lua_pushboolean(L, opts->sandbox);
    lua_getglobal(L, "lede");
    lua_getfield(L, -1, "options");
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "sandbox");
    lua_pop(L, 3);
    if (opts->sandbox) apply_sandbox(L);

    /* The annotation layer adds article:entities() & co. to the object
     * model; it is Lua (scripts/lib/annotate.lua) so users can read it. */
    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.annotate");
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (msg && !strstr(msg, "module 'lib.annotate' not found"))
            fprintf(stderr, "lede: %s\n", msg);
        lua_pop(L, 1);
    }
    return L;
}

void lede_host_close(lua_State *L)
{
    if (!L) return;
    limits *lim = state_limits(L);
    lua_close(L);           /* __gc finalizers run here: still watched */
    lede_watchdog_disarm(L);
    lede_pool_free(&lim->pool);
    free(lim);
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
    /* the corpus given on the command line is not the script's memory:
     * not counted for --max-memory */
    lede_mem_exempt(1);
    lede_corpus *c = lede_corpus_new();
    if (!c) {
        lede_mem_exempt(0);
        return NULL;
    }
    if (opts->quiet) c->diag = quiet_diag;
    c->sink = opts->sink;
    c->sink_ud = opts->sink_ud;
    c->shard_i = opts->shard_i;
    c->shard_n = opts->shard_n;
    size_t failed = 0;
    for (int i = 0; i < npaths; i++) lede_host_allow_path(paths[i]);
    lede_progress_phase("reading", 0, lede_progress_input_size(paths, npaths));
    if (opts->jobs > 1) {
        failed = lede_corpus_add_paths_parallel(c, paths, npaths, opts->jobs);
    } else {
        for (int i = 0; i < npaths; i++)
            if (lede_corpus_add_path(c, paths[i]) != 0) failed++;
    }
    lede_mem_exempt(0);
    /* Errors inside a folder (unreadable file) count as input errors too. */
    *input_errors = failed > c->nerrors ? failed : c->nerrors;
    *input_errors += c->nrejected;           /* files no reader took (warned) */
    return c;
}

lede_stream *lede_host_stream(const lede_host_opts *opts, char **paths, int npaths)
{
    lede_stream *s = lede_stream_new(opts->quiet ? quiet_diag : NULL, NULL);
    if (!s) return NULL;
    lede_stream_shard(s, opts->shard_i, opts->shard_n);
    for (int i = 0; i < npaths; i++) lede_host_allow_path(paths[i]);
    for (int i = 0; i < npaths; i++)
        if (lede_stream_add_path(s, paths[i]) != 0) {
            lede_stream_free(s);
            return NULL;
        }
    return s;
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
    /* a sandboxed script reads its own folder and the paths it was given */
    char *dir = realpath(path, NULL);
    if (dir) {
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) *slash = '\0';
        lede_host_allow_path(dir);
        free(dir);
    }
    for (int i = 0; i < nargs; i++) lede_host_allow_path(script_args[i]);

    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "lede: %s: cannot open script: %s\n", path, strerror(errno));
        return LEDE_EXIT_USAGE;
    }
    fclose(f);
    /* sandboxed: text only, a crafted binary chunk crashes the VM */
    if (luaL_loadfilex(L, path, state_limits(L)->sandbox ? "t" : NULL) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (msg && strstr(msg, "attempt to load a binary chunk"))
            fprintf(stderr, "lede: %s: %s: sandboxed scripts must be Lua source, not bytecode\n",
                    path, msg);
        else
            fprintf(stderr, "lede: %s\n", msg);
        lua_pop(L, 1);
        return LEDE_EXIT_SCRIPT;
    }
    for (int i = 0; i < nargs; i++) lua_pushstring(L, script_args[i]);
    /* watched until lede_host_close, through the finalizers lua_close runs */
    limits *lim = state_limits(L);
    if (lede_watchdog_arm(L, lim->max_seconds, lim->max_cpu, path) != 0)
        fprintf(stderr, "lede: warning: cannot start the watchdog thread: no time limits\n");
    if (lede_host_pcall(L, nargs, 0) != LUA_OK) return LEDE_EXIT_SCRIPT;
    return LEDE_EXIT_OK;
}
