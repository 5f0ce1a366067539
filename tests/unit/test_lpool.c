/* test_lpool.c — the small-block allocator behind every Lua state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lua/lua_pool.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifdef HAVE_ASAN
#include <sanitizer/asan_interface.h>
#endif

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static void *rl(lede_pool *p, void *ptr, size_t o, size_t n)
{
    return lede_pool_realloc(p, ptr, o, n);
}

static void test_small_blocks_reused_lifo(void **state)
{
    (void)state;
    lede_pool p = {0};
    char *a = rl(&p, NULL, 0, 40);
    char *b = rl(&p, NULL, 0, 40);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    memset(a, 'a', 40);
    memset(b, 'b', 40);
    rl(&p, a, 40, 0);
    /* the same class (33..48 bytes) gets the freed block back */
    char *c = rl(&p, NULL, 0, 33);
    assert_ptr_equal(c, a);
    assert_memory_equal(b, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 40);
    /* another class does not */
    char *d = rl(&p, NULL, 0, 100);
    assert_ptr_not_equal(d, a);
    lede_pool_free(&p);
    assert_null(p.slabs);
}

static void test_alignment(void **state)
{
    (void)state;
    lede_pool p = {0};
    for (size_t n = 1; n <= LEDE_POOL_MAX; n += 7) {
        void *b = rl(&p, NULL, 0, n);
        assert_non_null(b);
        assert_int_equal((uintptr_t)b % LEDE_POOL_GRAIN, 0);
    }
    lede_pool_free(&p);
}

static void test_resize_keeps_contents(void **state)
{
    (void)state;
    lede_pool p = {0};
    char *b = rl(&p, NULL, 0, 20);
    memcpy(b, "0123456789abcdefghi", 20);
    /* same class: resized in place */
    char *same = rl(&p, b, 20, 30);
    assert_ptr_equal(same, b);
    /* small to bigger small */
    char *mid = rl(&p, same, 30, 200);
    assert_string_equal(mid, "0123456789abcdefghi");
    /* small to large (malloc) */
    char *big = rl(&p, mid, 200, 5000);
    assert_string_equal(big, "0123456789abcdefghi");
    memset(big + 20, 'x', 4980);
    /* large to larger */
    big = rl(&p, big, 5000, 100000);
    assert_string_equal(big, "0123456789abcdefghi");
    /* large to small: back into the pool, truncated */
    char *small = rl(&p, big, 100000, 10);
    assert_memory_equal(small, "0123456789", 10);
    assert_null(rl(&p, small, 10, 0));
    lede_pool_free(&p);
}

static void test_many_slabs(void **state)
{
    (void)state;
    lede_pool p = {0};
    enum { N = 20000 };
    static void *blocks[N];
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 37) % LEDE_POOL_MAX;
        blocks[i] = rl(&p, NULL, 0, n);
        assert_non_null(blocks[i]);
        memset(blocks[i], i & 0xff, n);
    }
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 37) % LEDE_POOL_MAX;
        unsigned char *c = blocks[i];
        assert_int_equal(c[0], i & 0xff);
        assert_int_equal(c[n - 1], i & 0xff);
    }
    for (int i = 0; i < N; i += 2) rl(&p, blocks[i], 1 + (size_t)(i * 37) % LEDE_POOL_MAX, 0);
    lede_pool_free(&p);
}

/* Under AddressSanitizer a freed block and the bytes past a block's size
 * are poisoned, so the bindings' mistakes in Lua memory are still caught. */
static void test_poisoned_when_free(void **state)
{
    (void)state;
#ifdef HAVE_ASAN
    lede_pool p = {0};
    char *a = rl(&p, NULL, 0, 24);
    assert_false(__asan_address_is_poisoned(a));
    assert_false(__asan_address_is_poisoned(a + 23));
    assert_true(__asan_address_is_poisoned(a + 24));   /* the class is 32 */
    rl(&p, a, 24, 0);
    assert_true(__asan_address_is_poisoned(a + 8));
    char *b = rl(&p, NULL, 0, 32);                      /* a again, whole */
    assert_ptr_equal(a, b);
    assert_false(__asan_address_is_poisoned(b + 31));
    lede_pool_free(&p);
#else
    skip();
#endif
}

static void *lua_pool_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    return lede_pool_realloc(ud, ptr, osize, nsize);
}

/* A Lua state on the pool: strings, tables and closures churn and stay intact. */
static void test_lua_state(void **state)
{
    (void)state;
    lede_pool p = {0};
    lua_State *L = lua_newstate(lua_pool_alloc, &p);
    assert_non_null(L);
    luaL_openlibs(L);
    const char *code =
        "local t = {}\n"
        "for i = 1, 50000 do t[i % 1000 + 1] = { s = ('x'):rep(i % 300) .. i, f = function() return i end } end\n"
        "local n = 0\n"
        "for _, v in ipairs(t) do n = n + #v.s + v.f() % 7 end\n"
        "collectgarbage()\n"
        "return n";
    assert_int_equal(luaL_dostring(L, code), LUA_OK);
    assert_true(lua_tointeger(L, -1) > 0);
    lua_close(L);
    lede_pool_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_blocks_reused_lifo),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_resize_keeps_contents),
        cmocka_unit_test(test_many_slabs),
        cmocka_unit_test(test_poisoned_when_free),
        cmocka_unit_test(test_lua_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
