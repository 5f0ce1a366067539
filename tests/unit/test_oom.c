/*
 * test_oom.c — every allocation failure is handled (the SQLite way).
 *
 * The test binary is linked with -Wl,--wrap for malloc, calloc, realloc,
 * strdup and strndup, so every allocation the lede core makes goes through
 * the wrappers below; cJSON's too, through cJSON_InitHooks. Each scenario
 * runs with allocation number N failing, for N = 1, 2, 3, ... until a run
 * completes without reaching N. Every run must end cleanly: an error code
 * or a diagnostic, never a crash, and (under the sanitizer build) no leak.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "lede/lede.h"
#include "lua/lua_pool.h"

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static long g_count;      /* allocations so far in this run */
static long g_fail_at;    /* 0: never fail */
static int g_failed;      /* the failure was injected */

static int should_fail(void)
{
    g_count++;
    if (g_fail_at && g_count == g_fail_at) {
        g_failed = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n)
{
    if (n == 0) return __real_realloc(p, n);
    return should_fail() ? NULL : __real_realloc(p, n);
}
char *__wrap_strdup(const char *s) { return should_fail() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return should_fail() ? NULL : __real_strndup(s, n); }

static void quiet(void *ud, int level, const char *path, long line, long offset, const char *msg)
{
    (void)ud; (void)level; (void)path; (void)line; (void)offset; (void)msg;
}

/* Run scenario with the Nth allocation failing, for every N it reaches. */
static void exhaust(void (*scenario)(void), long *runs)
{
    for (long n = 1;; n++) {
        g_count = 0;
        g_failed = 0;
        g_fail_at = n;
        scenario();
        g_fail_at = 0;
        if (!g_failed) {
            *runs = n;
            return;
        }
        assert_true(n < 200000);
    }
}

/* ------------------------------------------------------------ scenarios */

static void load_sample(void)
{
    lede_corpus *c = lede_corpus_new();
    if (!c) return;
    c->diag = quiet;
    (void)lede_corpus_add_path(c, LEDE_TEST_DATA "/kosovo/002_38c80cf8b5a01419.txt");
    /* whatever happened, what is there is consistent */
    for (size_t i = 0; i < c->narticles; i++) {
        const lede_article *a = c->articles[i];
        /* tokens are made again on demand: that may be the failing one */
        const lede_token *t = lede_article_tokens(a);
        assert_true(a->ntokens == 0 || t != NULL || g_failed);
        assert_true(a->nsentences == 0 || a->sentences != NULL);
    }
    lede_corpus_free(c);
}

static void load_jsonl(void)
{
    static const char src[] =
        "{\"id\": \"a\", \"text\": \"First article. It has two sentences.\", \"title\": \"T\", "
        "\"date\": \"2024-03-05\", \"categories\": [\"x\", \"y\"]}\n"
        "{\"text\": broken\n"
        "{\"id\": \"c\", \"text\": \"Clean text.\\n\\nSecond paragraph.\", \"clean\": true, "
        "\"index\": 7, \"annotations\": [{\"kind\": \"X\", \"start\": 1, \"stop\": 5}]}\n";
    lede_corpus *c = lede_corpus_new();
    if (!c) return;
    c->diag = quiet;
    (void)lede_corpus_add_jsonl(c, "x.jsonl", src, sizeof src - 1);
    lede_corpus_free(c);
}

static void repair_utf8(void)
{
    lede_arena *a = lede_arena_new();
    if (!a) return;
    size_t len, nbad, first;
    (void)lede_utf8_repair(a, "bad \xff bytes \xfe here", 18, &len, &nbad, &first);
    uint32_t *map;
    (void)lede_normalize(a, "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 text", 20, &len, &map);
    lede_arena_free(a);
}

static void gazetteer(void)
{
    lede_gazetteer *g = lede_gaz_new();
    if (!g) return;
    static const char *names[] = { "NATO", "Jens Stoltenberg", "Vjosa Osmani-Sadriu", "Kosovo Force",
                                   "European Union", "Geoană", "Pristina" };
    for (uint32_t i = 0; i < 7; i++)
        if (lede_gaz_add(g, names[i], strlen(names[i]), i + 1, i == 0 ? LEDE_GAZ_CASE : 0) == -1) break;
    const char *text = "NATO-led KFOR and Jens Stoltenberg met Vjosa Osmani-Sadriu in Pristina.";
    lede_tokvec tv = { 0 };
    if (lede_tokenize(text, 0, strlen(text), &tv) == 0) {
        lede_gazvec out = { 0 };
        (void)lede_gaz_match(g, text, tv.v, tv.n, &out);
        lede_gazvec_free(&out);
        /* shared atoms, matched over part of the sequence */
        lede_gaz_atoms *at = lede_gaz_atomize(text, tv.v, tv.n);
        if (at) {
            (void)lede_gaz_match_atoms(g, text, at, 2, tv.n, &out);
            lede_gazvec_free(&out);
            lede_gaz_atoms_free(at);
        }
    }
    lede_tokvec_free(&tv);
    lede_gaz_free(g);
}

static void stream(void)
{
    lede_stream *s = lede_stream_new(quiet, NULL);
    if (!s) return;
    if (lede_stream_add_path(s, LEDE_TEST_DATA "/kosovo/004_ecc3430881c5b6f9.txt") == 0) {
        lede_corpus *c;
        while ((c = lede_stream_next(s)) != NULL) lede_corpus_free(c);
    }
    lede_stream_free(s);
}

static void parallel(void)
{
    lede_corpus *c = lede_corpus_new();
    if (!c) return;
    c->diag = quiet;
    char *paths[] = { LEDE_TEST_DATA "/kosovo/001_5e1d57c8eee590f4.txt",
                      LEDE_TEST_DATA "/kosovo/004_ecc3430881c5b6f9.txt" };
    (void)lede_corpus_add_paths_parallel(c, paths, 2, 1);
    lede_corpus_free(c);
}

/* A Lua state on the small-block pool: a slab that cannot be had is a
 * Lua memory error, which the script's pcall reports; nothing leaks. */
static void *pool_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    return lede_pool_realloc(ud, ptr, osize, nsize);
}

