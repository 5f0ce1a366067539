/* test_lua_getters.c — the field getters of tokens, sentences and articles
 * trust the class of their object, which the class's __index checked
 * (src/lua/lua_common.c): an object of another class handed to a class's
 * __index or metamethods must be an error, never a read of the wrong C
 * struct. Scripts cannot reach the metatables (__metatable hides them,
 * and the debug library is cut down); C can, so the test is here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lbind.h"

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* A state with lede and, in globals t, s, a: a token, its sentence, its article. */
static lua_State *objects(void)
{
    lua_State *L = luaL_newstate();
    assert_non_null(L);
    luaL_openlibs(L);
    luaL_requiref(L, "lede", luaopen_lede, 1);
    lua_pop(L, 1);
    const char *setup = "a = lede.parse('Alpha beta gamma. Delta epsilon.', {quiet = true})[1]\n"
                        "s = a:sentences()[1]\n"
                        "t = s:tokens()[1]\n";
    assert_int_equal(luaL_dostring(L, setup), LUA_OK);
    return L;
}

/* Call metamethod mm of the class of global `cls` with global `arg` (and
 * key when not NULL); returns the status and leaves the result or error. */
static int call_mm(lua_State *L, const char *cls, const char *mm, const char *arg, const char *key)
{
    lua_getglobal(L, cls);
    assert_true(lua_getmetatable(L, -1));
    lua_getfield(L, -1, mm);
    assert_int_equal(lua_type(L, -1), LUA_TFUNCTION);
    lua_getglobal(L, arg);
    int n = 1;
    if (key) {
        lua_pushstring(L, key);
        n = 2;
    }
    return lua_pcall(L, n, 1, 0);
}

static void expect_error(lua_State *L, const char *cls, const char *mm, const char *arg,
                         const char *key, const char *msg)
{
    int top = lua_gettop(L);
    assert_int_not_equal(call_mm(L, cls, mm, arg, key), LUA_OK);
    const char *err = lua_tostring(L, -1);
    assert_non_null(err);
    if (!strstr(err, msg)) fail_msg("error \"%s\" does not name \"%s\"", err, msg);
    lua_settop(L, top);
}

static void test_wrong_class_is_an_error(void **state)
{
    (void)state;
    lua_State *L = objects();
    expect_error(L, "t", "__index", "s", "text", "lede object of this class");
    expect_error(L, "t", "__index", "a", "kind", "lede object of this class");
    expect_error(L, "s", "__index", "t", "text", "lede object of this class");
    expect_error(L, "a", "__index", "s", "title", "lede object of this class");
    expect_error(L, "t", "__tostring", "s", NULL, "lede.Token expected");
    expect_error(L, "s", "__tostring", "t", NULL, "lede.Sentence expected");
    expect_error(L, "t", "__tojson", "a", NULL, "lede.Token expected");
    expect_error(L, "s", "__tojson", "t", NULL, "lede.Sentence expected");
    lua_close(L);
}

static void test_right_class_reads_fields(void **state)
{
    (void)state;
    lua_State *L = objects();
    assert_int_equal(call_mm(L, "t", "__index", "t", "text"), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "Alpha");
    lua_settop(L, 0);
    assert_int_equal(call_mm(L, "s", "__index", "s", "text"), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "Alpha beta gamma.");
    lua_settop(L, 0);
    assert_int_equal(call_mm(L, "a", "__index", "a", "index"), LUA_OK);
    assert_int_equal(lua_tointeger(L, -1), 1);
    lua_settop(L, 0);
    assert_int_equal(call_mm(L, "t", "__tostring", "t", NULL), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "Alpha");
    lua_settop(L, 0);
    assert_int_equal(luaL_dostring(L, "return t.kind .. ' ' .. t.lower .. ' ' .. s.index .. ' '"
                                      " .. tostring(t.sentence == s) .. ' ' .. #a"), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "word alpha 1 true 2");
    lua_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrong_class_is_an_error),
        cmocka_unit_test(test_right_class_reads_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