static void lua_pool(void)
{
    lede_pool p = { 0 };
    lua_State *L = lua_newstate(pool_alloc, &p);
    if (L) {
        static const char code[] =
            "local t = {}\n"
            "for i = 1, 3000 do t[i] = { s = 'y' .. i .. 'z' .. (i * 7), i } end\n"
            "return #t";
        int rc = luaL_loadstring(L, code);
        if (rc == LUA_OK) rc = lua_pcall(L, 0, 1, 0);
        assert_true(rc == LUA_OK || rc == LUA_ERRMEM);
        if (rc == LUA_OK) assert_int_equal(lua_tointeger(L, -1), 3000);
        lua_close(L);
    }
    lede_pool_free(&p);
}

/* ---------------------------------------------------------------- tests */

#define SCENARIO_TEST(fn)                                                  \
    static void test_##fn(void **state)                                    \
    {                                                                      \
        (void)state;                                                       \
        long runs = 0;                                                     \
        exhaust(fn, &runs);                                                \
        print_message("  %s: %ld allocations, each one failed once\n", #fn, runs - 1); \
        assert_true(runs > 1);                                             \
    }

SCENARIO_TEST(load_sample)
SCENARIO_TEST(load_jsonl)
SCENARIO_TEST(repair_utf8)
SCENARIO_TEST(gazetteer)
SCENARIO_TEST(stream)
SCENARIO_TEST(parallel)
SCENARIO_TEST(lua_pool)

static void *hook_malloc(size_t n) { return __wrap_malloc(n); }
static void hook_free(void *p) { free(p); }

int main(void)
{
    cJSON_Hooks hooks = { hook_malloc, hook_free };
    cJSON_InitHooks(&hooks);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repair_utf8),
        cmocka_unit_test(test_gazetteer),
        cmocka_unit_test(test_load_jsonl),
        cmocka_unit_test(test_load_sample),
        cmocka_unit_test(test_stream),
        cmocka_unit_test(test_parallel),
        cmocka_unit_test(test_lua_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
